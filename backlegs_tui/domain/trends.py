"""Fatigue across sessions: F4-F8 of the domain notes, repeated failure sets, low readiness,
and the severity that combines them with today's F1-F3.

The entry point is `analyse(sessions, exercises, settings, today) -> list[FatigueFlag]`:

- `sessions`: past sessions, any order, each with `started_at`, `sets` (SetEntry, warm-ups
  included), `minutes`, `session_rpe` and `readiness` (see `SessionLike`; `SessionLog` is a
  ready dataclass, `session_log(state)` and `sessions_from_records(...)` build it). Only the
  last `HORIZON_DAYS` before `today` are read, so passing ten years is cheap but pointless.
- `exercises`: id -> Exercise, for names, muscles, spinal load and compound/isolation.
- `settings`: the volume landmarks (MRV) come from `Settings.landmarks`.
- `today`: the day the analysis is for; sessions after it are ignored.

It returns nothing when nothing fires. Otherwise the first flag is the verdict (code
`SUMMARY`): severity NOTE when one signal family fires, WARNING with a deload suggestion when
two or more do (`FAMILIES` maps codes to families). The signal flags follow, in order F1..F8,
FAIL (repeated failure sets on compounds), READY (low readiness). Each signal stays silent
below its minimum data, and every message is one line naming its evidence with numbers.

Plain Python: no textual, no sqlalchemy, no files.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .e1rm import e1rm
from .fatigue import (
    DEFAULT_THRESHOLDS,
    FatigueFlag,
    Severity,
    Thresholds,
    session_flags,
)
from .fatigue_engine import SessionLike as _EngineSessionLike
from .fatigue_engine import SessionLog as _EngineSessionLog
from .model import (
    Exercise,
    Readiness,
    SessionState,
    SetEntry,
    Settings,
    SetType,
    SpinalLoad,
)
from .records import WorkoutRecord
from .volume import HARD_SET_MIN_RPE, muscle_sets

SUMMARY = "summary"
FAMILIES: dict[str, str] = {
    "F1": "performance",
    "F2": "performance",
    "F3": "performance",
    "F4": "performance",
    "F5": "load",
    "F6": "load",
    "F7": "volume",
    "F8": "spinal load",
    "FAIL": "failure",
    "READY": "readiness",
}
DELOAD_SETS = 0.60  # of the usual sets
DELOAD_LOAD = 0.90  # of the usual loads
HORIZON_DAYS = 240  # what `analyse` (the fatigue engine) reads back; see fatigue_engine.HORIZON_DAYS
_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class TrendThresholds:
    """Defaults from the domain notes; the user may change them."""

    recent_days: int = 7  # the window F7, F8, FAIL and the F1-F3 session are read in
    f4_drop: float = 0.05  # 1RM day-to-day noise is ~4 % (Grgic et al. 2020)
    f4_window_days: int = 28
    f4_min_sessions: int = 4
    f5_monotony: float = 2.0
    f5_min_sessions: int = 3
    f6_caution: float = 1.3
    f6_spike: float = 1.5
    f6_min_days: int = 28
    f7_max_rir: float = 10 - HARD_SET_MIN_RPE  # RIR <= 4
    f8_heavy_rpe: float = 8.0
    f8_heavy_fraction: float = 0.80
    f8_recovery_h: float = 48.0  # ExRx: 48 h lower-back recovery
    f8_per_session: int = 3
    failure_sets: int = 3
    short_sleep_h: float = 6.0
    high_soreness: int = 4  # of 5
    low_energy: int = 2  # of 5
    readiness_days: int = 3  # a check-in older than this says nothing about today
    session: Thresholds = DEFAULT_THRESHOLDS  # F1-F3


DEFAULT_TREND_THRESHOLDS = TrendThresholds()


# ---- input -------------------------------------------------------------------------------


# the session shape the fatigue engine reads (with its `deload` flag) is the engine's own
SessionLike = _EngineSessionLike
SessionLog = _EngineSessionLog


def session_log(state: SessionState) -> SessionLog:
    """A stored session (as the repository returns it) for `analyse`."""
    minutes = None
    if state.ended_at is not None:
        minutes = (state.ended_at - state.started_at).total_seconds() / 60
    return SessionLog(
        state.started_at, tuple(state.sets), minutes, state.session_rpe, state.readiness, state.name, state.id,
        getattr(state, "deload", False),
    )


def sessions_from_records(
    workouts: Iterable[WorkoutRecord], exercises: Mapping[int, Exercise]
) -> list[SessionLog]:
    """Plain workout records (imports, the demo) for `analyse`; sets of exercises not in
    `exercises` (matched by name, case-insensitively) are left out."""
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
        minutes = (w.ended_at - w.started_at).total_seconds() / 60 if w.ended_at else None
        readiness = None
        if (w.sleep_h, w.soreness, w.energy) != (None, None, None):
            readiness = Readiness(w.sleep_h, w.soreness, w.energy)
        out.append(
            SessionLog(w.started_at, sets, minutes, w.session_rpe, readiness, w.name, deload=getattr(w, "deload", False))
        )
    return out


# ---- small helpers -----------------------------------------------------------------------


def _moderate(code: str, message: str, value: float | None = None) -> FatigueFlag:
    return FatigueFlag(code, Severity.MODERATE, message, value)


def _reaches(value: float, threshold: float) -> bool:
    return value + _EPS >= threshold


def _num(v: float, digits: int = 1) -> str:
    text = f"{v:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _day(s: SessionLike) -> date:
    return s.started_at.date()


def _when(s: SessionLike) -> str:
    return s.started_at.strftime("%a %d %b")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _set_time(s: SetEntry, session: SessionLike) -> datetime:
    return s.logged_at or session.started_at


def _session_best_e1rms(session: SessionLike) -> dict[int, float]:
    """exercise id -> best e1RM of its working sets in the session."""
    best: dict[int, float] = {}
    for s in session.sets:
        if s.is_working and (v := e1rm(s.weight_kg, s.reps, s.effective_rpe)) is not None:
            best[s.exercise_id] = max(v, best.get(s.exercise_id, 0.0))
    return best


def _name(exercises: Mapping[int, Exercise], eid: int) -> str:
    ex = exercises.get(eid)
    return ex.name if ex else f"exercise {eid}"


# ---- session load (Foster session RPE) ---------------------------------------------------


def _minutes(session: SessionLike) -> float | None:
    if session.minutes is not None:
        return session.minutes
    times = [s.logged_at for s in session.sets if s.logged_at is not None]
    if len(times) < 2:
        return None
    return (max(times) - min(times)).total_seconds() / 60


def session_load(session: SessionLike) -> tuple[float | None, bool]:
    """(session RPE x minutes, whether the RPE was a proxy). Without a session RPE the mean
    RPE of the working sets stands in; without either, or without a duration: (None, False)."""
    minutes = _minutes(session)
    if minutes is None or minutes <= 0:
        return None, False
    if session.session_rpe is not None:
        return session.session_rpe * minutes, False
    rpes = [r for s in session.sets if s.is_working and (r := s.effective_rpe) is not None]
    if not rpes:
        return None, False
    return statistics.fmean(rpes) * minutes, True


@dataclass(slots=True)
class DailyLoads:
    """Daily loads (AU, rest days 0) from `first` on, and how they were made."""

    first: date
    loads: list[float]
    proxied: int = 0  # sessions whose load used the mean set RPE
    unknown: int = 0  # sessions with no load at all (no RPE or no duration)
    sessions: int = 0

    def note(self) -> str:
        parts = []
        if self.proxied:
            parts.append(
                f"; session RPE missing on {_plural(self.proxied, 'session')}: mean set RPE x minutes used as a proxy"
            )
        if self.unknown:
            parts.append(f"; {_plural(self.unknown, 'session')} without RPE or duration left out")
        return "".join(parts)


def daily_loads(sessions: Iterable[SessionLike], first: date, days: int) -> DailyLoads:
    out = DailyLoads(first, [0.0] * days)
    for s in sessions:
        i = (_day(s) - first).days
        if not 0 <= i < days:
            continue
        out.sessions += 1
        load, proxy = session_load(s)
        if load is None:
            out.unknown += 1
            continue
        out.loads[i] += load
        out.proxied += proxy
    return out


def monotony(loads: Sequence[float]) -> float | None:
    """Foster's monotony: mean / SD of the daily loads (population SD). None when the SD is
    0 (every day the same load): the ratio is undefined."""
    sd = statistics.pstdev(loads)
    if sd < _EPS:
        return None
    return statistics.fmean(loads) / sd


def strain(loads: Sequence[float]) -> float | None:
    """Foster's strain: weekly load x monotony; None when monotony is undefined."""
    m = monotony(loads)
    return None if m is None else sum(loads) * m


