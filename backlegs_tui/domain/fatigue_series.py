"""Per-lift performance series for the fatigue engine: what each session's sets say about
the lifter's strength on a lift, and how noisy that lift is for this lifter.

A session's sets of one lift are first recognised for what they are:

- unmarked warm-ups: working sets below ~60 % of the session's top load say nothing about
  strength and are left out (so are marked warm-ups);
- drop sets (type drop, or a lighter set straight after a set to failure) are left out;
- planned failure (type failure) is read at RPE 10 when no RPE was logged;
- the scheme: straight (every set within 2.5 % of the top load), ramp (rising to the top),
  pyramid (up then down), top set + back-offs (the top first, then lighter), drop.

A session is judged only against earlier sessions of the lift whose best set had a similar
rep range (e1RM formulas drift with the reps: a 10-rep day is not compared with 3-rep days).

The performance of the session is the best e1RM of the remaining sets: the RTS chart when an
RPE >= 7 was logged, Epley when no RPE was logged (the house rule of `domain.e1rm`); a set
logged at RPE < 7 is far from comparable effort and gives no reading; none when no set has a
trustworthy estimate (e.g. more than 10 reps without RPE). Bodyweight lifts (the load is
only the added weight) have no performance series.

A lift's noise is estimated from its own history: the robust spread (1.4826 x MAD) of each
session's log-deviation from the median of the lift's previous sessions.

Plain Python.
"""

from __future__ import annotations

import bisect
from itertools import pairwise
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from .e1rm import CHART_MAX_REPS, e1rm
from .model import SetEntry, SetType

WARMUP_FRACTION = 0.60  # below this share of the session's top load a set is a warm-up/ramp
STRAIGHT_TOLERANCE = 0.025
REF_SESSIONS = 6  # the reference level: median of up to this many earlier sessions
REF_MIN = 4  # ... and at least this many
REF_MAX_DAYS = 84  # ... within this many days
NOISE_SESSIONS = 20  # residuals the noise is estimated from
NOISE_MIN = 3  # below this many residuals the lift is not judged
NOISE_PRIOR = 0.025  # with few residuals the estimate leans on a typical e1RM noise ...
NOISE_PRIOR_WEIGHT = 4  # ... worth this many residuals
NOISE_FLOOR = 0.015  # e1RM estimates are never more precise than ~1.5 %
NOISE_CEILING = 0.10
NOISE_SKIP_LATEST = 1
LIGHT_DAY = 0.15  # unrated and this far below the norm: a light day or a new variation, not judged
LIGHTER_LOAD = 0.10  # unrated with a top load this far under the recent top loads: effort unknown
NOISE_MAX_DAYS = 150  # residuals older than this are not read (REF_MAX_DAYS + this < the horizon)  # the residuals of the newest sessions are judged, not used for noise


class Scheme:
    STRAIGHT = "straight"
    RAMP = "ramp"
    PYRAMID = "pyramid"
    TOP_BACKOFF = "top set + back-offs"
    DROP = "drop"
    SINGLE = "single set"
    MIXED = "mixed"


@dataclass(frozen=True, slots=True)
class LiftSession:
    """One session's reading of one lift."""

    day: date
    session_index: int
    deload: bool
    top_kg: float
    scheme: str
    perf: float | None  # best e1RM (kg), None when no set gives a trustworthy one
    perf_set: tuple[float, int, float | None] | None  # (kg, reps, rpe) of the best set
    # (kg, reps, rpe) of the working sets that count (warm-ups, drops left out), in order
    sets: tuple[tuple[float, int, float | None], ...]
    rated: bool  # an RPE was logged on a counted set
    failure: bool  # a set was taken to failure on purpose
    fade: float | None  # 1 - e1RM(last set at the top load) / best e1RM, straight sets only


def _rpe_of(s: SetEntry) -> float | None:
    rpe = s.effective_rpe
    if rpe is None and s.set_type is SetType.FAILURE:
        return 10.0
    if rpe is not None:
        rpe = round(min(10.0, max(0.0, rpe)) * 2) / 2
    return rpe


def _scheme(weights: Sequence[float], top: float) -> str:
    if len(weights) == 1:
        return Scheme.SINGLE
    if all(w >= top * (1 - STRAIGHT_TOLERANCE) for w in weights):
        return Scheme.STRAIGHT
    peak = weights.index(top)
    up = all(b >= a for a, b in pairwise(weights[: peak + 1]))
    down = all(b <= a for a, b in pairwise(weights[peak:]))
    if up and down:
        if peak == len(weights) - 1:
            return Scheme.RAMP
        if peak == 0:
            return Scheme.TOP_BACKOFF
        return Scheme.PYRAMID
    return Scheme.MIXED


