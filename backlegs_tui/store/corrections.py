"""Body weight, effective loads, records during a session, and corrections of past
sessions, mixed into Repository. Every write is one transaction, committed before it returns.

For the UI: `body_weight_at`, `log_body_weight`, `effective_load`, `set_record` (does a
just-logged set beat the lift's record?), `edit_set`, `delete_set`, `edit_session`,
`delete_session`, `create_past_session`, `log_past_set`, `session_spans`, `session_plan_name`.
A session moved or entered afterwards may not overlap another (`domain.session_times`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select, update

from ..domain import validation
from ..domain.loads import body_weight_lookup, effective_load, is_record
from ..domain.model import LoadKind, SetEntry, SetType, Unit
from ..domain.session_times import SessionSpan, check_no_overlap
from .models import BodyWeightRow, ExerciseRow, PlanRow, SessionItemRow, SessionRow, SetRow, SettingRow
from .rows import set_entry
from .schema import StoreError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

_UNSET = object()


class CorrectionError(StoreError):
    """A correction the database refuses (bad value, unknown row); one line says why."""


def _check(fn, *args, **kwargs) -> None:  # noqa: ANN001
    try:
        fn(*args, **kwargs)
    except validation.InputError as exc:
        raise CorrectionError(str(exc)) from None


def _spans(s: OrmSession, start: datetime, end: datetime | None) -> list[SessionSpan]:
    """The sessions that may overlap `start`..`end`: those that start before its end (or
    its start) and have not ended by its start (open ones included)."""
    q = select(SessionRow.id, SessionRow.started_at, SessionRow.ended_at).where(
        SessionRow.started_at <= max(start, end or start),
        (SessionRow.ended_at.is_(None)) | (SessionRow.ended_at > start),
    )
    return [SessionSpan(i, a, b) for i, a, b in s.execute(q)]


def _next_start(s: OrmSession, after: datetime, skip: int | None = None) -> datetime | None:
    """When the first session after `after` starts (not `skip`), or None."""
    q = select(func.min(SessionRow.started_at)).where(SessionRow.started_at > after)
    if skip is not None:
        q = q.where(SessionRow.id != skip)
    return s.scalar(q)


def _check_free(s: OrmSession, start: datetime, end: datetime | None, skip: int | None = None) -> None:
    """CorrectionError when the session `start`..`end` would overlap another."""
    _check(check_no_overlap, start, end, _spans(s, start, end), skip)


def check_entry(entry: SetEntry) -> None:
    """The numbers of a set as the database may hold them (CorrectionError otherwise)."""
    _check(validation.check_set, entry.weight_kg, entry.reps, entry.rpe, entry.rir)
    _check(validation.check_seconds, entry.rest_s)
    _check(validation.check_duration_s, entry.duration_s)
    _check(validation.check_distance_m, entry.distance_m)
    _check(validation.check_text, entry.notes, "Notes")
    if entry.logged_at is not None:
        _check(validation.check_when, entry.logged_at)


class Corrections:
    """Body weights, effective loads and the corrections of past sessions."""

    if TYPE_CHECKING:

        def _uow(self) -> OrmSession: ...

        def exercise_names(self) -> dict[int, str]: ...

    # ---- body weight -----------------------------------------------------------------

    def body_weight_at(self, day: date | datetime) -> float | None:
        """The latest body weight logged on or before `day`, in kg; None if none."""
        if isinstance(day, datetime):
            day = day.date()
        with self._uow() as s:
            return s.scalar(
                select(BodyWeightRow.weight_kg).where(BodyWeightRow.day <= day).order_by(BodyWeightRow.day.desc()).limit(1)
            )

    def log_body_weight(self, day: date | datetime, weight_kg: float) -> None:
        """Record the body weight of `day` (replacing that day's reading)."""
        if isinstance(day, datetime):
            day = day.date()
        _check(validation.check_body_kg, weight_kg)
        _check(validation.check_when, day)
        with self._uow() as s, s.begin():
            row = s.scalar(select(BodyWeightRow).where(BodyWeightRow.day == day))
            if row is None:
                s.add(BodyWeightRow(day=day, weight_kg=float(weight_kg)))
            else:
                row.weight_kg = float(weight_kg)

    def body_weights(self) -> list[tuple[date, float]]:
        """Every (day, kg), oldest first."""
        with self._uow() as s:
            return [(d, w) for d, w in s.execute(select(BodyWeightRow.day, BodyWeightRow.weight_kg).order_by(BodyWeightRow.day))]

    def delete_body_weight(self, day: date) -> None:
        with self._uow() as s, s.begin():
            s.execute(delete(BodyWeightRow).where(BodyWeightRow.day == day))

    # ---- load kinds ------------------------------------------------------------------

    def load_kind(self, exercise_id: int) -> LoadKind:
        with self._uow() as s:
            kind = s.scalar(select(ExerciseRow.load_kind).where(ExerciseRow.id == exercise_id))
        if kind is None:
            raise CorrectionError(f"no exercise with id {exercise_id}")
        return LoadKind(kind)

    def set_load_kind(self, exercise_id: int, kind: LoadKind) -> None:
        """Change how an exercise's load counts (the bodyweight flag follows)."""
        kind = LoadKind(kind)
        with self._uow() as s, s.begin():
            done = s.execute(
                update(ExerciseRow)
                .where(ExerciseRow.id == exercise_id)
                .values(load_kind=kind.value, bodyweight=kind.uses_body_weight)
            )
            if not done.rowcount:
                raise CorrectionError(f"no exercise with id {exercise_id}")
        self._names = None

    def set_exercise_note(self, exercise_id: int, note: str) -> None:
        """The lifter's standing note on a lift (seat height, grip, stance); "" clears it."""
        _check(validation.check_text, note, "Note", max_len=1000)
        with self._uow() as s, s.begin():
            done = s.execute(update(ExerciseRow).where(ExerciseRow.id == exercise_id).values(notes=note.strip()))
            if not done.rowcount:
                raise CorrectionError(f"no exercise with id {exercise_id}")

    def exercise_note(self, exercise_id: int) -> str:
        with self._uow() as s:
            return s.scalar(select(ExerciseRow.notes).where(ExerciseRow.id == exercise_id)) or ""

    def effective_load(self, entry: SetEntry) -> float | None:
        """The load `entry` moved in kg by its lift's kind (body weight +/- the load for
        bodyweight and assisted lifts, at the set's date); None when no body weight is known."""
        kind = self.load_kind(entry.exercise_id)
        body = self.body_weight_at(entry.logged_at or datetime.now()) if kind.uses_body_weight else None
        return effective_load(kind, entry.weight_kg, body)

    def set_record(self, entry: SetEntry, unit: Unit = Unit.KG) -> str | None:
        """Does `entry` (a set just logged, or about to be) beat its lift's record over every
        earlier working set of it? The record's text in `unit` ("record: e1RM 112.5 kg (was
        110 kg)"), or None. The set itself (same id) is never its own record."""
        kind = self.load_kind(entry.exercise_id)
        when = entry.logged_at or datetime.now()
        with self._uow() as s:
            q = select(SetRow).where(
                SetRow.exercise_id == entry.exercise_id,
                SetRow.set_type != SetType.WARMUP.value,
                SetRow.logged_at <= when,
            )
            if entry.id is not None:
                q = q.where(SetRow.id != entry.id)
            earlier = [set_entry(r) for r in s.scalars(q)]
            weights = (
                list(s.execute(select(BodyWeightRow.day, BodyWeightRow.weight_kg).order_by(BodyWeightRow.day)))
                if kind.uses_body_weight else []
            )

        body_on = body_weight_lookup(weights)
        return is_record(kind, entry, body_on(when), [(e, body_on(e.logged_at or when)) for e in earlier], unit)

    # ---- corrections -----------------------------------------------------------------

    def edit_set(self, entry: SetEntry) -> SetEntry:
        """Replace a stored set's numbers, type, notes, exercise, time, duration and distance."""
        if entry.id is None:
            raise CorrectionError("that set was never saved")
        check_entry(entry)
        with self._uow() as s, s.begin():
            row = s.get(SetRow, entry.id)
            if row is None:
                raise CorrectionError(f"no set with id {entry.id}")
            if s.get(ExerciseRow, entry.exercise_id) is None:
                raise CorrectionError(f"no exercise with id {entry.exercise_id}")
            row.exercise_id = entry.exercise_id
            row.set_type = SetType(entry.set_type).value
            row.weight_kg = float(entry.weight_kg)
            row.reps = int(entry.reps)
            row.rpe, row.rir, row.rest_s = entry.rpe, entry.rir, entry.rest_s
            row.duration_s, row.distance_m = entry.duration_s, entry.distance_m
            row.notes = entry.notes
            if entry.logged_at is not None:
                row.logged_at = entry.logged_at
            s.flush()
            out = set_entry(row, self.exercise_names().get(row.exercise_id, ""))
        return out

    def remove_set(self, set_id: int) -> None:
        """Delete one set of any session."""
        with self._uow() as s, s.begin():
            if not s.execute(delete(SetRow).where(SetRow.id == set_id)).rowcount:
                raise CorrectionError(f"no set with id {set_id}")

    def edit_session(
        self,
        session_id: int,
        *,
        started_at: datetime | None = None,
        ended_at: datetime | None | object = _UNSET,
        name: str | None = None,
        plan_id: int | None | object = _UNSET,
        notes: str | None = None,
        session_rpe: float | None | object = _UNSET,
    ) -> None:
        """Change a session's details; what is not given is kept. A new `started_at` moves
        the session's sets and its end by the same amount (unless `ended_at` is given); the
        session's new time may not overlap another session (CorrectionError names it)."""
        with self._uow() as s, s.begin():
            row = s.get(SessionRow, session_id)
            if row is None:
                raise CorrectionError(f"no session with id {session_id}")
            moved = (started_at is not None and started_at != row.started_at) or (
                ended_at is not _UNSET and ended_at != row.ended_at)
            if started_at is not None:
                _check(validation.check_when, started_at)
                delta = started_at - row.started_at
                if delta:
                    for st in s.scalars(select(SetRow).where(SetRow.session_id == session_id)):
                        st.logged_at = st.logged_at + delta
                    if ended_at is _UNSET and row.ended_at is not None:
                        row.ended_at = row.ended_at + delta
                row.started_at = started_at
            if ended_at is not _UNSET:
                if ended_at is not None:
                    _check(validation.check_when, ended_at)
                    if ended_at < row.started_at:
                        raise CorrectionError("a session cannot end before it starts")
                row.ended_at = ended_at  # type: ignore[assignment]
            if moved:  # a session left where it was is not checked again
                s.flush()
                _check_free(s, row.started_at, row.ended_at, skip=session_id)
            if name is not None:
                _check(validation.check_text, name, "Name", max_len=200, name=True)
                row.name = name.strip()
            if plan_id is not _UNSET:
                if plan_id is not None and s.get(PlanRow, plan_id) is None:
                    raise CorrectionError(f"no plan with id {plan_id}")
                row.plan_id = plan_id  # type: ignore[assignment]
            if notes is not None:
                _check(validation.check_text, notes, "Notes")
                row.notes = notes
            if session_rpe is not _UNSET:
                _check(validation.check_rpe, session_rpe)
                row.session_rpe = session_rpe  # type: ignore[assignment]

    def delete_session(self, session_id: int) -> None:
        """Delete a session with its items and sets."""
        with self._uow() as s, s.begin():
            s.execute(delete(SetRow).where(SetRow.session_id == session_id))
            s.execute(delete(SessionItemRow).where(SessionItemRow.session_id == session_id))
            if not s.execute(delete(SessionRow).where(SessionRow.id == session_id)).rowcount:
                raise CorrectionError(f"no session with id {session_id}")
            # its live scratch (repository._scratch_key), if it was ever open
            s.execute(delete(SettingRow).where(SettingRow.key == f"live_session:{session_id}"))

    def create_past_session(
        self,
        started_at: datetime,
        *,
        ended_at: datetime | None = None,
        name: str = "",
        plan_id: int | None = None,
        notes: str = "",
        session_rpe: float | None = None,
    ) -> int:
        """A finished session at a past date and time (a forgotten one); its id. Ends at
        `ended_at`, else an hour after the start or when the next session starts, if sooner
        (log_past_set moves the end past its sets). It may not overlap another session
        (CorrectionError names it)."""
        _check(validation.check_when, started_at)
        _check(validation.check_rpe, session_rpe)
        _check(validation.check_text, notes, "Notes")
        end = ended_at or started_at + timedelta(hours=1)
        if end < started_at:
            raise CorrectionError("a session cannot end before it starts")
        with self._uow() as s, s.begin():
            if ended_at is None:
                following = _next_start(s, started_at)
                if following is not None and following < end:
                    end = following
            _check_free(s, started_at, end)
            if plan_id is not None and s.get(PlanRow, plan_id) is None:
                raise CorrectionError(f"no plan with id {plan_id}")
            plan_name = s.scalar(select(PlanRow.name).where(PlanRow.id == plan_id)) if plan_id else None
            row = SessionRow(
                name=(name.strip() or plan_name or "Session"), started_at=started_at, ended_at=end,
                plan_id=plan_id, notes=notes, session_rpe=session_rpe, source="app",
            )
            _check(validation.check_text, row.name, "Name", max_len=200, name=True)
            s.add(row)
            s.flush()
            return row.id

    def session_spans(self) -> list[SessionSpan]:
        """Every session's start and end, oldest first (a form checks a time against them
        while it is open; the write checks again)."""
        with self._uow() as s:
            q = select(SessionRow.id, SessionRow.started_at, SessionRow.ended_at).order_by(SessionRow.started_at)
            return [SessionSpan(i, a, b) for i, a, b in s.execute(q)]

    def session_plan_name(self, session_id: int) -> str | None:
        """The name of the plan a session follows, or None."""
        with self._uow() as s:
            return s.scalar(
                select(PlanRow.name).join(SessionRow, SessionRow.plan_id == PlanRow.id).where(SessionRow.id == session_id)
            )

    def log_past_set(self, session_id: int, entry: SetEntry) -> SetEntry:
        """Append a set to any session (a back-dated one): its slot is the session's item for
        the exercise (made when missing); logged at `entry.logged_at`, else just after the
        session's last set but before the next session. The session's end moves past the set
        when needed."""
        check_entry(entry)
        with self._uow() as s, s.begin():
            row = s.get(SessionRow, session_id)
            if row is None:
                raise CorrectionError(f"no session with id {session_id}")
            ex = s.get(ExerciseRow, entry.exercise_id)
            if ex is None:
                raise CorrectionError(f"no exercise with id {entry.exercise_id}")
            item_id = entry.item_id or s.scalar(
                select(SessionItemRow.id).where(
                    SessionItemRow.session_id == session_id, SessionItemRow.exercise_id == entry.exercise_id
                ).limit(1)
            )
            if item_id is None:
                pos = s.scalar(
                    select(func.coalesce(func.max(SessionItemRow.position), -1)).where(SessionItemRow.session_id == session_id)
                )
                item = SessionItemRow(
                    session_id=session_id, position=pos + 1, exercise_id=ex.id, sets_planned=1,
                    reps_min=entry.reps, reps_max=entry.reps, rest_s=ex.default_rest_s,
                )
                s.add(item)
                s.flush()
                item_id = item.id
            last = s.execute(
                select(func.max(SetRow.position), func.max(SetRow.logged_at)).where(SetRow.session_id == session_id)
            ).one()
            at = entry.logged_at or ((last[1] + timedelta(minutes=3)) if last[1] else row.started_at)
            if entry.logged_at is None:
                # the time picked stays before the next session (the session would overlap
                # it): the sets go in a second before it, in their order
                following = _next_start(s, row.started_at, skip=session_id)
                if following is not None and at >= following:
                    at = max(last[1] or row.started_at, following - timedelta(seconds=1))
            new = SetRow(
                session_id=session_id, item_id=item_id, exercise_id=ex.id,
                position=(last[0] + 1) if last[0] is not None else 0,
                set_type=SetType(entry.set_type).value, weight_kg=float(entry.weight_kg), reps=int(entry.reps),
                rpe=entry.rpe, rir=entry.rir, rest_s=entry.rest_s, logged_at=at, notes=entry.notes,
                duration_s=entry.duration_s, distance_m=entry.distance_m, superset=entry.superset,
            )
            s.add(new)
            if row.ended_at is not None and at > row.ended_at:
                row.ended_at = at
            s.flush()
            out = set_entry(new, ex.name)
        return out