def ewma_lambda(n: int) -> float:
    """l = 2 / (N + 1): 0.25 for 7 days, 0.068966 for 28 (Williams et al. 2017)."""
    return 2 / (n + 1)


def ewma(loads: Sequence[float], n: int, start: float) -> float:
    """EWMA_t = l*load_t + (1 - l)*EWMA_(t-1), from `start`; the value after the last load."""
    lam = ewma_lambda(n)
    value = start
    for load in loads:
        value = lam * load + (1 - lam) * value
    return value


# ---- F4 e1RM trend -----------------------------------------------------------------------


def e1rm_trend(
    sessions: Sequence[SessionLike],
    exercises: Mapping[int, Exercise],
    today: date,
    t: TrendThresholds = DEFAULT_TREND_THRESHOLDS,
) -> list[FatigueFlag]:
    """F4, per exercise: the median of the last 3 session-best e1RMs at least 5 % below the
    best of the earlier sessions in the last 28 days, and the last 2 sessions both falling.
    Needs 4 sessions of the exercise in those 28 days; bodyweight lifts are left out."""
    start = today - timedelta(days=t.f4_window_days)
    series: dict[int, list[float]] = defaultdict(list)
    for s in sorted(sessions, key=lambda s: s.started_at):
        if start < _day(s) <= today:
            for eid, value in _session_best_e1rms(s).items():
                series[eid].append(value)
    flags = []
    for eid, values in series.items():
        ex = exercises.get(eid)
        # an e1RM of the added load alone says little about a bodyweight lift
        if len(values) < max(4, t.f4_min_sessions) or (ex is not None and ex.bodyweight):
            continue
        recent, earlier = values[-3:], values[:-3]
        median, best = statistics.median(recent), max(earlier)
        drop = 1 - median / best
        falling = recent[0] > recent[1] > recent[2]
        if not (falling and _reaches(drop, t.f4_drop)):
            continue
        flags.append(
            _moderate(
                "F4",
                f"F4 e1RM falling: {_name(exercises, eid)} median of the last 3 sessions "
                f"{_num(median)} kg is {drop:.1%} below the {t.f4_window_days}-day best {_num(best)} kg, "
                f"and the last 2 sessions both fell ({' > '.join(_num(v) for v in recent)} kg)",
                drop,
            )
        )
    return sorted(flags, key=lambda f: -(f.value or 0))


