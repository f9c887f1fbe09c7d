"""F1-F3, the within-session fatigue signals: thresholds, minimum data, planned failure."""

from __future__ import annotations

import pytest

from backlegs_tui.domain.fatigue import (
    Severity,
    Thresholds,
    rep_drop_off,
    rpe_creep,
    session_flags,
    within_session_fatigue,
)
from backlegs_tui.domain.model import SetEntry, SetType

W, F, WU, D = SetType.WORKING, SetType.FAILURE, SetType.WARMUP, SetType.DROP


def s(weight: float, reps: int, rpe: float | None = None, kind: SetType = W, rir: float | None = None) -> SetEntry:
    return SetEntry(1, kind, weight, reps, rpe, rir)


# ---- F1 within-session fatigue % ---------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "severity"),
    [
        (100, None),  # no drop
        (98, None),  # 2 %: RTS "minimal", not flagged
        (95.5, None),  # 4.5 %
        (95, Severity.MODERATE),  # exactly 5 %
        (94, Severity.MODERATE),
        (93, Severity.HIGH),  # exactly 7 %
        (85, Severity.HIGH),
    ],
)
def test_f1_thresholds(last: float, severity: Severity | None) -> None:
    flag = within_session_fatigue([s(100, 5, 8), s(last, 5, 8)])
    assert (flag.severity if flag else None) is severity


def test_f1_compares_with_the_best_set_today_and_names_the_evidence() -> None:
    # 140 x 5 @ 8 = 140 / 0.811 = 172.6; 140 x 4 @ 9 = 140 / 0.863 = 162.2: 6.0 % down
    flag = within_session_fatigue([s(130, 5, 7), s(140, 5, 8), s(140, 4, 9)])
    assert flag.code == "F1" and flag.severity is Severity.MODERATE
    assert flag.value == pytest.approx(1 - (140 / 0.863) / (140 / 0.811))
    assert flag.message == (
        "F1 fatigue 6.0% (moderate): last set e1RM 162.2 kg vs today's best 172.6 kg"
    )


@pytest.mark.parametrize(
    "sets",
    [
        [],
        [s(100, 5, 8)],  # one set
        [s(100, 5, 8), s(80, 5)],  # the second set has no RPE
        [s(100, 5, 8, WU), s(80, 5, 8)],  # a warm-up does not count
        [s(100, 5, 8), s(80, 15, 8)],  # no e1RM past the chart without Epley
    ],
)
def test_f1_needs_two_working_sets_with_rpe(sets) -> None:
    assert within_session_fatigue(sets) is None


def test_f1_reads_rir() -> None:
    assert within_session_fatigue([s(100, 5, rir=2), s(90, 5, rir=2)]).severity is Severity.HIGH


def test_f1_thresholds_are_settings() -> None:
    t = Thresholds(f1_moderate=0.02, f1_high=0.04)
    assert within_session_fatigue([s(100, 5, 8), s(97, 5, 8)], t).severity is Severity.MODERATE


def test_f1_leaves_planned_failure_sets_alone() -> None:
    # 100 x 10 then x 7 to failure: the normal fall-off, planned
    assert within_session_fatigue([s(100, 10, 10, F), s(100, 7, 10, F)]) is None
    # ... but not a working set that was meant to stop short of it
    assert within_session_fatigue([s(100, 10, 8), s(100, 7, 10, F)]) is not None


# ---- F2 RPE creep ------------------------------------------------------------------------


def test_f2_rpe_rise_of_1_5_at_the_same_load_and_reps() -> None:
    flag = rpe_creep([s(120, 5, 7.5), s(120, 5, 8), s(120, 5, 9)])
    assert flag.code == "F2" and flag.value == 1.5
    # 5 @ 7.5 = 79.9 %, 5 @ 9 = 83.7 %
    assert flag.message == "F2 RPE creep: 120 kg x 5 went from RPE 7.5 to 9, about 4.5% lower e1RM"


@pytest.mark.parametrize(
    "sets",
    [
        [s(120, 5, 8), s(120, 5, 9)],  # a rise of 1
        [s(120, 5, 8), s(120, 4, 9.5)],  # different reps
        [s(120, 5, 8), s(125, 5, 9.5)],  # different load
        [s(120, 5, 8)],
        [s(120, 5, 8), s(120, 5)],  # no RPE on the last set
        [s(120, 5, 8, WU), s(120, 5, 10)],
    ],
)
def test_f2_silent(sets) -> None:
    assert rpe_creep(sets) is None


