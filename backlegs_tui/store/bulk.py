"""Fast writer for many workouts at once (imports, demo data, benchmarks).

Takes plain `WorkoutRecord`s and writes sessions, session items, sets and any exercise
missing from the catalogue with SQLAlchemy Core `executemany`, in one transaction: either
everything is written or nothing. Ids are assigned here (the write lock is taken first, so
no other writer can race for them), which saves a round trip per session.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Float, Integer, String, Table, func, insert, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from ..domain import validation
from ..domain.model import ExerciseDraft, ExerciseKind, LoadKind, SetType, SpinalLoad
from ..domain.records import WorkoutRecord
from ..domain.text import printable
from .export_queries import BODY_WEIGHTS, EXERCISES, PLAN_ITEMS, PLANS, SCHEDULE, SESSION_ITEMS, SESSIONS, SETS
from .models import (
    ExerciseRow,
    PlanRow,
    SessionItemRow,
    SessionRow,
    SetRow,
    SettingRow,
    exercise_alternatives,
)
from .schema import StoreError, is_locked

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
    duplicates: int = 0  # workouts skipped: their import_key, or their start and sets, already in the database
    already: list[WorkoutRecord] = field(default_factory=list)  # those workouts (their rows: "already imported")
    matched: list[str] = field(default_factory=list)  # exercises found, as the database spells them
    created: list[str] = field(default_factory=list)  # exercises added
    skipped: list[str] = field(default_factory=list)  # what was left out, and why
    dry_run: bool = False
    timed: int = 0  # sets with a duration or a distance


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


@contextmanager
def _connection(repo: Repository) -> Iterator[Connection]:
    """A connection whose database errors end as one StoreError line."""
    try:
        with repo.engine.connect() as con:
            yield con
    except OperationalError as exc:
        if is_locked(exc):
            raise StoreError("the database is locked by another program; close it and try again") from None
        raise StoreError(f"cannot write to the database ({exc.orig})") from None


def _lock_for_writing(con: Connection, *, exclusive: bool = False) -> bool:
    """Take the write lock before reading the max(id)s; True when the sets' foreign keys may
    be set aside (PostgreSQL, `exclusive` asked and granted)."""
    # a no-op write opens the write transaction, so the max(id)s read next stay ours
    if con.dialect.name == "postgresql":
        # the same on a server: other clients' writes wait (reads and row locks do not) until
        # this transaction ends, so the ids assigned here are not taken meanwhile. A big
        # import first tries for the tables the sets' foreign keys join, exclusively; when
        # another client keeps them for more than a moment, the row-by-row checks are kept.
        # Every lock is taken all at once or not at all (NOWAIT, let go, try again), so the
        # import never waits while holding some of them: no deadlock with a client's set.
        exclusive = exclusive and _owns(con, "set_entries") and _lock_all(
            con, _KEYED_TABLES, "ACCESS EXCLUSIVE", EXCLUSIVE_WAIT_S
        )
        if not _lock_all(con, _SERVER_TABLES, "SHARE ROW EXCLUSIVE", SHARED_WAIT_S):
            con.execute(text(f"LOCK TABLE {', '.join(_SERVER_TABLES)} IN SHARE ROW EXCLUSIVE MODE"))
        return exclusive
    con.execute(text("UPDATE sessions SET id = id WHERE 0"))
    return False


# the sets' table and the three its foreign keys point to
_KEYED_TABLES = ("exercises", "sessions", "session_items", "set_entries")
EXCLUSIVE_WAIT_S = 3.0  # then the import checks keys row by row rather than wait longer
SHARED_WAIT_S = 30.0  # then it waits in line like any other statement


def _lock_all(con: Connection, tables: Sequence[str], mode: str, wait_s: float) -> bool:
    """Lock every table of `tables` in `mode`, all or none, trying again for `wait_s`."""
    import time

    deadline = time.monotonic() + wait_s
    while True:
        savepoint = con.begin_nested()
        try:
            con.execute(text(f"LOCK TABLE {', '.join(tables)} IN {mode} MODE NOWAIT"))
        except OperationalError:
            savepoint.rollback()  # lets go of the ones it got
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)
            continue
        savepoint.commit()
        return True


def _owns(con: Connection, table: str) -> bool:
    return bool(con.execute(text(
        f"SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class WHERE oid = '{table}'::regclass"
    )).scalar())


def _server_tables() -> tuple[str, ...]:
    """Every table of the app, parents first (the order they are locked in)."""
    from .models import Base

    return tuple(t.name for t in Base.metadata.sorted_tables)


def _id_tables() -> tuple[str, ...]:
    """The tables with an `id` sequence (the ones whose ids the bulk writers assign)."""
    from .models import Base

    return tuple(t.name for t in Base.metadata.sorted_tables if "id" in t.c and t.c.id.primary_key)


# every table the bulk writers write, in the order they are locked
_SERVER_TABLES = _server_tables()


def _sync_sequences(con: Connection) -> None:
    """On PostgreSQL, move each id sequence past the ids written here explicitly, so the
    next row an app adds gets a free id. (SQLite reads max(id) itself.)"""
    if con.dialect.name != "postgresql":
        return
    for table in _id_tables():
        con.execute(text(
            f"SELECT setval(seq, GREATEST((SELECT coalesce(max(id), 0) FROM {table}), 1), "
            f"(SELECT count(*) > 0 FROM {table})) FROM pg_get_serial_sequence('{table}', 'id') AS seq "
            "WHERE seq IS NOT NULL"
        ))


def _next_id(con: Connection, column) -> int:  # noqa: ANN001
    return int(con.scalar(select(func.coalesce(func.max(column), 0)))) + 1


def _existing_keys(con: Connection, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        found.update(con.scalars(select(SessionRow.import_key).where(SessionRow.import_key.in_(chunk))))
    return found


def _new_workouts(con: Connection, workouts: Iterable[WorkoutRecord]) -> tuple[list[WorkoutRecord], list[WorkoutRecord]]:
    """The workouts that are neither in the database nor earlier in the batch, and the others
    (already imported). A workout is there when its import key is, or when a session starts
    in the same minute with the same sets (`_same_sets`): the app's own Strong export, or
    a file of another app holding what was logged here, is never stored twice."""
    workouts = list(workouts)
    keys = [k for w in workouts if (k := stored_key(w.import_key)) is not None]
    seen = _existing_keys(con, keys) if keys else set()
    by_minute = _stored_by_minute(con, workouts)
    fresh: list[WorkoutRecord] = []
    already: list[WorkoutRecord] = []
    for w in workouts:
        key = stored_key(w.import_key)
        if key is not None and key in seen:
            already.append(w)
            continue
        mine = _signature((s.exercise, s.weight_kg, s.reps, s.duration_s, s.distance_m) for s in w.sets)
        twins = by_minute.setdefault(_minute(w.started_at), [])
        if any(_same_sets(mine, other) for other in twins):
            already.append(w)
            continue
        if key is not None:
            seen.add(key)
        twins.append(mine)
        fresh.append(w)
    return fresh, already


Signature = list[tuple[str, int, int, float, float]]
"""A session's sets as (exercise, reps, seconds, metres, kg; 0 for none), sorted: what "the same sets" compares."""
SAME_KG = 0.05  # loads closer than this are the same (a lb load converted, written and read back)


