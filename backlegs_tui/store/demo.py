"""Demo training history: a simulated lifter running the article's plan and a deadlift day.

`generate_history` is pure: it returns plain `WorkoutRecord`s (catalogue exercise names) and
depends only on its arguments (`random.Random(seed)`, no clock unless `end` is left out).
`make_demo_db` writes them, with the two plans and a weekly schedule, to a throwaway database.

The lifter: Monday plan A, Wednesday plan B, Saturday plan A when there is a third session
(2-3 a week), always more than 48 h apart. A true e1RM per exercise grows with diminishing returns; each day it varies a
little. Loads follow double progression (`domain.progression`), reset by 10 % after two
sessions short of the bottom of the range. Reps and RPE are read off the RTS curve from the
day's capacity: the lifter stops near the plan's target RPE, so RPE sits mostly at 7-9.
Warm-up sets (`domain.warmup`) come before the first compound. Every seventh week counting
back from the end is a deload (~60 % of the sets at ~90 % of the load). About one session in
seventeen is a bad day (weaker, pushed to RPE 10, missed reps). Over the last two weeks
fatigue accumulates: capacity falls ~11 %, sets fall off faster within a session, sessions
get harder and longer, sleep shorter and soreness higher, so the fatigue signals fire.

For benchmarks: `generate_history(520, sessions_per_week=(4, 5), sets_target=150_000)` gives
about 150k sets over ten years (working sets per exercise are scaled to reach the target).
"""

from __future__ import annotations

import atexit
import bisect
import math
import random
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..domain.catalogue import CATALOGUE, SAMPLE_PLAN, PlanDraft, PlanItemDraft
from ..domain.e1rm import RTS_CURVE, chart_weight
from ..domain.model import ExerciseDraft, SetEntry, SetType, Settings
from ..domain.progression import double_progression
from ..domain.records import SetRecord, WorkoutRecord
from ..domain.warmup import warmup_sets

DEMO_PLAN_B = PlanDraft(
    name="Back & Legs B - deadlift day",
    warmup="10-15 min: rower; hip hinges, leg swings, cat-cow, band pull-aparts",
    cooldown="5-10 min static stretches: hamstrings, glutes, lats, erector spinae",
    notes="Deadlift fresh, then a low-spinal leg lift; no squats after heavy pulls.",
    items=(
        PlanItemDraft("Conventional deadlift", 3, 3, 3, 5, 8.0, ("Sumo deadlift",)),
        PlanItemDraft("Lat pulldown", 3, 4, 8, 12, 8.0, ("Pull-up",)),
        PlanItemDraft("Leg press", 3, 3, 10, 15, 8.5),
        PlanItemDraft("Dumbbell row", 3, 3, 8, 12, 8.0, ("Barbell row",)),
        PlanItemDraft("Leg curl", 3, 3, 10, 15, 8.5),
        PlanItemDraft("Reverse fly", 2, 3, 12, 15, 9.0, ("Face pull",)),
    ),
)
PLANS = (SAMPLE_PLAN, DEMO_PLAN_B)
# Weekdays in the order sessions are added to a week, plans alternating along the week:
# 2 sessions Mon A, Wed B; 3 sessions Mon A, Wed B, Sat A (the schedule make_demo_db stores).
# With the start times below every gap is over 48 h, so F8 stays quiet on a normal week.
WEEKDAY_PRIORITY = (0, 2, 5, 3, 1, 4, 6)
SCHEDULE = ((0, SAMPLE_PLAN.name), (2, DEMO_PLAN_B.name), (5, SAMPLE_PLAN.name))
START_WINDOW = {0: (17, 0, 20), 2: (18, 30, 30), 5: (9, 30, 60), 6: (10, 0, 60)}  # hour, minute, spread
EVENING = (17, 30, 60)

