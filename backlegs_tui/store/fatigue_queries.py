"""The read the fatigue engine needs: finished sessions in a date range with their sets, as
plain `SessionLog`s (deload flag included). Core selects, no ORM objects per row: a year of a
ten-year history (~15k sets) reads in well under a second."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from ..domain.durations import session_minutes
from ..domain.fatigue_engine import SessionLog
from ..domain.loads import body_weight_lookup
from ..domain.model import Readiness, SetEntry, SetType
from .models import SessionRow, SetRow

if TYPE_CHECKING:
    from .repository import Repository

_TYPES = {t.value: t for t in SetType}


def training_log(repo: Repository, start: date, end: date) -> list[SessionLog]:
    """Finished sessions started on days `start`..`end` (inclusive), oldest first."""
    lo = datetime.combine(start, time.min)
    hi = datetime.combine(end + timedelta(days=1), time.min)
    S, X = SessionRow, SetRow
    with repo._uow() as s:
        rows = s.execute(
            select(S.id, S.started_at, S.ended_at, S.session_rpe, S.sleep_h, S.soreness, S.energy, S.name, S.deload)
            .where(S.started_at >= lo, S.started_at < hi, S.ended_at.is_not(None))
            .order_by(S.started_at)
        ).all()
        if not rows:
            return []
        sets: dict[int, list[SetEntry]] = {r[0]: [] for r in rows}
        q = (
            select(X.session_id, X.exercise_id, X.set_type, X.weight_kg, X.reps, X.rpe, X.rir, X.logged_at, X.position)
            .join(S, S.id == X.session_id)
            .where(S.started_at >= lo, S.started_at < hi, S.ended_at.is_not(None))
            .order_by(X.session_id, X.position, X.id)
        )
        for sid, eid, st, w, reps, rpe, rir, at, pos in s.execute(q):
            bucket = sets.get(sid)
            if bucket is not None:
                bucket.append(SetEntry(eid, _TYPES.get(st, SetType.WORKING), w or 0.0, reps or 0, rpe, rir,
                                       logged_at=at, position=pos, session_id=sid))
    body_on = body_weight_lookup(repo.body_weights())  # bodyweight and assisted lifts' hard sets: body weight that day
    out = []
    for sid, started, ended, srpe, sleep, sore, energy, name, deload in rows:
        minutes = session_minutes(started, ended)
        readiness = Readiness(sleep, sore, energy) if (sleep, sore, energy) != (None, None, None) else None
        out.append(SessionLog(started, tuple(sets[sid]), minutes, srpe, readiness, name, sid, bool(deload), body_on(started)))
    return out


def has_session_before(repo: Repository, day: date) -> bool:
    """Whether any finished session started before `day` (the engine reads only its horizon:
    "no sessions yet" and "none in the weeks before" are different things to say)."""
    lo = datetime.combine(day, time.min)
    with repo._uow() as s:
        found = s.execute(
            select(SessionRow.id).where(SessionRow.started_at < lo, SessionRow.ended_at.is_not(None)).limit(1)
        ).first()
    return found is not None
