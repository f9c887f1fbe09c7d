"""The fatigue engine: is this lifter's performance at comparable effort getting worse across
sessions, beyond their own day-to-day noise, and how sure are we?

Entry points (the contract in notes/fatigue_api.md):

- `assess(sessions, exercises, settings, as_of) -> FatigueReport`
- `assess_range(sessions, exercises, settings, start, end) -> list[FatigueReport]` (the
  history is read once; each day reuses the per-lift series)
- `fatigue_picture(sessions, exercises, settings, as_of, weeks=12) -> FatiguePicture`
- `session_fade_line(today_sets, earlier, exercise, unit) -> str | None`

How it judges (every threshold below is scaled by Settings.fatigue_sensitivity: low x1.25,
normal x1, high x0.8):

1. Each lift's sessions become a performance series (`fatigue_series`): the best e1RM of
   the sets that say something about strength, each judged against the median of the lift's
   previous 4-6 comparable sessions (similar rep range; its norm) in units of the lift's
   own noise (z). Unrated sessions at a clearly lighter load, or far below the norm, are
   unknown effort and not judged.
2. Systemic decline: a pair among the last three sessions with judged compounds (within 21
   days, the latest within 14) whose compounds are below their norms together: each
   session's mean z <= -0.5, pooled mean z <= -0.75 and combined (Stouffer) z <= -2.25, at
   least 3 compounds judged, at least half of them (and 2) at z <= -1, 60 % of the readings
   below the norm; and the latest session not back (mean z <= -0.25). One bad day (a session
   at mean z <= -1.5) pairs only with a session clearly down too (mean z <= -1). The lifts
   down must also be at least half of the compounds judged in the last three sessions (the
   "N of M main lifts" the line shows): fewer (2 of 6) is a note, not a warning.
   Pooled across sessions (a lifter seeing each lift once a week): the last three sessions
   (within 10 days) with different compounds down (two at z <= -1; two sessions at mean z
   <= -0.25, the latest included), their
   readings lower than the time before (mean <= -0.35 x noise x sqrt 2 over >= 6 readings of
   >= 3 compounds) and below the norm (mean z <= -0.15), together with effort creeping across
   them (median RPE rise at the same load x reps >= +0.25 over >= 6 first sets, resting on
   rises a lifter logs: half an RPE step or more in >= 3 lift sessions, more than were rated
   that much lower; the line counts them); or below the
   norm at mean z <= -0.5 with a median RPE rise >= +0.5: a decline with effort creep
   (`_pooled_decline`). A deload resets: no pair or pool reaches back past one.
3. WARNING: a systemic decline; or a compound down (z <= -1) in its last two sessions while
   the same loads cost it >= 1 RPE more than its baseline (effort creep on that lift).
   Downgraded to a note when a deload session followed the decline ("judged again after
   it") or when the decline comes within two weeks of a break of 7+ days (detraining). The
   warning clears as soon as performance is back.
4. NOTE: one lift down well beyond its noise in its last two sessions (mean z <= -2.5, each
   <= -2) and rare for this lifter (fewer than 10 % of its earlier pairs of readings were as
   low; real readings have heavy tails); effort creep (the first set at a load x reps >= 1 RPE
   above the baseline of the last 8 weeks in two of the lift's last three sessions, once by
   1.5); fewer reps (by 2 and 15 %) at a repeated top load (> 0, seen in two earlier sessions
   of the last 8 weeks) twice in a row, at no easier RPE, in no later set position than
   usual and with the reading below the norm (z <= -1) where there is one; a worsening
   readiness trend (the last 2-3 check-ins against the 8 weeks before). Isolation lifts can
   only ever make a note, need twice the evidence for effort and reps, and three sessions in
   a row (a decline under 15 %: beyond it is a new machine or variation). A note about one
   lift shows for 7 days after the session it rests on.
5. Load change (weekly hard sets against the last four weeks) is context: it is added as an
   information flag only when performance is also falling, and never makes a warning alone.
   Program structure (volume landmarks, spinal arrangement) is not judged here: Plan checks
   and the Volume view own it.

Missing data is unknown: no RPE, no RPE signal; a session with no duration or RPE has an
unknown load; deload sessions (`session.deload`) are never read as a decline.

Plain Python.
"""

from __future__ import annotations

import bisect
import math
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any, Protocol

from .durations import session_load, session_minutes, whole_minutes
from .fatigue_series import NOISE_MAX_DAYS as NOISE_WINDOW_DAYS
from .fatigue_series import LiftSeries, LiftSession, Scheme, read_lift_session
from .model import Exercise, Readiness, SetEntry, Settings, Unit
from .records import WorkoutRecord
from .units import format_e1rm, format_weight
from .volume import hard_sets_by_exercise

# ---- contract types ------------------------------------------------------------------------


class Verdict(str, Enum):
    NONE = "none"
    NOTE = "note"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Flag:
    code: str  # decline, effort_creep, rep_drop, readiness, fade, load_change, deload
    severity: str  # "note" | "warning"
    subject: str | None  # lift name, or None for systemic flags
    message: str  # one line with its evidence, weights in the lifter's unit
    values: Mapping[str, object] = field(default_factory=dict)  # JSON-safe

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "subject": self.subject,
            "message": self.message,
            "values": dict(self.values),
        }


@dataclass(frozen=True, slots=True)
class FatigueReport:
    as_of: date
    verdict: Verdict
    summary: str
    flags: tuple[Flag, ...] = ()
    suggestion: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "verdict": self.verdict.value,
            "summary": self.summary,
            "flags": [f.to_json() for f in self.flags],
        }

    def lines(self) -> list[str]:
        """The report as plain lines (the CLI without --json)."""
        out = [f"{self.as_of.isoformat()} {self.verdict.value}: {self.summary}"]
        out.extend(f"  {f.severity} [{f.code}] {f.message}" for f in self.flags)
        return out


class SessionLike(Protocol):
    """What the engine reads from a session; `SessionLog` is one. `deload` may be absent
    (read as False)."""

    @property
    def started_at(self) -> datetime: ...
    @property
    def sets(self) -> Sequence[SetEntry]: ...
    @property
    def minutes(self) -> float | None: ...
    @property
    def session_rpe(self) -> float | None: ...
    @property
    def readiness(self) -> Readiness | None: ...


@dataclass(frozen=True, slots=True)
class SessionLog:
    """A finished session as the engine reads it."""

    started_at: datetime
    sets: tuple[SetEntry, ...] = ()
    minutes: float | None = None  # None: from the first to the last set's time
    session_rpe: float | None = None
    readiness: Readiness | None = None
    name: str = ""
    id: int | None = None
    deload: bool = False
    body_kg: float | None = None  # body weight as of the day (bodyweight and assisted lifts' hard sets)



