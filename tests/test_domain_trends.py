"""F4-F8, repeated failure, readiness and the combined severity, against the worked figures."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import pytest

from backlegs_tui.domain.catalogue import CATALOGUE
from backlegs_tui.domain.fatigue import FatigueFlag, Severity
from backlegs_tui.domain.model import Exercise, Readiness, SessionState, SetEntry, SetType, Settings
from backlegs_tui.domain.records import SetRecord, WorkoutRecord
from backlegs_tui.domain.trends import (
    SUMMARY,
    SessionLog,
    acwr_flag,
    analyse,
    combine,
    daily_loads,
    e1rm_trend,
    ewma,
    ewma_lambda,
    failure_flag,
    load_change,
    monotony,
    monotony_strain,
    readiness_flag,
    session_load,
    session_log,
    sessions_from_records,
    spinal_load,
    strain,
    volume_flags,
    weekly_hard_sets,
)

EXERCISES = {
    i: Exercise(i, d.name, d.primary, d.secondary, d.spinal_load, d.kind, d.equipment, d.rest_s, bodyweight=d.bodyweight)
    for i, d in enumerate(CATALOGUE, start=1)
}
ID = {e.name: e.id for e in EXERCISES.values()}
TODAY = date(2026, 11, 24)
W, F, WU = SetType.WORKING, SetType.FAILURE, SetType.WARMUP


def st(name: str, weight: float, reps: int, rpe: float | None = None, kind: SetType = W) -> SetEntry:
    return SetEntry(ID[name], kind, weight, reps, rpe, exercise_name=name)


def sess(days_ago: int, sets=(), minutes: float | None = 60, srpe: float | None = 7, hour: int = 18, **kw) -> SessionLog:
    start = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time()) + timedelta(hours=hour)
    return SessionLog(start, tuple(sets), minutes, srpe, **kw)


def codes(flags: list[FatigueFlag]) -> list[str]:
    return [f.code for f in flags]


# ---- session load, EWMA, monotony: the worked figures ------------------------------------


def test_ewma_lambdas() -> None:
    assert ewma_lambda(7) == 0.25
    assert ewma_lambda(28) == 2 / 29
    assert ewma_lambda(28) == pytest.approx(0.068966, abs=5e-7)


def test_ewma_recursion() -> None:
    assert ewma([100], 7, 0) == 25
    assert ewma([100, 100], 7, 0) == 0.25 * 100 + 0.75 * 25
    assert ewma([], 28, 42) == 42
    assert ewma([300] * 50, 28, 300) == pytest.approx(300)


def test_seven_equal_loads_have_undefined_monotony_and_strain() -> None:
    assert monotony([400] * 7) is None
    assert strain([400] * 7) is None
    assert monotony([0] * 7) is None


def test_monotony_and_strain_six_equal_days_and_a_rest_day() -> None:
    loads = [300] * 6 + [0]
    assert monotony(loads) == pytest.approx(math.sqrt(6))  # mean 257.1 / population SD 105.0
    assert strain(loads) == pytest.approx(1800 * math.sqrt(6))


def test_session_load_is_session_rpe_times_minutes() -> None:
    assert session_load(sess(0, [st("Leg press", 100, 10, 8)], minutes=60, srpe=7)) == (420, False)


def test_missing_session_rpe_uses_the_mean_set_rpe_as_a_proxy() -> None:
    sets = [st("Leg press", 100, 10, 7), st("Leg press", 100, 10, 9), st("Leg press", 60, 10, kind=WU)]
    assert session_load(sess(0, sets, minutes=50, srpe=None)) == (400, True)


def test_session_load_unknown_without_rpe_or_duration() -> None:
    assert session_load(sess(0, [st("Leg press", 100, 10)], srpe=None)) == (None, False)
    assert session_load(sess(0, [st("Leg press", 100, 10, 8)], minutes=None)) == (None, False)


def test_duration_from_set_times_when_minutes_are_missing() -> None:
    t0 = datetime(2026, 11, 24, 18, 0)
    sets = (
        SetEntry(1, W, 100, 5, 8, logged_at=t0),
        SetEntry(1, W, 100, 5, 8, logged_at=t0 + timedelta(minutes=45)),
    )
    assert session_load(SessionLog(t0, sets, None, 8)) == (360, False)


def test_daily_loads_sum_a_day_and_leave_rest_days_at_zero() -> None:
    sessions = [sess(2, srpe=5), sess(2, srpe=5, hour=8), sess(0, srpe=8, minutes=30)]
    d = daily_loads(sessions, TODAY - timedelta(days=3), 4)
    assert d.loads == [0, 600, 0, 240] and d.sessions == 3 and d.proxied == 0


# ---- F4 e1RM trend -----------------------------------------------------------------------


def _squat_bests(bests: list[float], spacing: int = 4, srpe: float | None = 7) -> list[SessionLog]:
    n = len(bests)
    return [sess(spacing * (n - 1 - i), [st("Barbell back squat", b, 1)], srpe=srpe) for i, b in enumerate(bests)]


def test_f4_median_of_last_three_5_percent_below_and_falling() -> None:
    flags = e1rm_trend(_squat_bests([160, 158, 155, 150, 146]), EXERCISES, TODAY)
    assert codes(flags) == ["F4"]
    assert flags[0].value == pytest.approx(1 - 150 / 160)  # 6.25 %
    assert flags[0].message == (
        "F4 e1RM falling: Barbell back squat median of the last 3 sessions 150 kg is 6.2% below "
        "the 28-day best 160 kg, and the last 2 sessions both fell (155 > 150 > 146 kg)"
    )


@pytest.mark.parametrize(
    "bests",
    [
        [160, 158, 155, 146, 150],  # the last session rose
        [160, 157, 156, 154, 153],  # median 154: 3.75 %, inside day-to-day noise
        [160, 150, 145],  # 3 sessions
        [150, 155, 160, 165, 170],
    ],
)
def test_f4_silent(bests: list[float]) -> None:
    assert e1rm_trend(_squat_bests(bests), EXERCISES, TODAY) == []


def test_f4_needs_four_sessions_inside_28_days() -> None:
    # 40, 30, 20, 10 and 0 days ago: 3 sessions in the window
    assert e1rm_trend(_squat_bests([160, 158, 155, 150, 146], spacing=10), EXERCISES, TODAY) == []


def test_f4_reads_e1rm_by_the_house_rule_and_skips_warm_ups() -> None:
    rdl = "Romanian deadlift"
    sessions = [
        sess(16, [st(rdl, 140, 5, 8)]),  # 140 / 0.811 = 172.6
        sess(12, [st(rdl, 200, 10, kind=WU), st(rdl, 140, 5, 8)]),  # the warm-up would be 266.7
        sess(8, [st(rdl, 140, 5, 9)]),  # 140 / 0.837 = 167.3
        sess(4, [st(rdl, 140, 4, 9.5)]),  # 140 / 0.878 = 159.5
        sess(0, [st(rdl, 140, 3, 10)]),  # 140 / 0.922 = 151.8
    ]
    (flag,) = e1rm_trend(sessions, EXERCISES, TODAY)
    assert flag.value == pytest.approx(1 - 0.811 / 0.878)  # 7.6 %


def test_f4_leaves_bodyweight_lifts_out() -> None:
    # an e1RM of the added load alone (20 kg -> 10 kg) would read as a 50 % collapse
    sessions = [sess(4 * (4 - i), [st("Pull-up", w, 1)]) for i, w in enumerate([20, 18, 15, 12, 10])]
    assert e1rm_trend(sessions, EXERCISES, TODAY) == []


# ---- F5 monotony and strain --------------------------------------------------------------


def test_f5_monotony_above_2() -> None:
    sessions = [sess(d, srpe=6, minutes=50) for d in (6, 5, 4, 2, 1, 0)]  # 300 AU, rest on day 3
    flags = monotony_strain(sessions, TODAY)
    assert codes(flags) == ["F5"]
    assert flags[0].value == pytest.approx(math.sqrt(6))
    assert flags[0].message.startswith("F5 monotony 2.45 (above 2): 7-day load 1,800 AU, mean 257, SD 105")


def test_f5_seven_equal_loads_is_reported_as_undefined_not_a_crash() -> None:
    flags = monotony_strain([sess(d, srpe=6, minutes=50) for d in range(7)], TODAY)
    assert len(flags) == 1 and flags[0].value is None
    assert "monotony undefined" in flags[0].message and "SD 0" in flags[0].message


def test_f5_strain_above_the_mean_plus_one_sd_of_the_previous_weeks() -> None:
    usual = [sess(d, srpe=6, minutes=50) for week in range(1, 5) for d in (7 * week + 1, 7 * week + 3, 7 * week + 5)]
    hard = [sess(d, srpe=9, minutes=50) for d in (0, 2, 4, 5)]
    flags = monotony_strain(usual + hard, TODAY)
    # this week [0, 450, 450, 0, 450, 0, 450]: monotony 1.15, strain 2,078; each earlier week
    # [300, 0, 300, 0, 300, 0, 0]: strain 779, SD 0
    assert codes(flags) == ["F5"]
    assert flags[0].message == (
        "F5 strain 2,078 above your usual (mean + 1 SD of the previous 4 weeks: 779); monotony 1.15"
    )
    assert strain([300, 0, 300, 0, 300, 0, 0]) == pytest.approx(779, abs=0.5)


def test_f5_says_when_session_rpe_was_a_proxy() -> None:
    sets = [st("Leg press", 100, 10, 6)]
    sessions = [sess(d, sets, srpe=None, minutes=50) for d in (6, 5, 4, 2, 1, 0)]
    (flag,) = monotony_strain(sessions, TODAY)
    assert "session RPE missing on 6 sessions: mean set RPE x minutes used as a proxy" in flag.message


@pytest.mark.parametrize(
    "days",
    [
        (1, 0),  # 2 sessions in the week
        (5, 4, 3, 2, 1, 0),  # under 7 days of history
    ],
)
def test_f5_needs_seven_days_and_three_sessions(days) -> None:
    assert monotony_strain([sess(d, srpe=6, minutes=50) for d in days], TODAY) == []


def test_f5_usual_three_day_week_is_silent() -> None:
    sessions = [sess(d, srpe=7, minutes=60) for week in range(5) for d in (7 * week, 7 * week + 2, 7 * week + 4)]
    assert monotony_strain(sessions, TODAY) == []


# ---- F6 acute:chronic --------------------------------------------------------------------


def _weeks(n: int, srpe: float, offset: int = 0) -> list[SessionLog]:
    return [sess(offset + 7 * w + d, srpe=srpe, minutes=60) for w in range(n) for d in (0, 2, 4)]


def test_f6_steady_training_is_silent() -> None:
    assert acwr_flag(_weeks(10, 7), TODAY) is None


def test_f6_matches_the_ewma_computed_by_hand() -> None:
    sessions = _weeks(8, 6, offset=7) + [sess(d, srpe=9, minutes=75) for d in (0, 1, 3, 5)]
    change = load_change(sessions, TODAY)
    first = TODAY - timedelta(days=7 * 7 + 4 + 7)
    loads = daily_loads(sessions, first, (TODAY - first).days + 1).loads
    acute = chronic = sum(loads[:28]) / 28
    for x in loads:
        acute = 0.25 * x + 0.75 * acute
        chronic = 2 / 29 * x + (1 - 2 / 29) * chronic
    assert (change.acute, change.chronic) == (pytest.approx(acute), pytest.approx(chronic))
    flag = acwr_flag(sessions, TODAY)
    assert flag.code == "F6" and flag.value == pytest.approx(acute / chronic)
    assert flag.value > 1.5 and flag.severity is Severity.MODERATE and "a spike (above 1.5)" in flag.message


def test_f6_caution_band_is_a_note_about_load_change_never_injury() -> None:
    sessions = _weeks(8, 6, offset=7) + [sess(d, srpe=7.5, minutes=60) for d in (0, 2, 4)]
    flag = acwr_flag(sessions, TODAY)
    assert 1.3 <= flag.value <= 1.5 and flag.severity is Severity.NOTE
    assert "a sharp rise (1.3-1.5)" in flag.message
    assert "injur" not in flag.message.lower() and "risk" not in flag.message.lower()


def test_f6_needs_28_days() -> None:
    assert load_change(_weeks(3, 6), TODAY) is None
    assert acwr_flag([sess(d, srpe=9, minutes=90) for d in range(20)], TODAY) is None


# ---- F7 weekly volume --------------------------------------------------------------------


def test_f7_counts_primary_1_secondary_half_and_skips_warm_ups_and_easy_sets() -> None:
    sets = [
        *[st("Pull-up", 10, 8, 8) for _ in range(4)],  # back 4, biceps 2
        st("Pull-up", 0, 5, kind=WU),  # warm-up
        st("Pull-up", 0, 5, 5),  # RIR 5: not hard
        st("Pull-up", 0, 5, 6),  # RIR 4: hard
        *[st("Face pull", 20, 15) for _ in range(2)],  # no RPE: counts; rear delts 2, back 1
    ]
    volume = weekly_hard_sets([sess(0, sets), sess(8, sets)], EXERCISES, TODAY)
    assert volume == {"back": 6.0, "biceps": 2.5, "rear delts": 2.0}


def test_f7_above_mrv() -> None:
    rows = [st("Barbell row", 80, 10, 8) for _ in range(14)]
    flags = volume_flags([sess(6, rows), sess(2, rows)], EXERCISES, Settings(), TODAY)
    assert codes(flags) == ["F7"]  # back 28 > 25; lower back 14, no landmark
    assert flags[0].message == "F7 volume: back 28 hard sets in 7 days, above its MRV of 25 (primary 1, secondary 0.5; RIR <= 4)"


def test_f7_at_mrv_and_with_user_landmarks() -> None:
    rows = [st("Barbell row", 80, 10, 8) for _ in range(25)]
    assert volume_flags([sess(6, rows)], EXERCISES, Settings(), TODAY) == []
    own = Settings(landmarks={"back": (8, 10, 14, 20, 22)})
    assert codes(volume_flags([sess(6, rows)], EXERCISES, own, TODAY)) == ["F7"]


def test_f7_needs_a_week_of_history() -> None:
    rows = [st("Barbell row", 80, 10, 8) for _ in range(30)]
    assert volume_flags([sess(2, rows)], EXERCISES, Settings(), TODAY) == []


# ---- F8 spinal load ----------------------------------------------------------------------


def test_f8_heavy_spinal_within_48_hours() -> None:
    sessions = [
        sess(1, [st("Barbell back squat", 140, 5, 8)], hour=18),
        sess(0, [st("Conventional deadlift", 180, 3, 8.5)], hour=18),
    ]
    (flag,) = spinal_load(sessions, EXERCISES, TODAY)
    assert flag.code == "F8" and flag.value == 24
    assert "heavy Conventional deadlift on Tue 24 Nov came 24 h after heavy Barbell back squat (allow 48 h" in flag.message


def test_f8_light_or_well_spaced_sessions_are_silent() -> None:
    heavy = [st("Barbell back squat", 140, 5, 8)]
    assert spinal_load([sess(3, heavy), sess(1, heavy)], EXERCISES, TODAY) == []  # 48 h
    light = [st("Conventional deadlift", 100, 5, 6)]
    assert spinal_load([sess(1, heavy), sess(0, light)], EXERCISES, TODAY) == []
    low = [st("Leg press", 200, 10, 9)]  # low spinal load
    assert spinal_load([sess(1, heavy), sess(0, low)], EXERCISES, TODAY) == []


def test_f8_heavy_by_80_percent_of_e1rm() -> None:
    base = sess(10, [st("Barbell back squat", 150, 1)])  # e1RM 150
    heavy = [st("Barbell back squat", 120, 3)]  # 80 %, no RPE
    light = [st("Barbell back squat", 115, 3)]
    assert codes(spinal_load([base, sess(1, heavy), sess(0, heavy)], EXERCISES, TODAY)) == ["F8"]
    assert spinal_load([base, sess(1, light), sess(0, light)], EXERCISES, TODAY) == []


def test_f8_three_heavy_spinal_lifts_in_one_session() -> None:
    three = [st("Barbell back squat", 140, 5, 8), st("Romanian deadlift", 120, 8, 8), st("Barbell row", 80, 10, 8)]
    (flag,) = spinal_load([sess(5, [st("Leg press", 100, 10)]), sess(0, three)], EXERCISES, TODAY)
    assert flag.message == (
        "F8 spinal load: 3 heavy high-spinal lifts in one session on Tue 24 Nov "
        "(Barbell back squat, Romanian deadlift, Barbell row)"
    )
    two = three[:2] + [st("Barbell row", 60, 10, 7)]
    assert spinal_load([sess(5, []), sess(0, two)], EXERCISES, TODAY) == []


def test_f8_deadlift_before_squat() -> None:
    dl_first = [st("Conventional deadlift", 180, 3, 8), st("Front squat", 90, 5, 7)]
    (flag,) = spinal_load([sess(5, []), sess(0, dl_first)], EXERCISES, TODAY)
    assert "heavy Conventional deadlift before Front squat on Tue 24 Nov" in flag.message
    squat_first = dl_first[::-1]
    assert spinal_load([sess(5, []), sess(0, squat_first)], EXERCISES, TODAY) == []
    goblet = [st("Conventional deadlift", 180, 3, 8), st("Goblet squat", 30, 10, 8)]  # low spinal
    assert spinal_load([sess(5, []), sess(0, goblet)], EXERCISES, TODAY) == []


def test_f8_needs_two_sessions_and_reads_the_last_week_only() -> None:
    three = [st("Barbell back squat", 140, 5, 8), st("Romanian deadlift", 120, 8, 8), st("Good morning", 60, 8, 8)]
    assert spinal_load([sess(0, three)], EXERCISES, TODAY) == []
    assert spinal_load([sess(20, three), sess(10, three)], EXERCISES, TODAY) == []


# ---- repeated failure and readiness ------------------------------------------------------


def test_repeated_failure_on_compounds() -> None:
    sessions = [
        sess(3, [st("Barbell back squat", 140, 3, 10), st("Leg curl", 50, 10, 10)]),
        sess(0, [st("Barbell back squat", 140, 4, kind=F), st("Pull-up", 10, 0)]),
    ]
    flag = failure_flag(sessions, EXERCISES, TODAY)
    assert flag.message == (
        "Repeated failure: 3 sets to failure on compound lifts in 7 days (Barbell back squat 2, Pull-up 1)"
    )
    assert failure_flag(sessions[:1], EXERCISES, TODAY) is None  # 1 compound, the leg curl is isolation


def test_failure_older_than_a_week_does_not_count() -> None:
    old = sess(8, [st("Barbell back squat", 140, 3, 10)] * 3)
    assert failure_flag([old], EXERCISES, TODAY) is None


@pytest.mark.parametrize(
    ("readiness", "text"),
    [
        (Readiness(sleep_h=5.5), "slept 5.5 h (under 6)"),
        (Readiness(sleep_h=7, soreness=4), "soreness 4/5"),
        (Readiness(sleep_h=5, soreness=5, energy=1), "slept 5 h (under 6), soreness 5/5, energy 1/5"),
        (Readiness(sleep_h=8, soreness=2, energy=4), None),
        (Readiness(), None),
    ],
)
def test_low_readiness(readiness: Readiness, text: str | None) -> None:
    flag = readiness_flag([sess(0, readiness=readiness)], TODAY)
    assert (flag.message if flag else None) == (f"Low readiness on Tue 24 Nov: {text}" if text else None)


def test_readiness_reads_the_latest_recent_check_in() -> None:
    tired = Readiness(sleep_h=4)
    assert readiness_flag([sess(1, readiness=tired), sess(0, readiness=Readiness(sleep_h=8))], TODAY) is None
    assert readiness_flag([sess(5, readiness=tired)], TODAY) is None


# ---- severity ----------------------------------------------------------------------------


def _flag(code: str) -> FatigueFlag:
    return FatigueFlag(code, Severity.MODERATE, code)


def test_no_flags_no_verdict() -> None:
    assert combine([]) is None


@pytest.mark.parametrize("flags", [["F4"], ["F1", "F3", "F4"], ["F5", "F6"], ["READY"]])
def test_one_family_is_a_note(flags: list[str]) -> None:
    verdict = combine([_flag(c) for c in flags])
    assert verdict.code == SUMMARY and verdict.severity is Severity.NOTE
    assert "deload" not in verdict.message


@pytest.mark.parametrize("flags", [["F4", "F6"], ["F2", "READY"], ["F7", "F8", "FAIL"]])
def test_two_or_more_families_are_a_warning_with_a_deload(flags: list[str]) -> None:
    verdict = combine([_flag(c) for c in flags])
    assert verdict.severity is Severity.WARNING
    assert "deload week at ~60% of your sets and ~90% of your loads" in verdict.message


# ---- analyse -----------------------------------------------------------------------------


def test_analyse_with_nothing_to_say() -> None:
    assert analyse([], EXERCISES, Settings(), TODAY) == []
    steady = [sess(7 * w + d, [st("Leg press", 100, 10, 7)], srpe=6) for w in range(9) for d in (0, 2, 4)]
    assert analyse(steady, EXERCISES, Settings(), TODAY) == []


def test_analyse_is_an_adapter_over_the_engine_verdict_first() -> None:
    # analyse keeps the old flag shape for screens not yet on the new contract
    from tests.fatigue_scenarios import EXERCISES as SIM, scenario

    sc = scenario("b")
    day = sc.sessions[-1].started_at.date()
    flags = analyse(sc.sessions, SIM, Settings(), day)
    assert flags[0].code == SUMMARY and flags[0].severity is Severity.WARNING
    assert "deload" in flags[0].message and len(flags) >= 2
    assert analyse(sc.sessions, SIM, Settings(), sc.first_decline - timedelta(days=1)) == []


def test_session_log_from_a_stored_session() -> None:
    start = datetime(2026, 11, 24, 18)
    state = SessionState(
        3, start, "A", None, sets=[st("Pull-up", 0, 8, 8)], readiness=Readiness(7),
        ended_at=start + timedelta(minutes=70), session_rpe=7.5,
    )
    log = session_log(state)
    assert (log.minutes, log.session_rpe, log.readiness, log.id, len(log.sets)) == (70, 7.5, Readiness(7), 3, 1)


def test_sessions_from_records() -> None:
    start = datetime(2026, 11, 24, 18)
    w = WorkoutRecord(
        start, "A", start + timedelta(minutes=65), session_rpe=8, sleep_h=6.5,
        sets=[SetRecord("Barbell back squat", W, 140, 5, 8), SetRecord("Mystery lift", W, 10, 5)],
    )
    (log,) = sessions_from_records([w], EXERCISES)
    assert log.minutes == 65 and log.readiness == Readiness(6.5)
    assert [(s.exercise_id, s.logged_at) for s in log.sets] == [(ID["Barbell back squat"], start)]
