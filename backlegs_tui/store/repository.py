"""The repository: the only way the UI and the CLI read and write data.

Every method opens its own short unit of work, commits before it returns (so a set the
screen shows as logged is on disk), and returns plain domain objects, never ORM rows.
Methods are safe to call from worker threads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, func, select, text, update
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import selectinload, sessionmaker

from ..domain.catalogue import CATALOGUE, SAMPLE_PLAN, PlanDraft
from ..domain.model import (
    Exercise,
    ExerciseDraft,
    ExerciseKind,
    LoadKind,
    Plan,
    PlanItem,
    PlanSummary,
    Readiness,
    SessionItem,
    SessionState,
    SessionSummary,
    SetEntry,
    SetType,
    Settings,
    SpinalLoad,
    Unit,
)
from ..domain.session_logic import rpe_from_rir
from .backup import daily_backup, server_backup_skipped
from .corrections import Corrections
from .db import MIGRATION_LOCK_KEY, open_engine
from .export_queries import ExportQueries
from .history_queries import HistoryQueries, session_volumes
from .models import (
    ExerciseRow,
    PlanItemRow,
    PlanRow,
    ScheduleRow,
    SessionItemRow,
    SessionRow,
    SetRow,
    SettingRow,
)
from .plan_edits import PlanEdits
from .rows import set_entry as _set
from .schema import ServerUrl, StoreError


class NotFound(StoreError):
    """The thing asked for is not in the database."""


def _exercise(row: ExerciseRow) -> Exercise:
    return Exercise(
        id=row.id,
        name=row.name,
        primary=tuple(row.primary_muscles or ()),
        secondary=tuple(row.secondary_muscles or ()),
        spinal_load=SpinalLoad(row.spinal_load),
        kind=ExerciseKind(row.kind),
        equipment=row.equipment,
        rest_s=row.default_rest_s,
        increment_kg=row.load_increment_kg,
        bodyweight=row.bodyweight,
        alternative_ids=tuple(a.id for a in row.alternatives),
        load_kind=LoadKind(row.load_kind or "weighted"),
        notes=row.notes or "",
    )


def _plan_item(row: PlanItemRow) -> PlanItem:
    return PlanItem(
        id=row.id,
        exercise_id=row.exercise_id,
        exercise_name=row.exercise.name,
        sets_min=row.sets_min,
        sets_max=row.sets_max,
        reps_min=row.reps_min,
        reps_max=row.reps_max,
        target_rpe=row.target_rpe,
        target_rir=row.target_rir,
        rest_s=row.rest_s,
        alternative_ids=tuple(row.alternative_ids or ()),
        pairing=row.pairing_group,
        notes=row.notes,
        progression=row.progression,
    )


def _item(row: SessionItemRow) -> SessionItem:
    return SessionItem(
        id=row.id,
        position=row.position,
        exercise_id=row.exercise_id,
        exercise_name=row.exercise.name,
        sets_planned=row.sets_planned,
        reps_min=row.reps_min,
        reps_max=row.reps_max,
        target_rpe=row.target_rpe,
        rest_s=row.rest_s,
        plan_item_id=row.plan_item_id,
    )


def _lock_session_row(s: OrmSession, session_id: int) -> None:
    """On PostgreSQL, lock the session's row first, so two clients appending to one session
    take their positions one after the other (under READ COMMITTED a max()+1 inside the
    INSERT alone could be read by both). SQLite's one writer needs no lock (and a read here
    would start a read transaction that a concurrent write would then fail to upgrade)."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(select(SessionRow.id).where(SessionRow.id == session_id).with_for_update())


def _open_session_started_meanwhile(s: OrmSession) -> int | None:
    """On PostgreSQL, two devices starting a session at once take turns (an advisory lock
    held to the end of the transaction) and the second finds the first's open session, so
    there is never more than one open. None on SQLite (one writer at a time already)."""
    if s.get_bind().dialect.name != "postgresql":
        return None
    s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY + 1})
    return s.scalar(
        select(SessionRow.id).where(SessionRow.ended_at.is_(None)).order_by(SessionRow.id.desc()).limit(1)
    )


def _scratch_key(session_id: int) -> str:
    return f"live_session:{session_id}"