def sessions_from_records(workouts: Sequence[WorkoutRecord], exercises: Mapping[int, Exercise]) -> list[SessionLog]:
    """Plain workout records (imports, the demo) as the engine reads them; sets of exercises
    not in `exercises` (matched by name, case-insensitively) are left out."""
    ids = {e.name.lower(): e.id for e in exercises.values()}
    out: list[SessionLog] = []
    for w in workouts:
        sets = tuple(
            SetEntry(
                ids[r.exercise.lower()], r.set_type, r.weight_kg, r.reps, r.rpe, r.rir, r.rest_s,
                r.logged_at or w.started_at, r.notes, position=pos, exercise_name=r.exercise,
            )
            for pos, r in enumerate(w.sets)
            if r.exercise.lower() in ids
        )
        minutes = session_minutes(w.started_at, w.ended_at)
        readiness = None
        if (w.sleep_h, w.soreness, w.energy) != (None, None, None):
            readiness = Readiness(w.sleep_h, w.soreness, w.energy)
        out.append(SessionLog(w.started_at, sets, minutes, w.session_rpe, readiness, w.name, deload=w.deload))
    return out


# ---- thresholds --------------------------------------------------------------------------

SENSITIVITY = {"low": 1.25, "normal": 1.0, "high": 0.8}
LIFT_DOWN_Z = 1.0  # a lift is "down" in a session at z <= -1
SESSION_MEAN_Z = 0.75
SESSION_STOUFFER_Z = 2.25
LOCAL_MEAN_Z = 2.5  # one lift alone: mean z of its last two sessions
LOCAL_EACH_Z = 2.0  # ... and each of them beyond twice its noise
LOCAL_RARE = 0.10  # ... and a pair this low rare in the lift's own history (under 10 % of its pairs)
LOCAL_RARE_MIN = 6  # ... (judged on at least this many earlier pairs; fewer: no note)
ISOLATION_SESSIONS = 3  # an isolation lift: a note needs its last three sessions, not two
ISOLATION_MAX_FALL = 0.15  # ... and a fall beyond 15 % on it is a new machine or variation, not fatigue
NOTE_DAYS = 7  # a note about one lift shows for a week after the session it rests on
REP_DROP_SHARE = 0.15  # fewer reps: at least 2 and 15 % of the usual reps
PAIR_MIN_LIFTS = 3  # compounds judged in the pair of sessions
PAIR_EACH_Z = 0.5  # each of the two sessions: mean z at most -0.5
BAD_DAY_Z = 1.5  # a session with its compounds far down at once (mean z <= -1.5) is a bad day ...
PAIR_OTHER_Z = 1.0  # ... and makes a pair only with a session clearly down too (mean z <= -1)
CLIP_Z = 3.0  # one lift's z counts at most this much (one wild reading cannot carry a session)
ISOLATION_FACTOR = 2.0  # an isolation lift (noisier: high reps, coarse machine steps) needs twice the evidence
BACK_Z = 0.25  # the latest session at z > -0.25 on average: performance is back
RECENT_DAYS = 14  # the latest judged session must be this recent
WINDOW_DAYS = 21  # sessions that can make a warning together
CREEP_RPE = 1.0  # twice at least 1 RPE above the baseline, the latest included ...
CREEP_MIN_BASE = 2  # the baseline: at least two earlier first sets at that load x reps ...
CREEP_MIN_SESSIONS = 4  # ... and four earlier sessions of the lift
CREEP_PEAK = 1.5  # ... once by 1.5 (RPE is noisy by +/- 0.5-1)
BREAK_DAYS = 7  # a decline in the first sessions after this many days off is detraining, not fatigue
CREEP_BASELINE_DAYS = 56
REP_DROP = 2
REPEAT_DAYS = 56
LOAD_SPIKE = 1.5
HORIZON_DAYS = 240  # the most any signal reads back: noise 150 d + norm 84 d (so one day and a range agree)
POOL_SESSIONS = 3  # pooled view: the last three sessions with judged compounds ...
POOL_DAYS = 10  # ... within 10 days, the latest within 7
POOL_RECENT_DAYS = 7
POOL_MEAN_Z = 0.15  # their readings against the norm: mean z at most -0.15
POOL_MIN_READINGS = 6  # changes since the lift's previous reading: at least 6, of 3 compounds ...
POOL_MIN_LIFTS = 3
POOL_STEP_Z = 0.35  # ... averaging at most -0.35 (noise x sqrt 2 units)
POOL_CREEP_READINGS = 6  # effort: first sets at a known load x reps, of at least 3 compounds ...
POOL_CREEP_MEDIAN = 0.25  # ... with a median RPE rise of +0.25 ...
POOL_CREEP_STEP = 0.5  # ... resting on rises a lifter logs: half an RPE step or more ...
POOL_CREEP_SESSIONS = 3  # ... in at least 3 lift sessions, and in more of them than sessions rated that much lower
POOL_CREEP_MEAN = 0.2  # ... and a mean of +0.2
POOL_LOW_Z = 0.5  # or: the readings' mean z at most -0.5 ...
POOL_CREEP_STRONG = 0.5  # ... with a median RPE rise of +0.5
DELOAD_SETS = 0.60
DELOAD_LOAD = 0.90


def _sens(settings: Settings) -> float:
    return SENSITIVITY.get(getattr(settings, "fatigue_sensitivity", "normal"), 1.0)


# ---- preparation (once per history) ------------------------------------------------------


@dataclass(slots=True)
class _SessionInfo:
    day: date
    started_at: datetime
    deload: bool
    lifts: dict[int, int]  # exercise id -> index of its point in the lift's series
    readiness: Readiness | None
    load: float | None  # session RPE x minutes, None when unknown
    hard: dict[int, int]  # exercise id -> hard sets


@dataclass(frozen=True, slots=True)
class _SessionJudgement:
    index: int
    zs: tuple[tuple[int, float, float], ...]  # (exercise id, z, relative change) of judged compounds
    down: bool
    mean_z: float


