"""Tester 3, finding 11: after `BW x 5 @9` on a 6-10 lift the next set's prefill is 6 (the
range's bottom) but the Plan line said `same as your last set`. The reason says what it does."""

from __future__ import annotations

from backlegs_tui.domain.model import Exercise, SessionItem, SetEntry, SetType
from backlegs_tui.domain.session_logic import working_weight_kg

PULL_UP = Exercise(1, "Pull-up", bodyweight=True)


def _next(reps_done: int, reps_min: int = 6, reps_max: int = 10) -> tuple[float | None, int, str]:
    item = SessionItem(1, 0, 1, PULL_UP.name, 3, reps_min, reps_max, 8.0)
    today = [SetEntry(1, SetType.WORKING, 0.0, reps_done, rpe=9, item_id=1)]
    return working_weight_kg(item, PULL_UP, today, [])


def test_reps_raised_to_the_range_do_not_say_same_as_your_last_set() -> None:
    weight, reps, why = _next(5)
    assert (weight, reps) == (0.0, 6)
    assert why == "same load as your last set; the plan asks 6-10 reps"


def test_reps_above_the_range_come_down_to_its_top_and_say_so() -> None:
    assert _next(12)[1:] == (10, "same load as your last set; the plan asks 6-10 reps")
    assert _next(7, 5, 5)[1:] == (5, "same load as your last set; the plan asks 5 reps")


def test_the_same_set_again_still_says_so() -> None:
    assert _next(8)[1:] == (8, "same as your last set")
    assert _next(10)[1:] == (10, "same as your last set")
