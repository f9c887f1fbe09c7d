"""Training histories with a known truth, for the fatigue engine's tests and for
`benchmarks/eval_fatigue.py`.

A simulated lifter runs one or two plans with double progression (`domain.progression`). Each
lift has a true e1RM that grows slowly; each day it varies (`day_noise`, 1.5 % by default), and
the lifter reads RPE off the RTS curve from the day's capacity, misjudging it by half a point
a third of the time. Scenarios (issue 7):

- a: steady double progression, a deload week every 5th week (deload sessions marked);
- b: 10 good weeks then 3 weeks of overreaching: the compound e1RM falls 2.5 % a week (the
  mean of overreach week k is 2.5k % below the norm), loads are kept, RPE at the same loads
  climbs towards 9.5 and reps fall;
- c: b, then a deload week and two recovered weeks;
- d: weekly sets doubled for two weeks, performance stable;
- e: one session every 10 days;
- f: steady with no RPE at all (and unmarked ramp sets, like Strong exports);
- g: steady, isolation lifts taken to failure with a drop set after.

Everything is deterministic for a seed. Plain data: `SessionLog`s and an exercise map.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from backlegs_tui.domain.catalogue import (
    ALTERNATING_PLAN,
    BACK_FIRST_PLAN,
    CATALOGUE,
    LEGS_FIRST_PLAN,
    SAMPLE_PLAN,
    PlanDraft,
    PlanItemDraft,
)
from backlegs_tui.domain.e1rm import chart_weight
from backlegs_tui.domain.fatigue_engine import SessionLog
from backlegs_tui.domain.model import Exercise, Readiness, SetEntry, SetType
from backlegs_tui.domain.progression import double_progression
from backlegs_tui.store.demo import DEMO_PLAN_B, START_E1RM, reps_to_failure

EXERCISES: dict[int, Exercise] = {
    i: Exercise(
        i, d.name, d.primary, d.secondary, d.spinal_load, d.kind, d.equipment, d.rest_s, d.increment_kg,
        d.bodyweight,
    )
    for i, d in enumerate(CATALOGUE, start=1)
}
IDS = {e.name: e.id for e in EXERCISES.values()}
BODY = 80.0
START = date(2025, 1, 6)  # a Monday
PLAN_SETS = {
    "sample": (SAMPLE_PLAN,),
    "deadlift day": (DEMO_PLAN_B,),
    "A/B": (SAMPLE_PLAN, DEMO_PLAN_B),
    # the ready plans of issue 10
    "legs first": (LEGS_FIRST_PLAN,),
    "back first": (BACK_FIRST_PLAN,),
    "alternating": (ALTERNATING_PLAN,),
}
WEEKDAYS = {2: (0, 3), 3: (0, 2, 4)}


def _round(v: float, step: float) -> float:
    return round(round(v / step) * step, 3)


def _half(v: float) -> float:
    return round(v * 2) / 2


@dataclass
class Scenario:
    name: str
    weeks: int = 16
    per_week: int = 3
    plans: str = "A/B"
    seed: int = 1
    deload_every: int | None = 5  # every 5th week is a deload week (weeks 5, 10, 15)
    overreach_from: int | None = None  # week index (0-based) the overreach starts
    overreach_weeks: int = 3
    rate: float = 0.025
    deload_after: bool = False  # c: a deload week after the overreach, then recovery
    doubled: tuple[int, ...] = ()  # weeks with the sets doubled
    every_days: int | None = None  # e: one session every N days
    no_rpe: bool = False
    failure_isolation: bool = False
    day_noise: float = 0.015
    # filled in by generate()
    first_decline: date | None = None
    deload_end: date | None = None
    sessions: list[SessionLog] = field(default_factory=list)


@dataclass
class _Lift:
    weight: float
    reps: int


class _Sim:
    def __init__(self, sc: Scenario) -> None:
        self.sc = sc
        self.rng = random.Random(sc.seed)
        self.lifts: dict[str, _Lift] = {}
        self.base = {n: v * (1 + self.rng.uniform(-0.05, 0.05)) for n, v in START_E1RM.items()}
        self.base["Barbell lunge"] = 100
        self.base["Dumbbell lunge"] = 60

    def capacity(self, name: str, day: date) -> float:
        weeks = (day - START).days / 7
        return self.base[name] * (1 + 0.003 * weeks)

    def factor(self, day: date) -> float:
        sc = self.sc
        if sc.overreach_from is None:
            return 1.0
        start = START + timedelta(weeks=sc.overreach_from)
        end = start + timedelta(weeks=sc.overreach_weeks)
        if day < start:
            return 1.0
        if day < end:
            t = (day - start).days
            return 1 - sc.rate * (t + 3.5) / 7
        if sc.deload_after:
            return 1.0  # the deload week restores the lifter
        return 1 - sc.rate * sc.overreach_weeks

    def session(self, day: date, plan: PlanDraft, *, deload: bool, doubled: bool, over: bool) -> SessionLog:
        rng = self.rng
        start = datetime.combine(day, time(18, 0)) + timedelta(minutes=rng.randint(0, 40))
        clock = start + timedelta(minutes=10)
        sets: list[SetEntry] = []
        f = self.factor(day)
        for idx, item in enumerate(plan.items):
            ex = EXERCISES[IDS[item.exercise]]
            body = BODY if ex.bodyweight else 0.0
            lift = self.lifts.get(item.exercise)
            if lift is None:
                reps = item.reps_min + 1
                load = chart_weight(self.capacity(item.exercise, day), min(reps, 12), 7.5) - body
                lift = self.lifts[item.exercise] = _Lift(max(0.0, _round(load, ex.increment_kg)), reps)
            weight = _round(lift.weight * 0.9, ex.increment_kg) if deload else lift.weight
            today = self.capacity(item.exercise, day) * f * (1 + rng.gauss(0, self.sc.day_noise))
            if idx == 0 and ex.equipment == "barbell":
                for frac, r in ((0.0, 10), (0.4, 5), (0.6, 3), (0.8, 2)):
                    w = 20.0 if frac == 0 else max(20.0, _round(weight * frac, 2.5))
                    kind = SetType.WORKING if self.sc.no_rpe else SetType.WARMUP  # Strong-like: unmarked
                    clock += timedelta(seconds=90)
                    sets.append(SetEntry(ex.id, kind, w, r, None, logged_at=clock))
            n = rng.randint(item.sets_min, item.sets_max)
            if deload:
                n = max(1, round(n * 0.6))
            if doubled:
                n *= 2
            target = item.target_rpe or 8.0
            stop_rir = 0.5 if over else max(0.5, 9.0 - target)
            to_failure = self.sc.failure_isolation and not ex.is_compound and not deload
            done: list[SetEntry] = []
            for i in range(n):
                can = reps_to_failure((weight + body) / (today * (1 - 0.012 * min(i, 5))))
                if to_failure:
                    reps = max(1, math.floor(can))
                else:
                    reps = max(1, min(lift.reps, math.floor(can - stop_rir)))
                mis = rng.choice((-0.5, 0.0, 0.5)) if rng.random() < 0.33 else 0.0
                rpe = min(10.0, max(6.0, _half(10 - (can - reps) + mis)))
                kind = SetType.FAILURE if to_failure else SetType.WORKING
                if to_failure:
                    rpe = 10.0
                clock += timedelta(seconds=ex.rest_s + 30)
                e = SetEntry(ex.id, kind, weight, reps, None if self.sc.no_rpe else rpe, logged_at=clock)
                sets.append(e)
                done.append(e)
            if to_failure and done:
                dw = _round(weight * 0.75, ex.increment_kg)
                can = reps_to_failure((dw + body) / (today * 0.9))
                clock += timedelta(seconds=20)
                sets.append(SetEntry(ex.id, SetType.DROP, dw, max(1, math.floor(can)), None if self.sc.no_rpe else 10.0,
                                     logged_at=clock))
            if not deload and not over:
                nxt = double_progression(done, item.reps_min, item.reps_max, None if to_failure else target, ex.increment_kg)
                if nxt is not None:
                    lift.weight, lift.reps = nxt.weight_kg, nxt.reps
        minutes = (clock - start).total_seconds() / 60 + 5
        srpe = None if self.sc.no_rpe else (5.0 if deload else _half(7 + rng.gauss(0, 0.5)))
        readiness = None
        if not self.sc.no_rpe and rng.random() < 0.8:
            readiness = Readiness(
                round(rng.gauss(7.3, 0.6), 1), min(5, max(1, round(2 + rng.gauss(0, 0.7)))),
                min(5, max(1, round(4 + rng.gauss(0, 0.7)))),
            )
        return SessionLog(start, tuple(sets), minutes, srpe, readiness, plan.name, deload=deload)


def generate(sc: Scenario) -> Scenario:
    sim = _Sim(sc)
    plans = PLAN_SETS[sc.plans]
    out: list[SessionLog] = []
    k = 0
    if sc.every_days:
        day = START
        end = START + timedelta(weeks=sc.weeks)
        while day < end:
            out.append(sim.session(day, plans[k % len(plans)], deload=False, doubled=False, over=False))
            k += 1
            day += timedelta(days=sc.every_days)
        sc.sessions = out
        return sc
    total = sc.weeks
    if sc.overreach_from is not None:
        total = sc.overreach_from + sc.overreach_weeks + (3 if sc.deload_after else 0)
        sc.first_decline = None
    for w in range(total):
        over = sc.overreach_from is not None and sc.overreach_from <= w < sc.overreach_from + sc.overreach_weeks
        deload = bool(sc.deload_every and (w + 1) % sc.deload_every == 0 and not over)
        if sc.overreach_from is not None:
            deload = sc.deload_after and w == sc.overreach_from + sc.overreach_weeks
            if sc.deload_every and (w + 1) % sc.deload_every == 0 and w < sc.overreach_from - 1:
                deload = True
        for wd in WEEKDAYS[sc.per_week]:
            day = START + timedelta(weeks=w, days=wd)
            if over and sc.first_decline is None:
                sc.first_decline = day
            out.append(sim.session(day, plans[k % len(plans)], deload=deload, doubled=w in sc.doubled, over=over))
            k += 1
        if deload and sc.deload_after and w == (sc.overreach_from or 0) + sc.overreach_weeks:
            sc.deload_end = START + timedelta(weeks=w, days=6)
    sc.sessions = out
    return sc


def scenario(kind: str, *, per_week: int = 3, plans: str = "A/B", seed: int = 1) -> Scenario:
    """One of the issue's scenarios a-g, generated."""
    base = {"per_week": per_week, "plans": plans, "seed": seed}
    if kind == "a":
        return generate(Scenario("a", **base))
    if kind == "b":
        return generate(Scenario("b", overreach_from=10, **base))
    if kind == "c":
        return generate(Scenario("c", overreach_from=10, deload_after=True, **base))
    if kind == "d":
        return generate(Scenario("d", doubled=(8, 9), deload_every=None, **base))
    if kind == "e":
        return generate(Scenario("e", every_days=10, deload_every=None, weeks=30, **base))
    if kind == "f":
        return generate(Scenario("f", no_rpe=True, **base))
    if kind == "g":
        return generate(Scenario("g", failure_isolation=True, **base))
    raise ValueError(kind)


def days_of(sc: Scenario) -> tuple[date, date]:
    first = sc.sessions[0].started_at.date()
    last = sc.sessions[-1].started_at.date() + timedelta(days=6)
    return first, last


def compound_ids() -> set[int]:
    return {e.id for e in EXERCISES.values() if e.is_compound}


__all__ = ["EXERCISES", "PlanItemDraft", "Scenario", "compound_ids", "days_of", "generate", "scenario"]