class Prepared:
    """A history read once: sessions in order and one series per lift."""

    def __init__(self, sessions: Sequence[SessionLike], exercises: Mapping[int, Exercise]) -> None:
        self.exercises = exercises
        ordered = sorted(sessions, key=lambda s: s.started_at)
        self.sessions: list[_SessionInfo] = []
        self.days: list[date] = []
        self.series: dict[int, LiftSeries] = {}
        # effort baseline: (exercise id, kg*100, reps) -> [(day, rpe)] of non-deload rated sets
        # (days, rpes), days ascending
        self.effort: dict[tuple[int, int, int], tuple[list[date], list[float]]] = {}
        self._judged: dict[int, _SessionJudgement] = {}
        self._creep: dict[tuple[int, int], float | None] = {}
        self._repdrop: dict[tuple[int, int], tuple[int, int, float] | None] = {}
        self.older = False  # sessions exist before the ones given (outside the engine's horizon)
        kinds = {eid: ex.load_kind for eid, ex in exercises.items()}  # the one hard-set count (domain.volume)
        for k, s in enumerate(ordered):
            day = s.started_at.date()
            deload = bool(getattr(s, "deload", False))
            by_lift: dict[int, list[SetEntry]] = {}
            for x in s.sets:
                by_lift.setdefault(x.exercise_id, []).append(x)
            lifts: dict[int, int] = {}
            for eid, sets in by_lift.items():
                ex = exercises.get(eid)
                if ex is None:
                    continue
                p = read_lift_session(sets, day, k, deload, bodyweight=ex.bodyweight)
                if p is None:
                    continue
                series = self.series.setdefault(eid, LiftSeries(eid))
                series.add(p)
                lifts[eid] = len(series.points) - 1
            self.sessions.append(
                _SessionInfo(day, s.started_at, deload, lifts, s.readiness, _session_load(s),
                             hard_sets_by_exercise(s.sets, kinds, getattr(s, "body_kg", None)))
            )
            self.days.append(day)

    # -- per-session judgements (they depend on earlier data only: cached) --

    def judge(self, k: int) -> _SessionJudgement:
        found = self._judged.get(k)
        if found is not None:
            return found
        info = self.sessions[k]
        zs: list[tuple[int, float, float]] = []
        if not info.deload:
            for eid, i in info.lifts.items():
                ex = self.exercises[eid]
                series = self.series[eid]
                z = series.z(i)
                if ex.is_compound and z is not None:
                    zs.append((eid, max(-CLIP_Z, min(CLIP_Z, z)), math.expm1(series.dev[i] or 0.0)))
        mean_z = statistics.fmean(z for _, z, _ in zs) if zs else 0.0
        found = _SessionJudgement(k, tuple(zs), False, mean_z)
        self._judged[k] = found
        return found

    def session_down(self, k: int, m: float) -> bool:
        j = self.judge(k)
        n = len(j.zs)
        if n < 2:
            return False
        down = sum(1 for _, z, _ in j.zs if z <= -LIFT_DOWN_Z * m)
        stouffer = sum(z for _, z, _ in j.zs) / math.sqrt(n)
        return down >= 2 and down * 2 >= n and j.mean_z <= -SESSION_MEAN_Z * m and stouffer <= -SESSION_STOUFFER_Z * m

    def creep(self, eid: int, i: int) -> float | None:
        """RPE above the baseline for the same load x reps (median over the matched sets) in
        the lift's point `i`; None without a match."""
        key = (eid, i)
        if key in self._creep:
            return self._creep[key]
        p = self.series[eid].points[i]
        diffs = []
        seen: set[tuple[int, int]] = set()
        if not p.deload:
            for w, r, rpe in p.sets:
                key2 = (round(w * 100), r)
                if rpe is None or rpe < 6 or key2 in seen:
                    continue  # the first set at a load x reps only: later ones carry the session's fatigue
                seen.add(key2)
                found = self.effort.get((eid, round(w * 100), r))
                if not found:
                    continue
                days, rpes = found
                lo = bisect.bisect_left(days, p.day - timedelta(days=CREEP_BASELINE_DAYS))
                hi = bisect.bisect_left(days, p.day)
                base = rpes[lo:hi]
                if len(base) >= CREEP_MIN_BASE and i >= CREEP_MIN_SESSIONS:
                    diffs.append(rpe - statistics.median(base))
        value = statistics.median(diffs) if diffs else None
        self._creep[key] = value
        return value

    def build_effort_index(self) -> None:
        for eid, series in self.series.items():
            for p in series.points:
                if p.deload:
                    continue
                seen: set[tuple[int, int]] = set()
                for w, r, rpe in p.sets:
                    if rpe is not None and rpe >= 6 and (round(w * 100), r) not in seen:
                        seen.add((round(w * 100), r))
                        days, rpes = self.effort.setdefault((eid, round(w * 100), r), ([], []))
                        days.append(p.day)
                        rpes.append(rpe)

    def rep_drop(self, eid: int, i: int) -> tuple[int, int, float] | None:
        """(reps now, usual reps, load) when the first set at a repeated top load has fewer
        reps than the median of the earlier sessions at that load (by 2 and 15 %; twice that
        on an isolation lift), at no easier RPE, in no later position among the lift's working
        sets than usual (a set after more sets at that load carries their fatigue), and the
        session's performance reading, where there is one, below the lift's norm beyond its
        noise (z <= -1: an RPE that explains the reps means effort, not strength, changed)."""
        key = (eid, i)
        if key in self._repdrop:
            return self._repdrop[key]
        series = self.series[eid]
        p = series.points[i]
        out = None

        def first_at_top(q: LiftSession) -> tuple[int, tuple[float, int, float | None]] | None:
            return next(((n, t) for n, t in enumerate(q.sets) if abs(t[0] - q.top_kg) < 1e-6), None)

        z = series.z(i)
        if not p.deload and p.sets and (z is None or z <= -LIFT_DOWN_Z):
            found = first_at_top(p)
            earlier = []
            for j in range(i - 1, -1, -1):
                q = series.points[j]
                if (p.day - q.day).days > REPEAT_DAYS:
                    break
                if q.deload or abs(q.top_kg - p.top_kg) > 1e-6:
                    continue
                f = first_at_top(q)
                if f is not None:
                    earlier.append(f)
            # a load to compare at (not bodyweight alone) and at least two earlier sessions at it
            if found is not None and found[1][0] > 0 and len(earlier) >= 2:
                pos, first = found
                usual = statistics.median(r for _, (_, r, _) in earlier)
                usual_pos = statistics.median(n for n, _ in earlier)
                rpes = [rpe for _, (_, _, rpe) in earlier if rpe is not None]
                easier = first[2] is not None and rpes and first[2] < statistics.median(rpes) - 0.5
                k = 1.0 if self.exercises[eid].is_compound else ISOLATION_FACTOR
                need = max(REP_DROP, REP_DROP_SHARE * usual) * k
                if (
                    usual - first[1] >= need and not easier and pos <= usual_pos
                    and p.scheme != Scheme.DROP
                ):
                    out = (first[1], int(usual), p.top_kg)
        self._repdrop[key] = out
        return out


def prepare(sessions: Sequence[SessionLike], exercises: Mapping[int, Exercise]) -> Prepared:
    prep = Prepared(sessions, exercises)
    prep.build_effort_index()
    return prep


# ---- load (information only) -------------------------------------------------------------


def _minutes(session: SessionLike) -> float | None:
    if session.minutes is not None:
        return session.minutes
    times = [s.logged_at for s in session.sets if s.logged_at is not None]
    if len(times) < 2:
        return None
    return whole_minutes((max(times) - min(times)).total_seconds())


def _session_load(session: SessionLike) -> float | None:
    """Session RPE x minutes (Foster); None (unknown, never zero) without both."""
    return session_load(session.session_rpe, _minutes(session))


# ---- formatting --------------------------------------------------------------------------


def _when(d: date) -> str:
    return d.strftime("%a %d %b")


def _pct(v: float) -> str:
    return f"{v * 100:+.1f} %"


def _name(prep: Prepared, eid: int) -> str:
    ex = prep.exercises.get(eid)
    return ex.name if ex else f"exercise {eid}"