# ---- F5 monotony and strain --------------------------------------------------------------


def monotony_strain(
    sessions: Sequence[SessionLike], today: date, t: TrendThresholds = DEFAULT_TREND_THRESHOLDS
) -> list[FatigueFlag]:
    """F5 (Foster 2001) over the 7 days ending `today`: monotony above 2.0; strain above the
    mean + 1 SD of the previous 4 weeks' strains (when 2 of them can be computed). Seven
    equal daily loads have SD 0: monotony is reported as undefined. Needs 7 days of history
    and 3 sessions in the week."""
    if not sessions or (today - min(_day(s) for s in sessions)).days < 6:
        return []
    week = daily_loads(sessions, today - timedelta(days=6), 7)
    if week.sessions < t.f5_min_sessions or not any(week.loads):
        return []
    total, note = sum(week.loads), week.note()
    m = monotony(week.loads)
    if m is None:
        return [
            _moderate(
                "F5",
                f"F5 monotony undefined: 7 equal daily loads of {_num(week.loads[0], 0)} AU (SD 0), "
                f"no variation at all{note}",
            )
        ]
    flags = []
    if m > t.f5_monotony + _EPS:
        flags.append(
            _moderate(
                "F5",
                f"F5 monotony {m:.2f} (above {t.f5_monotony:g}): 7-day load {_num(total, 0)} AU, "
                f"mean {_num(statistics.fmean(week.loads), 0)}, SD {_num(statistics.pstdev(week.loads), 0)}{note}",
                m,
            )
        )
    earlier = [
        v
        for k in range(1, 5)
        if (v := strain(daily_loads(sessions, today - timedelta(days=7 * k + 6), 7).loads)) is not None
    ]
    if len(earlier) >= 2:
        now = total * m
        limit = statistics.fmean(earlier) + statistics.pstdev(earlier)
        if now > limit + _EPS:
            flags.append(
                _moderate(
                    "F5",
                    f"F5 strain {_num(now, 0)} above your usual (mean + 1 SD of the previous "
                    f"{len(earlier)} weeks: {_num(limit, 0)}); monotony {m:.2f}{note}",
                    now,
                )
            )
    return flags