def _minute(at: datetime) -> datetime:
    return at.replace(second=0, microsecond=0, tzinfo=None)


def _signature(sets: Iterable[tuple[str, float | None, int | None, int | None, float | None]]) -> Signature:
    return sorted(
        (_exercise_key(name), int(reps or 0), int(duration or 0), round(distance or 0.0, 1), float(kg or 0.0))
        for name, kg, reps, duration, distance in sets
    )


def _same_sets(a: Signature, b: Signature) -> bool:
    """The same exercises with the same reps, times, distances and loads, set for set, in any
    order. Set types, RPE and notes are left out: an older export wrote every set as working."""
    return len(a) == len(b) and all(
        x[:4] == y[:4] and abs(x[4] - y[4]) < SAME_KG for x, y in zip(a, b)
    )


def _stored_by_minute(con: Connection, workouts: Sequence[WorkoutRecord]) -> dict[datetime, list[Signature]]:
    """The stored sessions that start in a minute one of `workouts` starts in: minute -> their sets."""
    minutes = {_minute(w.started_at) for w in workouts}
    if not minutes:
        return {}
    first, last = min(minutes), max(minutes) + timedelta(minutes=1)
    starts = con.execute(
        select(SessionRow.id, SessionRow.started_at).where(SessionRow.started_at >= first, SessionRow.started_at < last)
    )
    wanted = {sid: m for sid, at in starts if (m := _minute(at)) in minutes}
    rows: dict[int, list[tuple]] = {sid: [] for sid in wanted}
    ids = list(wanted)
    for i in range(0, len(ids), 500):
        q = (
            select(SetRow.session_id, ExerciseRow.name, SetRow.weight_kg, SetRow.reps, SetRow.duration_s, SetRow.distance_m)
            .join(ExerciseRow, ExerciseRow.id == SetRow.exercise_id)
            .where(SetRow.session_id.in_(ids[i : i + 500]))
        )
        for sid, *values in con.execute(q):
            rows[sid].append(tuple(values))
    out: dict[datetime, list[Signature]] = {}
    for sid, m in wanted.items():
        out.setdefault(m, []).append(_signature(rows[sid]))
    return out


def _exercise_name(raw: str) -> str:
    # control characters (ESC sequences from a hostile file) are stored as visible text
    return printable(" ".join(raw.split()))[:EXERCISE_NAME_MAX]


def _exercise_key(raw: str) -> str:
    return _exercise_name(raw).lower()