def _unit(settings: Settings) -> Unit:
    return getattr(settings, "unit", Unit.KG)


def deload_suggestion(settings: Settings) -> str:
    sets = getattr(settings, "deload_sets", DELOAD_SETS)
    load = getattr(settings, "deload_load", DELOAD_LOAD)
    return (
        f"next session: a deload, about {sets:.0%} of your sets at about {load:.0%} of your loads, "
        "then train as usual once performance is back"
    )


# ---- the assessment ----------------------------------------------------------------------


def _recent_points(series: LiftSeries, n: int, as_of: date, days: int, *, judged: bool = True) -> list[int]:
    """Indices of the lift's last `n` judged (non-deload, with a z) points on or before
    `as_of`, newest first, within `days`."""
    out = []
    for i in range(series.upto(as_of) - 1, -1, -1):
        p = series.points[i]
        if (as_of - p.day).days > days:
            break
        if p.deload:
            if out:
                break  # a deload resets: judged again after it, not together with what came before
            continue
        if judged and series.z(i) is None:
            continue
        out.append(i)
        if len(out) >= n:
            break
    return out


def _systemic_pair(prep: Prepared, recent: Sequence[int], m: float) -> list[int]:
    """Two of the last three sessions (with judged compounds) whose compounds, pooled, are
    below their norms together: mean z <= -0.75, combined z <= -2.25, each session's mean
    at most -0.5, at least two different lifts at z <= -1 and at least 60 % of the readings
    below the norm. The sessions (newest first), or [] when no pair is."""
    for a in range(len(recent)):
        for b in range(a + 1, len(recent)):
            ja, jb = prep.judge(recent[a]), prep.judge(recent[b])
            zs = [z for _, z, _ in ja.zs] + [z for _, z, _ in jb.zs]
            if ja.mean_z > -PAIR_EACH_Z * m or jb.mean_z > -PAIR_EACH_Z * m:
                continue  # each session must show it: one bad day and an ordinary one is not a trend
            worse, other = min(ja.mean_z, jb.mean_z), max(ja.mean_z, jb.mean_z)
            if worse <= -BAD_DAY_Z * m and other > -PAIR_OTHER_Z * m:
                continue  # one bad day (everything far down at once) and a session just below: not yet a trend
            n = len(zs)
            mean = sum(zs) / n
            stouffer = sum(zs) / math.sqrt(n)
            lifts = {e for e, z, _ in ja.zs + jb.zs if z <= -LIFT_DOWN_Z * m}
            judged = {e for e, _, _ in ja.zs + jb.zs}
            below = sum(1 for z in zs if z < 0)
            # a share of the main lifts, not a count; and at least three judged (two lifts of one
            # weekly leg day falling together say little about the whole lifter)
            share = len(lifts) * 2 >= len(judged) and len(judged) >= PAIR_MIN_LIFTS
            if (
                mean <= -SESSION_MEAN_Z * m and stouffer <= -SESSION_STOUFFER_Z * m and len(lifts) >= 2
                and share and below >= 0.6 * n
            ):
                return [recent[a], recent[b]]
    return []


def _recent_judged(prep: Prepared, upto: int, as_of: date, *, days: int, min_lifts: int, count: int) -> list[int]:
    """The last `count` sessions before `upto` (newest first) within `days` of `as_of` with at
    least `min_lifts` judged compounds. A deload resets: sessions before it are not judged
    together with ones after it."""
    recent: list[int] = []
    for k in range(upto - 1, -1, -1):
        info = prep.sessions[k]
        if (as_of - info.day).days > days:
            break
        if info.deload:
            if recent:
                break
            continue
        if len(prep.judge(k).zs) >= min_lifts:
            recent.append(k)
            if len(recent) == count:
                break
    return recent


def _pooled_decline(prep: Prepared, upto: int, as_of: date, m: float) -> tuple[list[int], Flag] | None:
    """A coach's pooled, systemic view over the last three sessions (within 10 days, the
    latest within 7), for a lifter who sees each lift once a week: each lift is read once or
    twice, but different compounds fall session after session at a rising effort.

    Pooled over every compound reading of those sessions: the change since the lift's
    previous reading (within 21 days) in units of its noise x sqrt 2 averages <= -0.4; the
    readings against the norm average z <= -0.15, at least two different compounds are down
    beyond their noise (z <= -1), and at least two of the sessions are below the norm (mean z
    <= -0.25), the latest included (not back); and effort creeps across the lifts: the median
    RPE rise at the same load x reps over >= 6 first sets of >= 3 compounds is >= +0.25 and
    the mean >= +0.2. Or, instead of the change since the time before: the readings' mean z
    <= -0.5 with the median RPE rise >= +0.5 (a lifter already a little below before). On the generated steady histories (seeds 1-10) the pooled change never
    went below -0.25 with the other conditions met; an overreach shows -0.4 to -0.8 a week in."""
    recent = _recent_judged(prep, upto, as_of, days=POOL_DAYS, min_lifts=1, count=POOL_SESSIONS)
    if len(recent) < POOL_SESSIONS or (as_of - prep.days[recent[0]]).days > POOL_RECENT_DAYS:
        return None
    if prep.judge(recent[0]).mean_z > -BACK_Z * m:
        return None
    zs = [(k, e, z) for k in recent for e, z, _ in prep.judge(k).zs]
    mean = sum(z for _, _, z in zs) / len(zs)
    down = [(k, e) for k, e, z in zs if z <= -LIFT_DOWN_Z * m]
    lifts = {e for _, e in down}
    below = sum(1 for k in recent if prep.judge(k).mean_z <= -BACK_Z * m)
    if mean > -POOL_MEAN_Z * m or len(lifts) < 2 or below < 2:
        return None  # two different compounds down beyond their noise, two sessions below the norm
    steps: list[tuple[int, float, float]] = []  # (lift, log change since the time before, its spread)
    for k in recent:
        for eid, i in prep.sessions[k].lifts.items():
            if prep.exercises[eid].is_compound and (d := _step_parts(prep.series[eid], i)) is not None:
                steps.append((eid, *d))
    if len(steps) < POOL_MIN_READINGS or len({e for e, _, _ in steps}) < POOL_MIN_LIFTS:
        return None
    step = statistics.fmean(d / spread for _, d, spread in steps)
    creep = [
        (eid, c)
        for k in recent
        for eid, i in prep.sessions[k].lifts.items()
        if prep.exercises[eid].is_compound and (c := prep.creep(eid, i)) is not None
    ]
    if len(creep) < POOL_CREEP_READINGS or len({e for e, _ in creep}) < POOL_MIN_LIFTS:
        return None
    med = statistics.median(c for _, c in creep)
    avg = statistics.fmean(c for _, c in creep)
    if avg < POOL_CREEP_MEAN * m:
        return None
    # lower than the time before with effort creeping; or clearly below the norm with effort
    # clearly creeping (the lifter was already a little below before the decline started)
    # the effort claim rests on rises a lifter can log (half a step): a median of quarter steps
    # against a baseline between two steps is no rise anyone reported
    higher = sum(1 for _, c in creep if c >= POOL_CREEP_STEP)
    lower = sum(1 for _, c in creep if c <= -POOL_CREEP_STEP)
    if higher < POOL_CREEP_SESSIONS or higher <= lower:
        return None
    falling = step <= -POOL_STEP_Z * m and med >= POOL_CREEP_MEDIAN * m
    below_norm = mean <= -POOL_LOW_Z * m and med >= POOL_CREEP_STRONG * m
    if not (falling or below_norm):
        return None
    days = sorted(prep.days[k] for k in recent)
    changes: dict[int, float] = {}
    for k in recent:
        for eid, z, c in prep.judge(k).zs:
            if eid in lifts:
                changes[eid] = min(changes.get(eid, 0.0), c)
    detail = ", ".join(f"{_name(prep, e)} {_pct(c)}" for e, c in sorted(changes.items(), key=lambda p: p[1]))
    judged = len({e for _, e, _ in zs})
    fall = math.expm1(statistics.fmean(d for _, d, _ in steps))
    spread = math.expm1(statistics.fmean(s for _, _, s in steps))
    flag = Flag(
        "decline",
        "warning",
        None,
        f"{len(lifts)} of {judged} main lifts below their usual range across your last {len(recent)} sessions "
        f"({', '.join(_when(d) for d in days)}), and the same weights rated harder: {detail} against their usual; "
        f"{-fall * 100:.1f} % lower than the time before on average over {len(steps)} readings (your usual "
        f"session-to-session spread is {spread * 100:.1f} %), and the same weight x reps rated at least half an "
        f"RPE step higher than in the last {CREEP_BASELINE_DAYS // 7} weeks in {higher} of {len(creep)} lift "
        f"sessions ({'lower in ' + str(lower) if lower else 'none lower'})",
        {
            "sessions": [d.isoformat() for d in days],
            "lifts_down": len(lifts),
            "lifts_judged": judged,
            "mean_z": round(mean, 2),
            "step_z": round(step, 2),
            "changes": {_name(prep, e): round(c, 4) for e, c in changes.items()},
            "rpe_rise": round(med, 2),
            "rpe_higher": higher,
            "rpe_lower": lower,
        },
    )
    return sorted(recent), flag


