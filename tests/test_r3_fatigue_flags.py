"""Ux report 3, finding 5: the fatigue lines say what the data shows, in a lifter's words.

a. effort creep is claimed only on rises a lifter logs (half an RPE step, in at least 3 lift
   sessions and in more than were rated that much lower), and the line counts them; no "x noise";
b. two of six main lifts down is a note ("2 of 6 main lifts down"), not a deload warning;
d. a day with no sessions in the engine's horizon, in a file that has older ones, says so.
"""

from __future__ import annotations

from datetime import date, timedelta

from backlegs_tui.domain.fatigue_engine import Prepared, Verdict, assess, assess_range
from backlegs_tui.domain.model import Settings
from tests.fatigue_scenarios import IDS
from tests.test_fatigue_engine import (
    EXERCISES,
    MON,
    _ab_tail,
    _weekly_ab,
    last_day,
    s,
    session,
)

SQUAT, DL, ROW, LEG_PRESS = IDS["Barbell back squat"], IDS["Conventional deadlift"], IDS["Barbell row"], IDS["Leg press"]
RDL, CS_ROW = IDS["Romanian deadlift"], IDS["Chest-supported row"]
BASE = {SQUAT: 140.0, DL: 180.0, ROW: 90.0, LEG_PRESS: 200.0, RDL: 120.0, CS_ROW: 70.0}
PLAN_A, PLAN_B = (SQUAT, RDL, CS_ROW, ROW), (DL, LEG_PRESS)


def test_quarter_steps_of_rpe_are_no_effort_creep_and_no_warning(monkeypatch) -> None:
    # the old engine warned "the same loads cost +0.2 RPE (median ...)": every lift session a
    # quarter step above a baseline between two steps is a rise no lifter logged
    h = _weekly_ab(10)
    tail = _ab_tail(((8.5, 8.5), (9.0, 8.5), (8.5, 9.0)))
    assert assess(h + tail, EXERCISES, Settings(), last_day(tail)).verdict is Verdict.WARNING  # half steps: warns
    monkeypatch.setattr(Prepared, "creep", lambda self, eid, i: 0.25)
    r = assess(h + tail, EXERCISES, Settings(), last_day(tail))
    assert r.verdict is not Verdict.WARNING
    assert not any("RPE" in f.message and f.subject is None for f in r.flags)


def test_the_pooled_warning_counts_sessions_rated_higher_in_a_lifters_words() -> None:
    h = _weekly_ab(10)
    tail = _ab_tail(((8.5, 8.5), (9.0, 8.5), (8.5, 9.0)))
    r = assess(h + tail, EXERCISES, Settings(), last_day(tail))
    assert r.verdict is Verdict.WARNING
    (f,) = [f for f in r.flags if f.severity == "warning"]
    assert f.message.startswith("2 of 4 main lifts below their usual range across your last 3 sessions")
    assert "rated at least half an RPE step higher than in the last 8 weeks in 5 of 6 lift sessions" in f.message
    assert "your usual session-to-session spread is" in f.message
    assert "noise" not in f.message and "norm" not in f.message and "+0.2 RPE" not in f.message
    assert f.values["rpe_rise"] >= 0.25 and (f.values["rpe_higher"], f.values["rpe_lower"]) == (5, 0)
    assert r.summary.startswith("Warning: 2 of 4 main lifts below their usual range across your last 3 sessions")


def _two_plans(weeks: int) -> list:
    """A (squat, RDL, chest-supported row, row) on Mondays, B (deadlift, leg press) on
    Thursdays: six main lifts, 3 x 5 at RPE 8 with a small wobble in the load."""
    wobble = [0, 2.5, 0, -2.5, 0, 0, 2.5, -2.5]
    out, k = [], 0
    for w in range(weeks):
        for d, lifts in ((0, PLAN_A), (3, PLAN_B)):
            out.append(session(MON + timedelta(weeks=w, days=d),
                               [s(e, BASE[e] + wobble[(k + e) % 8], 5, 8.0) for e in lifts for _ in range(3)]))
            k += 1
    return out


def _a_down(day: date) -> object:
    drop = {RDL: 0.92, CS_ROW: 0.92, SQUAT: 0.99, ROW: 1.0}
    return session(day, [s(e, round(BASE[e] * drop[e] / 2.5) * 2.5, 5, 8.0) for e in PLAN_A for _ in range(3)])


def test_two_of_six_main_lifts_down_is_a_note_not_a_deload_warning() -> None:
    # the RDL and the chest-supported row down in two A sessions; the deadlift and the leg
    # press (the B session between them) and the squat and the row are fine
    h = _two_plans(10)
    b_ok = session(MON + timedelta(weeks=10, days=3), [s(e, BASE[e], 5, 8.0) for e in PLAN_B for _ in range(3)])
    tail = [_a_down(MON + timedelta(weeks=10)), b_ok, _a_down(MON + timedelta(weeks=11))]
    r = assess(h + tail, EXERCISES, Settings(), last_day(tail))
    assert r.verdict is Verdict.NOTE and r.suggestion is None and "deload" not in r.summary
    (f,) = [f for f in r.flags if f.code == "decline" and f.subject is None]
    assert f.severity == "note"
    assert f.message.startswith("2 of 6 main lifts down in 2 of your last 3 sessions")
    assert "together" not in f.message and "the others are within their usual range" in f.message
    assert r.summary.startswith("Note: 2 of 6 main lifts down")


def test_most_main_lifts_down_is_still_a_warning() -> None:
    h = _two_plans(10)
    b_down = session(MON + timedelta(weeks=10, days=3),
                     [s(e, round(BASE[e] * 0.92 / 2.5) * 2.5, 5, 8.0) for e in PLAN_B for _ in range(3)])
    tail = [_a_down(MON + timedelta(weeks=10)), b_down, _a_down(MON + timedelta(weeks=11))]
    r = assess(h + tail, EXERCISES, Settings(), last_day(tail))
    assert r.verdict is Verdict.WARNING and r.suggestion
    (f,) = [f for f in r.flags if f.severity == "warning"]
    assert f.message.startswith("4 of 6 main lifts down in 2 of your last 3 sessions (Thu 19 Mar, Mon 23 Mar): ")
    assert (f.values["lifts_down"], f.values["lifts_judged"]) == (4, 6)


def test_a_day_far_after_the_last_session_is_not_no_sessions_yet() -> None:
    h = _two_plans(4)
    far = last_day(h) + timedelta(days=400)
    (r,) = assess_range(h, EXERCISES, Settings(), far, far)
    assert r.verdict is Verdict.NONE
    assert r.summary == f"No sessions in the 34 weeks up to {far:%a %d %b %Y}: nothing to judge."
    assert assess(h, EXERCISES, Settings(), far).summary == r.summary
    assert assess([], EXERCISES, Settings(), far).summary == "No sessions yet: nothing to judge."