def _exercise_names(workouts: Sequence[WorkoutRecord]) -> dict[str, tuple[str, bool]]:
    """lower-case name -> (name as first written, every set at zero load)."""
    loaded: dict[str, bool] = {}  # raw name -> some set had a load
    for w in workouts:
        for s in w.sets:
            if s.weight_kg:
                loaded[s.exercise] = True
            else:
                loaded.setdefault(s.exercise, False)
    names: dict[str, tuple[str, bool]] = {}
    for raw, has_load in loaded.items():
        name = _exercise_name(raw)
        first, bodyweight = names.get(name.lower(), (name, True))
        names[name.lower()] = (first, bodyweight and not has_load)
    return names


def _measured_kinds(workouts: Sequence[WorkoutRecord]) -> dict[str, LoadKind]:
    """lower-case name -> timed or distance, for an exercise every set of which has a time
    (timed) or a distance (distance)."""
    seen: dict[str, set[str]] = {}
    for w in workouts:
        for s in w.sets:
            how = "distance" if s.distance_m else "timed" if s.duration_s else "reps"
            seen.setdefault(_exercise_key(s.exercise), set()).add(how)
    return {k: LoadKind(v.pop()) for k, v in seen.items() if len(v) == 1 and "reps" not in v}


def _resolve_exercises(
    con: Connection,
    wanted: dict[str, tuple[str, bool]],
    draft_for: DraftFor,
    dry_run: bool,
    result: InsertResult,
    measured: dict[str, LoadKind] | None = None,
) -> dict[str, tuple[int, int]]:
    """lower-case name -> (exercise id, default rest); creates the missing ones."""
    known = {
        name.lower(): (eid, name, rest)
        for eid, name, rest in con.execute(
            select(ExerciseRow.id, ExerciseRow.name, ExerciseRow.default_rest_s)
        )
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
        kind = d.resolved_load_kind
        if kind in (LoadKind.WEIGHTED, LoadKind.BODYWEIGHT) and key in (measured or {}):
            kind = (measured or {})[key]  # every set timed (a hold) or with a distance (a carry)
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
                "load_kind": kind.value,
            }
        )
        ids[key] = (next_id, d.rest_s)
        result.created.append(name)
        next_id += 1
    if rows and not dry_run:
        con.execute(insert(ExerciseRow), rows)
    return ids


_SET_COLUMNS = (
    "session_id", "item_id", "exercise_id", "position", "set_type", "weight_kg", "reps",
    "rpe", "rir", "rest_s", "logged_at", "notes", "duration_s", "distance_m", "superset",
)


