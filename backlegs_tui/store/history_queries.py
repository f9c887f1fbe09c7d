"""Read queries for the History mode, mixed into Repository.

Sized for ten years of training (~1,500 sessions, ~150,000 sets): lists are paged, counts
and sums run in SQL, and per-exercise reads walk the (exercise_id, logged_at) index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, func, select

from ..domain.e1rm import e1rm
from ..domain.history import (
    ExerciseProgress,
    ExerciseUse,
    SessionDetail,
    exercise_progress,
    group_by_exercise,
)
from ..domain.loads import body_weight_lookup, effective_load, with_effective_loads
from ..domain.model import LoadKind, Readiness, SetEntry, SetType
from ..domain.volume import WeekVolume, hard_sets_by_exercise, week_start, weekly_volume
from .models import BodyWeightRow, ExerciseRow, SessionRow, SetRow
from .rows import set_entry

# (session id, day, best e1RM or None, top set kg, top set reps, deload)
ProgressLinePoint = tuple[int, date, float | None, float, int, bool]

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

    from ..domain.model import Exercise


class HistoryQueries:
    """Past sessions in detail, exercise progress and records, weekly volume. Every read here
    is of finished sessions only (the list, the calendar, progress, records, volume agree);
    the open session is shown and counted in Session until it is finished."""

    if TYPE_CHECKING:

        def _uow(self) -> OrmSession: ...
        def exercises(self) -> list[Exercise]: ...

    def session_detail(self, session_id: int) -> SessionDetail | None:
        """A session with its sets grouped by exercise; None if it is gone."""
        found = self._details(SessionRow.id == session_id)
        return found[0] if found else None

    def session_details_since(self, start: datetime, end: datetime | None = None) -> list[SessionDetail]:
        """Finished sessions started in [start, end), oldest first, with their sets."""
        where = (SessionRow.started_at >= start) & SessionRow.ended_at.is_not(None)
        if end is not None:
            where &= SessionRow.started_at < end
        return self._details(where)

    def _details(self, where: ColumnElement[bool]) -> list[SessionDetail]:
        with self._uow() as s:
            rows = s.scalars(select(SessionRow).where(where).order_by(SessionRow.started_at)).all()
            if not rows:
                return []
            ids = [r.id for r in rows]
            sets: dict[int, list[SetEntry]] = {i: [] for i in ids}
            q = (
                select(SetRow, ExerciseRow.name)
                .join(ExerciseRow, ExerciseRow.id == SetRow.exercise_id)
                .where(SetRow.session_id.in_(ids))
                .order_by(SetRow.session_id, SetRow.position)
            )
            for r, name in s.execute(q):
                sets[r.session_id].append(set_entry(r, name))
            # bodyweight and assisted lifts: e1RM and volume on body weight +/- the load
            kinds = _body_kinds(s, {x.exercise_id for ss in sets.values() for x in ss})
            body_on = _body_lookup(s) if kinds else (lambda _when: None)
            return [
                SessionDetail(
                    id=row.id,
                    name=row.name,
                    started_at=row.started_at,
                    ended_at=row.ended_at,
                    blocks=group_by_exercise(sets[row.id], kinds, body_on(row.started_at)),
                    notes=row.notes,
                    readiness=Readiness(row.sleep_h, row.soreness, row.energy),
                    session_rpe=row.session_rpe,
                    deload=bool(row.deload),
                )
                for row in rows
            ]

    def open_session_start(self) -> datetime | None:
        """When the open (unfinished) session started, or None: History names it, and leaves
        its sets to Session until it is finished."""
        with self._uow() as s:
            return s.scalar(select(func.max(SessionRow.started_at)).where(SessionRow.ended_at.is_(None)))

    def session_days(self) -> list[tuple[int, date, int, bool]]:
        """(session id, day, working sets, deload) of every finished session, oldest first:
        the training calendar and the deload marks of the progress chart."""
        with self._uow() as s:
            q = (
                select(SessionRow.id, SessionRow.started_at, SessionRow.deload, func.count(SetRow.id))
                .select_from(SessionRow)
                .outerjoin(
                    SetRow, (SetRow.session_id == SessionRow.id) & (SetRow.set_type != SetType.WARMUP.value)
                )
                .where(SessionRow.ended_at.is_not(None))
                .group_by(SessionRow.id, SessionRow.started_at, SessionRow.deload)
                .order_by(SessionRow.started_at)
            )
            return [(sid, at.date(), n, bool(dl)) for sid, at, dl, n in s.execute(q)]

    def progress_lines(self) -> dict[int, list[ProgressLinePoint]]:
        """Every exercise's chart line in one pass over the sets: per finished session, oldest
        first, (session id, day, best e1RM by the house rule or None, the top set's weight
        and reps, deload). The top set is the one with the best e1RM, else the heaviest."""
        with self._uow() as s:
            q = (
                select(
                    SetRow.exercise_id, SetRow.session_id, SessionRow.started_at, SessionRow.deload,
                    SetRow.weight_kg, SetRow.reps, SetRow.rpe, SetRow.rir,
                )
                .select_from(SessionRow)
                .join(SetRow, SetRow.session_id == SessionRow.id)
                .where(SessionRow.ended_at.is_not(None), SetRow.set_type != SetType.WARMUP.value)
                .order_by(SessionRow.started_at, SetRow.session_id)
            )
            rows = s.execute(q).all()
            # bodyweight and assisted lifts: their e1RM on body weight +/- the load that day
            kinds = _body_kinds(s, {r[0] for r in rows})
            body_on = _body_lookup(s) if kinds else (lambda _when: None)
        memo: dict[tuple[float, int, float | None], float | None] = {}
        best: dict[tuple[int, int], list] = {}  # (exercise, session) -> [day, e1rm, w, reps, deload]
        for eid, sid, started, deload, w, reps, rpe, rir in rows:
            w, reps = w or 0.0, reps or 0
            if eid in kinds:
                w = effective_load(kinds[eid], w, body_on(started)) or 0.0
            if rpe is None and rir is not None:
                rpe = max(0.0, 10.0 - rir)
            key = (w, reps, rpe)
            v = memo[key] if key in memo else memo.setdefault(key, e1rm(w, reps, rpe))
            cur = best.get((eid, sid))
            if cur is None:
                best[(eid, sid)] = [started.date(), v, w, reps, bool(deload)]
            elif (v is not None and (cur[1] is None or v > cur[1] + 1e-9)) or (
                v is None and cur[1] is None and (w, reps) > (cur[2], cur[3])
            ):
                cur[1:4] = [v, w, reps]
        out: dict[int, list[ProgressLinePoint]] = {}
        for (eid, sid), (day, v, w, reps, deload) in best.items():  # in session order
            out.setdefault(eid, []).append((sid, day, v, w, reps, deload))
        return out

    def exercises_with_history(self) -> list[ExerciseUse]:
        """Exercises with at least one working set in a finished session, the most trained
        first (History reads finished sessions only; the live one is Session's)."""
        with self._uow() as s:
            q = (
                select(SetRow.exercise_id, ExerciseRow.name, func.count(), func.max(SetRow.logged_at))
                .join(ExerciseRow, ExerciseRow.id == SetRow.exercise_id)
                .join(SessionRow, SessionRow.id == SetRow.session_id)
                .where(SetRow.set_type != SetType.WARMUP.value, SessionRow.ended_at.is_not(None))
                .group_by(SetRow.exercise_id, ExerciseRow.name)  # PostgreSQL wants every column
                .order_by(func.count().desc(), ExerciseRow.name)
            )
            return [ExerciseUse(eid, name, n, last) for eid, name, n, last in s.execute(q)]

    def exercise_progress(self, exercise_id: int) -> ExerciseProgress:
        """Best e1RM per session and the records of one exercise, over all its finished
        sessions (an open session's sets count once it is finished)."""
        with self._uow() as s:
            name = s.scalar(select(ExerciseRow.name).where(ExerciseRow.id == exercise_id)) or ""
            rows = s.execute(
                select(
                    SetRow.id, SetRow.session_id, SetRow.set_type, SetRow.weight_kg, SetRow.reps,
                    SetRow.rpe, SetRow.rir, SetRow.logged_at, SessionRow.started_at,
                )
                .join(SessionRow, SessionRow.id == SetRow.session_id)
                .where(
                    SetRow.exercise_id == exercise_id, SetRow.set_type != SetType.WARMUP.value,
                    SessionRow.ended_at.is_not(None),
                )
                .order_by(SetRow.logged_at)
            ).all()
            sets = [
                SetEntry(
                    id=sid, session_id=sess, exercise_id=exercise_id, exercise_name=name,
                    set_type=SetType(st), weight_kg=w, reps=r, rpe=rpe, rir=rir, logged_at=at,
                )
                for sid, sess, st, w, r, rpe, rir, at, _start in rows
            ]
            starts = {row[1]: row[8] for row in rows}
            # bodyweight and assisted lifts: e1RM, records and volume on body weight +/- the load
            kind = LoadKind(s.scalar(select(ExerciseRow.load_kind).where(ExerciseRow.id == exercise_id)) or "weighted")
            if not kind.uses_body_weight:
                return _by_start(replace(exercise_progress(exercise_id, name, sets), kind=kind), starts)
            logged = {x.id: x for x in sets}
            progress = exercise_progress(exercise_id, name, with_effective_loads(kind, sets, _body_lookup(s)))
        # ... and shown as logged ("BW + 10 kg x 7"), by the lift's kind
        return _by_start(_as_logged(progress, kind, logged), starts)

    def hard_set_counts(self, start: date, end: date) -> list[tuple[date, int, int]]:
        """(day, exercise id, hard sets) for finished sessions started in [start, end), by the one
        hard-set rule of `domain.volume` (warm-ups and unmarked ramp sets out; an unrated set
        counts only within the session's top-set range of that lift)."""
        lo = datetime.combine(start, datetime.min.time())
        hi = datetime.combine(end, datetime.min.time())
        with self._uow() as s:
            q = (
                select(
                    SetRow.session_id, SessionRow.started_at, SetRow.exercise_id, SetRow.set_type,
                    SetRow.weight_kg, SetRow.reps, SetRow.rpe, SetRow.rir,
                )
                .select_from(SessionRow)
                .join(SetRow, SetRow.session_id == SessionRow.id)
                .where(
                    SessionRow.started_at >= lo, SessionRow.started_at < hi, SessionRow.ended_at.is_not(None),
                    SetRow.set_type != SetType.WARMUP.value,
                )
                .order_by(SetRow.session_id, SetRow.position)
            )
            by_session: dict[int, tuple[date, list[SetEntry]]] = {}
            for sid, started, eid, st, w, reps, rpe, rir in s.execute(q):
                entry = by_session.setdefault(sid, (started.date(), []))
                entry[1].append(SetEntry(eid, SetType(st), w or 0.0, reps or 0, rpe, rir))
            # bodyweight and assisted lifts are judged on their effective load that day
            kinds = _body_kinds(s, {x.exercise_id for _, ss in by_session.values() for x in ss})
            body_on = _body_lookup(s) if kinds else (lambda _when: None)
        counts: dict[tuple[date, int], int] = {}
        for day, sets in by_session.values():
            for eid, n in hard_sets_by_exercise(sets, kinds, body_on(day)).items():
                counts[(day, eid)] = counts.get((day, eid), 0) + n
        return [(d, eid, n) for (d, eid), n in counts.items()]

    def weekly_volume(self, last_week: date, weeks: int) -> list[WeekVolume]:
        """Hard sets per muscle for `weeks` weeks ending with the one holding `last_week`,
        oldest first."""
        end = week_start(last_week) + timedelta(days=7)
        mondays = [end - timedelta(days=7 * k) for k in range(weeks, 0, -1)]
        counts = self.hard_set_counts(mondays[0], end)
        return weekly_volume(counts, {e.id: e for e in self.exercises()}, mondays)


# ---- bodyweight and assisted lifts -------------------------------------------------------


def _body_kinds(s: OrmSession, exercise_ids: Iterable[int]) -> dict[int, LoadKind]:
    """Exercise id -> kind, for the bodyweight and assisted lifts among `exercise_ids`."""
    ids = list(set(exercise_ids))
    if not ids:
        return {}
    kinds = (LoadKind.BODYWEIGHT.value, LoadKind.ASSISTED.value)
    q = select(ExerciseRow.id, ExerciseRow.load_kind).where(ExerciseRow.id.in_(ids), ExerciseRow.load_kind.in_(kinds))
    return {eid: LoadKind(kind) for eid, kind in s.execute(q)}


def _body_lookup(s: OrmSession) -> Callable[[datetime | date | None], float | None]:
    """The body weight as of a day, from the dated body-weight log (None before its first)."""
    return body_weight_lookup(list(s.execute(select(BodyWeightRow.day, BodyWeightRow.weight_kg).order_by(BodyWeightRow.day))))


def session_volumes(s: OrmSession, session_ids: Iterable[int]) -> dict[int, float]:
    """Session id -> how much the volume load of its bodyweight and assisted sets differs from
    weight x reps (their effective load is body weight +/- the load, the body weight as of the
    session's day): added to the SQL sum of the session list. Only sessions with such sets."""
    ids = list(session_ids)
    if not ids:
        return {}
    kinds = (LoadKind.BODYWEIGHT.value, LoadKind.ASSISTED.value)
    q = (
        select(SetRow.session_id, SessionRow.started_at, ExerciseRow.load_kind, SetRow.weight_kg, SetRow.reps)
        .join(ExerciseRow, ExerciseRow.id == SetRow.exercise_id)
        .join(SessionRow, SessionRow.id == SetRow.session_id)
        .where(SetRow.session_id.in_(ids), ExerciseRow.load_kind.in_(kinds), SetRow.set_type != SetType.WARMUP.value)
    )
    rows = s.execute(q).all()
    if not rows:
        return {}
    body_on = _body_lookup(s)
    out: dict[int, float] = {}
    for sid, started, kind, w, reps in rows:
        load = effective_load(LoadKind(kind), w or 0.0, body_on(started))
        out[sid] = out.get(sid, 0.0) + ((load or 0.0) - (w or 0.0)) * (reps or 0)
    return out


def _by_start(progress: ExerciseProgress, starts: Mapping[int | None, datetime]) -> ExerciseProgress:
    """`progress` with its sessions in the order they started (two sessions of one day by
    their times, as the chart and the session list order them), not by their first set."""
    points = tuple(sorted(progress.points, key=lambda p: (starts.get(p.session_id) or datetime.min, p.session_id)))
    return replace(progress, points=points)


def _as_logged(progress: ExerciseProgress, kind: LoadKind, logged: Mapping[int | None, SetEntry]) -> ExerciseProgress:
    """`progress` (computed on effective loads) with each set it names as it was logged."""

    def back(x: SetEntry) -> SetEntry:
        return logged.get(x.id, x)

    points = tuple(replace(p, top=back(p.top)) for p in progress.points)
    best_volume = None
    if progress.best_volume is not None:
        best_volume = next((p for p in points if p.session_id == progress.best_volume.session_id), progress.best_volume)
    return replace(
        progress,
        kind=kind,
        points=points,
        heaviest=back(progress.heaviest) if progress.heaviest is not None else None,
        best_e1rm=(back(progress.best_e1rm[0]), progress.best_e1rm[1]) if progress.best_e1rm is not None else None,
        rep_records=tuple(back(x) for x in progress.rep_records),
        best_volume=best_volume,
    )