# ---- F6 acute:chronic workload ratio ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoadChange:
    acute: float  # 7-day EWMA, AU per day
    chronic: float  # 28-day EWMA
    proxied: int = 0
    unknown: int = 0

    @property
    def ratio(self) -> float | None:
        return self.acute / self.chronic if self.chronic > _EPS else None


def load_change(sessions: Sequence[SessionLike], today: date, t: TrendThresholds = DEFAULT_TREND_THRESHOLDS) -> LoadChange | None:
    """The 7- and 28-day EWMAs of daily load on `today`, both started from the mean daily
    load of the first 28 days read. None with under 28 days of history."""
    if not sessions:
        return None
    first = max(min(_day(s) for s in sessions), today - timedelta(days=HORIZON_DAYS - 1))
    days = (today - first).days + 1
    if days < t.f6_min_days:
        return None
    daily = daily_loads(sessions, first, days)
    start = statistics.fmean(daily.loads[: t.f6_min_days])
    return LoadChange(
        ewma(daily.loads, 7, start), ewma(daily.loads, 28, start), daily.proxied, daily.unknown
    )


def acwr_flag(
    sessions: Sequence[SessionLike], today: date, t: TrendThresholds = DEFAULT_TREND_THRESHOLDS
) -> FatigueFlag | None:
    """F6 (EWMA ACWR, Williams et al. 2017): 1.3-1.5 a rise worth noting, above 1.5 a spike
    (Gabbett 2016). Shown as information about load change only: the ratio is disputed as an
    injury predictor (Impellizzeri et al. 2020). Needs 28 days."""
    change = load_change(sessions, today, t)
    ratio = change.ratio if change else None
    if change is None or ratio is None or not _reaches(ratio, t.f6_caution):
        return None
    spike = ratio > t.f6_spike + _EPS
    size = f"a spike (above {t.f6_spike:g})" if spike else f"a sharp rise ({t.f6_caution:g}-{t.f6_spike:g})"
    note = DailyLoads(today, [], change.proxied, change.unknown).note()
    return FatigueFlag(
        "F6",
        Severity.MODERATE if spike else Severity.NOTE,
        f"F6 load change: acute:chronic {ratio:.2f}, {size}: 7-day EWMA {_num(change.acute, 0)} vs "
        f"28-day {_num(change.chronic, 0)} AU/day{note}",
        ratio,
    )


# ---- F7 weekly volume per muscle ---------------------------------------------------------


def is_hard_set(s: SetEntry, max_rir: float = DEFAULT_TREND_THRESHOLDS.f7_max_rir) -> bool:
    """A set that counts toward volume: not a warm-up, at least one rep, RIR <= 4. A set
    logged without RPE or RIR counts: working sets usually are hard."""
    if not s.is_working or s.reps < 1:
        return False
    rpe = s.effective_rpe
    return rpe is None or _reaches(rpe, 10 - max_rir)