class _SetWriter:
    """Sets as plain tuples through the compiled Core insert: at 150,000 rows SQLAlchemy's
    per-row parameter processing would cost more than SQLite's own work, so the one
    conversion needed (datetimes, by the dialect's own bind processor) runs once per
    distinct value here."""

    def __init__(self, con: Connection) -> None:
        table = SetRow.__table__
        self.sql = str(insert(table).compile(dialect=con.dialect, column_keys=list(_SET_COLUMNS)))
        self._datetime = table.c.logged_at.type.dialect_impl(con.dialect).bind_processor(con.dialect)
        if self._datetime is None:  # psycopg takes datetimes as they are
            self._datetime = lambda value: value
        self._seen: dict[datetime, Any] = {}
        self.con = con
        self.set_aside_keys = False  # PostgreSQL, under the exclusive locks: check keys once at the end

    def when(self, value: datetime) -> Any:
        out = self._seen.get(value)
        if out is None:
            out = self._seen[value] = self._datetime(value)
        return out

    def write(self, rows: list[tuple], progress: Callable[[int, int], None] | None) -> None:
        total = len(rows)
        if self.con.dialect.name == "postgresql":
            self._copy(rows, progress)
            return
        for i in range(0, total, CHUNK):
            self.con.exec_driver_sql(self.sql, rows[i : i + CHUNK])
            if progress is not None:
                progress(min(i + CHUNK, total), total)


    def _copy(self, rows: list[tuple], progress: Callable[[int, int], None] | None) -> None:
        """PostgreSQL: the rows through COPY, in this transaction (150,000 sets in about a second)."""
        total = len(rows)
        table = SetRow.__table__.name
        raw = self.con.connection.driver_connection
        keys = _set_aside_foreign_keys(self.con, table) if self.set_aside_keys else []
        with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(_SET_COLUMNS)}) FROM STDIN") as copy:
            for i, row in enumerate(rows, 1):
                copy.write_row(row)
                if progress is not None and (i % CHUNK == 0 or i == total):
                    progress(i, total)
        for name, definition in keys:  # checked again, once for all rows (a join, not a trigger per row)
            self.con.exec_driver_sql(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


# from this many sets, a PostgreSQL import checks the sets' foreign keys once at the end
# instead of row by row (two thirds of the COPY's time on 150,000 sets)
FK_SET_ASIDE_ROWS = 20_000


def _set_aside_foreign_keys(con: Connection, table: str) -> list[tuple[str, str]]:
    """Drop `table`'s foreign keys inside this transaction and return them to be added back
    (the ADD checks every row; an error rolls everything back, keys included). The caller
    holds the exclusive locks (_lock_for_writing), so nobody waits in between."""
    keys = [
        (name, definition)
        for name, definition in con.exec_driver_sql(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            f"WHERE conrelid = '{table}'::regclass AND contype = 'f' ORDER BY conname"
        )
    ]
    for name, _ in keys:
        con.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    return keys


def _insert_many(con: Connection, table: Table, rows: list[dict]) -> None:
    """Rows of one shape into `table`: an executemany, or on PostgreSQL a COPY (a round
    trip per row would cost seconds at 50,000 rows)."""
    if not rows:
        return
    if con.dialect.name != "postgresql":
        con.execute(insert(table), rows)
        return
    columns = list(rows[0])
    raw = con.connection.driver_connection
    with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


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
    repeated in the batch), or that starts in the minute a stored (or earlier) session starts
    in with the same sets, is skipped and counted in `duplicates`. Each session gets one
    session item per distinct exercise, in order of first appearance; set positions are
    0-based in the order given. A workout with no end time ends at its last set; one with a
    `plan_name` the database knows is linked to that plan.
    `progress(done, total)` is called with sets written. With `dry_run`, nothing is written.
    """
    result = InsertResult(dry_run=dry_run)
    workouts = list(workouts)
    big = sum(len(w.sets) for w in workouts) >= FK_SET_ASIDE_ROWS
    with _connection(repo) as con:
        exclusive = False
        if not dry_run:
            exclusive = _lock_for_writing(con, exclusive=big)
        fresh, result.already = _new_workouts(con, workouts)
        result.duplicates = len(result.already)
        exercises = _resolve_exercises(
            con, _exercise_names(fresh), draft_for, dry_run, result, _measured_kinds(fresh)
        )
        result.timed = sum(1 for w in fresh for s in w.sets if s.duration_s or s.distance_m)
        result.workouts = len(fresh)
        result.sets = sum(len(w.sets) for w in fresh)
        if dry_run:
            con.rollback()
            return result
        plans = {n.lower(): pid for pid, n in con.execute(select(PlanRow.id, PlanRow.name))}
        session_id = _next_id(con, SessionRow.id)
        item_id = _next_id(con, SessionItemRow.id)
        writer = _SetWriter(con)
        writer.set_aside_keys = exclusive
        by_name = {raw: exercises[_exercise_key(raw)] for raw in {s.exercise for w in fresh for s in w.sets}}
        sessions: list[dict] = []
        items: list[dict] = []
        sets: list[tuple] = []
        for w in fresh:
            last = w.started_at
            start = writer.when(w.started_at)
            item_of: dict[int, list] = {}  # exercise id -> [item id, count, reps min, reps max, rest]
            for pos, s in enumerate(w.sets):
                eid, rest = by_name[s.exercise]
                reps = int(s.reps)
                item = item_of.get(eid)
                if item is None:
                    item = item_of[eid] = [item_id, 0, reps, reps, rest]
                    item_id += 1
                item[1] += 1
                if reps < item[2]:
                    item[2] = reps
                elif reps > item[3]:
                    item[3] = reps
                if s.logged_at is None:
                    at = start
                else:
                    at = writer.when(s.logged_at)
                    last = max(last, s.logged_at)
                sets.append((
                    session_id, item[0], eid, pos, s.set_type.value, float(s.weight_kg or 0.0), reps,
                    s.rpe, s.rir, s.rest_s, at, printable(s.notes or "", keep_lines=True),
                    s.duration_s, s.distance_m, s.superset,
                ))
            items.extend(
                {
                    "id": iid, "session_id": session_id, "position": position, "exercise_id": eid,
                    "sets_planned": count, "reps_min": lo, "reps_max": hi, "target_rpe": None, "rest_s": rest,
                }
                for position, (eid, (iid, count, lo, hi, rest)) in enumerate(item_of.items())
            )
            sessions.append(
                {
                    "id": session_id,
                    "name": printable(w.name or "")[:NAME_MAX],
                    "started_at": w.started_at,
                    "ended_at": w.ended_at or last,
                    "plan_id": plans.get((w.plan_name or "").lower()),
                    "notes": printable(w.notes or "", keep_lines=True),
                    "session_rpe": w.session_rpe,
                    "sleep_h": w.sleep_h,
                    "soreness": w.soreness,
                    "energy": w.energy,
                    "deload": bool(getattr(w, "deload", False)),
                    "source": w.source[:20],
                    "import_key": stored_key(w.import_key),
                }
            )
            session_id += 1
        _insert_many(con, SessionRow.__table__, sessions)
        _insert_many(con, SessionItemRow.__table__, items)
        writer.write(sets, progress)
        _sync_sequences(con)
        con.commit()
    repo._names = None  # the exercise-name cache may now miss new exercises
    return result


# ---- full snapshots (backlegs' own JSON export) ---------------------------------------------


class SnapshotError(StoreError):
    """A backlegs JSON file whose contents cannot be restored; one line says where."""




def _value(col, value: Any, where: str) -> Any:  # noqa: ANN001
    if value is None:
        if col.nullable:
            return None
        raise SnapshotError(f"{where}: {col.key} cannot be empty")
    kind = col.type
    ok = True
    if isinstance(kind, DateTime):
        try:
            return datetime.fromisoformat(value) if isinstance(value, str) else _bad(col, where)
        except ValueError:
            raise SnapshotError(f"{where}: {col.key} {value!r} is not a date-time") from None
    if isinstance(kind, Date):
        try:
            return date.fromisoformat(value) if isinstance(value, str) else _bad(col, where)
        except ValueError:
            raise SnapshotError(f"{where}: {col.key} {value!r} is not a date") from None
    if isinstance(kind, Boolean):
        ok = isinstance(value, bool)
    elif isinstance(kind, Integer):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(kind, Float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        try:
            value = float(value) if ok else value
        except OverflowError:  # an integer of hundreds of digits
            raise SnapshotError(f"{where}: {col.key} is out of range") from None
    elif isinstance(kind, String):  # Text too
        ok = isinstance(value, str)
    return value if ok else _bad(col, where)


def _bad(col, where: str) -> Any:  # noqa: ANN001
    raise SnapshotError(f"{where}: {col.key} has the wrong type")


_INT64 = 2**63 - 1
# text columns that name something: one line, no control characters
_NAME_COLUMNS = {"name", "equipment", "spinal_load", "kind", "set_type", "source", "pairing_group", "key",
                 "load_kind", "superset"}


def _checked(table: Table, col, value: Any, where: str) -> Any:  # noqa: ANN001
    """`value` within the app's own validation (domain.validation), whatever the file says."""
    if value is None:
        return None
    key = col.key
    try:
        if isinstance(value, str):
            name = key in _NAME_COLUMNS
            max_len = getattr(col.type, "length", None) or validation.MAX_TEXT
            validation.check_text(value, key, max_len=max_len, name=name and key not in ("source",))
            if not name:
                value = printable(value, keep_lines=True)
        elif isinstance(value, bool):
            pass
        elif isinstance(value, int):
            if not -_INT64 <= value <= _INT64:
                raise validation.InputError(f"{key} is out of range")
        elif isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                raise validation.InputError(f"{key} is not a number")
        elif isinstance(value, datetime | date):
            validation.check_when(value, key)
        elif isinstance(value, list | dict):
            _check_json(value, key)
        rule = _RULES.get((table.name, key))
        if rule is not None:
            rule(value)
    except validation.InputError as exc:
        raise SnapshotError(f"{where}: {exc}") from None
    return value