def _step_parts(series: LiftSeries, i: int) -> tuple[float, float] | None:
    """The change of point `i` since the lift's previous judged reading (within 21 days), as
    (log change, the lift's noise x sqrt 2: the usual spread of a difference of two readings)."""
    p = series.points[i]
    if p.perf is None or series.z(i) is None:
        return None
    noise = series.noise[i] or 0.0
    if noise <= 0:
        return None
    for j in range(i - 1, -1, -1):
        q = series.points[j]
        if (p.day - q.day).days > WINDOW_DAYS:
            return None
        if q.deload or q.perf is None or series.dev[j] is None:
            continue
        return math.log(p.perf / q.perf), noise * math.sqrt(2)
    return None



def _rare_fall(series: LiftSeries, a: int, b: int) -> bool:
    """Whether the lift's last two readings (`b` then `a`) are lower together than is usual
    for this lift: of its earlier pairs of consecutive readings (within the noise window), fewer
    than 10 % had both at or below the higher of the two; needs 6 earlier pairs. Real lifters'
    readings have heavy tails (new variations, rep-range changes, bad days), which a robust
    noise alone does not see."""
    level = max(series.dev[a] or 0.0, series.dev[b] or 0.0)
    day = series.points[b].day
    prev: float | None = None
    pairs = low = 0
    lo = bisect.bisect_left(series.days, day - timedelta(days=NOISE_WINDOW_DAYS))
    for i in range(lo, b):
        d = series.dev[i]
        if d is None or series.points[i].deload:
            continue
        if prev is not None:
            pairs += 1
            low += max(prev, d) <= level
        prev = d
    return pairs >= LOCAL_RARE_MIN and low < LOCAL_RARE * pairs


def _back_from_break(prep: Prepared, first: int) -> int | None:
    """The length of a break (>= BREAK_DAYS without a session) that ended within the two
    weeks before session `first` (or right before it), else None."""
    limit = prep.days[first] - timedelta(days=RECENT_DAYS)
    k = first
    while k > 0 and prep.days[k] >= limit:
        gap = (prep.days[k] - prep.days[k - 1]).days
        if gap >= BREAK_DAYS:
            return gap
        k -= 1
    return None


def _last_deload(prep: Prepared, upto: int) -> date | None:
    for k in range(upto - 1, -1, -1):
        if prep.sessions[k].deload:
            return prep.sessions[k].day
    return None