def weekly_hard_sets(
    sessions: Iterable[SessionLike],
    exercises: Mapping[int, Exercise],
    today: date,
    t: TrendThresholds = DEFAULT_TREND_THRESHOLDS,
) -> dict[str, float]:
    """Muscle -> hard sets in the 7 days ending `today` (primary 1, secondary 0.5)."""
    start = today - timedelta(days=t.recent_days - 1)
    counts: dict[int, float] = defaultdict(float)
    for session in sessions:
        if start <= _day(session) <= today:
            for s in session.sets:
                if s.exercise_id in exercises and is_hard_set(s, t.f7_max_rir):
                    counts[s.exercise_id] += 1
    return muscle_sets((exercises[eid], n) for eid, n in counts.items())


def volume_flags(
    sessions: Sequence[SessionLike],
    exercises: Mapping[int, Exercise],
    settings: Settings,
    today: date,
    t: TrendThresholds = DEFAULT_TREND_THRESHOLDS,
) -> list[FatigueFlag]:
    """F7: hard sets per muscle in the last 7 days above its MRV (Settings.landmarks).
    Needs a week of history."""
    if not sessions or (today - min(_day(s) for s in sessions)).days < t.recent_days - 1:
        return []
    volume = weekly_hard_sets(sessions, exercises, today, t)
    flags = []
    for muscle, marks in settings.landmarks.items():
        done, mrv = volume.get(muscle, 0.0), marks[-1]
        if done > mrv + _EPS:
            flags.append(
                _moderate(
                    "F7",
                    f"F7 volume: {muscle} {_num(done)} hard sets in {t.recent_days} days, above its MRV "
                    f"of {mrv} (primary 1, secondary 0.5; RIR <= {t.f7_max_rir:g})",
                    done,
                )
            )
    return flags


# ---- F8 spinal load ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _HeavySpinal:
    session: SessionLike
    order: tuple[int, ...]  # high-spinal exercises done heavy, in order of their first heavy set
    first_at: datetime
    last_at: datetime


def _is_deadlift(ex: Exercise) -> bool:
    return "deadlift" in ex.name.lower()


def _is_squat(ex: Exercise) -> bool:
    return "squat" in ex.name.lower() and ex.spinal_load is SpinalLoad.HIGH


def _heavy_spinal(
    ordered: Sequence[SessionLike], exercises: Mapping[int, Exercise], t: TrendThresholds
) -> list[_HeavySpinal]:
    """Sessions with heavy high-spinal sets: RPE >= 8, or >= 80 % of the best e1RM of the
    exercise in the earlier sessions read."""
    reference: dict[int, float] = {}
    out = []
    for session in ordered:
        heavy_eids: dict[int, None] = {}
        times = []
        for s in session.sets:
            ex = exercises.get(s.exercise_id)
            if ex is None or ex.spinal_load is not SpinalLoad.HIGH or not s.is_working or s.reps < 1:
                continue
            rpe, ref = s.effective_rpe, reference.get(s.exercise_id)
            by_rpe = rpe is not None and _reaches(rpe, t.f8_heavy_rpe)
            by_load = ref is not None and _reaches(s.weight_kg, t.f8_heavy_fraction * ref)
            if by_rpe or by_load:
                heavy_eids.setdefault(s.exercise_id)
                times.append(_set_time(s, session))
        if heavy_eids:
            out.append(_HeavySpinal(session, tuple(heavy_eids), min(times), max(times)))
        for eid, value in _session_best_e1rms(session).items():
            reference[eid] = max(value, reference.get(eid, 0.0))
    return out


