"""What the History mode shows, as plain data: a past session in detail, an exercise's
progress (best e1RM per session) and its records. Pure: the store fills these from rows,
the functions here compute on them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .durations import session_minutes
from .e1rm import e1rm
from .loads import effective_e1rm, effective_volume
from .model import LoadKind, Readiness, SetEntry


def set_e1rm(s: SetEntry) -> float | None:
    """The e1RM of a working set by the house rule; warm-ups have none."""
    return e1rm(s.weight_kg, s.reps, s.effective_rpe) if s.is_working else None


def best_set(sets: Iterable[SetEntry]) -> tuple[SetEntry, float] | None:
    """The working set with the highest e1RM, and that e1RM (the first of equals)."""
    best: tuple[SetEntry, float] | None = None
    for s in sets:
        v = set_e1rm(s)
        if v is not None and (best is None or v > best[1] + 1e-9):
            best = (s, v)
    return best


def volume_kg(sets: Iterable[SetEntry]) -> float:
    """Volume load (weight x reps) of the working sets."""
    return sum(s.weight_kg * s.reps for s in sets if s.is_working)


@dataclass(frozen=True, slots=True)
class ExerciseBlock:
    """One exercise's sets in a past session, in the order they were logged. A bodyweight or
    assisted lift (`kind`) counts at its effective load (`body_kg`, the body weight as of the
    session's day, +/- the load; unknown: no e1RM, no volume is claimed)."""

    exercise_id: int
    name: str
    sets: tuple[SetEntry, ...]
    kind: LoadKind = LoadKind.WEIGHTED
    body_kg: float | None = None

    @property
    def best(self) -> tuple[SetEntry, float] | None:
        """The set (as logged) with the highest e1RM on its effective load, and that e1RM."""
        if not self.kind.uses_body_weight:
            return best_set(self.sets)
        best: tuple[SetEntry, float] | None = None
        for s in self.sets:
            v = effective_e1rm(self.kind, s, self.body_kg)
            if v is not None and (best is None or v > best[1] + 1e-9):
                best = (s, v)
        return best

    @property
    def volume_kg(self) -> float:
        """Volume load of the working sets on their effective load."""
        if not self.kind.uses_body_weight:
            return volume_kg(self.sets)
        return sum(effective_volume(self.kind, s, self.body_kg) or 0.0 for s in self.sets)


def group_by_exercise(
    sets: Sequence[SetEntry], kinds: Mapping[int, LoadKind] | None = None, body_kg: float | None = None
) -> tuple[ExerciseBlock, ...]:
    """Sets grouped by exercise, the exercises in the order they were first logged (each with
    its lift's kind from `kinds` and the session's body weight)."""
    blocks: dict[int, list[SetEntry]] = {}
    names: dict[int, str] = {}
    for s in sorted(sets, key=lambda x: x.position):
        blocks.setdefault(s.exercise_id, []).append(s)
        names.setdefault(s.exercise_id, s.exercise_name)
    kinds = kinds or {}
    return tuple(
        ExerciseBlock(eid, names[eid], tuple(ss), LoadKind(kinds.get(eid, LoadKind.WEIGHTED)), body_kg)
        for eid, ss in blocks.items()
    )


@dataclass(frozen=True, slots=True)
class SessionDetail:
    """A finished session as the History mode shows it (and the fatigue trends read it)."""

    id: int
    name: str
    started_at: datetime
    ended_at: datetime | None
    blocks: tuple[ExerciseBlock, ...] = ()
    notes: str = ""
    readiness: Readiness = Readiness()
    session_rpe: float | None = None
    deload: bool = False  # a deload session (lighter on purpose)

    @property
    def minutes(self) -> int | None:
        """Whole minutes by the one duration rule (durations.py); None without an end."""
        return session_minutes(self.started_at, self.ended_at)

    @property
    def sets(self) -> tuple[SetEntry, ...]:
        """Every set in the order logged (so a detail reads as trends.SessionLike)."""
        return tuple(sorted((s for b in self.blocks for s in b.sets), key=lambda s: s.position))

    @property
    def working_sets(self) -> int:
        return sum(s.is_working for b in self.blocks for s in b.sets)

    @property
    def volume_kg(self) -> float:
        """Volume load, bodyweight and assisted lifts on their effective load."""
        return sum(b.volume_kg for b in self.blocks)

    def kind_of(self, exercise_id: int) -> LoadKind:
        """The load kind of a lift of this session (weighted when unknown)."""
        return next((b.kind for b in self.blocks if b.exercise_id == exercise_id), LoadKind.WEIGHTED)


@dataclass(frozen=True, slots=True)
class ExerciseUse:
    """An exercise that has history: how many working sets, and when it was last done."""

    exercise_id: int
    name: str
    set_count: int
    last_at: datetime


@dataclass(frozen=True, slots=True)
class ProgressPoint:
    """One session of an exercise: its best set by e1RM (None when no set gives an e1RM)."""

    session_id: int
    day: date
    best_e1rm: float | None
    top: SetEntry
    volume_kg: float
    sets: int


@dataclass(frozen=True, slots=True)
class ExerciseProgress:
    """An exercise over time and its all-time records."""

    exercise_id: int
    name: str
    points: tuple[ProgressPoint, ...] = ()
    heaviest: SetEntry | None = None
    best_e1rm: tuple[SetEntry, float] | None = None
    rep_records: tuple[SetEntry, ...] = ()
    best_volume: ProgressPoint | None = None
    kind: LoadKind = LoadKind.WEIGHTED  # the sets above are as logged (BW + 10 kg): show them by it

    @property
    def e1rm_series(self) -> list[float]:
        return [p.best_e1rm for p in self.points if p.best_e1rm is not None]


def rep_records(sets: Iterable[SetEntry]) -> tuple[SetEntry, ...]:
    """Most reps at a weight: the working sets no other set beats on both weight and reps
    (heaviest first; the earliest of equal sets)."""
    ordered = sorted(
        (s for s in sets if s.is_working and s.reps > 0),
        key=lambda s: (-s.weight_kg, -s.reps, s.logged_at or datetime.min),
    )
    out: list[SetEntry] = []
    most = 0
    for s in ordered:
        if s.reps > most:
            out.append(s)
            most = s.reps
    return tuple(out)


def exercise_progress(exercise_id: int, name: str, sets: Sequence[SetEntry]) -> ExerciseProgress:
    """Progress and records from an exercise's sets (any order; warm-ups ignored). Each set
    needs its session_id and logged_at."""
    working = sorted((s for s in sets if s.is_working), key=lambda s: s.logged_at or datetime.min)
    if not working:
        return ExerciseProgress(exercise_id, name)
    by_session: dict[int, list[SetEntry]] = {}
    for s in working:
        by_session.setdefault(s.session_id or 0, []).append(s)
    points = []
    for sid, ss in by_session.items():
        best = best_set(ss)
        top = best[0] if best else max(ss, key=lambda s: (s.weight_kg, s.reps))
        day = (ss[0].logged_at or datetime.min).date()
        points.append(ProgressPoint(sid, day, best[1] if best else None, top, volume_kg(ss), len(ss)))
    heaviest = max(working, key=lambda s: (s.weight_kg, s.reps, -(s.logged_at or datetime.min).timestamp()))
    return ExerciseProgress(
        exercise_id=exercise_id,
        name=name,
        points=tuple(points),
        heaviest=heaviest,
        best_e1rm=best_set(working),
        rep_records=rep_records(working),
        best_volume=max(points, key=lambda p: p.volume_kg),
    )
