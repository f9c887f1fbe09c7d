"""Fatigue signals. Every flag names its evidence in one plain line.

Within-session signals (F1-F3 of the domain notes) work on one exercise's sets today.
Each needs its minimum data; below it the function returns nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from .e1rm import CHART_MAX_REPS, CHART_MIN_RPE, chart_percent, e1rm, epley
from .model import SetEntry, SetType


class Severity(str, Enum):
    NOTE = "note"
    MODERATE = "moderate"
    HIGH = "high"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class FatigueFlag:
    code: str  # "F1".."F8"
    severity: Severity
    message: str
    value: float | None = None


@dataclass(frozen=True, slots=True)
class Thresholds:
    f1_moderate: float = 0.05
    f1_high: float = 0.07
    f2_rpe_rise: float = 1.5
    f3_drop: float = 0.05


DEFAULT_THRESHOLDS = Thresholds()

_EPS = 1e-9  # a drop of exactly 7 % computes as 0.06999999999999995


def _reaches(value: float, threshold: float) -> bool:
    return value + _EPS >= threshold


def _planned_failure(a: SetEntry, b: SetEntry) -> bool:
    """Two sets to failure at one load: their reps fall off normally (Nuzzo), not a flag."""
    return (
        a.set_type is SetType.FAILURE
        and b.set_type is SetType.FAILURE
        and abs(a.weight_kg - b.weight_kg) < 1e-6
    )


def _on_chart(reps: int, rpe: float | None) -> bool:
    return (
        rpe is not None and 1 <= reps <= CHART_MAX_REPS and CHART_MIN_RPE <= rpe <= 10
        and rpe * 2 == int(rpe * 2)
    )


def _kg(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def within_session_fatigue(
    sets: Sequence[SetEntry], t: Thresholds = DEFAULT_THRESHOLDS
) -> FatigueFlag | None:
    """F1: 1 - e1RM(last set) / best e1RM of the exercise today, from sets with RPE.
    A planned set to failure after another at the same load is left alone."""
    rated = [
        (s, v)
        for s in sets
        if s.is_working and s.effective_rpe is not None
        and (v := e1rm(s.weight_kg, s.reps, s.effective_rpe)) is not None
    ]
    if len(rated) < 2:
        return None
    last, last_e1rm = rated[-1]
    best_set, best = max(rated[:-1], key=lambda p: p[1])
    if best <= 0:
        return None
    drop = 1 - last_e1rm / best
    if not _reaches(drop, t.f1_moderate) or _planned_failure(best_set, last):
        return None
    sev = Severity.HIGH if _reaches(drop, t.f1_high) else Severity.MODERATE
    return FatigueFlag(
        "F1",
        sev,
        f"F1 fatigue {drop:.1%} ({sev.value}): last set e1RM {_kg(last_e1rm)} kg vs "
        f"today's best {_kg(best)} kg",
        drop,
    )


def rpe_creep(sets: Sequence[SetEntry], t: Thresholds = DEFAULT_THRESHOLDS) -> FatigueFlag | None:
    """F2: same load and reps as an earlier set today, but RPE has risen by >= 1.5."""
    working = [s for s in sets if s.is_working and s.effective_rpe is not None]
    if len(working) < 2:
        return None
    last = working[-1]
    same = [
        s for s in working[:-1]
        if abs(s.weight_kg - last.weight_kg) < 1e-6 and s.reps == last.reps
    ]
    if not same:
        return None
    first = same[0]
    rise = (last.effective_rpe or 0) - (first.effective_rpe or 0)
    if not _reaches(rise, t.f2_rpe_rise):
        return None
    detail = ""
    if _on_chart(last.reps, first.effective_rpe) and _on_chart(last.reps, last.effective_rpe):
        p0 = chart_percent(last.reps, first.effective_rpe)
        p1 = chart_percent(last.reps, last.effective_rpe)
        detail = f", about {1 - p0 / p1:.1%} lower e1RM"
    return FatigueFlag(
        "F2",
        Severity.MODERATE,
        f"F2 RPE creep: {_kg(last.weight_kg)} kg x {last.reps} went from RPE "
        f"{first.effective_rpe:g} to {last.effective_rpe:g}{detail}",
        rise,
    )


def rep_drop_off(sets: Sequence[SetEntry], t: Thresholds = DEFAULT_THRESHOLDS) -> FatigueFlag | None:
    """F3: same load, fewer reps than the first set at it; read as an e1RM drop through the
    chart, assuming the same reps in reserve. Planned sets to failure are left alone
    (their reps fall off normally)."""
    # a set with no reps (a missed lift) has no e1RM to compare
    working = [s for s in sets if s.is_working and s.reps >= 1]
    if len(working) < 2:
        return None
    last = working[-1]
    first = next(s for s in working if abs(s.weight_kg - last.weight_kg) < 1e-6)
    if first is last or last.reps >= first.reps or _planned_failure(first, last):
        return None
    rpe = first.effective_rpe if first.effective_rpe is not None else 10.0
    rpe = round(min(10.0, max(CHART_MIN_RPE, rpe)) * 2) / 2
    if first.reps <= CHART_MAX_REPS:
        drop = 1 - chart_percent(first.reps, rpe) / chart_percent(last.reps, rpe)
    else:
        drop = 1 - epley(1, last.reps) / epley(1, first.reps)
    if not _reaches(drop, t.f3_drop):
        return None
    return FatigueFlag(
        "F3",
        Severity.MODERATE,
        f"F3 rep drop-off: {_kg(last.weight_kg)} kg went from {first.reps} to {last.reps} reps, "
        f"about {drop:.1%} lower e1RM",
        drop,
    )


def session_flags(
    sets: Sequence[SetEntry], t: Thresholds = DEFAULT_THRESHOLDS, *, bodyweight: bool = False
) -> list[FatigueFlag]:
    """F1-F3 for one exercise's sets today, in that order, only those that fire.

    For a bodyweight lift the load is only the added weight, so an e1RM ratio (F1) would
    overstate the drop: F1 stays silent there. F2 and F3 compare like with like and stay."""
    f1 = None if bodyweight else within_session_fatigue(sets, t)
    return [f for f in (f1, rpe_creep(sets, t), rep_drop_off(sets, t)) if f]