def spinal_load(
    sessions: Sequence[SessionLike],
    exercises: Mapping[int, Exercise],
    today: date,
    t: TrendThresholds = DEFAULT_TREND_THRESHOLDS,
) -> list[FatigueFlag]:
    """F8, in the last 7 days: heavy high-spinal lifting within 48 h of the previous heavy
    session; 3+ heavy high-spinal lifts in one session; a heavy deadlift before a squat in
    one session. The most recent case of each. Needs 2 sessions."""
    ordered = sorted((s for s in sessions if _day(s) <= today), key=lambda s: s.started_at)
    if len(ordered) < 2:
        return []
    recent_from = today - timedelta(days=t.recent_days - 1)
    heavy = _heavy_spinal(ordered, exercises, t)

    def names(eids: Sequence[int]) -> str:
        return ", ".join(_name(exercises, e) for e in eids)

    flags: list[FatigueFlag] = []
    for prev, cur in reversed(list(zip(heavy, heavy[1:]))):
        if _day(cur.session) < recent_from:
            break
        gap_h = (cur.first_at - prev.last_at).total_seconds() / 3600
        if gap_h < t.f8_recovery_h - _EPS:
            flags.append(
                _moderate(
                    "F8",
                    f"F8 spinal load: heavy {names(cur.order)} on {_when(cur.session)} came {gap_h:.0f} h after "
                    f"heavy {names(prev.order)} (allow {t.f8_recovery_h:g} h for the lower back)",
                    gap_h,
                )
            )
            break
    for h in reversed(heavy):
        if _day(h.session) < recent_from:
            break
        if len(h.order) >= t.f8_per_session:
            flags.append(
                _moderate(
                    "F8",
                    f"F8 spinal load: {len(h.order)} heavy high-spinal lifts in one session on "
                    f"{_when(h.session)} ({names(h.order)})",
                    float(len(h.order)),
                )
            )
            break
    for h in reversed(heavy):
        if _day(h.session) < recent_from:
            break
        found = _deadlift_before_squat(h, exercises)
        if found:
            flags.append(
                _moderate(
                    "F8",
                    f"F8 spinal load: heavy {found[0]} before {found[1]} on {_when(h.session)} "
                    "(squat first, or pair the deadlift with a low-spinal leg lift)",
                )
            )
            break
    return flags


def _deadlift_before_squat(h: _HeavySpinal, exercises: Mapping[int, Exercise]) -> tuple[str, str] | None:
    """(deadlift, squat) when a heavy deadlift's first working set comes before a squat's."""
    deadlifts = [e for e in h.order if (ex := exercises.get(e)) is not None and _is_deadlift(ex)]
    if not deadlifts:
        return None
    sets = h.session.sets
    first_dl = next(i for i, s in enumerate(sets) if s.exercise_id == deadlifts[0] and s.is_working)
    for s in sets[first_dl + 1 :]:
        ex = exercises.get(s.exercise_id)
        if ex is not None and _is_squat(ex) and s.is_working:
            return _name(exercises, deadlifts[0]), ex.name
    return None


# ---- repeated failure, readiness ---------------------------------------------------------


def is_failure_set(s: SetEntry) -> bool:
    """Taken to failure: set type failure, RPE 10, or a missed lift (0 reps)."""
    return s.set_type is SetType.FAILURE or (s.is_working and (s.reps < 1 or (s.effective_rpe or 0) >= 10))


def failure_flag(
    sessions: Sequence[SessionLike],
    exercises: Mapping[int, Exercise],
    today: date,
    t: TrendThresholds = DEFAULT_TREND_THRESHOLDS,
) -> FatigueFlag | None:
    """FAIL: 3 or more sets to failure on compounds in the last 7 days."""
    start = today - timedelta(days=t.recent_days - 1)
    counts: dict[int, int] = defaultdict(int)
    for session in sessions:
        if start <= _day(session) <= today:
            for s in session.sets:
                ex = exercises.get(s.exercise_id)
                if ex is not None and ex.is_compound and is_failure_set(s):
                    counts[s.exercise_id] += 1
    total = sum(counts.values())
    if total < t.failure_sets:
        return None
    detail = ", ".join(f"{_name(exercises, e)} {n}" for e, n in sorted(counts.items(), key=lambda p: -p[1]))
    return _moderate(
        "FAIL",
        f"Repeated failure: {total} sets to failure on compound lifts in {t.recent_days} days ({detail})",
        float(total),
    )


