"""Checks a plan against what a good back-and-legs session respects (the domain notes):
compounds first, no two heavy lumbar-loading lifts back to back, squat before deadlift,
1-2 isolation exercises per group at the end, compounds shy of failure, and a share of the
weekly volume landmarks that fits one session.

Each check returns one line with its reason. Pure: no textual, no sqlalchemy.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from .model import Exercise, ExerciseKind, Plan, PlanItem, Settings, SpinalLoad
from .volume import Marks, Zone, describe_zone, muscle_sets, zone_of

LEG_MUSCLES = frozenset({"quads", "hamstrings", "glutes", "calves"})
BACK_MUSCLES = frozenset({"back", "lower back", "rear delts"})
MAX_ISOLATION_PER_GROUP = 2

Landmarks = Mapping[str, Marks]


class CheckStatus(str, Enum):
    OK = "ok"
    NOTE = "note"
    WARN = "warn"

    @property
    def mark(self) -> str:
        return {"ok": "✓", "note": "i", "warn": "!"}[self.value]


@dataclass(frozen=True, slots=True)
class PlanCheck:
    """One verdict on a plan: what was checked and why it passed or not, in one line."""

    code: str
    status: CheckStatus
    message: str


def pattern(ex: Exercise) -> str:
    """"legs", "back" or "other", from the primary muscles. Deadlifts and good mornings
    count as legs (they bridge both, but their load is on the hips)."""
    primary = set(ex.primary)
    if primary & LEG_MUSCLES:
        return "legs"
    if primary & BACK_MUSCLES:
        return "back"
    return "other"


def is_heavy_spinal(ex: Exercise) -> bool:
    return ex.spinal_load is SpinalLoad.HIGH


def _is_named(ex: Exercise, word: str) -> bool:
    return word in ex.name.lower() and is_heavy_spinal(ex)


def is_squat(ex: Exercise) -> bool:
    return _is_named(ex, "squat")


def is_deadlift(ex: Exercise) -> bool:
    return _is_named(ex, "deadlift")


_ZONE_STATUS = {
    Zone.BELOW_MV: CheckStatus.NOTE,
    Zone.MAINTENANCE: CheckStatus.NOTE,
    Zone.PRODUCTIVE: CheckStatus.OK,
    Zone.MAV: CheckStatus.OK,
    Zone.HIGH: CheckStatus.NOTE,
    Zone.OVER_MRV: CheckStatus.WARN,
}


_SEVERITY = (CheckStatus.OK, CheckStatus.NOTE, CheckStatus.WARN)


def _zone_mark(zone: Zone, marks: Marks) -> str:
    """The landmark a zone starts at, to name one end of a range of sets."""
    mv, mev, mav_lo, mav_hi, mrv = marks
    return {
        Zone.BELOW_MV: f"below MV {mv}",
        Zone.MAINTENANCE: f"MV {mv}",
        Zone.PRODUCTIVE: f"MEV {mev}",
        Zone.MAV: f"MAV {mav_lo}-{mav_hi}",
        Zone.HIGH: f"above MAV {mav_hi}",
        Zone.OVER_MRV: f"above MRV {mrv}",
    }[zone]


def _n(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def check_plan(
    items: Sequence[PlanItem],
    exercises: Mapping[int, Exercise],
    landmarks: Landmarks,
    days_per_week: int,
    *,
    plan: Plan | None = None,
    default_rest_s: int = 120,
    weekly: Mapping[str, tuple[float, float]] | None = None,
) -> list[PlanCheck]:
    """Every check for a plan's items in order. `exercises` maps ids to exercises (items
    whose exercise is missing are skipped); `days_per_week` is how often the plan is done.
    With `plan`, its duration is estimated against its time budget; with `weekly` (each
    muscle's (low, high) hard sets over the whole scheduled week, from `week_sets`) the
    volume lines count the week as scheduled rather than this plan times its days."""
    slots = [(it, exercises[it.exercise_id]) for it in items if it.exercise_id in exercises]
    if not slots:
        return [PlanCheck("empty", CheckStatus.NOTE, "No exercises yet: nothing to check")]
    exs = [ex for _, ex in slots]
    out = [
        check_compounds_first(exs),
        check_spinal_back_to_back(exs),
        check_spinal_count(exs),
        check_deadlift_before_squat(exs),
        check_priority(exs),
        check_isolation(exs),
        check_failure(slots),
    ]
    if plan is not None:
        out.append(check_duration(plan, exercises, default_rest_s))
    out += check_volume(slots, landmarks, days_per_week, weekly)
    return out


MAX_HEAVY_SPINAL = 2


def check_spinal_count(exs: Sequence[Exercise]) -> PlanCheck:
    """More than two heavy lumbar-loading lifts in one session is a warning."""
    heavy = [ex.name for ex in exs if is_heavy_spinal(ex)]
    if len(heavy) > MAX_HEAVY_SPINAL:
        return PlanCheck(
            "spinal-count",
            CheckStatus.WARN,
            f"{len(heavy)} heavy lumbar-loading lifts ({', '.join(heavy)}): keep {MAX_HEAVY_SPINAL} at most; "
            f"swap {heavy[-1]} for a low-load alternative",
        )
    return PlanCheck("spinal-count", CheckStatus.OK, f"{len(heavy)} heavy lumbar-loading lift{'s' if len(heavy) != 1 else ''} (2 at most)")


def check_compounds_first(exs: Sequence[Exercise]) -> PlanCheck:
    """An isolation lift before a compound that trains the same muscle (a primary muscle
    in common) is a warning: the compound would be done with that muscle tired."""
    for i, ex in enumerate(exs):
        if ex.kind is ExerciseKind.ISOLATION:
            later = next((c for c in exs[i + 1 :] if c.is_compound and set(c.primary) & set(ex.primary)), None)
            if later is not None:
                muscle = min(set(later.primary) & set(ex.primary))
                return PlanCheck(
                    "compounds-first",
                    CheckStatus.WARN,
                    f"{ex.name} (isolation) before {later.name} (compound), both {muscle}: "
                    f"move {ex.name} after {later.name}",
                )
    n_comp = sum(ex.is_compound for ex in exs)
    return PlanCheck(
        "compounds-first",
        CheckStatus.OK,
        f"Compounds before isolation for each muscle ({n_comp} compound, {len(exs) - n_comp} isolation)",
    )


def check_spinal_back_to_back(exs: Sequence[Exercise]) -> PlanCheck:
    """Two high spinal-load lifts in a row fail unless they alternate a leg and a back
    pattern (a hinge then a row); a low-load lift in between is what the article asks."""
    crossings: list[str] = []
    for i, (a, b) in enumerate(zip(exs, exs[1:])):
        if not (is_heavy_spinal(a) and is_heavy_spinal(b)):
            continue
        if {pattern(a), pattern(b)} == {"legs", "back"}:
            crossings.append(f"{a.name} → {b.name}")
            continue
        # a low-load compound from later in the plan; an isolation lift there would break
        # compounds-first
        spacer = next((c for c in exs[i + 2 :] if c.is_compound and not is_heavy_spinal(c)), None)
        fix = (
            f"move {spacer.name} between them"
            if spacer is not None
            else "put a low-load lift between them (squat then lat pulldown, deadlift then leg press)"
        )
        return PlanCheck(
            "spinal",
            CheckStatus.WARN,
            f"{a.name} then {b.name}: two heavy lumbar-loading lifts back to back; {fix}",
        )
    message = "No two heavy lumbar-loading lifts back to back"
    if crossings:
        message += f" ({', '.join(crossings)} alternate leg and back: keep the row strict)"
    return PlanCheck("spinal", CheckStatus.OK, message)


def check_deadlift_before_squat(exs: Sequence[Exercise]) -> PlanCheck:
    first_dl = next((i for i, ex in enumerate(exs) if is_deadlift(ex)), None)
    squats = [i for i, ex in enumerate(exs) if is_squat(ex)]
    if first_dl is None or not squats:
        return PlanCheck("deadlift-squat", CheckStatus.OK, "Squat/deadlift order: not both in this plan")
    later = [i for i in squats if i > first_dl]
    if later:
        return PlanCheck(
            "deadlift-squat",
            CheckStatus.WARN,
            f"{exs[first_dl].name} before {exs[later[0]].name}: a tired lower back under a "
            f"loaded bar; move {exs[later[0]].name} first",
        )
    return PlanCheck(
        "deadlift-squat", CheckStatus.OK,
        f"{exs[squats[0]].name} before {exs[first_dl].name}: the squat needs the fresher back; "
        "keep the deadlift lighter, or put it on another day",
    )


def check_priority(exs: Sequence[Exercise]) -> PlanCheck:
    """Reports the order of priority among the leg and back compounds, the article's three:
    legs first (every leg lift before the back), back first, or alternating (a leg and a
    back lift in turn); any other order is "mixed". Never fails."""
    seq = [pattern(ex) for ex in exs if ex.is_compound and pattern(ex) != "other"]
    if not seq:
        return PlanCheck("priority", CheckStatus.NOTE, "Priority: no leg or back compound")
    letters = " ".join("L" if p == "legs" else "B" for p in seq)
    if len(set(seq)) == 1:
        return PlanCheck("priority", CheckStatus.OK, f"Priority: {seq[0]} only ({letters})")
    switches = sum(a != b for a, b in itertools.pairwise(seq))
    if switches == 1:
        other = "back" if seq[0] == "legs" else "legs"
        shape = f"{seq[0]} first, then {other}"
    elif switches == len(seq) - 1:
        shape = f"alternating leg and back, starting with {seq[0]}"
    else:
        shape = "mixed order of leg and back lifts"
    return PlanCheck("priority", CheckStatus.OK, f"Priority: {shape} ({letters})")


def check_isolation(exs: Sequence[Exercise]) -> PlanCheck:
    groups: dict[str, list[str]] = {}
    for ex in exs:
        if ex.kind is ExerciseKind.ISOLATION:
            groups.setdefault(pattern(ex), []).append(ex.name)
    heavy = {g: names for g, names in groups.items() if len(names) > MAX_ISOLATION_PER_GROUP}
    if heavy:
        g, names = next(iter(heavy.items()))
        return PlanCheck(
            "isolation",
            CheckStatus.WARN,
            f"{len(names)} isolation exercises for {g} ({', '.join(names)}): "
            f"1-{MAX_ISOLATION_PER_GROUP} per group is enough in a combined session",
        )
    if not groups:
        return PlanCheck("isolation", CheckStatus.OK, "Isolation: none (1-2 per group at the end is optional)")
    parts = ", ".join(f"{g} {len(n)} ({', '.join(n)})" for g, n in groups.items())
    return PlanCheck("isolation", CheckStatus.OK, f"Isolation: {parts}")


def check_failure(slots: Sequence[tuple[PlanItem, Exercise]]) -> PlanCheck:
    for it, ex in slots:
        to_failure = (it.target_rpe is not None and it.target_rpe >= 10) or (
            it.target_rpe is None and it.target_rir is not None and it.target_rir <= 0
        )
        if ex.is_compound and to_failure:
            return PlanCheck(
                "failure",
                CheckStatus.WARN,
                f"{ex.name} planned to failure: keep compounds a rep or two shy (RPE 8-9)",
            )
    return PlanCheck("failure", CheckStatus.OK, "No compound planned to failure")


def check_volume(
    slots: Sequence[tuple[PlanItem, Exercise]], landmarks: Landmarks, days_per_week: int,
    weekly: Mapping[str, tuple[float, float]] | None = None,
) -> list[PlanCheck]:
    """One line per landmarked muscle: this session's sets (each item's range) times the
    days a week (an unscheduled plan counts once), against the weekly landmarks. A range
    that straddles a landmark names both ends ("from MEV 6 to MAV 10-16") and takes the
    less favourable status of the two, except that only the bottom of the range past MRV is
    a warning; the top of it past MRV is a note."""
    days = max(1, days_per_week)
    per_week = f"x {days} day{'s' if days > 1 else ''}" + (" (not scheduled)" if days_per_week < 1 else "")
    low = muscle_sets([(ex, float(it.sets_min)) for it, ex in slots])
    high = muscle_sets([(ex, float(it.sets_max)) for it, ex in slots])
    out = []
    for muscle, marks in landmarks.items():
        lo, hi = low.get(muscle, 0.0), high.get(muscle, 0.0)
        wlo, whi = (weekly.get(muscle, (0.0, 0.0)) if weekly is not None else (lo * days, hi * days))
        bottom, top = zone_of(wlo, marks), zone_of(whi, marks)
        status, zone = _ZONE_STATUS[top], describe_zone(top, marks)
        if top is Zone.OVER_MRV and bottom is not Zone.OVER_MRV:
            status, zone = CheckStatus.NOTE, f"top of the range above MRV {marks[4]}"
        elif bottom is not top:
            status = max(_ZONE_STATUS[bottom], _ZONE_STATUS[top], key=_SEVERITY.index)
            zone = f"from {_zone_mark(bottom, marks)} to {_zone_mark(top, marks)}"
        if whi == 0:
            status = CheckStatus.NOTE
        sets = _n(hi) if lo == hi else f"{_n(lo)}-{_n(hi)}"
        sets += " set" if hi == 1 else " sets"
        week = _n(whi) if wlo == whi else f"{_n(wlo)}-{_n(whi)}"
        how = f"{per_week} = {week}/week" if weekly is None else f"here, {week}/week as scheduled"
        out.append(PlanCheck(f"volume-{muscle}", status, f"{muscle.capitalize()}: {sets} {how}, {zone}"))
    return out


# ---- how long a session takes (issue 10) ------------------------------------------------

SECONDS_PER_REP = 4
SET_SETUP_S = 20
CHANGEOVER_S = 60


@dataclass(frozen=True, slots=True)
class Duration:
    """An estimated session, in seconds: lifting, resting, warm-up and cool-down."""

    work_s: float
    rest_s: float
    warmup_s: float
    cooldown_s: float

    @property
    def total_min(self) -> float:
        return (self.work_s + self.rest_s + self.warmup_s + self.cooldown_s) / 60

    @property
    def minutes(self) -> int:
        """The estimate in whole minutes, rounded up: the one figure Plan mode's week, the
        duration check and `backlegs plan list` all show (a part-minute counts against the
        time budget)."""
        return math.ceil(self.total_min - 1e-9)


def estimate_duration(plan: Plan, exercises: Mapping[int, Exercise], default_rest_s: int = 120) -> Duration:
    """Each set takes its top reps at SECONDS_PER_REP plus SET_SETUP_S; each item rests its
    rest (its own, else the lift's, else `default_rest_s`) between sets and CHANGEOVER_S
    moving to the next. Items sharing a superset letter alternate: one rest (the longest of
    theirs) after each round of the group, not after each lift."""
    def rest_of(it: PlanItem) -> float:
        ex = exercises.get(it.exercise_id)
        return float(it.rest_s or (ex.rest_s if ex is not None and ex.rest_s else default_rest_s))

    work = rest = 0.0
    done: set[str] = set()
    for it in plan.items:
        work += it.sets_max * (it.reps_max * SECONDS_PER_REP + SET_SETUP_S)
        if it.pairing:
            if it.pairing in done:
                continue
            done.add(it.pairing)
            group = [g for g in plan.items if g.pairing == it.pairing]
            rounds = max(g.sets_max for g in group)
            rest += (rounds - 1) * max(rest_of(g) for g in group) + CHANGEOVER_S
        else:
            rest += (it.sets_max - 1) * rest_of(it) + CHANGEOVER_S
    return Duration(work, rest, (plan.warmup_min or 0) * 60.0, (plan.cooldown_min or 0) * 60.0)


def check_duration(plan: Plan, exercises: Mapping[int, Exercise], default_rest_s: int = 120) -> PlanCheck:
    d = estimate_duration(plan, exercises, default_rest_s)
    total = d.minutes
    parts = f"lifting {round(d.work_s / 60)}, rest {round(d.rest_s / 60)}"
    parts += f", warm-up {plan.warmup_min}" if plan.warmup_min else ", no warm-up minutes"
    if plan.cooldown_min:
        parts += f", cool-down {plan.cooldown_min}"
    if not plan.time_budget_min:
        return PlanCheck("duration", CheckStatus.NOTE, f"About {total} min ({parts}): p sets a time budget")
    budget = plan.time_budget_min
    if total > budget:
        longest = max(plan.items, key=lambda it: it.sets_max)
        return PlanCheck(
            "duration", CheckStatus.WARN,
            f"About {total} min ({parts}) against a {budget} min budget: "
            f"drop a set of {longest.exercise_name} or shorten the rests",
        )
    return PlanCheck("duration", CheckStatus.OK, f"About {total} min ({parts}), within the {budget} min budget")


# ---- across the week (issue 10) ---------------------------------------------------------

SPINAL_GAP_H = 48.0  # lower-back recovery between heavy lumbar-loading sessions (ExRx; the domain notes)
# the rule in words, one text for the plan check and the first-start wizard's week step
SPINAL_GAP_RULE = f"heavy lumbar-loading sessions at least {SPINAL_GAP_H:g} h apart"


def format_hours(h: float) -> str:
    """Hours to one decimal, rounded down, so a gap short of 48 h never reads "48 h"."""
    return _n(math.floor(h * 10 + 1e-9) / 10)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A plan on the week: when it starts (hours from Monday 00:00), its name and its
    heavy lumbar-loading lifts."""

    hour: float
    plan: str
    heavy: tuple[str, ...]


def occurrences(
    schedule: Mapping[int, Sequence[int]], plans: Mapping[int, Plan], exercises: Mapping[int, Exercise],
    start_hour: float = 18.0,
) -> list[Occurrence]:
    """The week's scheduled plans as occurrences, each at `start_hour` on its day."""
    out = []
    for wd in sorted(schedule):
        for pid in schedule[wd]:
            plan = plans.get(pid)
            if plan is None:
                continue
            heavy = tuple(
                exercises[it.exercise_id].name for it in plan.items
                if it.exercise_id in exercises and is_heavy_spinal(exercises[it.exercise_id])
            )
            out.append(Occurrence(wd * 24 + start_hour, plan.name, heavy))
    return out


WEEKDAY_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _day(o: Occurrence) -> str:
    return WEEKDAY_SHORT[int(o.hour // 24) % 7]


def spinal_pairs(week: Sequence[Occurrence], plan_name: str | None = None) -> list[tuple[float, Occurrence, Occurrence]]:
    """Every pair of heavy lumbar-loading sessions as (gap in hours, first, second), the gap
    the shorter way round the week (Sunday to Monday is a day), in the week's order; with
    `plan_name`, only the pairs that involve that plan (the same plan on two days too)."""
    heavy = sorted((o for o in week if o.heavy), key=lambda o: o.hour)
    pairs = []
    for i, a in enumerate(heavy):
        for b in heavy[i + 1:]:
            if plan_name is not None and plan_name not in (a.plan, b.plan):
                continue
            forward, back = (b.hour - a.hour) % 168.0, (a.hour - b.hour) % 168.0
            pairs.append((forward, a, b) if forward <= back else (back, b, a))
    return sorted(pairs, key=lambda p: (p[1].hour, p[2].hour if p[2].hour >= p[1].hour else p[2].hour + 168))


def spinal_gap_line(gap: float, a: Occurrence, b: Occurrence) -> str:
    """`Barbell row (Back, Wed) only 24 h after Barbell back squat (Legs, Tue)`, or `... on
    the same day as ...` when the two fall on one day, then the fix."""
    when = "on the same day as" if gap < 24 and _day(a) == _day(b) else f"only {format_hours(gap)} h after"
    return (f"{b.heavy[0]} ({b.plan}, {_day(b)}) {when} {a.heavy[0]} ({a.plan}, {_day(a)}): "
            f"move one plan to leave at least {SPINAL_GAP_H:g} h")


def check_spinal_spacings(week: Sequence[Occurrence], plan_name: str | None = None) -> list[PlanCheck]:
    """One warning for every pair of heavy lumbar-loading sessions less than SPINAL_GAP_H
    apart (with `plan_name`, the pairs that involve that plan); with none, the one OK line
    that states the rule (SPINAL_GAP_RULE) and the closest gap the week has."""
    pairs = spinal_pairs(week, plan_name)
    if not pairs:
        return [PlanCheck("spinal-48h", CheckStatus.OK, "Heavy lumbar-loading days: one or none in the week")]
    close = [PlanCheck("spinal-48h", CheckStatus.WARN, spinal_gap_line(*p)) for p in pairs if p[0] < SPINAL_GAP_H]
    if close:
        return close
    gap, a, b = min(pairs, key=lambda p: p[0])
    return [PlanCheck(
        "spinal-48h", CheckStatus.OK,
        f"{SPINAL_GAP_RULE[:1].upper()}{SPINAL_GAP_RULE[1:]}: closest {format_hours(gap)} h ({_day(a)} to {_day(b)})",
    )]


def check_spinal_spacing(week: Sequence[Occurrence], plan_name: str | None = None) -> PlanCheck:
    """The closest pair's line of check_spinal_spacings (the week's worst gap, or the OK line)."""
    pairs = spinal_pairs(week, plan_name)
    checks = check_spinal_spacings(week, plan_name)
    if len(checks) == 1 or not pairs:
        return checks[0]
    gap, a, b = min(pairs, key=lambda p: p[0])
    return PlanCheck("spinal-48h", CheckStatus.WARN, spinal_gap_line(gap, a, b))


def deloaded(plan: Plan, settings: Settings) -> Plan:
    """`plan` as a deload week runs it: each item's sets cut as the session cuts them
    (progression.deload_sets, about settings.deload_sets); reps, rest and order kept."""
    from .progression import deload_sets

    items = tuple(
        replace(it, sets_min=deload_sets(it.sets_min, settings), sets_max=deload_sets(it.sets_max, settings))
        for it in plan.items
    )
    return replace(plan, items=items)


def week_sets(
    schedule: Mapping[int, Sequence[int]], plans: Mapping[int, Plan], exercises: Mapping[int, Exercise],
) -> dict[str, tuple[float, float]]:
    """Each muscle's (low, high) hard sets in the week as scheduled: every plan on every
    day it is on, counted by volume.muscle_sets (the Volume view's and the fatigue
    analysis's count), from each item's sets range."""
    low: list[tuple[Exercise, float]] = []
    high: list[tuple[Exercise, float]] = []
    for ids in schedule.values():
        for pid in ids:
            plan = plans.get(pid)
            for it in plan.items if plan is not None else ():
                ex = exercises.get(it.exercise_id)
                if ex is not None:
                    low.append((ex, float(it.sets_min)))
                    high.append((ex, float(it.sets_max)))
    lo, hi = muscle_sets(low), muscle_sets(high)
    return {m: (lo.get(m, 0.0), hi.get(m, 0.0)) for m in set(lo) | set(hi)}


def all_checks(
    plan: Plan,
    exercises: Mapping[int, Exercise],
    landmarks: Landmarks,
    schedule: Mapping[int, Sequence[int]],
    scheduled: Mapping[int, Plan],
    default_rest_s: int = 120,
) -> list[PlanCheck]:
    """Every check of `plan` as Plan mode shows it (and `backlegs plan check` prints it):
    its own checks, and with the plan on the week the 48 h check and the weekly volume as
    scheduled (`scheduled`: every plan on the schedule, by id)."""
    days = sum(plan.id in ids for ids in schedule.values())
    weekly = week_sets(schedule, scheduled, exercises) if days else None
    checks = check_plan(plan.items, exercises, landmarks, days, plan=plan, default_rest_s=default_rest_s, weekly=weekly)
    if days and len(checks) > 1:
        checks[3:3] = check_spinal_spacings(occurrences(schedule, scheduled, exercises), plan.name)
    return checks