class Repository(HistoryQueries, ExportQueries, PlanEdits, Corrections):
    """Data access for one database file."""

    def __init__(self, engine: Engine, path: Path | None = None) -> None:
        self.engine = engine
        self.path = path
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._names: dict[int, str] | None = None
        self._watch: Any = None  # a read-only sqlite3 connection for data_version()

    # ---- lifecycle -------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | ServerUrl, *, create_parent: bool = False, seed: bool = True) -> Repository:
        """Check, migrate and open the database at `path` (a file, or a PostgreSQL URL);
        seed the catalogue if empty."""
        if isinstance(path, ServerUrl):
            repo = cls(open_engine(path), path)  # type: ignore[arg-type]
            server_backup_skipped(path)
            if seed:  # two clients starting at once: one seeds, the other then finds exercises
                with repo.engine.connect() as con:
                    con.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
                    try:
                        repo.seed_if_empty()
                    finally:
                        con.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
                        con.commit()
            return repo
        existed = path.is_file() and path.stat().st_size > 0
        repo = cls(open_engine(path, create_parent=create_parent), path)
        if existed:
            try:
                daily_backup(path)  # a damaged file (full integrity check) is refused here
            except StoreError:
                repo.close()
                raise
        if seed:
            from sqlalchemy.exc import IntegrityError

            try:
                repo.seed_if_empty()
            except IntegrityError:  # two programs starting on one new file: the other seeded it
                pass
        return repo

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        self.engine.dispose()

    def data_version(self) -> int | None:
        """A number that changes whenever this program or another commits to the database, so
        a screen shown again reads only when something changed. SQLite's `PRAGMA data_version`
        on a connection of its own that never writes (the pool's connections do not see their
        own commits in it); a few microseconds. None where there is no such number (a server,
        no file): read again."""
        if self.engine.dialect.name != "sqlite" or not isinstance(self.path, Path):
            return None
        if self._watch is None:
            import sqlite3

            self._watch = sqlite3.connect(str(self.path), uri=False, check_same_thread=False)
        return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def _uow(self) -> OrmSession:
        return self._sessions()

    # ---- seed ------------------------------------------------------------------------

    def seed_if_empty(self) -> bool:
        """Add the catalogue and the article's sample plan to a database with no exercises."""
        with self._uow() as s:
            if s.scalar(select(func.count()).select_from(ExerciseRow)):
                return False
        self.add_exercises(CATALOGUE)
        self.add_plan(SAMPLE_PLAN)
        return True

    # ---- settings --------------------------------------------------------------------

    def settings(self) -> Settings:
        with self._uow() as s:
            rows = {r.key: r.value for r in s.scalars(select(SettingRow))}
        stored = rows.get("settings", {}).get("v", {})
        base = Settings()
        kwargs: dict[str, Any] = {}
        for key, value in stored.items():
            if key == "unit":
                kwargs[key] = Unit(value)
            elif key in ("plates_kg", "plates_lb"):
                kwargs[key] = tuple(float(v) for v in value)
            elif key == "landmarks":
                kwargs[key] = {m: tuple(v) for m, v in value.items()}
            elif hasattr(base, key):
                kwargs[key] = value
        return replace(base, **kwargs)

    def save_settings(self, settings: Settings) -> None:
        data = asdict(settings)
        data["unit"] = settings.unit.value
        with self._uow() as s, s.begin():
            s.merge(SettingRow(key="settings", value={"v": data}))

    # ---- exercises -------------------------------------------------------------------

    def exercises(self) -> list[Exercise]:
        with self._uow() as s:
            rows = s.scalars(
                select(ExerciseRow).options(selectinload(ExerciseRow.alternatives)).order_by(ExerciseRow.name)
            ).all()
            out = [_exercise(r) for r in rows]
        self._names = {e.id: e.name for e in out}
        return out

    def exercise(self, exercise_id: int) -> Exercise:
        with self._uow() as s:
            row = s.get(ExerciseRow, exercise_id)
            if row is None:
                raise NotFound(f"no exercise with id {exercise_id}")
            return _exercise(row)

    def exercise_by_name(self, name: str) -> Exercise | None:
        with self._uow() as s:
            row = s.scalar(select(ExerciseRow).where(func.lower(ExerciseRow.name) == name.strip().lower()))
            return _exercise(row) if row else None

    def add_exercises(self, drafts: Iterable[ExerciseDraft]) -> list[Exercise]:
        drafts = list(drafts)
        with self._uow() as s, s.begin():
            rows = {d.name: self._new_exercise_row(d) for d in drafts}
            s.add_all(rows.values())
            s.flush()
            by_name = {r.name.lower(): r for r in s.scalars(select(ExerciseRow))}
            for d in drafts:
                rows[d.name].alternatives = [by_name[a.lower()] for a in d.alternatives if a.lower() in by_name]
            s.flush()
            out = [_exercise(rows[d.name]) for d in drafts]
        self._names = None
        return out

    def add_exercise(self, draft: ExerciseDraft) -> Exercise:
        self._check_exercise_name(draft.name, None)
        return self.add_exercises([draft])[0]

    def update_exercise(self, exercise_id: int, draft: ExerciseDraft) -> Exercise:
        self._check_exercise_name(draft.name, exercise_id)
        with self._uow() as s, s.begin():
            row = s.get(ExerciseRow, exercise_id)
            if row is None:
                raise NotFound(f"no exercise with id {exercise_id}")
            fresh = self._new_exercise_row(draft)
            for col in (
                "name", "primary_muscles", "secondary_muscles", "spinal_load", "kind",
                "equipment", "default_rest_s", "load_increment_kg", "bodyweight",
            ):
                setattr(row, col, getattr(fresh, col))
            if draft.load_kind is not None:
                row.load_kind = LoadKind(draft.load_kind).value
            elif row.bodyweight != (row.load_kind in ("bodyweight", "assisted")):
                # a form that knows no load kinds keeps the stored one unless the flag says otherwise
                row.load_kind = "bodyweight" if row.bodyweight else "weighted"
            by_name = {r.name.lower(): r for r in s.scalars(select(ExerciseRow))}
            row.alternatives = [
                by_name[a.lower()] for a in draft.alternatives if a.lower() in by_name and by_name[a.lower()] is not row
            ]
            s.flush()
            out = _exercise(row)
        self._names = None
        return out

    def _check_exercise_name(self, name: str, own_id: int | None) -> None:
        if not name.strip():
            raise StoreError("an exercise needs a name")
        other = self.exercise_by_name(name)
        if other is not None and other.id != own_id:
            raise StoreError(f"there is already an exercise called {other.name!r}")

    @staticmethod
    def _new_exercise_row(d: ExerciseDraft) -> ExerciseRow:
        return ExerciseRow(
            name=d.name.strip(),
            primary_muscles=list(d.primary),
            secondary_muscles=list(d.secondary),
            spinal_load=SpinalLoad(d.spinal_load).value,
            kind=ExerciseKind(d.kind).value,
            equipment=d.equipment,
            default_rest_s=d.rest_s,
            load_increment_kg=d.increment_kg,
            bodyweight=d.bodyweight,
            load_kind=d.resolved_load_kind.value,
        )

    def exercise_names(self) -> dict[int, str]:
        if self._names is None:
            with self._uow() as s:
                self._names = dict(s.execute(select(ExerciseRow.id, ExerciseRow.name)).all())
        return self._names

    # ---- plans and schedule ------------------------------------------------------------

    def add_plan(self, draft: PlanDraft) -> Plan:
        with self._uow() as s, s.begin():
            plan = PlanRow(name=draft.name)
            self._fill_plan(s, plan, draft)
            s.add(plan)
            s.flush()
            plan_id = plan.id
        return self.plan(plan_id)

    def plans(self) -> list[PlanSummary]:
        with self._uow() as s:
            counts = dict(
                s.execute(select(PlanItemRow.plan_id, func.count()).group_by(PlanItemRow.plan_id)).all()
            )
            days: dict[int, list[int]] = {}
            for wd, pid in s.execute(select(ScheduleRow.weekday, ScheduleRow.plan_id).order_by(ScheduleRow.weekday)):
                days.setdefault(pid, []).append(wd)
            return [
                PlanSummary(p.id, p.name, counts.get(p.id, 0), tuple(days.get(p.id, ())))
                for p in s.scalars(select(PlanRow).order_by(PlanRow.name))
            ]

    def plan(self, plan_id: int) -> Plan:
        with self._uow() as s:
            row = s.scalar(
                select(PlanRow)
                .where(PlanRow.id == plan_id)
                .options(selectinload(PlanRow.items).selectinload(PlanItemRow.exercise))
            )
            if row is None:
                raise NotFound(f"no plan with id {plan_id}")
            return Plan(
                id=row.id,
                name=row.name,
                items=tuple(_plan_item(i) for i in row.items),
                warmup=row.warmup,
                cooldown=row.cooldown,
                notes=row.notes,
                warmup_min=row.warmup_min,
                cooldown_min=row.cooldown_min,
                time_budget_min=row.time_budget_min,
            )

    def schedule(self) -> dict[int, list[int]]:
        """Weekday (0 = Monday) to the plan ids planned on it."""
        out: dict[int, list[int]] = {}
        with self._uow() as s:
            for wd, pid in s.execute(select(ScheduleRow.weekday, ScheduleRow.plan_id).order_by(ScheduleRow.id)):
                out.setdefault(wd, []).append(pid)
        return out

    def set_schedule(self, weekday: int, plan_ids: Sequence[int]) -> None:
        if not 0 <= weekday <= 6:
            raise StoreError("weekday must be 0 (Monday) to 6 (Sunday)")
        with self._uow() as s, s.begin():
            s.execute(delete(ScheduleRow).where(ScheduleRow.weekday == weekday))
            s.add_all(ScheduleRow(weekday=weekday, plan_id=pid) for pid in dict.fromkeys(plan_ids))

    def plans_for_day(self, day: date) -> list[Plan]:
        return [self.plan(pid) for pid in self.schedule().get(day.weekday(), [])]

    # ---- live session ------------------------------------------------------------------

    def open_session(self) -> SessionState | None:
        """The session that was started and neither finished nor discarded, if any."""
        with self._uow() as s:
            sid = s.scalar(
                select(SessionRow.id).where(SessionRow.ended_at.is_(None)).order_by(SessionRow.started_at.desc())
            )
        return self.session_state(sid) if sid is not None else None

    def start_session(
        self,
        plan_id: int | None,
        now: datetime,
        readiness: Readiness | None = None,
        name: str | None = None,
        deload: bool = False,
    ) -> SessionState:
        readiness = readiness or Readiness()
        already = self.open_session()
        if already is not None:
            return already  # one open session at a time: a second start resumes the first
        with self._uow() as s, s.begin():
            other = _open_session_started_meanwhile(s)
            if other is not None:
                return self.session_state(other)
            plan = None
            if plan_id is not None:
                plan = s.scalar(
                    select(PlanRow)
                    .where(PlanRow.id == plan_id)
                    .options(selectinload(PlanRow.items).selectinload(PlanItemRow.exercise))
                )
                if plan is None:
                    raise NotFound(f"no plan with id {plan_id}")
            row = SessionRow(
                name=name or (plan.name if plan else "Free session"),
                started_at=now,
                plan_id=plan_id,
                sleep_h=readiness.sleep_h,
                soreness=readiness.soreness,
                energy=readiness.energy,
                deload=deload,
            )
            if plan is not None:
                for pos, it in enumerate(plan.items):
                    row.items.append(
                        SessionItemRow(
                            position=pos,
                            exercise_id=it.exercise_id,
                            plan_item_id=it.id,
                            sets_planned=it.sets_max,
                            reps_min=it.reps_min,
                            reps_max=it.reps_max,
                            target_rpe=it.target_rpe if it.target_rpe is not None else rpe_from_rir(it.target_rir),
                            rest_s=it.rest_s if it.rest_s is not None else it.exercise.default_rest_s,
                        )
                    )
            s.add(row)
            s.flush()
            if row.items:
                row.current_item_id = row.items[0].id
            sid = row.id
        return self.session_state(sid)

    def session_state(self, session_id: int) -> SessionState:
        with self._uow() as s:
            row = s.scalar(
                select(SessionRow)
                .where(SessionRow.id == session_id)
                .options(
                    selectinload(SessionRow.items).selectinload(SessionItemRow.exercise),
                    selectinload(SessionRow.sets).selectinload(SetRow.exercise),
                )
            )
            if row is None:
                raise NotFound(f"no session with id {session_id}")
            rest_total = (
                int((row.rest_until - row.rest_started_at).total_seconds())
                if row.rest_until and row.rest_started_at
                else None
            )
            return SessionState(
                id=row.id,
                started_at=row.started_at,
                name=row.name,
                plan_id=row.plan_id,
                items=[_item(i) for i in row.items],
                sets=[_set(x, x.exercise.name) for x in row.sets],
                current_item_id=row.current_item_id,
                rest_until=row.rest_until,
                rest_total_s=rest_total,
                notes=row.notes,
                readiness=Readiness(row.sleep_h, row.soreness, row.energy),
                ended_at=row.ended_at,
                session_rpe=row.session_rpe,
                deload=row.deload,
            )

    def log_set(
        self, session_id: int, entry: SetEntry, rest: tuple[datetime, datetime] | None = None
    ) -> SetEntry:
        """Append a set to a session; committed (synchronous=FULL) before it returns.
        `rest` (start, deadline) saves the rest timer it starts in the same transaction."""
        with self._uow() as s, s.begin():
            _lock_session_row(s, session_id)
            if rest is not None:
                s.execute(
                    update(SessionRow)
                    .where(SessionRow.id == session_id)
                    .values(rest_started_at=rest[0], rest_until=rest[1])
                )
            # the next position is computed inside the INSERT (one statement, under the write
            # lock): a read before it would let another process take the same position
            next_pos = (
                select(func.coalesce(func.max(SetRow.position), -1) + 1)
                .where(SetRow.session_id == session_id)
                .scalar_subquery()
            )
            row = SetRow(
                session_id=session_id,
                item_id=entry.item_id,
                exercise_id=entry.exercise_id,
                position=next_pos,
                set_type=entry.set_type.value,
                weight_kg=entry.weight_kg,
                reps=entry.reps,
                rpe=entry.rpe,
                rir=entry.rir,
                rest_s=entry.rest_s,
                logged_at=entry.logged_at or datetime.now(),
                notes=entry.notes,
                duration_s=entry.duration_s,
                distance_m=entry.distance_m,
                superset=entry.superset,
            )
            s.add(row)
            s.flush()
            out = _set(row, entry.exercise_name)
        return out

    def update_set(self, entry: SetEntry) -> SetEntry:
        if entry.id is None:
            raise NotFound("that set was never saved")
        with self._uow() as s, s.begin():
            row = s.get(SetRow, entry.id)
            if row is None:
                raise NotFound(f"no set with id {entry.id}")
            row.set_type = entry.set_type.value
            row.weight_kg = entry.weight_kg
            row.reps = entry.reps
            row.rpe = entry.rpe
            row.rir = entry.rir
            row.notes = entry.notes
            row.duration_s = entry.duration_s
            row.distance_m = entry.distance_m
            s.flush()
            return _set(row, entry.exercise_name)

    def delete_set(self, set_id: int) -> None:
        with self._uow() as s, s.begin():
            s.execute(delete(SetRow).where(SetRow.id == set_id))

    def last_set_id(self, session_id: int) -> int | None:
        with self._uow() as s:
            return s.scalar(
                select(SetRow.id).where(SetRow.session_id == session_id).order_by(SetRow.position.desc()).limit(1)
            )

    def set_current_item(self, session_id: int, item_id: int | None) -> None:
        with self._uow() as s, s.begin():
            s.execute(update(SessionRow).where(SessionRow.id == session_id).values(current_item_id=item_id))

    def set_rest(self, session_id: int, started_at: datetime | None, until: datetime | None) -> None:
        with self._uow() as s, s.begin():
            s.execute(
                update(SessionRow)
                .where(SessionRow.id == session_id)
                .values(rest_started_at=started_at, rest_until=until)
            )

    def set_session_notes(self, session_id: int, notes: str) -> None:
        with self._uow() as s, s.begin():
            s.execute(update(SessionRow).where(SessionRow.id == session_id).values(notes=notes))

    def swap_item_exercise(self, item_id: int, exercise_id: int) -> SessionItem:
        with self._uow() as s, s.begin():
            row = s.get(SessionItemRow, item_id)
            ex = s.get(ExerciseRow, exercise_id)
            if row is None or ex is None:
                raise NotFound("no such session item or exercise")
            row.exercise_id = exercise_id
            row.rest_s = ex.default_rest_s
            s.flush()
            s.refresh(row)
            return _item(row)

    def add_item(self, session_id: int, exercise_id: int, sets: int = 3, reps_min: int = 8,
                 reps_max: int = 12, target_rpe: float | None = None) -> SessionItem:
        with self._uow() as s, s.begin():
            _lock_session_row(s, session_id)
            ex = s.get(ExerciseRow, exercise_id)
            if ex is None:
                raise NotFound(f"no exercise with id {exercise_id}")
            pos = s.scalar(
                select(func.coalesce(func.max(SessionItemRow.position), -1)).where(
                    SessionItemRow.session_id == session_id
                )
            )
            row = SessionItemRow(
                session_id=session_id,
                position=(pos if pos is not None else -1) + 1,
                exercise_id=exercise_id,
                sets_planned=sets,
                reps_min=reps_min,
                reps_max=reps_max,
                target_rpe=target_rpe,
                rest_s=ex.default_rest_s,
            )
            s.add(row)
            s.flush()
            s.refresh(row)
            return _item(row)

    def finish_session(self, session_id: int, ended_at: datetime, session_rpe: float | None) -> None:
        """End a session; NotFound when it is gone (discarded in another window meanwhile)."""
        with self._uow() as s, s.begin():
            done = s.execute(
                update(SessionRow)
                .where(SessionRow.id == session_id)
                .values(ended_at=ended_at, session_rpe=session_rpe, rest_until=None, rest_started_at=None)
            )
            if not done.rowcount:
                raise NotFound(f"no session with id {session_id}")
            s.execute(delete(SettingRow).where(SettingRow.key == _scratch_key(session_id)))

    def discard_session(self, session_id: int) -> None:
        with self._uow() as s, s.begin():
            s.execute(delete(SessionRow).where(SessionRow.id == session_id))
            s.execute(delete(SettingRow).where(SettingRow.key == _scratch_key(session_id)))

    # ---- live session scratch: what the lifter decided that has no column (targets, ramps)

    def session_scratch(self, session_id: int) -> dict[str, Any]:
        """The live session's own choices kept across a crash: a first-time lift's typed
        target, warm-ups turned on or off, the deload flag (JSON, in the settings table)."""
        with self._uow() as s:
            row = s.get(SettingRow, _scratch_key(session_id))
            return dict(row.value) if row is not None else {}

    def save_session_scratch(self, session_id: int, data: dict[str, Any]) -> None:
        with self._uow() as s, s.begin():
            s.merge(SettingRow(key=_scratch_key(session_id), value=data))

    def undo_last_set(self, session_id: int, expected_id: int | None = None) -> SetEntry | None:
        """Delete the session's newest set and the rest timer it started, in one transaction.
        `expected_id`: only when the newest set is that one (a window undoes the set it shows,
        never one another window logged since); None when nothing was deleted."""
        with self._uow() as s, s.begin():
            row = s.scalar(
                select(SetRow).where(SetRow.session_id == session_id).order_by(SetRow.position.desc()).limit(1)
            )
            if row is None or (expected_id is not None and row.id != expected_id):
                return None
            out = _set(row, self.exercise_names().get(row.exercise_id, ""))
            s.delete(row)
            s.execute(
                update(SessionRow).where(SessionRow.id == session_id).values(rest_started_at=None, rest_until=None)
            )
            return out

    def set_items_planned(self, counts: dict[int, int]) -> None:
        """Change the planned sets of session items (a deload version of today's plan)."""
        with self._uow() as s, s.begin():
            for item_id, n in counts.items():
                s.execute(update(SessionItemRow).where(SessionItemRow.id == item_id).values(sets_planned=n))

    # ---- history -----------------------------------------------------------------------

    def last_sets(self, exercise_id: int, before: datetime, exclude_session: int | None = None) -> list[SetEntry]:
        """The sets of the most recent earlier session that had this exercise."""
        with self._uow() as s:
            q = select(SetRow.session_id).where(SetRow.exercise_id == exercise_id, SetRow.logged_at < before)
            if exclude_session is not None:
                q = q.where(SetRow.session_id != exclude_session)
            sid = s.scalar(q.order_by(SetRow.logged_at.desc()).limit(1))
            if sid is None:
                return []
            rows = s.scalars(
                select(SetRow)
                .where(SetRow.session_id == sid, SetRow.exercise_id == exercise_id)
                .order_by(SetRow.position)
            ).all()
            names = self.exercise_names()
            return [_set(r, names.get(r.exercise_id, "")) for r in rows]

    def recent_lift_sessions(
        self, exercise_id: int, before: datetime, exclude_session: int | None = None, limit: int = 8
    ) -> list[list[SetEntry]]:
        """The sets of one lift in each of its last `limit` earlier sessions, newest first
        (for the live session's fade line against the lifter's usual fade)."""
        with self._uow() as s:
            q = select(SetRow.session_id, func.max(SetRow.logged_at).label("at")).where(
                SetRow.exercise_id == exercise_id, SetRow.logged_at < before
            )
            if exclude_session is not None:
                q = q.where(SetRow.session_id != exclude_session)
            ids = [sid for sid, _ in s.execute(q.group_by(SetRow.session_id).order_by(func.max(SetRow.logged_at).desc()).limit(limit))]
            if not ids:
                return []
            rows = s.scalars(
                select(SetRow).where(SetRow.session_id.in_(ids), SetRow.exercise_id == exercise_id).order_by(SetRow.position)
            ).all()
            by: dict[int, list[SetEntry]] = {sid: [] for sid in ids}
            for r in rows:
                by[r.session_id].append(_set(r))
            return [by[sid] for sid in ids]

    def exercise_sets(self, exercise_id: int, before: datetime | None = None) -> list[SetEntry]:
        """Every working set ever logged for an exercise (for records), oldest first."""
        with self._uow() as s:
            q = select(SetRow).where(SetRow.exercise_id == exercise_id, SetRow.set_type != SetType.WARMUP.value)
            if before is not None:
                q = q.where(SetRow.logged_at < before)
            rows = s.scalars(q.order_by(SetRow.logged_at)).all()
            return [_set(r) for r in rows]

    def session_count(self) -> int:
        with self._uow() as s:
            return s.scalar(select(func.count()).select_from(SessionRow).where(SessionRow.ended_at.is_not(None))) or 0

    def sessions(self, limit: int = 200, offset: int = 0) -> list[SessionSummary]:
        """Finished sessions, newest first, with set counts and volume load."""
        with self._uow() as s:
            recent = (
                select(SessionRow.id)
                .where(SessionRow.ended_at.is_not(None))
                .order_by(SessionRow.started_at.desc())
                .limit(limit)
                .offset(offset)
                .subquery()
            )
            agg = (
                select(
                    SetRow.session_id,
                    func.count(SetRow.id).label("n"),
                    func.sum(SetRow.weight_kg * SetRow.reps).label("vol"),
                )
                .where(SetRow.session_id.in_(select(recent.c.id)), SetRow.set_type != SetType.WARMUP.value)
                .group_by(SetRow.session_id)
                .subquery()
            )
            q = (
                select(SessionRow, agg.c.n, agg.c.vol)
                .join(recent, recent.c.id == SessionRow.id)
                .outerjoin(agg, agg.c.session_id == SessionRow.id)
                .order_by(SessionRow.started_at.desc())
            )
            rows = s.execute(q).all()
            # bodyweight and assisted sets at their effective load (history_queries.session_volumes)
            fix = session_volumes(s, [r.id for r, _, _ in rows])
            return [
                SessionSummary(
                    r.id, r.started_at, r.ended_at, r.name, n or 0, float(vol or 0) + fix.get(r.id, 0.0), r.session_rpe, r.deload
                )
                for r, n, vol in rows
            ]

    def stats(self) -> dict[str, int]:
        with self._uow() as s:
            return {
                "sessions": s.scalar(select(func.count()).select_from(SessionRow)) or 0,
                "sets": s.scalar(select(func.count()).select_from(SetRow)) or 0,
                "exercises": s.scalar(select(func.count()).select_from(ExerciseRow)) or 0,
                "plans": s.scalar(select(func.count()).select_from(PlanRow)) or 0,
            }