def _check_json(value: Any, key: str, depth: int = 0) -> None:
    """Lists and objects stored as JSON (muscles, alternatives, settings): text, finite
    numbers, nothing deeper than a few levels."""
    if depth > 6:
        raise validation.InputError(f"{key} is nested too deep")
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else None
    if items is None:
        if isinstance(value, str):
            validation.check_text(value, key, max_len=1000)
        elif isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            raise validation.InputError(f"{key} holds a number that is not finite")
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > _INT64:
            raise validation.InputError(f"{key} holds a number out of range")
        return
    for k, v in items:
        if isinstance(k, str):
            validation.check_text(k, key, max_len=100)
        _check_json(v, key, depth + 1)


def _one_of(enum) -> Callable[[Any], None]:  # noqa: ANN001
    values = {e.value for e in enum}

    def check(value: Any) -> None:
        if value not in values:
            raise validation.InputError(f"{value!r} is not one of {', '.join(sorted(values))}")

    return check


def _between(what: str, lo: float, hi: float) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if not lo <= value <= hi:
            raise validation.InputError(f"{what} {value!r} is not from {lo:g} to {hi:g}")

    return check


def _ids_in(what: str) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise validation.InputError(f"{what} must be a list of ids")

    return check


def _plates_setting(value: Any) -> None:
    """The settings object: plate sizes and the bar within what the Settings dialog takes."""
    if not isinstance(value, dict):
        raise validation.InputError("a setting must be an object")
    inner = value.get("v", {})
    if not isinstance(inner, dict):
        return
    for key in ("plates_kg", "plates_lb"):
        plates = inner.get(key)
        if plates is None:
            continue
        if not isinstance(plates, list) or not all(
            isinstance(p, int | float) and not isinstance(p, bool) and validation.MIN_PLATE <= p <= validation.MAX_PLATE
            for p in plates
        ):
            raise validation.InputError(
                f"{key} must be plate sizes from {validation.MIN_PLATE:g} to {validation.MAX_PLATE:g}"
            )
    for key in ("bar_kg", "bar_lb"):
        bar = inner.get(key)
        if bar is not None and (
            not isinstance(bar, int | float) or isinstance(bar, bool) or not 0 <= bar <= validation.MAX_PLATE
        ):
            raise validation.InputError(f"{key} must be from 0 to {validation.MAX_PLATE:g}")