BODYWEIGHT_KG = 80.0
# the demo lifter's e1RM at the start (kg; for pull-ups, bodyweight + added load)
START_E1RM: dict[str, float] = {
    "Barbell back squat": 140,
    "Pull-up": 118,
    "Romanian deadlift": 150,
    "Barbell row": 100,
    "Leg press": 260,
    "Face pull": 45,
    "Conventional deadlift": 180,
    "Lat pulldown": 95,
    "Dumbbell row": 52,
    "Leg curl": 80,
    "Reverse fly": 18,
    # the ready plans' lifts (issue 10)
    "Chest-supported row": 80,
    "Seated cable row": 95,
    "Bulgarian split squat": 75,
}
GROWTH = 0.45  # e1RM gain over the years, approached with a time constant of
GROWTH_WEEKS = 50.0
DELOAD_EVERY = 7  # weeks, counted back from the end
DELOAD_WEEK = 5  # ... so the last deload is 6 weeks before the end
FATIGUE_DAYS = 14
FATIGUE_DROP = 0.11  # capacity lost by the end of the fatigue stretch
BAD_DAY = 0.06  # of the ordinary sessions (not deload, not the fatigue stretch)
BAR_KG = Settings().bar_kg
PLATES_KG = Settings().plates_kg

_BY_NAME: dict[str, ExerciseDraft] = {d.name: d for d in CATALOGUE}


# ---- the RTS curve read backwards ------------------------------------------------------------


_DESCENDING = [-p for p in RTS_CURVE]


def reps_to_failure(fraction: float) -> float:
    """Reps (continuous) a lifter can do at `fraction` of the day's 1RM: the RTS curve at RPE
    10, extended in straight lines past both ends."""
    p = fraction * 100
    c = RTS_CURVE
    if p >= c[0]:
        x = -(p - c[0]) / (c[0] - c[1])
    elif p <= c[-1]:
        x = len(c) - 1 + (c[-1] - p) / (c[-2] - c[-1])
    else:
        i = bisect.bisect_right(_DESCENDING, -p) - 1
        x = i + (c[i] - p) / (c[i] - c[i + 1])
    return x / 2 + 1


def _round_to(value: float, step: float) -> float:
    return round(round(value / step) * step, 3)


def _half(value: float) -> float:
    return round(value * 2) / 2


