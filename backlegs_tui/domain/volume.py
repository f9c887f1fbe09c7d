"""Sets per muscle and where they sit among the weekly volume landmarks (MV, MEV, MAV, MRV;
Renaissance Periodization heuristics, from Settings.landmarks).

A primary muscle counts each set as 1, a secondary one as 0.5 (`muscle_sets`); glutes count
1 only in a lift that targets them first (hip thrust), else 0.5 (`MAIN_TARGET_ONLY`). One hard-set
rule is used everywhere (Plan checks count planned sets, History's Volume view and the
fatigue engine count logged sets with `is_hard_set` / `hard_sets_by_exercise`):

- warm-ups (set type warm-up) and sets with no reps never count;
- a set with an RPE (or RIR) counts when RPE >= 6 (RIR <= 4);
- an unrated set is not assumed hard: it counts only when its load is within the session's
  top-set range for that lift (>= 85 % of the heaviest working load of that lift that day),
  so unmarked ramp and warm-up sets (below it) are left out while straight sets and close
  back-offs count. The load of a bodyweight or assisted lift is its effective load (body
  weight as of that day +/- the load, `domain.loads`): every reader passes the lifts' kinds
  and that body weight.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import Enum

from .loads import effective_load
from .model import Exercise, LoadKind, SetEntry, SetType

PRIMARY_WEIGHT = 1.0
SECONDARY_WEIGHT = 0.5
HARD_SET_MIN_RPE = 6.0  # RIR <= 4
TOP_SET_RANGE = 0.85  # an unrated set counts when at least this share of the session's top load

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


# Glutes' landmarks (MV 0, MEV 0, MAV 4-12, MRV 16) count direct glute work: they are 0 at
# the bottom because squats, lunges, the leg press and deadlifts already train the glutes.
# Counted as a full set in every one of those, a lifter's ordinary back-and-legs week (the
# demo's: 23 glute sets) sat "over MRV" every week, deloads included: a warning that is always
# on. So glutes count in full only where they are the lift's main target (first of its primary
# muscles: hip thrust, pull-through, sumo deadlift); where they follow another primary muscle
# (squat: quads, glutes) they count as a secondary muscle does.
MAIN_TARGET_ONLY = frozenset({"glutes"})


def primary_weight(ex: Exercise, muscle: str) -> float:
    """What one set of `ex` counts for its primary muscle `muscle`."""
    if muscle in MAIN_TARGET_ONLY and ex.primary and ex.primary[0] != muscle:
        return SECONDARY_WEIGHT
    return PRIMARY_WEIGHT


def muscle_shares(ex: Exercise) -> list[tuple[str, float]]:
    """Each muscle `ex` trains and what one of its sets counts for it: the one weighing of
    the hard-set count (`muscle_sets`) and the finish summary's volume load by muscle."""
    shares = [(m, primary_weight(ex, m)) for m in ex.primary]
    return shares + [(m, SECONDARY_WEIGHT) for m in ex.secondary if m not in ex.primary]


def muscle_sets(pairs: Iterable[tuple[Exercise, float]]) -> dict[str, float]:
    """Sets per muscle from (exercise, sets) pairs."""
    out: dict[str, float] = {}
    for ex, sets in pairs:
        for m, share in muscle_shares(ex):
            out[m] = out.get(m, 0.0) + sets * share
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


def is_hard_set(s: SetEntry, top_kg: float) -> bool:
    """The one hard-set rule (see the module docstring); `top_kg` is the heaviest working
    load of the same lift in the same session."""
    if s.set_type is SetType.WARMUP or s.reps < 1:
        return False
    rpe = s.effective_rpe
    if rpe is not None:
        return rpe + 1e-9 >= HARD_SET_MIN_RPE
    return s.weight_kg + 1e-9 >= TOP_SET_RANGE * top_kg


def top_loads(sets: Iterable[SetEntry]) -> dict[int, float]:
    """Exercise id -> heaviest working load among `sets` (one session's)."""
    top: dict[int, float] = {}
    for s in sets:
        if s.set_type is not SetType.WARMUP and s.reps >= 1:
            top[s.exercise_id] = max(s.weight_kg, top.get(s.exercise_id, 0.0))
    return top


def hard_sets_by_exercise(
    sets: Sequence[SetEntry], kinds: Mapping[int, LoadKind] | None = None, body_kg: float | None = None
) -> dict[int, int]:
    """Exercise id -> hard sets in one session's sets. A bodyweight or assisted lift (by
    `kinds`, exercise id -> load kind) is judged on its effective load: `body_kg`, the body
    weight as of the session's day, +/- the load (unknown: 0, so no set of it is ranked
    below another; never a guess)."""
    if kinds:
        sets = [_effective(s, kinds.get(s.exercise_id), body_kg) for s in sets]
    top = top_loads(sets)
    out: dict[int, int] = {}
    for s in sets:
        if is_hard_set(s, top.get(s.exercise_id, 0.0)):
            out[s.exercise_id] = out.get(s.exercise_id, 0) + 1
    return out


def _effective(s: SetEntry, kind: LoadKind | None, body_kg: float | None) -> SetEntry:
    if kind is None or not LoadKind(kind).uses_body_weight:
        return s
    return replace(s, weight_kg=effective_load(kind, s.weight_kg, body_kg) or 0.0)