def _assess(prep: Prepared, settings: Settings, as_of: date) -> FatigueReport:
    m = _sens(settings)
    unit = _unit(settings)
    upto = bisect.bisect_right(prep.days, as_of)
    if upto == 0:
        if prep.days or prep.older:
            return FatigueReport(
                as_of, Verdict.NONE,
                f"No sessions in the {HORIZON_DAYS // 7} weeks up to {as_of:%a %d %b %Y}: nothing to judge.",
            )
        return FatigueReport(as_of, Verdict.NONE, "No sessions yet: nothing to judge.")
    flags: list[Flag] = []
    warning: list[Flag] = []

    # -- systemic decline: the last three sessions with judged compounds --
    recent = _recent_judged(prep, upto, as_of, days=WINDOW_DAYS, min_lifts=2, count=3)
    down = _systemic_pair(prep, recent, m)
    latest_ok = recent and (as_of - prep.days[recent[0]]).days <= RECENT_DAYS
    systemic = bool(latest_ok and down and prep.judge(recent[0]).mean_z <= -BACK_Z * m)
    judged_any = any(
        _recent_points(s, 1, as_of, RECENT_DAYS) for eid, s in prep.series.items() if prep.exercises[eid].is_compound
    )
    pair_note: Flag | None = None
    if systemic:
        lifts: dict[int, tuple[float, float]] = {}
        for k in sorted(down):
            for eid, z, change in prep.judge(k).zs:
                if z <= -LIFT_DOWN_Z * m:
                    lifts[eid] = (change, z)
        days = [prep.days[k] for k in sorted(down)]
        judged = {eid for k in recent for eid, _, _ in prep.judge(k).zs}
        detail = ", ".join(
            f"{_name(prep, eid)} {_pct(c)}" for eid, (c, _) in sorted(lifts.items(), key=lambda p: p[1][0])
        )
        # a share of the main lifts trained in these sessions, not of the pair's alone: two of
        # six down (a row and a hinge while the squat and the deadlift are fine) is a note
        most = len(lifts) * 2 >= len(judged)
        flag = Flag(
                "decline",
                "warning" if most else "note",
                None,
                f"{len(lifts)} of {len(judged)} main lifts down in {len(down)} of your last {len(recent)} sessions "
                f"({', '.join(_when(d) for d in days)}): below their usual range by more than their usual "
                f"day-to-day spread ({detail})"
                + ("" if most else "; the others are within their usual range"),
                {
                    "sessions": [d.isoformat() for d in days],
                    "lifts_down": len(lifts),
                    "lifts_judged": len(judged),
                    "changes": {_name(prep, eid): round(c, 4) for eid, (c, _) in lifts.items()},
                    "z": {_name(prep, eid): round(z, 2) for eid, (_, z) in lifts.items()},
                },
            )
        if most:
            warning.append(flag)
        else:
            systemic = False
            pair_note = flag

    # -- per lift: decline, effort creep, fewer reps --
    lift_down: list[int] = []
    creeping: list[int] = []
    for eid, series in prep.series.items():
        ex = prep.exercises[eid]
        seen = _recent_points(series, 3, as_of, WINDOW_DAYS, judged=False)  # for effort and reps
        if not seen or (as_of - series.points[seen[0]].day).days > RECENT_DAYS:
            continue
        pts = _recent_points(series, 3, as_of, WINDOW_DAYS)  # with a reading against the norm
        if pts and pts[0] != seen[0]:
            pts = []  # the latest session has no reading: the lift is not judged today
        name = ex.name
        k = 1.0 if ex.is_compound else ISOLATION_FACTOR  # isolation lifts are noisier
        fresh = (as_of - series.points[seen[0]].day).days <= NOTE_DAYS  # notes show for a week
        # decline of one lift
        if len(pts) >= 2:
            a, b = pts[0], pts[1]
            za, zb = series.z(a), series.z(b)
            assert za is not None and zb is not None
            ca = math.expm1(series.dev[a] or 0.0)
            if za <= -LIFT_DOWN_Z * m and zb <= -LIFT_DOWN_Z * m:
                lift_down.append(eid)
            local = (
                fresh
                and (za + zb) / 2 <= -LOCAL_MEAN_Z * m
                and max(za, zb) <= -LOCAL_EACH_Z * m
                and _rare_fall(series, a, b)
            )
            if local and not ex.is_compound:
                # an isolation lift: noisier (high reps, coarse machine steps), so its last three
                # sessions must all be down, and a fall beyond 15 % is a new machine or variation
                zc = series.z(pts[2]) if len(pts) >= ISOLATION_SESSIONS else None
                local = zc is not None and zc <= -LOCAL_EACH_Z * m and ca >= -ISOLATION_MAX_FALL
            if local and not (systemic and ex.is_compound):
                pa, pb = series.points[a], series.points[b]
                ref = series.ref[a] or 0.0
                noise = series.noise[a] or 0.0
                flags.append(
                    Flag(
                        "decline",
                        "note",
                        name,
                        f"{name}: e1RM {format_e1rm(pb.perf or 0, unit)} on {_when(pb.day)} and "
                        f"{format_e1rm(pa.perf or 0, unit)} on {_when(pa.day)}, {_pct(ca)} against your usual "
                        f"{format_e1rm(ref, unit)} (your usual day-to-day spread ±{noise * 100:.1f} %)"
                        + ("" if ex.is_compound else "; an isolation lift, a note only"),
                        {
                            "sessions": [pb.day.isoformat(), pa.day.isoformat()],
                            "e1rm_kg": [round(pb.perf or 0, 2), round(pa.perf or 0, 2)],
                            "norm_kg": round(ref, 2),
                            "change": round(ca, 4),
                            "noise": round(noise, 4),
                            "z": [round(zb, 2), round(za, 2)],
                            "compound": ex.is_compound,
                        },
                    )
                )
        # effort creep
        rated = [(i, c) for i in seen if (c := prep.creep(eid, i)) is not None]
        if len(rated) >= 2 and (
            sum(1 for _, c in rated if c >= CREEP_RPE * m * k) >= 2
            and rated[0][1] >= CREEP_RPE * m * k
            and max(c for _, c in rated) >= CREEP_PEAK * m * k
        ):
            if ex.is_compound:
                creeping.append(eid)
            shown = [(series.points[i], c) for i, c in rated if c >= CREEP_RPE * m * k][:2]
        else:
            shown = []
        if shown and fresh:
            flags.append(
                Flag(
                    "effort_creep",
                    "note",
                    name,
                    f"{name}: the same load x reps at higher RPE than your recent baseline: "
                    + "; ".join(f"{c:+.1f} RPE on {_when(p.day)}" for p, c in reversed(shown))
                    + f" (baseline: the last {CREEP_BASELINE_DAYS // 7} weeks)",
                    {
                        "sessions": [p.day.isoformat() for p, _ in reversed(shown)],
                        "rpe_rise": [round(c, 2) for _, c in reversed(shown)],
                        "compound": ex.is_compound,
                    },
                )
            )
        # fewer reps at a repeated load, in the lift's last two sessions
        need = 2 if ex.is_compound else ISOLATION_SESSIONS  # an isolation lift: three in a row
        if fresh and len(seen) >= need:
            drops = [prep.rep_drop(eid, i) for i in seen[:need]]
            ra = drops[0]
            if all(d is not None for d in drops) and ra is not None:
                pa = series.points[seen[0]]
                flags.append(
                    Flag(
                        "rep_drop",
                        "note",
                        name,
                        f"{name}: {format_weight(ra[2], unit)} x {ra[0]} on {_when(pa.day)} after usually "
                        f"{ra[1]} reps at that load in the last {REPEAT_DAYS // 7} weeks (fewer reps twice in a row)",
                        {"session": pa.day.isoformat(), "load_kg": ra[2], "reps": ra[0], "usual_reps": ra[1],
                         "compound": ex.is_compound},
                    )
                )

    # -- decline + effort creep on compounds --
    compound_down = [e for e in lift_down if prep.exercises[e].is_compound and e in creeping]
    if not systemic and compound_down:
        systemic = True
        names = ", ".join(_name(prep, e) for e in compound_down)
        warning.append(
            Flag(
                "decline",
                "warning",
                None,
                f"Performance falling and the same weights feel harder: {names} below the usual range in "
                f"the last two sessions, and the same weight x reps rated at least 1 RPE higher than in the last "
                f"{CREEP_BASELINE_DAYS // 7} weeks",
                {"lifts_down": [_name(prep, e) for e in compound_down], "effort_creep": [_name(prep, e) for e in creeping]},
            )
        )

    # -- pooled across sessions: different compounds down in consecutive sessions with effort creeping --
    if not systemic:
        pooled = _pooled_decline(prep, upto, as_of, m)
        if pooled is not None:
            systemic = True
            down = pooled[0]
            warning.append(pooled[1])

    if pair_note is not None and not systemic:
        flags.insert(0, pair_note)

    # -- readiness trend --
    r = _readiness_flag(prep, upto, as_of, m)
    if r is not None:
        flags.append(r)

    falling = systemic or any(f.code == "decline" for f in flags)
    if falling:
        lc = _load_change_flag(prep, upto, as_of)
        if lc is not None:
            flags.append(lc)

    # -- back from a break: the first sessions after days off are not accumulated fatigue --
    if systemic and down:
        gap = _back_from_break(prep, min(down))
        if gap is not None:
            systemic = False
            warning = [
                Flag(f.code, "note", f.subject,
                     f.message + f"; after {gap} days without training: detraining, not accumulated fatigue", f.values)
                for f in warning
            ]

    # -- deload after the decline: re-judge after it --
    deload_day = _last_deload(prep, upto)
    if systemic and deload_day is not None and recent and deload_day > prep.days[recent[0]]:
        systemic = False
        warning = [
            Flag(f.code, "note", f.subject, f.message + f"; a deload followed on {_when(deload_day)}: judged again after it",
                 f.values)
            for f in warning
        ]

    all_flags = tuple(warning + flags)
    if systemic:
        suggestion = deload_suggestion(settings)
        head = warning[0].message.split(":")[0]
        summary = f"Warning: {head[0].lower()}{head[1:]}; {suggestion}."
        return FatigueReport(as_of, Verdict.WARNING, summary, all_flags, suggestion)
    if all_flags:
        first = all_flags[0]
        more = f" (+{len(all_flags) - 1} more)" if len(all_flags) > 1 else ""
        head = first.message.split(":")[0]
        return FatigueReport(
            as_of, Verdict.NOTE, f"Note: {head}{more}; no systemic decline, keep an eye on it.", all_flags
        )
    if not judged_any:
        return FatigueReport(
            as_of, Verdict.NONE,
            "Nothing flagged: too little recent history of your main lifts to judge a trend yet.",
        )
    return FatigueReport(
        as_of, Verdict.NONE, "Nothing flagged: your main lifts are within their usual range at comparable effort."
    )