# ---- the calendar ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Day:
    day: date
    plan: PlanDraft
    weeks_from_end: int  # 0 = the calendar week (Monday to Sunday) of the day before `end`
    days_to_end: int  # 1 = the day before `end`
    bad: bool = False  # weaker, pushed to failure, missed reps

    @property
    def deload(self) -> bool:
        return self.weeks_from_end % DELOAD_EVERY == DELOAD_WEEK


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _calendar(rng: random.Random, end: date, weeks: int, per_week: tuple[int, int]) -> list[_Day]:
    first, last = end - timedelta(days=7 * weeks), end - timedelta(days=1)
    lo, hi = sorted(max(1, min(7, n)) for n in per_week)
    out: list[_Day] = []
    monday = _monday(first)
    while monday < end:
        # the lifter mostly keeps to the schedule and sometimes misses a day
        n = hi if lo == hi or rng.random() < 0.7 else rng.randint(lo, hi - 1)
        for k, wd in enumerate(sorted(WEEKDAY_PRIORITY[:n])):
            day = monday + timedelta(days=wd)
            if first <= day < end:
                out.append(_Day(day, PLANS[k % 2], (_monday(last) - monday).days // 7, (end - day).days))
        monday += timedelta(days=7)
    # always a session yesterday, so the demo opens on fresh data
    if weeks > 0 and (not out or out[-1].day != last):
        plan = PLANS[1] if out and out[-1].plan is PLANS[0] else PLANS[0]
        out.append(_Day(last, plan, 0, 1))
    return out


# ---- the lifter ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Lift:
    """Where the lifter stands on one exercise."""

    weight: float  # working load (added load for bodyweight lifts)
    reps: int  # target reps next time
    short: int = 0  # sessions in a row the first set fell short of the range


@dataclass(slots=True)
class _Lifter:
    rng: random.Random
    first: date
    scale: float = 1.0
    lifts: dict[str, _Lift] = field(default_factory=dict)

    def capacity(self, name: str, day: date) -> float:
        weeks = (day - self.first).days / 7
        return START_E1RM[name] * (1 + GROWTH * (1 - math.exp(-weeks / GROWTH_WEEKS)))

    def lift(self, item: PlanItemDraft) -> _Lift:
        lift = self.lifts.get(item.exercise)
        if lift is None:
            ex = _BY_NAME[item.exercise]
            e1rm = self.capacity(item.exercise, self.first)
            reps = item.reps_min + 1
            load = chart_weight(e1rm, min(reps, 12), 7.5) - (BODYWEIGHT_KG if ex.bodyweight else 0)
            lift = self.lifts[item.exercise] = _Lift(max(0.0, _round_to(load, ex.increment_kg)), reps)
        return lift

    def sets_for(self, item: PlanItemDraft, deload: bool) -> int:
        n = self.rng.randint(item.sets_min, item.sets_max)
        if deload:
            n = max(2, round(n * 0.6))
        scaled = n * self.scale
        whole = int(scaled)
        return max(1, whole + (self.rng.random() < scaled - whole))

    def session(self, d: _Day) -> WorkoutRecord:
        rng = self.rng
        deload, bad = d.deload, d.bad
        fatigue = FATIGUE_DROP * (FATIGUE_DAYS + 1 - d.days_to_end) / FATIGUE_DAYS if d.days_to_end <= FATIGUE_DAYS else 0.0
        hour, minute, spread = START_WINDOW.get(d.day.weekday(), EVENING)
        start = datetime.combine(d.day, time(hour, minute)) + timedelta(minutes=rng.randint(0, spread))
        clock = start + timedelta(minutes=rng.randint(10, 15))  # general warm-up
        sets: list[SetRecord] = []
        for index, item in enumerate(d.plan.items):
            clock = self._exercise(item, d, clock, sets, first=index == 0, deload=deload, bad=bad, fatigue=fatigue)
            clock += timedelta(seconds=rng.randint(60, 150))  # set up the next exercise
        end = clock + timedelta(minutes=rng.randint(5, 10))  # cool-down
        session_rpe = 5.0 if deload else 7.0 + rng.choice((-0.5, 0, 0, 0.5))
        session_rpe = min(10.0, _half(session_rpe + (1.5 if bad else 0) + fatigue * 20))
        sleep = round(rng.gauss(7.4, 0.5) - fatigue * 15 - (1.0 if bad else 0), 1)
        soreness = min(5, max(1, round(2 + rng.gauss(0, 0.6) + fatigue * 20)))
        energy = min(5, max(1, round(4 + rng.gauss(0, 0.6) - fatigue * 20 - (1 if bad else 0))))
        checked_in = rng.random() < 0.85 or fatigue > 0
        return WorkoutRecord(
            started_at=start,
            name=d.plan.name,
            ended_at=end,
            notes="Bad day: slept badly, missed reps." if bad else ("Deload week." if deload else ""),
            session_rpe=session_rpe,
            sleep_h=max(3.0, sleep) if checked_in else None,
            soreness=soreness if checked_in else None,
            energy=energy if checked_in else None,
            deload=deload,
            plan_name=d.plan.name,
            source="demo",
            sets=sets,
        )

    def _exercise(
        self,
        item: PlanItemDraft,
        d: _Day,
        clock: datetime,
        out: list[SetRecord],
        *,
        first: bool,
        deload: bool,
        bad: bool,
        fatigue: float,
    ) -> datetime:
        """Log one exercise's sets into `out` from `clock`; the time it ends."""
        rng = self.rng
        ex = _BY_NAME[item.exercise]
        lift = self.lift(item)
        body = BODYWEIGHT_KG if ex.bodyweight else 0.0
        weight = _round_to(lift.weight * 0.9, ex.increment_kg) if deload else lift.weight
        noise = rng.gauss(0, 0.005 if fatigue else 0.015)
        today = self.capacity(item.exercise, d.day) * (1 + noise - fatigue - (0.06 if bad else 0))
        previous = out[-1].logged_at if out else None

        def log(set_type: SetType, load: float, reps: int, rpe: float | None, rest: float) -> None:
            nonlocal clock, previous
            clock += timedelta(seconds=round(rest + 15 + reps * 3.5))
            out.append(
                SetRecord(
                    item.exercise, set_type, load, reps, rpe,
                    rest_s=int((clock - previous).total_seconds()) if previous else None,
                    logged_at=clock,
                )
            )
            previous = clock

        if first and ex.equipment == "barbell":
            for w in warmup_sets(weight, BAR_KG, PLATES_KG):
                log(SetType.WARMUP, w.weight, w.reps, None, rng.randint(45, 90) if out else 0)
        per_set = 0.02 if fatigue else 0.01  # capacity lost with each set, capped at five
        stop_rir = max(0.5, 9.0 - (item.target_rpe or 8.0))
        done: list[SetEntry] = []
        for i in range(self.sets_for(item, deload)):
            can = reps_to_failure((weight + body) / (today * (1 - per_set * min(i, 5))))
            # aim for the target reps; stop before a point above the target RPE (a bad day: at failure)
            reps = max(1, min(lift.reps, math.floor(can - (0.0 if bad else stop_rir))))
            misjudge = 0.0 if fatigue else rng.choice((-0.5, 0, 0, 0, 0, 0.5))
            rpe = min(10.0, max(6.0, _half(10 - (can - reps) + misjudge)))
            rest = ex.rest_s * rng.uniform(0.8, 1.25) * (1.15 if fatigue else 1.0)
            log(SetType.WORKING, weight, reps, rpe, rest if out and out[-1].exercise == item.exercise else 0)
            done.append(SetEntry(0, SetType.WORKING, weight, reps, rpe))
        if not deload:
            self._progress(lift, item, ex, done)
        return clock

    def _progress(self, lift: _Lift, item: PlanItemDraft, ex: ExerciseDraft, done: Sequence[SetEntry]) -> None:
        nxt = double_progression(done, item.reps_min, item.reps_max, item.target_rpe, ex.increment_kg)
        if nxt is None:
            return
        lift.short = lift.short + 1 if done[0].reps < item.reps_min else 0
        if lift.short >= 2:  # stuck below the range: take 10 % off and build back up
            lift.weight, lift.reps, lift.short = max(0.0, _round_to(lift.weight * 0.9, ex.increment_kg)), item.reps_max, 0
            return
        lift.weight, lift.reps = nxt.weight_kg, nxt.reps


def _expected_sets(days: Sequence[_Day]) -> float:
    total = 0.0
    for d in days:
        for item in d.plan.items:
            n = (item.sets_min + item.sets_max) / 2
            total += max(2, n * 0.6) if d.deload else n
    return total


def generate_history(
    weeks: int,
    *,
    seed: int = 7,
    end: date | None = None,
    sessions_per_week: tuple[int, int] = (2, 3),
    sets_target: int | None = None,
) -> list[WorkoutRecord]:
    """`weeks` of demo training ending the day before `end` (default: today), oldest first.

    Deterministic for a seed and an end day. `sessions_per_week` is the (min, max) per
    week; with `sets_target`, working sets per exercise are scaled so the whole history holds
    about that many sets (warm-ups included), e.g. 150_000 over 520 weeks for benchmarks.
    """
    rng = random.Random(seed)
    end = end or date.today()
    days = _calendar(rng, end, weeks, sessions_per_week)
    ordinary = [i for i, d in enumerate(days) if not d.deload and d.days_to_end > FATIGUE_DAYS]
    for i in rng.sample(ordinary, min(len(ordinary), max(1, round(len(ordinary) * BAD_DAY)))):
        days[i] = replace(days[i], bad=True)
    scale = 1.0
    if sets_target:
        warmups = 4 * len(days)
        scale = max(0.01, (sets_target - warmups) / max(1.0, _expected_sets(days)))
    lifter = _Lifter(rng, end - timedelta(days=7 * weeks), scale)
    return [lifter.session(d) for d in days]


# ---- the database ----------------------------------------------------------------------------


def make_demo_db(
    path: Path | None = None,
    weeks: int = 16,
    seed: int = 7,
    *,
    end: date | None = None,
    sessions_per_week: tuple[int, int] = (2, 3),
    sets_target: int | None = None,
) -> Path:
    """A database holding the catalogue, plans A and B, a weekly schedule (Mon A, Thu B,
    Sat A) and `weeks` of demo history; its path.

    Without `path` it goes in a fresh temporary folder that is removed when the process
    exits (the database is throwaway). An existing `path` is refused, never overwritten.
    """
    from .bulk import insert_workouts
    from .repository import Repository

    if path is None:
        folder = Path(tempfile.mkdtemp(prefix="backlegs-demo-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = folder / "demo.db"
    elif path.exists():
        raise FileExistsError(f"{path} already exists; the demo writes a new database only")
    workouts = generate_history(weeks, seed=seed, end=end, sessions_per_week=sessions_per_week, sets_target=sets_target)
    repo = Repository.open(path)
    try:
        plan_ids = {p.name: p.id for p in repo.plans()}
        if DEMO_PLAN_B.name not in plan_ids:
            plan_ids[DEMO_PLAN_B.name] = repo.add_plan(DEMO_PLAN_B).id
        for weekday, name in SCHEDULE:
            repo.set_schedule(weekday, [plan_ids[name]])
        insert_workouts(repo, workouts)
    finally:
        repo.close()
    return path