def test_f2_below_the_chart_says_no_e1rm() -> None:
    flag = rpe_creep([s(60, 15, 6), s(60, 15, 8)])
    assert flag is not None and "lower e1RM" not in flag.message


def test_f2_with_an_off_step_rpe_does_not_crash() -> None:
    flag = rpe_creep([s(100, 5, 7.3), s(100, 5, 9)])
    assert flag is not None and "lower e1RM" not in flag.message


# ---- F3 rep drop-off ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "rpe", "drop"),
    [
        (5, 3, 8, 1 - 81.1 / 86.3),  # 6.0 %
        (8, 6, 8, 1 - 73.9 / 78.6),  # 6.0 %
        (10, 7, None, 1 - 73.9 / 81.1),  # no RPE: read at 10
        (15, 12, None, 1 - (1 + 12 / 30) / (1 + 15 / 30)),  # past the chart: Epley
        (10, 8, 6, 1 - 64.0 / 69.4),  # RPE below the chart: read at 6.5
    ],
)
def test_f3_drop_through_the_chart(first: int, last: int, rpe: float | None, drop: float) -> None:
    flag = rep_drop_off([s(100, first, rpe), s(100, last, rpe)])
    assert flag.code == "F3" and flag.value == pytest.approx(drop)
    assert f"100 kg went from {first} to {last} reps" in flag.message


@pytest.mark.parametrize(
    "sets",
    [
        [s(100, 5, 8), s(100, 4, 8)],  # 3.1 %: under 5 %
        [s(100, 8, 8), s(100, 7, 8)],  # 3.0 %
        [s(100, 15), s(100, 13)],  # 4.4 % by Epley
        [s(100, 5, 8), s(100, 5, 8)],
        [s(100, 5, 8), s(100, 6, 8)],
        [s(100, 5, 8), s(110, 3, 8)],  # a heavier load, not a drop-off
        [s(100, 5, 8)],
        [s(100, 8, 8, WU), s(100, 4, 8)],
        [s(100, 10, 10, F), s(100, 7, 10, F), s(100, 5, 10, F)],  # planned failure sets
    ],
)
def test_f3_silent(sets) -> None:
    assert rep_drop_off(sets) is None


def test_f3_a_failed_set_that_was_not_planned_is_flagged() -> None:
    assert rep_drop_off([s(100, 8, 8), s(100, 5, 10, F)]) is not None


def test_f3_a_missed_set_with_zero_reps_does_not_crash() -> None:
    assert rep_drop_off([s(100, 5, 8), s(100, 0)]) is None


def test_f3_compares_with_the_first_set_at_that_load() -> None:
    flag = rep_drop_off([s(100, 8, 8), s(110, 5, 8), s(100, 6, 8)])
    assert "from 8 to 6" in flag.message


# ---- together ----------------------------------------------------------------------------


def test_session_flags_in_order_and_only_those_that_fire() -> None:
    assert session_flags([s(100, 5, 8), s(100, 5, 8)]) == []
    codes = [f.code for f in session_flags([s(100, 8, 7), s(100, 8, 8.5), s(100, 6, 9.5)])]
    assert codes == ["F1", "F3"]
    codes = [f.code for f in session_flags([s(100, 5, 7), s(100, 5, 9)])]
    assert codes == ["F1", "F2"]


def test_f3_with_an_off_step_rpe_reads_the_nearest_half_step() -> None:
    flag = rep_drop_off([s(100, 5, 7.8), s(100, 3, 7.8)])
    assert flag.value == pytest.approx(1 - 81.1 / 86.3)


def test_bodyweight_lifts_get_no_f1_but_keep_f2_and_f3() -> None:
    from backlegs_tui.domain.fatigue import session_flags
    from backlegs_tui.domain.model import SetEntry, SetType

    sets = [
        SetEntry(1, SetType.WORKING, 20, 8, rpe=8),
        SetEntry(1, SetType.WORKING, 20, 5, rpe=9.5),
    ]
    assert "F1" in [f.code for f in session_flags(sets)]
    codes = [f.code for f in session_flags(sets, bodyweight=True)]
    assert "F1" not in codes and "F3" in codes
