"""Fast writer for many workouts at once (imports, demo data, benchmarks).

Takes plain `WorkoutRecord`s and writes sessions, session items, sets and any exercise
missing from the catalogue with SQLAlchemy Core `executemany`, in one transaction: either
everything is written or nothing. Ids are assigned here (the write lock is taken first, so
no other writer can race for them), which saves a round trip per session.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, insert, select, text

from ..domain.model import ExerciseDraft, ExerciseKind, SpinalLoad
from ..domain.records import SetRecord, WorkoutRecord
from .models import ExerciseRow, PlanRow, SessionItemRow, SessionRow, SetRow

if TYPE_CHECKING:
    from .repository import Repository

CHUNK = 10_000  # sets per executemany call (and per progress report)
IMPORT_KEY_MAX = 200  # length of sessions.import_key
NAME_MAX = 200  # length of sessions.name
EXERCISE_NAME_MAX = 120

DraftFor = Callable[[str, bool], ExerciseDraft]
"""Defaults for an exercise the catalogue lacks: (name, only bodyweight sets seen) -> draft."""


@dataclass(slots=True)
class InsertResult:
    """What `insert_workouts` wrote (or, on a dry run, would write)."""

    workouts: int = 0
    sets: int = 0
    duplicates: int = 0  # workouts skipped: their import_key is already in the database
    matched: list[str] = field(default_factory=list)  # exercises found, as the database spells them
    created: list[str] = field(default_factory=list)  # exercises added
    dry_run: bool = False


def default_draft(name: str, bodyweight: bool) -> ExerciseDraft:
    """A neutral new exercise: compound, low spinal load, 120 s rest."""
    return ExerciseDraft(
        name=name,
        spinal_load=SpinalLoad.LOW,
        kind=ExerciseKind.COMPOUND,
        equipment="bodyweight" if bodyweight else "other",
        bodyweight=bodyweight,
    )


def stored_key(key: str | None) -> str | None:
    """An import key that fits the column (long keys are hashed, still unique)."""
    if key is None or len(key) <= IMPORT_KEY_MAX:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()
    return f"{key[: IMPORT_KEY_MAX - len(digest) - 1]}#{digest}"


def _lock_for_writing(con: Connection) -> None:
    # a no-op write opens the write transaction, so the max(id)s read next stay ours
    con.execute(text("UPDATE sessions SET id = id WHERE 0"))


def _next_id(con: Connection, column) -> int:  # noqa: ANN001
    return int(con.scalar(select(func.coalesce(func.max(column), 0)))) + 1


def _existing_keys(con: Connection, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        found.update(con.scalars(select(SessionRow.import_key).where(SessionRow.import_key.in_(chunk))))
    return found


def _new_workouts(con: Connection, workouts: Iterable[WorkoutRecord]) -> tuple[list[WorkoutRecord], int]:
    """The workouts whose import key is neither in the database nor earlier in the batch."""
    workouts = list(workouts)
    keys = [k for w in workouts if (k := stored_key(w.import_key)) is not None]
    seen = _existing_keys(con, keys) if keys else set()
    fresh: list[WorkoutRecord] = []
    for w in workouts:
        key = stored_key(w.import_key)
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        fresh.append(w)
    return fresh, len(workouts) - len(fresh)


def _exercise_names(workouts: Sequence[WorkoutRecord]) -> dict[str, tuple[str, bool]]:
    """lower-case name -> (name as first written, every set at zero load)."""
    names: dict[str, tuple[str, bool]] = {}
    for w in workouts:
        for s in w.sets:
            name = " ".join(s.exercise.split())[:EXERCISE_NAME_MAX]
            key = name.lower()
            first, bodyweight = names.get(key, (name, True))
            names[key] = (first, bodyweight and not s.weight_kg)
    return names


def _resolve_exercises(
    con: Connection,
    wanted: dict[str, tuple[str, bool]],
    draft_for: DraftFor,
    dry_run: bool,
    result: InsertResult,
) -> dict[str, tuple[int, int]]:
    """lower-case name -> (exercise id, default rest); creates the missing ones."""
    known = {
        name.lower(): (eid, name, rest)
        for eid, name, rest in con.execute(
            select(ExerciseRow.id, ExerciseRow.name, ExerciseRow.default_rest_s)
        ).tuples()
    }
    ids: dict[str, tuple[int, int]] = {}
    rows: list[dict] = []
    next_id = _next_id(con, ExerciseRow.id)
    for key, (name, bodyweight) in wanted.items():
        if key in known:
            eid, stored, rest = known[key]
            ids[key] = (eid, rest)
            result.matched.append(stored)
            continue
        d = draft_for(name, bodyweight)
        rows.append(
            {
                "id": next_id,
                "name": name,
                "primary_muscles": list(d.primary),
                "secondary_muscles": list(d.secondary),
                "spinal_load": SpinalLoad(d.spinal_load).value,
                "kind": ExerciseKind(d.kind).value,
                "equipment": d.equipment,
                "default_rest_s": d.rest_s,
                "load_increment_kg": d.increment_kg,
                "bodyweight": d.bodyweight,
            }
        )
        ids[key] = (next_id, d.rest_s)
        result.created.append(name)
        next_id += 1
    if rows and not dry_run:
        con.execute(insert(ExerciseRow), rows)
    return ids


def _set_row(s: SetRecord, sid: int, item_id: int, eid: int, pos: int, at: datetime) -> dict:
    return {
        "session_id": sid,
        "item_id": item_id,
        "exercise_id": eid,
        "position": pos,
        "set_type": s.set_type.value,
        "weight_kg": float(s.weight_kg or 0.0),
        "reps": int(s.reps),
        "rpe": s.rpe,
        "rir": s.rir,
        "rest_s": s.rest_s,
        "logged_at": s.logged_at or at,
        "notes": s.notes or "",
    }


def insert_workouts(
    repo: Repository,
    workouts: Iterable[WorkoutRecord],
    *,
    dry_run: bool = False,
    draft_for: DraftFor = default_draft,
    progress: Callable[[int, int], None] | None = None,
) -> InsertResult:
    """Write `workouts` as finished sessions in one transaction.

    Exercises are matched to the database by name, case-insensitively, and created with
    `draft_for` defaults when missing. A workout whose `import_key` is already stored (or
    repeated in the batch) is skipped and counted in `duplicates`. Each session gets one
    session item per distinct exercise, in order of first appearance; set positions are
    0-based in the order given. A workout with no end time ends at its last set; one with a
    `plan_name` the database knows is linked to that plan.
    `progress(done, total)` is called with sets written. With `dry_run`, nothing is written.
    """
    result = InsertResult(dry_run=dry_run)
    with repo.engine.connect() as con:
        if not dry_run:
            _lock_for_writing(con)
        fresh, result.duplicates = _new_workouts(con, workouts)
        exercises = _resolve_exercises(con, _exercise_names(fresh), draft_for, dry_run, result)
        result.workouts = len(fresh)
        result.sets = sum(len(w.sets) for w in fresh)
        if dry_run:
            con.rollback()
            return result
        plans = {n.lower(): pid for pid, n in con.execute(select(PlanRow.id, PlanRow.name)).tuples()}
        session_id = _next_id(con, SessionRow.id)
        item_id = _next_id(con, SessionItemRow.id)
        sessions: list[dict] = []
        items: list[dict] = []
        sets: list[dict] = []
        for w in fresh:
            last = w.started_at
            item_of: dict[int, dict] = {}
            for pos, s in enumerate(w.sets):
                eid, rest = exercises[" ".join(s.exercise.split())[:EXERCISE_NAME_MAX].lower()]
                item = item_of.get(eid)
                if item is None:
                    item = item_of[eid] = {
                        "id": item_id,
                        "session_id": session_id,
                        "position": len(item_of),
                        "exercise_id": eid,
                        "sets_planned": 0,
                        "reps_min": s.reps,
                        "reps_max": s.reps,
                        "target_rpe": None,
                        "rest_s": rest,
                    }
                    item_id += 1
                item["sets_planned"] += 1
                item["reps_min"] = min(item["reps_min"], s.reps)
                item["reps_max"] = max(item["reps_max"], s.reps)
                row = _set_row(s, session_id, item["id"], eid, pos, w.started_at)
                last = max(last, row["logged_at"])
                sets.append(row)
            items.extend(item_of.values())
            sessions.append(
                {
                    "id": session_id,
                    "name": (w.name or "")[:NAME_MAX],
                    "started_at": w.started_at,
                    "ended_at": w.ended_at or last,
                    "plan_id": plans.get((w.plan_name or "").lower()),
                    "notes": w.notes or "",
                    "session_rpe": w.session_rpe,
                    "sleep_h": w.sleep_h,
                    "soreness": w.soreness,
                    "energy": w.energy,
                    "source": w.source[:20],
                    "import_key": stored_key(w.import_key),
                }
            )
            session_id += 1
        if sessions:
            con.execute(insert(SessionRow), sessions)
        if items:
            con.execute(insert(SessionItemRow), items)
        total = len(sets)
        for i in range(0, total, CHUNK):
            con.execute(insert(SetRow), sets[i : i + CHUNK])
            if progress is not None:
                progress(min(i + CHUNK, total), total)
        con.commit()
    repo._names = None  # the exercise-name cache may now miss new exercises
    return result
