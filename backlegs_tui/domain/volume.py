"""Sets per muscle and where they sit among the weekly volume landmarks (MV, MEV, MAV, MRV;
Renaissance Periodization heuristics, from Settings.landmarks).

A primary muscle counts each set as 1, a secondary one as 0.5. A hard set is a working set
(warm-ups excluded) with RIR <= 4, i.e. RPE >= 6; unrated sets count as hard.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum

from .model import Exercise

PRIMARY_WEIGHT = 1.0
SECONDARY_WEIGHT = 0.5
HARD_SET_MIN_RPE = 6.0  # RIR <= 4

Marks = tuple[int, int, int, int, int]  # MV, MEV, MAV low, MAV high, MRV


class Zone(str, Enum):
    """Where a weekly set count sits among the landmarks, lowest first."""

    BELOW_MV = "below MV"
    MAINTENANCE = "MV-MEV"
    PRODUCTIVE = "MEV-MAV"
    MAV = "MAV"
    HIGH = "MAV-MRV"
    OVER_MRV = "over MRV"


def zone_of(sets: float, marks: Marks) -> Zone:
    mv, mev, mav_lo, mav_hi, mrv = marks
    if sets > mrv:
        return Zone.OVER_MRV
    if sets > mav_hi:
        return Zone.HIGH
    if sets >= mav_lo:
        return Zone.MAV
    if sets >= mev:
        return Zone.PRODUCTIVE
    if sets >= mv:
        return Zone.MAINTENANCE
    return Zone.BELOW_MV


def describe_zone(zone: Zone, marks: Marks) -> str:
    """The zone in words, with the numbers that bound it."""
    mv, mev, mav_lo, mav_hi, mrv = marks
    return {
        Zone.OVER_MRV: f"above MRV {mrv}",
        Zone.HIGH: f"above MAV {mav_lo}-{mav_hi}, under MRV {mrv}",
        Zone.MAV: f"in MAV {mav_lo}-{mav_hi}",
        Zone.PRODUCTIVE: f"over MEV {mev}, under MAV {mav_lo}-{mav_hi}",
        Zone.MAINTENANCE: f"maintenance only (MV {mv}, MEV {mev})",
        Zone.BELOW_MV: f"below MV {mv}",
    }[zone]


def muscle_sets(pairs: Iterable[tuple[Exercise, float]]) -> dict[str, float]:
    """Sets per muscle from (exercise, sets) pairs."""
    out: dict[str, float] = {}
    for ex, sets in pairs:
        for m in ex.primary:
            out[m] = out.get(m, 0.0) + sets * PRIMARY_WEIGHT
        for m in ex.secondary:
            if m not in ex.primary:
                out[m] = out.get(m, 0.0) + sets * SECONDARY_WEIGHT
    return out


def week_start(day: date) -> date:
    """The Monday of the week `day` is in."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class WeekVolume:
    """Hard sets per muscle in the week starting on Monday `start`."""

    start: date
    sets: dict[str, float] = field(default_factory=dict)

    def get(self, muscle: str) -> float:
        return self.sets.get(muscle, 0.0)


def weekly_volume(
    counts: Iterable[tuple[date, int, int]],
    exercises: Mapping[int, Exercise],
    weeks: Sequence[date],
) -> list[WeekVolume]:
    """Hard sets per muscle for each week in `weeks` (Mondays), from (day, exercise id,
    hard sets) counts. Days outside those weeks and unknown exercises are ignored."""
    per_week: dict[date, list[tuple[Exercise, float]]] = {w: [] for w in weeks}
    for day, exercise_id, n in counts:
        ex = exercises.get(exercise_id)
        bucket = per_week.get(week_start(day))
        if ex is not None and bucket is not None:
            bucket.append((ex, float(n)))
    return [WeekVolume(w, muscle_sets(per_week[w])) for w in weeks]