_RULES: dict[tuple[str, str], Callable[[Any], None]] = {
    ("set_entries", "weight_kg"): validation.check_weight_kg,
    ("set_entries", "reps"): validation.check_reps,
    ("set_entries", "rpe"): validation.check_rpe,
    ("set_entries", "rir"): validation.check_rir,
    ("set_entries", "rest_s"): validation.check_seconds,
    ("set_entries", "duration_s"): validation.check_duration_s,
    ("set_entries", "distance_m"): validation.check_distance_m,
    ("exercises", "load_kind"): _one_of(LoadKind),
    ("body_weights", "weight_kg"): validation.check_body_kg,
    ("set_entries", "position"): _between("position", 0, 1_000_000),
    ("sessions", "session_rpe"): validation.check_rpe,
    ("sessions", "sleep_h"): _between("sleep_h", 0, 24),
    ("sessions", "soreness"): _between("soreness", 1, 5),
    ("sessions", "energy"): _between("energy", 1, 5),
    ("exercises", "spinal_load"): _one_of(SpinalLoad),
    ("exercises", "kind"): _one_of(ExerciseKind),
    ("exercises", "default_rest_s"): validation.check_seconds,
    ("exercises", "load_increment_kg"): _between("load_increment_kg", 0, 100),
    ("plan_items", "sets_min"): _between("sets_min", 0, 50),
    ("plan_items", "sets_max"): _between("sets_max", 0, 50),
    ("plan_items", "reps_min"): _between("reps_min", 1, validation.MAX_REPS),
    ("plan_items", "reps_max"): _between("reps_max", 1, validation.MAX_REPS),
    ("plan_items", "target_rpe"): validation.check_rpe,
    ("plan_items", "target_rir"): validation.check_rir,
    ("plan_items", "rest_s"): validation.check_seconds,
    ("plan_items", "alternative_ids"): _ids_in("alternative_ids"),
    ("session_items", "sets_planned"): _between("sets_planned", 0, 50),
    ("session_items", "reps_min"): _between("reps_min", 1, validation.MAX_REPS),
    ("session_items", "reps_max"): _between("reps_max", 1, validation.MAX_REPS),
    ("session_items", "target_rpe"): validation.check_rpe,
    ("session_items", "rest_s"): validation.check_seconds,
    ("schedule", "weekday"): _between("weekday", 0, 6),
}


def _decode(table: Table, row: Any, where: str, skip: str | None = None) -> dict[str, Any]:
    """A snapshot row checked against the table's columns, datetimes parsed, every value
    within the app's own validation."""
    if not isinstance(row, dict):
        raise SnapshotError(f"{where} is not an object")
    out: dict[str, Any] = {}
    for col in table.columns:
        if col.key == skip:
            continue
        if col.key not in row and not col.nullable:
            if col.default is not None and not callable(col.default.arg):  # a column added later (deload)
                out[col.key] = col.default.arg
                continue
            raise SnapshotError(f"{where} has no {col.key}")
        out[col.key] = _checked(table, col, _value(col, row.get(col.key), where), where)
    if table.name == "set_entries" and "set_type" in out:
        try:
            SetType(out["set_type"])
        except ValueError:
            raise SnapshotError(f"{where}: set_type {out['set_type']!r} is not one this backlegs knows") from None
    return out


def _children(row: dict[str, Any], key: str, where: str) -> list[Any]:
    value = row.get(key, [])
    if not isinstance(value, list):
        raise SnapshotError(f"{where}: {key} is not a list")
    return value


class _Ids:
    """Snapshot ids to database ids: the same ids when restoring into an emptied database,
    fresh ones after the database's own when merging."""

    def __init__(self, con: Connection, column, keep: bool) -> None:  # noqa: ANN001
        self.keep = keep
        self.next = _next_id(con, column)
        self.map: dict[int, int] = {}

    def new(self, old: int) -> int:
        if self.keep:
            new = old
        else:
            new, self.next = self.next, self.next + 1
        self.map[old] = new
        return new


def restore_snapshot(repo: Repository, snapshot: dict[str, Any], *, dry_run: bool = False) -> InsertResult:
    """Write a `snapshot()` back, in one transaction.

    Into a new database (no sessions, no schedule, no settings, nothing but the seeded
    catalogue and sample plan) the snapshot replaces everything, ids included, so exporting
    again gives the same file. Into any other database it is merged: exercises and plans
    are matched by name (the database's own are kept, the missing ones added), sessions
    already there (same start and name, or same import key) are skipped and counted as
    duplicates; the schedule gains only the days of plans added; the database's settings are
    kept (one that never saved any takes the file's). An unfinished session is not merged
    into a database that has one open.
    """
    _check_snapshot(snapshot)
    result = InsertResult(dry_run=dry_run)
    with _connection(repo) as con:
        _lock_for_writing(con)
        try:
            _restore(con, snapshot, result)
        except IntegrityError as exc:
            con.rollback()
            raise SnapshotError(f"the file's rows do not fit together ({exc.orig})") from None
        if dry_run:
            con.rollback()
        else:
            _sync_sequences(con)
            con.commit()
    repo._names = None
    return result


