"""The plain data types: set types, RPE from RIR, target texts, settings."""

from __future__ import annotations

import pytest

from backlegs_tui.domain.model import PlanItem, SessionItem, SetEntry, SetType, Settings, Unit


def test_set_type_cycles_through_every_type() -> None:
    seen = [SetType.WORKING]
    for _ in range(len(SetType)):
        seen.append(seen[-1].next())
    assert seen[-1] is SetType.WORKING and set(seen) == set(SetType)


@pytest.mark.parametrize(
    ("set_type", "label", "short", "working"),
    [
        (SetType.WARMUP, "warm-up", "W", False),
        (SetType.WORKING, "working", "", True),
        (SetType.DROP, "drop", "D", True),
        (SetType.FAILURE, "failure", "F", True),
    ],
)
def test_set_type_labels(set_type: SetType, label: str, short: str, working: bool) -> None:
    assert (set_type.label, set_type.short) == (label, short)
    assert SetEntry(1, set_type, 100, 5).is_working is working


@pytest.mark.parametrize(
    ("rpe", "rir", "effective"),
    [(8.0, None, 8.0), (None, 2.0, 8.0), (None, 0.0, 10.0), (8.5, 0.0, 8.5), (None, None, None), (None, 12.0, 0.0)],
)
def test_effective_rpe(rpe, rir, effective) -> None:
    assert SetEntry(1, SetType.WORKING, 100, 5, rpe, rir).effective_rpe == effective


def test_target_texts() -> None:
    item = PlanItem(1, "Barbell back squat", 3, 4, 5, 8, target_rpe=8.0)
    assert item.target_text == "3-4 x 5-8 @ RPE 8"
    assert PlanItem(1, "Leg curl", 3, 3, 10, 10, target_rir=2).target_text == "3 x 10 @ 2 RIR"
    assert SessionItem(1, 0, 1, "Pull-up", 4, 6, 10, 8.5).target_text == "4 x 6-10 @ RPE 8.5"


def test_settings_defaults_follow_the_landmarks_table() -> None:
    lm = Settings().landmarks
    assert lm["back"] == (8, 10, 14, 22, 25)
    assert lm["quads"] == (6, 8, 12, 18, 20)
    assert lm["hamstrings"] == (4, 6, 10, 16, 20)
    assert lm["glutes"] == (0, 0, 4, 12, 16)
    assert Settings(unit=Unit.LB).bar == 45.0