def readiness_flag(
    sessions: Sequence[SessionLike], today: date, t: TrendThresholds = DEFAULT_TREND_THRESHOLDS
) -> FatigueFlag | None:
    """READY: the latest check-in of the last 3 days reports short sleep, high soreness or
    low energy."""
    start = today - timedelta(days=t.readiness_days - 1)
    checked = [s for s in sessions if s.readiness is not None and start <= _day(s) <= today]
    if not checked:
        return None
    latest = max(checked, key=lambda s: s.started_at)
    r = latest.readiness
    reasons: list[str] = []
    if r is None:
        return None
    if r.sleep_h is not None and r.sleep_h < t.short_sleep_h - _EPS:
        reasons.append(f"slept {_num(r.sleep_h)} h (under {t.short_sleep_h:g})")
    if r.soreness is not None and r.soreness >= t.high_soreness:
        reasons.append(f"soreness {r.soreness}/5")
    if r.energy is not None and r.energy <= t.low_energy:
        reasons.append(f"energy {r.energy}/5")
    if not reasons:
        return None
    return FatigueFlag(
        "READY",
        Severity.NOTE if len(reasons) == 1 else Severity.MODERATE,
        f"Low readiness on {_when(latest)}: {', '.join(reasons)}",
        float(len(reasons)),
    )


# ---- today's session (F1-F3) -------------------------------------------------------------


def latest_session_flags(
    sessions: Sequence[SessionLike],
    exercises: Mapping[int, Exercise],
    today: date,
    t: TrendThresholds = DEFAULT_TREND_THRESHOLDS,
) -> list[FatigueFlag]:
    """F1-F3 for each exercise of the latest session in the last 7 days, named."""
    start = today - timedelta(days=t.recent_days - 1)
    recent = [s for s in sessions if start <= _day(s) <= today]
    if not recent:
        return []
    latest = max(recent, key=lambda s: s.started_at)
    by_exercise: dict[int, list[SetEntry]] = {}
    for s in latest.sets:
        by_exercise.setdefault(s.exercise_id, []).append(s)
    return [
        FatigueFlag(f.code, f.severity, f"{_name(exercises, eid)} on {_when(latest)}: {f.message}", f.value)
        for eid, sets in by_exercise.items()
        for f in session_flags(sets, t.session)
    ]


# ---- severity ----------------------------------------------------------------------------


def combine(flags: Sequence[FatigueFlag]) -> FatigueFlag | None:
    """The verdict: one signal family = a note; two or more at once = a warning with a
    deload suggested (a week at ~60 % of the sets and ~90 % of the load). None without flags."""
    families = list(dict.fromkeys(FAMILIES.get(f.code, f.code) for f in flags if f.code != SUMMARY))
    if not families:
        return None
    count = _plural(len([f for f in flags if f.code != SUMMARY]), "flag")
    if len(families) == 1:
        return FatigueFlag(
            SUMMARY,
            Severity.NOTE,
            f"Note: one signal family ({families[0]}, {count}): keep an eye on it",
            1.0,
        )
    return FatigueFlag(
        SUMMARY,
        Severity.WARNING,
        f"Warning: {len(families)} signal families at once ({', '.join(families)}; {count}): consider a "
        f"deload week at ~{DELOAD_SETS:.0%} of your sets and ~{DELOAD_LOAD:.0%} of your loads",
        float(len(families)),
    )


def analyse(
    sessions: Sequence[SessionLike],
    exercises: Mapping[int, Exercise],
    settings: Settings,
    today: date,
    thresholds: TrendThresholds = DEFAULT_TREND_THRESHOLDS,
) -> list[FatigueFlag]:
    """The fatigue verdict in the old flag shape, for screens not yet on the new contract: a
    thin adapter over `fatigue_engine.assess` (the old F4-F8 families no longer decide it).
    [] when nothing is flagged; else the verdict first (code SUMMARY, severity NOTE or
    WARNING, the report's summary), then one flag per engine flag. `thresholds` is ignored.
    New code: use `services.fatigue` / `domain.fatigue_engine` (FatigueReport) instead."""
    from .fatigue_engine import Verdict, assess

    report = assess(sessions, exercises, settings, today)
    if report.verdict is Verdict.NONE:
        return []
    head = FatigueFlag(
        SUMMARY,
        Severity.WARNING if report.verdict is Verdict.WARNING else Severity.NOTE,
        report.summary,
        float(len(report.flags)),
    )
    return [head] + [
        FatigueFlag(f.code, Severity.MODERATE if f.severity == "warning" else Severity.NOTE, f.message)
        for f in report.flags
    ]