def _readiness_flag(prep: Prepared, upto: int, as_of: date, m: float) -> Flag | None:
    """Readiness check-ins: the mean of the last three (within 14 days) against the check-ins
    of the eight weeks before them; a note when two parts are worse (sleep by 0.75 h,
    soreness or energy by 1 point), or one by half as much again."""
    lo = bisect.bisect_left(prep.days, as_of - timedelta(days=RECENT_DAYS + 120))
    checks = [
        (prep.sessions[k].day, r)
        for k in range(lo, upto)
        if (r := prep.sessions[k].readiness) is not None and (r.sleep_h, r.soreness, r.energy) != (None, None, None)
    ]
    last = [c for c in checks[-3:] if (as_of - c[0]).days <= RECENT_DAYS]
    if len(last) < 2:
        return None
    first_day = last[0][0]
    base = [c for c in checks[:-len(last)] if 0 < (first_day - c[0]).days <= 56]
    if len(base) < 6:
        return None
    parts = []
    values: dict[str, object] = {}
    for key, limit, sign, label, fmt in (
        ("sleep_h", 0.75, -1, "sleep", "{:.1f} h"),
        ("soreness", 1.0, 1, "soreness", "{:.1f}/5"),
        ("energy", 1.0, -1, "energy", "{:.1f}/5"),
    ):
        now = [getattr(r, key) for _, r in last if getattr(r, key) is not None]
        then = [getattr(r, key) for _, r in base if getattr(r, key) is not None]
        if len(now) < 2 or len(then) < 6:
            continue
        a, b = statistics.fmean(now), statistics.median(then)
        worse = (a - b) * sign
        if worse >= limit * m * 0.999:
            parts.append((worse / (limit * m), f"{label} {fmt.format(a)} vs usual {fmt.format(b)}"))
            values[key] = [round(a, 2), round(b, 2)]
    if not parts or (len(parts) < 2 and parts[0][0] < 1.5):
        return None
    return Flag(
        "readiness",
        "note",
        None,
        f"Readiness worse over the last {len(last)} check-ins (since {_when(first_day)}): "
        + ", ".join(t for _, t in parts),
        values,
    )


def _week_hard_sets(prep: Prepared, upto: int, end: date) -> tuple[float, int]:
    start = end - timedelta(days=6)
    total, n = 0.0, 0
    for k in range(upto - 1, -1, -1):
        info = prep.sessions[k]
        if info.day < start:
            break
        if info.day <= end:
            total += sum(info.hard.values())
            n += 1
    return total, n


def _load_change_flag(prep: Prepared, upto: int, as_of: date) -> Flag | None:
    """Hard sets in the last 7 days against the mean of the four 7-day blocks before them;
    information only (added when performance is falling)."""
    now, n = _week_hard_sets(prep, upto, as_of)
    before = [_week_hard_sets(prep, upto, as_of - timedelta(days=7 * w)) for w in range(1, 5)]
    if n == 0 or any(c == 0 for _, c in before):
        return None
    usual = statistics.fmean(v for v, _ in before)
    if usual <= 0:
        return None
    ratio = now / usual
    if ratio < LOAD_SPIKE:
        return None
    return Flag(
        "load_change",
        "note",
        None,
        f"Load context: {now:g} hard sets in the last 7 days, {ratio:.1f}x your usual {usual:.0f} "
        "of the last 4 weeks (information, not a fatigue sign by itself)",
        {"hard_sets": now, "usual": round(usual, 1), "ratio": round(ratio, 2)},
    )


def _window(sessions: Sequence[SessionLike], start: date, end: date) -> list[SessionLike]:
    lo = start - timedelta(days=HORIZON_DAYS)
    return [s for s in sessions if lo <= s.started_at.date() <= end]


def assess(
    sessions: Sequence[SessionLike], exercises: Mapping[int, Exercise], settings: Settings, as_of: date
) -> FatigueReport:
    """The verdict at the end of `as_of`, from sessions up to that day only."""
    window = _window(sessions, as_of, as_of)
    prep = prepare(window, exercises)
    prep.older = len(window) < sum(1 for s in sessions if s.started_at.date() <= as_of)
    return _assess(prep, settings, as_of)


def assess_range(
    sessions: Sequence[SessionLike], exercises: Mapping[int, Exercise], settings: Settings, start: date, end: date,
    *, older: bool = False,
) -> list[FatigueReport]:
    """One report per day from `start` to `end` (inclusive), each from data up to its day;
    the history is read once. `older`: the caller knows of sessions before the ones given
    (a day with none in the horizon is then not "no sessions yet")."""
    if end < start:
        return []
    window = _window(sessions, start, end)
    prep = prepare(window, exercises)
    prep.older = older or any(s.started_at.date() < start - timedelta(days=HORIZON_DAYS) for s in sessions)
    out = []
    day = start
    while day <= end:
        out.append(_assess(prep, settings, day))
        day += timedelta(days=1)
    return out


# ---- the picture (History -> Fatigue) ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class LiftPicture:
    exercise_id: int
    name: str
    # (date, performance kg, band low kg, band high kg, is_deload); band: norm +/- noise
    points: tuple[tuple[date, float, float | None, float | None, bool], ...]


