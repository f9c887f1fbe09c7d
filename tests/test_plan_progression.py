"""Per-item progressions and the session prefill (issue 10): double (default), fixed, linear,
top set with back-off sets; a deload lowers the load; each says why. The mesocycle's weeks
and deload weeks, every N or started on demand."""

from __future__ import annotations

from datetime import date

import pytest

from backlegs_tui.domain.model import PlanItem, SetEntry, SetType, Settings
from backlegs_tui.domain.progression import (
    Progression,
    deload_sets,
    is_deload_week,
    mesocycle_week,
    parse_progression,
    prefill,
)
from backlegs_tui.domain.validation import InputError

ITEM = PlanItem(1, "Barbell back squat", 3, 3, 5, 8, 8.0)
S = Settings()


def sets(*pairs: tuple[float, int], rpe: float | None = 8.0) -> list[SetEntry]:
    return [SetEntry(1, SetType.WORKING, w, r, rpe=rpe) for w, r in pairs]


@pytest.mark.parametrize(("text", "canon"), [
    ("", "double"), (None, "double"), ("DP", "double"), ("fixed", "fixed"), ("linear", "linear"),
    ("linear +5", "linear 5"), ("topset", "topset 90"), ("top-set 85%", "topset 85"),
])
def test_progression_text_reads_to_a_canonical_form(text: str | None, canon: str) -> None:
    assert parse_progression(text).text == canon
    assert parse_progression(canon) == parse_progression(text)


@pytest.mark.parametrize("bad", ["wave", "linear x", "linear 50", "topset 20", "fixed 3"])
def test_a_bad_progression_is_one_line(bad: str) -> None:
    with pytest.raises(InputError, match="Progression"):
        parse_progression(bad)


def test_double_progression_adds_the_increment_when_every_set_hit_the_top() -> None:
    p = prefill(None, ITEM, sets((100, 8), (100, 8), (100, 8)), S, False)
    assert (p.weight_kg, p.reps) == (102.5, 5) and p.why.startswith("double progression: all sets hit 8")
    p = prefill("double", ITEM, sets((100, 8), (100, 6)), S, False)
    assert (p.weight_kg, p.reps) == (100, 7) and "same weight" in p.why


def test_fixed_load_keeps_the_weight_and_adds_a_rep() -> None:
    p = prefill("fixed", ITEM, sets((100, 6), (100, 6)), S, False)
    assert (p.weight_kg, p.reps, p.why) == (100, 7, "fixed load: same 100 kg, aim for 7 reps")


def test_linear_adds_each_session_unless_a_set_fell_short() -> None:
    item = PlanItem(1, "Barbell back squat", 3, 3, 5, 5, 8.0)
    p = prefill(Progression("linear", 5.0), item, sets((100, 5), (100, 5)), S, False)
    assert (p.weight_kg, p.reps, p.why) == (105, 5, "linear: +5 kg on last time's 100 kg")
    p = prefill("linear", item, sets((100, 5), (100, 3)), S, False, increment_kg=2.5)
    assert (p.weight_kg, p.why) == (100, "linear: a set fell short of 5 reps last time, same 100 kg")


def test_top_set_then_back_off_sets_at_the_percentage() -> None:
    last = sets((140, 8), (125, 8), (125, 8))
    top = prefill("topset 90", ITEM, last, S, False, set_number=1)
    assert (top.weight_kg, top.reps) == (142.5, 5) and top.why.startswith("top set at RPE 8:")
    back = prefill("topset 90", ITEM, last, S, False, set_number=2)
    assert (back.weight_kg, back.reps, back.why) == (127.5, 8, "back-off set: 90 % of the top set")


def test_a_deload_lowers_the_load_and_sets_and_says_so() -> None:
    p = prefill(None, ITEM, sets((100, 8), (100, 8), (100, 8)), S, True)
    assert (p.weight_kg, p.why) == (90, "deload: about 90 % of last time's 100 kg")
    assert deload_sets(3, S) == 2 and deload_sets(1, S) == 1


def test_no_history_leaves_the_weight_to_the_lifter() -> None:
    p = prefill("linear 2.5", ITEM, [], S, False)
    assert p.weight_kg is None and p.reps == 5 and "no sets last time" in p.why


def test_mesocycle_weeks_and_deload_weeks() -> None:
    s = Settings(mesocycle_start="2026-01-05", mesocycle_weeks=5, deload_every_weeks=5)
    assert mesocycle_week(date(2026, 1, 7), s) == 1 and mesocycle_week(date(2026, 2, 4), s) == 5
    assert mesocycle_week(date(2026, 2, 9), s) == 1 and mesocycle_week(date(2025, 12, 1), s) is None
    assert not is_deload_week(date(2026, 1, 28), s) and is_deload_week(date(2026, 2, 4), s)
    on_demand = Settings(deload_week="2026-01-12")
    assert is_deload_week(date(2026, 1, 18), on_demand) and not is_deload_week(date(2026, 1, 19), on_demand)
