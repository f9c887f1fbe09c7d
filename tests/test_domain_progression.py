"""Double progression: add load once every working set reaches the top of the range."""

from __future__ import annotations

import pytest

from backlegs_tui.domain.model import SetEntry, SetType
from backlegs_tui.domain.progression import double_progression


def _sets(weight: float, reps: list[int], rpe: float | None = None, **kw) -> list[SetEntry]:
    return [SetEntry(1, SetType.WORKING, weight, r, rpe, **kw) for r in reps]


def test_all_sets_at_the_top_add_the_increment_and_restart_at_the_bottom() -> None:
    s = double_progression(_sets(100, [8, 8, 8], 8), 5, 8, 8.0, 2.5)
    assert (s.weight_kg, s.reps) == (102.5, 5)
    assert "+2.5 kg" in s.reason


@pytest.mark.parametrize(("reps", "next_reps"), [([8, 7, 6], 7), ([5, 5, 5], 6), ([4, 4, 3], 5), ([8, 8, 7], 8)])
def test_short_of_the_top_keeps_the_weight_and_adds_a_rep(reps: list[int], next_reps: int) -> None:
    s = double_progression(_sets(100, reps, 8), 5, 8, 8.0, 2.5)
    assert (s.weight_kg, s.reps) == (100, next_reps)
    assert "not every set" in s.reason


def test_top_reps_above_the_target_rpe_repeats_the_top_of_the_range() -> None:
    s = double_progression(_sets(100, [8, 8, 8], 9.5), 5, 8, 8.0, 2.5)
    assert (s.weight_kg, s.reps) == (100, 8)
    assert "RPE" in s.reason


def test_rir_counts_as_rpe() -> None:
    assert double_progression(_sets(100, [8, 8], rir=2), 5, 8, 8.0, 2.5).weight_kg == 102.5
    assert double_progression(_sets(100, [8, 8], rir=0.5), 5, 8, 8.0, 2.5).weight_kg == 100


def test_no_target_rpe_or_unrated_sets_progress_on_reps_alone() -> None:
    assert double_progression(_sets(100, [8, 8]), 5, 8, None, 2.5).weight_kg == 102.5
    assert double_progression(_sets(100, [8, 8]), 5, 8, 8.0, 2.5).weight_kg == 102.5


def test_only_the_heaviest_working_sets_count_and_warm_ups_are_ignored() -> None:
    sets = [
        SetEntry(1, SetType.WARMUP, 60, 3),
        *_sets(100, [8, 8], 8),
        SetEntry(1, SetType.DROP, 80, 6, 10),  # a back-off set does not hold progress back
    ]
    assert double_progression(sets, 5, 8, 8.0, 5).weight_kg == 105


@pytest.mark.parametrize("sets", [[], [SetEntry(1, SetType.WARMUP, 60, 5)], _sets(100, [0])])
def test_no_history_gives_no_suggestion(sets) -> None:
    assert double_progression(sets, 5, 8, 8.0, 2.5) is None


def test_bodyweight_added_load_from_zero() -> None:
    s = double_progression(_sets(0, [10, 10, 10], 8), 6, 10, 8.0, 2.5)
    assert (s.weight_kg, s.reps) == (2.5, 6)


def test_a_deload_prefill_says_its_share_without_brackets_in_brackets() -> None:
    """The warm-up line wraps the working set's reason in brackets: the deload reason has
    none of its own (it said "(deload: 90 % of 160 kg (same weight: ...))")."""
    from dataclasses import asdict

    from backlegs_tui.domain.catalogue import CATALOGUE
    from backlegs_tui.domain.model import Exercise, SessionItem, Settings
    from backlegs_tui.domain.session_logic import prefill

    squat = next(Exercise(id=1, **{k: v for k, v in asdict(d).items() if k != "alternatives"})
                 for d in CATALOGUE if d.name == "Barbell back squat")
    item = SessionItem(1, 0, 1, squat.name, 3, 5, 8, 8.0)
    last = [SetEntry(1, SetType.WORKING, 160, r, 8.0) for r in (8, 7, 6)]  # not every set at the top
    first = prefill(item, squat, [], last, Settings(), warmups_wanted=True, load_factor=0.9)
    assert first.set_type is SetType.WARMUP
    assert first.reason == "warm-up 1 of 4, then 145 kg x 7 (deload: 90 % of 160 kg, today's load without the deload)"
    working = prefill(item, squat, [], last, Settings(), warmups_wanted=False, load_factor=0.9)
    assert working.reason == "deload: 90 % of 160 kg, today's load without the deload"
    assert "(" not in working.reason