@dataclass(frozen=True, slots=True)
class FatiguePicture:
    as_of: date
    weeks: int
    lifts: tuple[LiftPicture, ...]
    weekly_load: tuple[tuple[date, float | None], ...]  # session RPE x minutes; None: unknown
    weekly_hard_sets: tuple[tuple[date, float], ...]
    readiness: tuple[tuple[date, float | None], ...]  # 0-100 from the check-in; None: none
    # Banister-style view at each week's end: (week start, fitness 42 d, fatigue 7 d, form)
    form: tuple[tuple[date, float | None, float | None, float | None], ...] = ()


def readiness_score(r: Readiness | None) -> float | None:
    """0-100 from what was given: sleep (8 h = full), soreness (1 = none), energy (5 = great)."""
    if r is None:
        return None
    parts = []
    if r.sleep_h is not None:
        parts.append(min(1.0, max(0.0, r.sleep_h / 8)))
    if r.soreness is not None:
        parts.append((5 - r.soreness) / 4)
    if r.energy is not None:
        parts.append((r.energy - 1) / 4)
    return round(100 * statistics.fmean(parts), 1) if parts else None


def fatigue_picture(
    sessions: Sequence[SessionLike], exercises: Mapping[int, Exercise], settings: Settings, as_of: date, weeks: int = 12
) -> FatiguePicture:
    prep = prepare(_window(sessions, as_of, as_of), exercises)
    return picture_from(prep, as_of, weeks)


def picture_from(prep: Prepared, as_of: date, weeks: int = 12) -> FatiguePicture:
    first_monday = as_of - timedelta(days=as_of.weekday()) - timedelta(days=7 * (weeks - 1))
    upto = bisect.bisect_right(prep.days, as_of)
    lo = bisect.bisect_left(prep.days, first_monday)
    counts: dict[int, int] = defaultdict(int)
    for eid, series in prep.series.items():
        if prep.exercises[eid].is_compound:
            counts[eid] = sum(1 for d in series.days if first_monday <= d <= as_of)
    main = [e for e, n in sorted(counts.items(), key=lambda p: (-p[1], _name(prep, p[0]))) if n >= 2][:4]
    lifts = []
    for eid in main:
        s = prep.series[eid]
        pts = []
        for i in range(bisect.bisect_left(s.days, first_monday), s.upto(as_of)):
            p = s.points[i]
            if p.perf is None:
                continue
            ref, noise = s.ref[i], s.noise[i]
            low = ref * math.exp(-noise) if ref and noise else None
            high = ref * math.exp(noise) if ref and noise else None
            pts.append((p.day, round(p.perf, 2), low and round(low, 2), high and round(high, 2), p.deload))
        lifts.append(LiftPicture(eid, _name(prep, eid), tuple(pts)))
    loads: list[tuple[date, float | None]] = []
    hard: list[tuple[date, float]] = []
    for w in range(weeks):
        monday = first_monday + timedelta(days=7 * w)
        infos = [prep.sessions[k] for k in range(lo, upto) if monday <= prep.days[k] < monday + timedelta(days=7)]
        known = [i.load for i in infos]
        loads.append((monday, None if not infos or any(v is None for v in known) else round(sum(v or 0 for v in known), 1)))
        hard.append((monday, float(sum(sum(i.hard.values()) for i in infos))))
    readiness = [(prep.days[k], readiness_score(prep.sessions[k].readiness)) for k in range(lo, upto)]
    # fitness-fatigue over known daily loads (unknown sessions left out, never zero-filled)
    form: list[tuple[date, float | None, float | None, float | None]] = []
    start = prep.days[0] if prep.days else as_of
    daily: dict[date, float] = defaultdict(float)
    unknown = 0
    for k in range(upto):
        if prep.sessions[k].load is None:
            unknown += 1
        else:
            daily[prep.days[k]] += prep.sessions[k].load or 0.0
    fit = fat = 0.0
    ends = {first_monday + timedelta(days=7 * w + 6): first_monday + timedelta(days=7 * w) for w in range(weeks)}
    day = start
    any_known = bool(daily)
    while day <= as_of + timedelta(days=7 * weeks):
        v = daily.get(day, 0.0)
        fit += (v - fit) * (2 / 43)
        fat += (v - fat) * (2 / 8)
        if day in ends:
            form.append((ends[day], round(fit, 1), round(fat, 1), round(fit - fat, 1)) if any_known else (ends[day], None, None, None))
        if day >= max(ends) if ends else True:
            break
        day += timedelta(days=1)
    return FatiguePicture(as_of, weeks, tuple(lifts), tuple(loads), tuple(hard), tuple(readiness), tuple(form))


# ---- within-session fade (the live session) ----------------------------------------------


def session_fade_line(
    today: Sequence[SetEntry],
    earlier: Sequence[Sequence[SetEntry]],
    exercise: Exercise,
    unit: Unit = Unit.KG,
) -> str | None:
    """A line when today's fade on a lift (1 - e1RM of the last straight set / today's best)
    is larger than this lifter's usual fade for it with the same set scheme, beyond its
    spread; None otherwise. `earlier`: earlier sessions' sets of the lift (any order).
    Planned failure, drop sets, ramps and pyramids are not fades; needs 3 earlier sessions
    with the same scheme; bodyweight lifts are left out."""
    if exercise.bodyweight:
        return None
    day = date.min
    now = read_lift_session(today, day, 0, False)
    if now is None or now.fade is None:
        return None
    usual = []
    for sets in earlier:
        p = read_lift_session(sets, day, 0, False)
        if p is not None and p.fade is not None and p.scheme == now.scheme:
            usual.append(p.fade)
    if len(usual) < 3:
        return None
    mid = statistics.median(usual)
    spread = 1.4826 * statistics.median(abs(u - mid) for u in usual)
    limit = mid + max(0.03, 2 * spread)
    if now.fade <= limit:
        return None
    last = now.sets[-1]
    return (
        f"{exercise.name}: last set {format_weight(last[0], unit)} x {last[1]} is {now.fade:.1%} below today's best e1RM "
        f"(your usual fade {mid:.1%} over {len(usual)} sessions): consider stopping this lift here"
    )


def deload_items(items: Sequence[Any], sets_fraction: float = DELOAD_SETS, load_fraction: float = DELOAD_LOAD) -> list[Any]:
    """Plan items (PlanItem-like, with sets_min/sets_max) as their deload version: about
    `sets_fraction` of the sets (rounded, at least 1). The load factor is for the prefill
    (returned items carry it nowhere; use `deload_load(kg, load_fraction)`)."""
    from dataclasses import replace

    out = []
    for it in items:
        lo = max(1, round(it.sets_min * sets_fraction))
        hi = max(lo, max(1, round(it.sets_max * sets_fraction)))
        out.append(replace(it, sets_min=lo, sets_max=hi))
    return out


def deload_load(kg: float, load_fraction: float = DELOAD_LOAD) -> float:
    """A working load for a deload session (not rounded to plates)."""
    return kg * load_fraction