def read_lift_session(
    sets: Sequence[SetEntry], day: date, session_index: int, deload: bool, *, bodyweight: bool = False
) -> LiftSession | None:
    """One lift's sets in one session (in logged order) as a `LiftSession`; None when no
    working set is left."""
    working = [s for s in sets if s.set_type is not SetType.WARMUP and s.reps >= 1 and (s.weight_kg > 0 or bodyweight)]
    if not working:
        return None
    top = max(s.weight_kg for s in working)
    counted: list[SetEntry] = []
    drop = False
    prev: SetEntry | None = None
    for s in working:
        if s.weight_kg < top * WARMUP_FRACTION - 1e-9:
            prev = s
            continue
        is_drop = s.set_type is SetType.DROP or (
            prev is not None and prev.set_type is SetType.FAILURE and s.weight_kg < prev.weight_kg - 1e-9
        )
        if is_drop:
            drop = True
        else:
            counted.append(s)
        prev = s
    if not counted:
        return None
    weights = [s.weight_kg for s in counted]
    scheme = Scheme.DROP if drop and len(counted) <= 1 else _scheme(weights, max(weights))
    failure = any(s.set_type is SetType.FAILURE for s in counted)
    triples = tuple((s.weight_kg, s.reps, _rpe_of(s)) for s in counted)
    perf = None
    perf_set = None
    fade = None
    if not bodyweight:
        best = -1.0
        values: list[float | None] = []
        for w, r, rpe in triples:
            # a set logged well short of failure (RPE < 7) is not comparable effort: no reading
            v = e1rm(w, r, rpe) if rpe is None or rpe >= 7 else None
            values.append(v)
            if v is not None and v > best:
                best, perf_set = v, (w, r, rpe)
        if best > 0:
            perf = best
            if scheme == Scheme.STRAIGHT and not failure and len(values) >= 2 and values[-1] is not None:
                fade = max(0.0, 1 - values[-1] / best)
    return LiftSession(
        day, session_index, deload, top, scheme, perf, perf_set, triples,
        any(t[2] is not None for t in triples), failure, fade,
    )


@dataclass(slots=True)
class LiftSeries:
    """Every session of one lift, oldest first, with each performance judged against the
    lift's own earlier sessions (deload sessions are kept but never judged nor used)."""

    exercise_id: int
    points: list[LiftSession] = field(default_factory=list)
    days: list[date] = field(default_factory=list)
    # per point: reference level (kg), log-deviation from it, noise (log units) or None
    ref: list[float | None] = field(default_factory=list)
    dev: list[float | None] = field(default_factory=list)
    noise: list[float | None] = field(default_factory=list)
    light: list[bool] = field(default_factory=list)  # unrated and far below the norm: not judged

    def add(self, p: LiftSession) -> None:
        self.points.append(p)
        self.days.append(p.day)
        ref = dev = noise = None
        light = False
        if p.perf is not None and not p.deload:
            earlier: list[float] = []
            tops: list[float] = []
            residuals: list[float] = []
            skip = NOISE_SKIP_LATEST
            for i in range(len(self.points) - 2, -1, -1):
                q = self.points[i]
                if q.deload or q.perf is None or self.light[i]:
                    continue
                if len(tops) < REF_SESSIONS and (p.day - q.day).days <= REF_MAX_DAYS:
                    tops.append(q.top_kg)
                if (
                    len(earlier) < REF_SESSIONS and (p.day - q.day).days <= REF_MAX_DAYS
                    and _comparable(p, q)
                ):
                    earlier.append(q.perf)
                d = self.dev[i]
                if d is not None and (p.day - q.day).days <= NOISE_MAX_DAYS:
                    if skip > 0:
                        skip -= 1
                    elif len(residuals) < NOISE_SESSIONS:
                        residuals.append(d)
                if len(earlier) >= REF_SESSIONS and len(residuals) >= NOISE_SESSIONS:
                    break
                if (p.day - q.day).days > NOISE_MAX_DAYS:
                    break
            if len(earlier) >= REF_MIN:
                ref = statistics.median(earlier)
                dev = math.log(p.perf / ref)
                unrated = p.perf_set is None or p.perf_set[2] is None
                lighter = bool(tops) and p.top_kg < (1 - LIGHTER_LOAD) * statistics.median(tops)
                if unrated and (dev < math.log(1 - LIGHT_DAY) or lighter):
                    # without an RPE a reading far below the norm, or a top load well under the
                    # recent ones, cannot be told from a planned light day or a new variation:
                    # not comparable effort, no reading
                    light, dev = True, None
                elif len(residuals) >= NOISE_MIN:
                    mid = statistics.median(residuals)
                    mad = statistics.median(abs(r - mid) for r in residuals)
                    n = len(residuals)
                    own = 1.4826 * mad
                    blended = math.sqrt((n * own**2 + NOISE_PRIOR_WEIGHT * NOISE_PRIOR**2) / (n + NOISE_PRIOR_WEIGHT))
                    noise = min(NOISE_CEILING, max(NOISE_FLOOR, blended))
        self.ref.append(ref)
        self.dev.append(dev)
        self.noise.append(noise)
        self.light.append(light)

    def upto(self, day: date) -> int:
        """How many points are on or before `day`."""
        return bisect.bisect_right(self.days, day)

    def z(self, i: int) -> float | None:
        d, n = self.dev[i], self.noise[i]
        if d is None or n is None:
            return None
        return d / n


def _comparable(p: LiftSession, q: LiftSession) -> bool:
    """Sessions whose best sets are in a similar rep range (within 30 %, at least 2 reps):
    e1RM formulas drift with the reps, so a 10-rep day is not judged against 3-rep days."""
    if p.perf_set is None or q.perf_set is None:
        return False
    a, b = p.perf_set[1], q.perf_set[1]
    return abs(a - b) <= max(2, round(0.3 * max(a, b)))


def is_chartable(reps: int, rpe: float | None) -> bool:
    return rpe is not None and rpe >= 7 and 1 <= reps <= CHART_MAX_REPS