def _check_snapshot(snap: Any) -> None:
    from .export_queries import SNAPSHOT_FORMAT, SNAPSHOT_VERSION
    from .schema import KNOWN_REVISIONS

    if not isinstance(snap, dict) or snap.get("format") != SNAPSHOT_FORMAT:
        raise SnapshotError("is not a backlegs JSON export (no \"format\": \"backlegs\")")
    version = snap.get("version")
    if not isinstance(version, int) or version > SNAPSHOT_VERSION or snap.get("schema") not in KNOWN_REVISIONS:
        raise SnapshotError("was written by a newer backlegs; upgrade backlegs to import it")
    for key in ("exercises", "plans", "schedule", "sessions"):
        if not isinstance(snap.get(key), list):
            raise SnapshotError(f"has no list of {key}")
    if not isinstance(snap.get("settings"), dict):
        raise SnapshotError("has no settings object")
    if not isinstance(snap.get("body_weights", []), list):  # from schema 0004
        raise SnapshotError("has no list of body_weights")


def _is_new(con: Connection) -> bool:
    from ..domain.catalogue import CATALOGUE, SAMPLE_PLAN

    if con.scalar(select(func.count()).select_from(SESSIONS)) or con.scalar(
        select(func.count()).select_from(SCHEDULE)
    ) or con.scalar(select(func.count()).select_from(SettingRow.__table__)) or con.scalar(
        select(func.count()).select_from(BODY_WEIGHTS)
    ):
        return False
    exercises = set(con.scalars(select(EXERCISES.c.name)))
    plans = set(con.scalars(select(PLANS.c.name)))
    return exercises <= {d.name for d in CATALOGUE} and plans <= {SAMPLE_PLAN.name}


