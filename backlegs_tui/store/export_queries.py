"""Read queries for exports, mixed into Repository.

`logged_sets` streams every set with its session and exercise (for CSV and Strong exports);
`snapshot` is the whole database as JSON-ready plain data (for the full-fidelity export that
`bulk.restore_snapshot` reads back). Both read with Core selects: no ORM objects per row.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Date, DateTime, Table, select

from .models import (
    BodyWeightRow,
    ExerciseRow,
    PlanItemRow,
    PlanRow,
    ScheduleRow,
    SessionItemRow,
    SessionRow,
    SetRow,
    SettingRow,
    exercise_alternatives,
)
from .schema import HEAD

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session as OrmSession

SNAPSHOT_FORMAT = "backlegs"
SNAPSHOT_VERSION = 1

# nested tables: (table, parent column left out of the nested rows, order)
EXERCISES = ExerciseRow.__table__
PLANS = PlanRow.__table__
PLAN_ITEMS = PlanItemRow.__table__
SCHEDULE = ScheduleRow.__table__
SESSIONS = SessionRow.__table__
SESSION_ITEMS = SessionItemRow.__table__
SETS = SetRow.__table__
BODY_WEIGHTS = BodyWeightRow.__table__


class LoggedSet(NamedTuple):
    """One logged set with what an export row needs of its session and exercise."""

    session_id: int
    session_name: str
    started_at: datetime
    ended_at: datetime | None
    session_notes: str
    exercise: str
    position: int
    set_type: str
    weight_kg: float
    reps: int
    rpe: float | None
    rir: float | None
    rest_s: int | None
    logged_at: datetime
    notes: str
    duration_s: int | None = None
    distance_m: float | None = None


def _encode(table: Table, row: Any, skip: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col in table.columns:
        if col.key == skip:
            continue
        value = getattr(row, col.key)
        if isinstance(col.type, DateTime | Date) and isinstance(value, datetime | date):
            value = value.isoformat()
        out[col.key] = value
    return out


class ExportQueries:
    """Everything the exporters read."""

    if TYPE_CHECKING:
        engine: Engine

        def _uow(self) -> OrmSession: ...

    def logged_sets(self) -> Iterator[LoggedSet]:
        """Every set of every session (an open one too), by session start, then set order."""
        q = (
            select(
                SessionRow.id, SessionRow.name, SessionRow.started_at, SessionRow.ended_at, SessionRow.notes,
                ExerciseRow.name, SetRow.position, SetRow.set_type, SetRow.weight_kg, SetRow.reps,
                SetRow.rpe, SetRow.rir, SetRow.rest_s, SetRow.logged_at, SetRow.notes,
                SetRow.duration_s, SetRow.distance_m,
            )
            .join(SessionRow, SessionRow.id == SetRow.session_id)
            .join(ExerciseRow, ExerciseRow.id == SetRow.exercise_id)
            .order_by(SessionRow.started_at, SessionRow.id, SetRow.position, SetRow.id)
        )
        with self._uow() as s:
            for row in s.execute(q):
                yield LoggedSet(*row)

    def snapshot(self) -> dict[str, Any]:
        """The whole database as JSON-ready data, every row in a stable order."""
        with self._uow() as s:
            run = s.execute
            alternatives: dict[int, list[int]] = {}
            for eid, aid in run(
                select(exercise_alternatives.c.exercise_id, exercise_alternatives.c.alternative_id).order_by(
                    exercise_alternatives.c.exercise_id, exercise_alternatives.c.alternative_id
                )
            ):
                alternatives.setdefault(eid, []).append(aid)
            exercises = [
                {**_encode(EXERCISES, r), "alternatives": alternatives.get(r.id, [])}
                for r in run(select(EXERCISES).order_by(EXERCISES.c.id))
            ]
            plan_items: dict[int, list[dict[str, Any]]] = {}
            for r in run(select(PLAN_ITEMS).order_by(PLAN_ITEMS.c.plan_id, PLAN_ITEMS.c.position, PLAN_ITEMS.c.id)):
                plan_items.setdefault(r.plan_id, []).append(_encode(PLAN_ITEMS, r, "plan_id"))
            plans = [
                {**_encode(PLANS, r), "items": plan_items.get(r.id, [])}
                for r in run(select(PLANS).order_by(PLANS.c.id))
            ]
            schedule = [_encode(SCHEDULE, r) for r in run(select(SCHEDULE).order_by(SCHEDULE.c.id))]
            items: dict[int, list[dict[str, Any]]] = {}
            for r in run(
                select(SESSION_ITEMS).order_by(SESSION_ITEMS.c.session_id, SESSION_ITEMS.c.position, SESSION_ITEMS.c.id)
            ):
                items.setdefault(r.session_id, []).append(_encode(SESSION_ITEMS, r, "session_id"))
            sets: dict[int, list[dict[str, Any]]] = {}
            for r in run(select(SETS).order_by(SETS.c.session_id, SETS.c.position, SETS.c.id)):
                sets.setdefault(r.session_id, []).append(_encode(SETS, r, "session_id"))
            sessions = [
                {**_encode(SESSIONS, r), "items": items.get(r.id, []), "sets": sets.get(r.id, [])}
                for r in run(select(SESSIONS).order_by(SESSIONS.c.id))
            ]
            body_weights = [_encode(BODY_WEIGHTS, r) for r in run(select(BODY_WEIGHTS).order_by(BODY_WEIGHTS.c.day))]
            settings = {k: v for k, v in run(select(SettingRow.key, SettingRow.value).order_by(SettingRow.key))}
        return {
            "format": SNAPSHOT_FORMAT,
            "version": SNAPSHOT_VERSION,
            "schema": HEAD,
            "exercises": exercises,
            "plans": plans,
            "schedule": schedule,
            "sessions": sessions,
            "body_weights": body_weights,
            "settings": settings,
        }
