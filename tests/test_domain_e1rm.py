"""e1RM formulas, the RTS chart and the house rule, against the figures in the domain notes."""

from __future__ import annotations

import pytest

from backlegs_tui.domain.e1rm import (
    RTS_CURVE,
    best_e1rm,
    brzycki,
    chart_e1rm,
    chart_percent,
    chart_weight,
    e1rm,
    epley,
    rpe_from_rir,
)

# ---- Epley and Brzycki -------------------------------------------------------------------


def test_100_x_5_by_epley_and_brzycki() -> None:
    assert epley(100, 5) == pytest.approx(116.67, abs=0.005)
    assert brzycki(100, 5) == pytest.approx(112.50, abs=0.005)


@pytest.mark.parametrize("weight", [60, 100, 142.5])
def test_epley_and_brzycki_agree_at_ten_reps(weight: float) -> None:
    assert epley(weight, 10) == pytest.approx(4 / 3 * weight)
    assert brzycki(weight, 10) == pytest.approx(4 / 3 * weight)


@pytest.mark.parametrize("formula", [epley, brzycki])
@pytest.mark.parametrize("weight", [20, 100, 142.5])
def test_one_rep_is_the_weight(formula, weight: float) -> None:
    assert formula(weight, 1) == weight


@pytest.mark.parametrize("reps", [2, 5, 9])
def test_below_ten_reps_brzycki_is_the_more_conservative(reps: int) -> None:
    assert brzycki(100, reps) < epley(100, reps)


@pytest.mark.parametrize("formula", [epley, brzycki])
def test_zero_reps_raise(formula) -> None:
    with pytest.raises(ValueError):
        formula(100, 0)


@pytest.mark.parametrize("reps", [37, 40])
def test_brzycki_is_undefined_from_37_reps(reps: int) -> None:
    with pytest.raises(ValueError):
        brzycki(100, reps)


# ---- RPE and RIR -------------------------------------------------------------------------


@pytest.mark.parametrize(("rir", "rpe"), [(0, 10), (0.5, 9.5), (1, 9), (2, 8), (3, 7), (4, 6)])
def test_rpe_is_ten_minus_rir(rir: float, rpe: float) -> None:
    assert rpe_from_rir(rir) == rpe


# ---- the RTS chart -----------------------------------------------------------------------


def test_the_curve_has_thirty_steps_falling_from_100() -> None:
    assert len(RTS_CURVE) == 30
    assert RTS_CURVE[0] == 100.0 and RTS_CURVE[-1] == 58.6
    assert all(a > b for a, b in zip(RTS_CURVE, RTS_CURVE[1:]))


def test_five_reps_at_rpe_8_is_81_1_percent() -> None:
    assert chart_percent(5, 8) == 81.1


def test_140_x_5_at_8_gives_140_over_0_811() -> None:
    assert chart_e1rm(140, 5, 8) == pytest.approx(140 / 0.811)
    assert e1rm(140, 5, 8) == pytest.approx(172.63, abs=0.005)


@pytest.mark.parametrize("reps", range(1, 13))
@pytest.mark.parametrize("rpe", [6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10])
def test_every_cell_follows_the_index_formula(reps: int, rpe: float) -> None:
    index = 2 * (reps - 1) + 2 * (10 - rpe)
    assert index == int(index)
    assert chart_percent(reps, rpe) == RTS_CURVE[int(index)]


@pytest.mark.parametrize(
    ("reps", "rpe", "percent"),
    [
        (1, 10, 100.0),  # the top corner
        (1, 9.5, 97.8),  # a half point of RPE is one step
        (2, 10, 95.5),  # one rep is two steps
        (1, 9, 95.5),  # ... the same as one full RPE point
        (3, 8, 86.3),
        (8, 9, 76.2),
        (10, 10, 73.9),
        (12, 10, 68.0),
        (1, 6.5, 87.8),  # the lowest RPE
        (12, 6.5, 58.6),  # the last cell of the curve
    ],
)
def test_chart_cells(reps: int, rpe: float, percent: float) -> None:
    assert chart_percent(reps, rpe) == percent


@pytest.mark.parametrize("rpe", [8.5, 9.5, 7.5])
def test_half_rpe_sits_between_its_neighbours(rpe: float) -> None:
    assert chart_percent(5, rpe - 0.5) < chart_percent(5, rpe) < chart_percent(5, rpe + 0.5)


def test_rir_input_reads_the_chart_through_rpe_from_rir() -> None:
    assert chart_percent(5, rpe_from_rir(2)) == 81.1
    assert e1rm(140, 5, rir=2) == pytest.approx(140 / 0.811)


@pytest.mark.parametrize(
    ("reps", "rpe"),
    [(0, 8), (13, 8), (5, 6), (5, 10.5), (5, 11), (5, 8.3), (5, 0)],
)
def test_off_the_chart_raises(reps: int, rpe: float) -> None:
    with pytest.raises(ValueError):
        chart_percent(reps, rpe)


def test_chart_weight_reads_the_chart_the_other_way() -> None:
    assert chart_weight(140 / 0.811, 5, 8) == pytest.approx(140)
    assert chart_weight(200, 1, 10) == 200


# ---- the house rule ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weight", "reps", "rpe", "expected"),
    [
        (140, 5, 8, 140 / 0.811),  # RPE >= 7 and r <= 12: the chart
        (100, 12, 7, 100 / 0.599),  # the chart's edge: 12 reps, RPE 7
        (100, 12, 10, 100 / 0.680),
        (100, 11, 7, 100 / 0.626),  # above Epley's range, still on the chart
        (100, 5, 6.5, 100 * (1 + 5 / 30)),  # RPE 6.5 is on the chart but not trusted: Epley
        (100, 5, 6, 100 * (1 + 5 / 30)),  # untrusted RPE: Epley
        (100, 5, None, 100 * (1 + 5 / 30)),  # no RPE: Epley
        (100, 10, None, 400 / 3),  # Epley's last rep count
        (100, 1, None, 100),
        (100, 1, 10, 100),
    ],
)
def test_house_rule(weight: float, reps: int, rpe: float | None, expected: float) -> None:
    assert e1rm(weight, reps, rpe) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("weight", "reps", "rpe"),
    [
        (100, 11, None),  # too many reps for Epley, no RPE
        (100, 11, 6.5),  # ... and untrusted RPE
        (100, 13, 9),  # off the chart and past Epley
        (100, 20, 10),
        (100, 0, 8),  # nothing lifted
        (0, 5, 8),  # no load
        (-10, 5, 8),
    ],
)
def test_house_rule_gives_none_when_no_estimate_is_trustworthy(weight, reps, rpe) -> None:
    assert e1rm(weight, reps, rpe) is None


@pytest.mark.parametrize(("rir", "expected"), [(2, 140 / 0.811), (3.5, 140 * (1 + 5 / 30))])
def test_house_rule_takes_rir_when_no_rpe(rir: float, expected: float) -> None:
    assert e1rm(140, 5, rir=rir) == pytest.approx(expected)


def test_rpe_wins_over_rir() -> None:
    assert e1rm(140, 5, rpe=8, rir=0) == pytest.approx(140 / 0.811)


def test_off_step_rpe_falls_back_to_epley_instead_of_raising() -> None:
    assert e1rm(100, 5, 8.3) == pytest.approx(epley(100, 5))


def test_best_e1rm() -> None:
    sets = [(100, 5, 8.0), (140, 5, 8.0), (120, 11, None)]
    assert best_e1rm(sets) == pytest.approx(140 / 0.811)
    assert best_e1rm([(100, 15, None)]) is None
    assert best_e1rm([]) is None