def _restore(con: Connection, snap: dict[str, Any], result: InsertResult) -> None:
    before = {n.lower(): n for n in con.scalars(select(EXERCISES.c.name))}
    keep = _is_new(con)
    if keep:
        for table in (SETS, SESSION_ITEMS, SESSIONS, SCHEDULE, PLAN_ITEMS, PLANS, exercise_alternatives,
                      EXERCISES, SettingRow.__table__, BODY_WEIGHTS):
            con.execute(table.delete())
        known_exercises: dict[str, int] = {}
        known_plans: dict[str, int] = {}
    else:
        known_exercises = {n.lower(): i for i, n in con.execute(select(EXERCISES.c.id, EXERCISES.c.name))}
        known_plans = {n.lower(): i for i, n in con.execute(select(PLANS.c.id, PLANS.c.name))}

    # exercises and their alternatives
    ex_ids = _Ids(con, EXERCISES.c.id, keep)
    new_exercises: list[dict[str, Any]] = []
    alternatives: list[tuple[int, list[Any]]] = []
    for i, raw in enumerate(snap["exercises"]):
        where = f"exercises[{i}]"
        row = _decode(EXERCISES, raw, where)
        if "load_kind" not in raw:  # a file from before schema 0004: the bodyweight flag says it, as in 0004
            row["load_kind"] = "bodyweight" if row["bodyweight"] else "weighted"
        name = row["name"]
        if name.lower() in known_exercises:
            ex_ids.map[row["id"]] = known_exercises[name.lower()]
            result.matched.append(before.get(name.lower(), name))
            continue
        row["id"] = ex_ids.new(row["id"])
        known_exercises[name.lower()] = row["id"]
        new_exercises.append(row)
        (result.matched if name.lower() in before else result.created).append(name)
        alternatives.append((row["id"], _children(raw, "alternatives", where)))
    if new_exercises:
        con.execute(insert(EXERCISES), new_exercises)
    pairs = [
        {"exercise_id": eid, "alternative_id": ex_ids.map[a]}
        for eid, alts in alternatives
        for a in alts
        if a in ex_ids.map and ex_ids.map[a] != eid
    ]
    if pairs:
        con.execute(insert(exercise_alternatives), pairs)

    def exercise(old: Any, where: str) -> int:
        if old not in ex_ids.map:
            raise SnapshotError(f"{where}: exercise {old!r} is not in the file's exercises")
        return ex_ids.map[old]

    # plans, their items, the schedule
    plan_ids = _Ids(con, PLANS.c.id, keep)
    plan_item_ids = _Ids(con, PLAN_ITEMS.c.id, keep)
    new_plans: list[dict[str, Any]] = []
    new_plan_items: list[dict[str, Any]] = []
    for i, raw in enumerate(snap["plans"]):
        where = f"plans[{i}]"
        row = _decode(PLANS, raw, where)
        if row["name"].lower() in known_plans:
            plan_ids.map[row["id"]] = known_plans[row["name"].lower()]
            continue
        row["id"] = plan_ids.new(row["id"])
        new_plans.append(row)
        for j, raw_item in enumerate(_children(raw, "items", where)):
            item_where = f"{where}.items[{j}]"
            item = _decode(PLAN_ITEMS, raw_item, item_where, skip="plan_id")
            item.update(
                id=plan_item_ids.new(item["id"]),
                plan_id=row["id"],
                exercise_id=exercise(item["exercise_id"], item_where),
                alternative_ids=[ex_ids.map[a] for a in item["alternative_ids"] or [] if a in ex_ids.map],
            )
            new_plan_items.append(item)
    if new_plans:
        con.execute(insert(PLANS), new_plans)
    if new_plan_items:
        con.execute(insert(PLAN_ITEMS), new_plan_items)
    new_plan_ids = {p["id"] for p in new_plans}
    schedule_ids = _Ids(con, SCHEDULE.c.id, keep)
    schedule = []
    for i, raw in enumerate(snap["schedule"]):
        row = _decode(SCHEDULE, raw, f"schedule[{i}]")
        pid = plan_ids.map.get(row["plan_id"])
        if pid in new_plan_ids:
            schedule.append({**row, "id": schedule_ids.new(row["id"]), "plan_id": pid})
    if schedule:
        con.execute(insert(SCHEDULE), schedule)
    has_settings = con.scalar(select(func.count()).select_from(SettingRow.__table__))
    settings = snap["settings"]
    for key, value in settings.items():
        try:
            validation.check_text(key, "a setting's name", max_len=50, name=True)
            _check_json(value, key)
            _plates_setting(value)
        except validation.InputError as exc:
            raise SnapshotError(f"settings: {exc}") from None
    if settings and not has_settings:
        con.execute(insert(SettingRow.__table__), [{"key": k, "value": v} for k, v in settings.items()])

    # sessions, their items and sets
    seen = {
        (started, name) for started, name in con.execute(select(SESSIONS.c.started_at, SESSIONS.c.name))
    }
    seen_keys = set(con.scalars(select(SESSIONS.c.import_key).where(SESSIONS.c.import_key.is_not(None))))
    has_open = bool(con.scalar(select(func.count()).select_from(SESSIONS).where(SESSIONS.c.ended_at.is_(None))))
    session_ids = _Ids(con, SESSIONS.c.id, keep)
    item_ids = _Ids(con, SESSION_ITEMS.c.id, keep)
    sessions: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    sets: list[dict[str, Any]] = []
    for i, raw in enumerate(snap["sessions"]):
        where = f"sessions[{i}]"
        row = _decode(SESSIONS, raw, where)
        if (row["started_at"], row["name"]) in seen or (row["import_key"] and row["import_key"] in seen_keys):
            result.duplicates += 1
            continue
        if row["ended_at"] is None and has_open:
            result.skipped.append(f"{where}: unfinished, and the database already has an open session")
            continue
        has_open = has_open or row["ended_at"] is None
        row["id"] = session_ids.new(row["id"])
        row["plan_id"] = plan_ids.map.get(row["plan_id"])
        session_items: dict[int, int] = {}
        for j, raw_item in enumerate(_children(raw, "items", where)):
            item_where = f"{where}.items[{j}]"
            item = _decode(SESSION_ITEMS, raw_item, item_where, skip="session_id")
            old = item["id"]
            item.update(
                id=item_ids.new(old),
                session_id=row["id"],
                exercise_id=exercise(item["exercise_id"], item_where),
                plan_item_id=plan_item_ids.map.get(item["plan_item_id"]),
            )
            session_items[old] = item["id"]
            items.append(item)
        row["current_item_id"] = session_items.get(row["current_item_id"])
        for j, raw_set in enumerate(_children(raw, "sets", where)):
            set_where = f"{where}.sets[{j}]"
            s = _decode(SETS, raw_set, set_where, skip="session_id")
            s.update(
                session_id=row["id"],
                exercise_id=exercise(s["exercise_id"], set_where),
                item_id=session_items.get(s["item_id"]),
            )
            if not keep:
                del s["id"]
            sets.append(s)
        sessions.append(row)
    if sessions:
        con.execute(insert(SESSIONS), sessions)
    if items:
        con.execute(insert(SESSION_ITEMS), items)
    for i in range(0, len(sets), CHUNK):
        con.execute(insert(SETS), sets[i : i + CHUNK])
    result.workouts = len(sessions)
    result.sets = len(sets)

    # body weights (schema 0004): a day the database has keeps its own reading
    days = set(con.scalars(select(BODY_WEIGHTS.c.day)))
    weights = []
    for i, raw in enumerate(snap.get("body_weights", [])):
        row = _decode(BODY_WEIGHTS, raw, f"body_weights[{i}]")
        if row["day"] in days:
            continue
        days.add(row["day"])
        if not keep:
            del row["id"]
        weights.append(row)
    if weights:
        con.execute(insert(BODY_WEIGHTS), weights)
