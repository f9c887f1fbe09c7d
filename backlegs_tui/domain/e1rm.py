"""Estimated one-rep max: Epley, Brzycki, and the RTS (Tuchscherer) RPE chart.

The RTS chart is one half-step curve: each rep and each half point of RPE below 10 moves
two steps (reps) or one step (half RPE) along it.
"""

from __future__ import annotations

from collections.abc import Iterable

# % of 1RM along the half-step curve: index = 2*(reps - 1) + 2*(10 - RPE)
RTS_CURVE: tuple[float, ...] = (
    100.0, 97.8, 95.5, 93.9, 92.2, 90.7, 89.2, 87.8, 86.3, 85.0,
    83.7, 82.4, 81.1, 79.9, 78.6, 77.4, 76.2, 75.1, 73.9, 72.3,
    70.7, 69.4, 68.0, 66.7, 65.3, 64.0, 62.6, 61.3, 59.9, 58.6,
)  # fmt: skip

CHART_MIN_RPE = 6.5
CHART_MAX_REPS = 12
TRUSTED_RPE = 7.0  # below this, lifters misjudge reps in reserve too much to use it
EPLEY_MAX_REPS = 10


def epley(weight: float, reps: int) -> float:
    """w(1 + r/30); one rep is the weight itself."""
    if reps < 1:
        raise ValueError("reps must be at least 1")
    return float(weight) if reps == 1 else weight * (1 + reps / 30)


def brzycki(weight: float, reps: int) -> float:
    """w * 36 / (37 - r); defined for r < 37."""
    if not 1 <= reps < 37:
        raise ValueError("Brzycki needs 1 to 36 reps")
    return float(weight) if reps == 1 else weight * 36 / (37 - reps)


def rpe_from_rir(rir: float) -> float:
    """RIR-based RPE (Helms et al. 2016): RPE = 10 - RIR."""
    return 10.0 - rir


def _check_rpe(rpe: float) -> None:
    if rpe * 2 != int(rpe * 2):
        raise ValueError("RPE comes in half steps")


def chart_percent(reps: int, rpe: float) -> float:
    """% of 1RM a set of `reps` at `rpe` represents (RTS chart, reps 1..12, RPE 6.5..10)."""
    _check_rpe(rpe)
    if not 1 <= reps <= CHART_MAX_REPS:
        raise ValueError(f"the chart covers 1 to {CHART_MAX_REPS} reps")
    if not CHART_MIN_RPE <= rpe <= 10:
        raise ValueError(f"the chart covers RPE {CHART_MIN_RPE:g} to 10")
    return RTS_CURVE[int(2 * (reps - 1) + 2 * (10 - rpe))]


def chart_e1rm(weight: float, reps: int, rpe: float) -> float:
    return weight / (chart_percent(reps, rpe) / 100)


def chart_weight(e1rm_value: float, reps: int, rpe: float) -> float:
    """The load for `reps` at `rpe` given an e1RM (the chart read the other way)."""
    return e1rm_value * chart_percent(reps, rpe) / 100


def e1rm(weight: float, reps: int, rpe: float | None = None, rir: float | None = None) -> float | None:
    """The e1RM by the house rule, or None when no estimate is trustworthy.

    With RPE (or RIR) >= 7 and reps <= 12: the RTS chart. Else with reps <= 10: Epley.
    Else: none (too inaccurate). Zero reps or a non-positive load: none.
    """
    if reps < 1 or weight <= 0:
        return None
    if rpe is None and rir is not None:
        rpe = rpe_from_rir(rir)
    # the range first: an RPE of inf or NaN (never stored, but) must not reach int()
    if rpe is not None and TRUSTED_RPE <= rpe <= 10 and rpe * 2 == int(rpe * 2) and reps <= CHART_MAX_REPS:
        return chart_e1rm(weight, reps, rpe)
    if reps <= EPLEY_MAX_REPS:
        return epley(weight, reps)
    return None


def best_e1rm(sets: Iterable[tuple[float, int, float | None]]) -> float | None:
    """Highest e1RM among (weight, reps, rpe) triples, or None."""
    values = [v for w, r, p in sets if (v := e1rm(w, r, p)) is not None]
    return max(values) if values else None


# The house rule above gives high-rep sets no e1RM (too inaccurate). Charts still want a
# reading for a lift trained only in high reps (leg press for 15), so they may show this
# one, always named as rough where it is shown.
ROUGH_METHOD = "Epley, high reps: rough"


def rough_e1rm(weight: float, reps: int) -> float | None:
    """Epley at any rep count, for a chart's high-rep sessions only (named ROUGH_METHOD
    wherever shown); None for zero reps or a non-positive load."""
    if reps < 1 or weight <= 0:
        return None
    return epley(weight, reps)
