"""The live session speaks the lifter's unit (tester2 #4): in lb the back-off line shows
today's top set in lb as loads are shown, and the back-off prefill is the nearest load the
lifter's lb plates make. Headless, on a real Repository."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from backlegs_tui.domain.catalogue import PlanDraft, PlanItemDraft
from backlegs_tui.domain.model import SetEntry, SetType, Unit
from backlegs_tui.domain.units import to_kg
from backlegs_tui.services.live_session import EntryInput, LiveSession, start_session
from backlegs_tui.store.repository import Repository


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test's database starts as a copy of the migrated template."""


def lb_session(repo: Repository, clock, progression: str, lift: str = "Barbell back squat",
               last_lb: float = 250.0, last_reps: int = 6) -> LiveSession:
    repo.save_settings(replace(repo.settings(), unit=Unit.LB))
    plan = repo.add_plan(PlanDraft(name=f"P {progression}", items=(
        PlanItemDraft(lift, 3, 3, 6, 8, 8.0, progression=progression),
    )))
    when = clock() - timedelta(days=3)
    old = repo.start_session(plan.id, when)
    item = old.items[0]
    for _ in range(3):
        repo.log_set(old.id, SetEntry(item.exercise_id, SetType.WORKING, to_kg(last_lb, Unit.LB), last_reps, rpe=8,
                                      item_id=item.id, logged_at=when))
    repo.finish_session(old.id, when + timedelta(hours=1), 8)
    live = LiveSession(start_session(repo, plan.id, clock()), repo.settings(), clock)
    live.warmups[live.current_item().id] = False
    live.refresh()
    return live


def test_the_back_off_line_and_load_are_in_lb(repo: Repository, clock) -> None:
    live = lb_session(repo, clock, "topset 90")
    out = live.commit(repo, live.enter(EntryInput("255", "6", "8")))
    assert "★ New record: Barbell back squat" in out.message and "heaviest 255 lb (was 250 lb)" in out.message
    assert " kg" not in out.message
    assert live.next.reason == "back-off: 90 % of today's top set 255 lb"
    # 90 % of 255 lb is 229.5 lb: 230 lb is a bar of 45 and 92.5 a side (45 35 10 2.5)
    assert live.entry_fields()[0] == "230"


@pytest.mark.parametrize(("progression", "words"), [
    ("fixed", "fixed load: same 250 lb"),
    ("linear 2.5", "linear: +5 lb on last time's 250 lb"),
])
def test_the_other_plan_reasons_are_in_lb(repo: Repository, clock, progression: str, words: str) -> None:
    live = lb_session(repo, clock, progression)
    assert words in live.next.reason and " kg" not in live.next.reason


def test_double_progressions_step_is_in_lb(repo: Repository, clock) -> None:
    live = lb_session(repo, clock, "double", last_reps=8)
    assert "+5 lb" in live.next.reason and " kg" not in live.next.reason


def test_last_sessions_say_1_set_and_3_sets() -> None:
    from datetime import datetime

    from backlegs_tui.domain.history import ExerciseBlock, SessionDetail
    from backlegs_tui.ui.screens.session.start_panel import last_session_line

    def detail(n: int) -> SessionDetail:
        sets = tuple(SetEntry(1, SetType.WORKING, 100.0, 5, position=i) for i in range(n))
        start = datetime(2026, 12, 5, 10, 0)
        return SessionDetail(1, "Squat day", start, start.replace(minute=6), (ExerciseBlock(1, "Squat", sets),))

    one, three = last_session_line(detail(1), Unit.KG), last_session_line(detail(3), Unit.KG)
    assert "  1 set " in one and "sets" not in one
    assert "  3 sets " in three
    assert one.index("500 kg") == three.index("1,500 kg") + 2, "the columns stay aligned"


def test_a_record_line_is_in_the_lifters_unit_and_an_e1rm_as_estimates_are_shown() -> None:
    from backlegs_tui.domain.loads import Best, record_text
    from backlegs_tui.domain.model import LoadKind, SetEntry, SetType

    before = Best(e1rm=150.0, heaviest=122.5)
    slip = SetEntry(1, SetType.WORKING, 692.5, 8, rpe=8)
    assert record_text(LoadKind.WEIGHTED, slip, None, before) == (
        "record: e1RM 937 kg (was 150 kg); heaviest 692.5 kg (was 122.5 kg)")
    lb = SetEntry(1, SetType.WORKING, 255 / 2.20462262, 1, rpe=10)  # 255 lb, stored in kg
    assert record_text(LoadKind.WEIGHTED, lb, None, Best(e1rm=100.0, heaviest=253.5 / 2.20462262), Unit.LB) == (
        "record: e1RM 255 lb (was 220 lb); heaviest 255 lb (was 253.5 lb)")
