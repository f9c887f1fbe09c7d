"""Checks a plan against what a good back-and-legs session respects (the domain notes):
compounds first, no two heavy lumbar-loading lifts back to back, squat before deadlift,
1-2 isolation exercises per group at the end, compounds shy of failure, and a share of the
weekly volume landmarks that fits one session.

Each check returns one line with its reason. Pure: no textual, no sqlalchemy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from .model import Exercise, ExerciseKind, PlanItem, SpinalLoad
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
) -> list[PlanCheck]:
    """Every check for a plan's items in order. `exercises` maps ids to exercises (items
    whose exercise is missing are skipped); `days_per_week` is how often the plan is done."""
    slots = [(it, exercises[it.exercise_id]) for it in items if it.exercise_id in exercises]
    if not slots:
        return [PlanCheck("empty", CheckStatus.NOTE, "No exercises yet: nothing to check")]
    exs = [ex for _, ex in slots]
    return [
        check_compounds_first(exs),
        check_spinal_back_to_back(exs),
        check_deadlift_before_squat(exs),
        check_priority(exs),
        check_isolation(exs),
        check_failure(slots),
        *check_volume(slots, landmarks, days_per_week),
    ]


def check_compounds_first(exs: Sequence[Exercise]) -> PlanCheck:
    for i, ex in enumerate(exs):
        if ex.kind is ExerciseKind.ISOLATION:
            later = next((c for c in exs[i + 1 :] if c.is_compound), None)
            if later is not None:
                return PlanCheck(
                    "compounds-first",
                    CheckStatus.WARN,
                    f"{ex.name} (isolation) comes before {later.name} (compound): "
                    "do compounds first, while you are fresh",
                )
    n_comp = sum(ex.is_compound for ex in exs)
    return PlanCheck(
        "compounds-first",
        CheckStatus.OK,
        f"Compounds first: {n_comp} compound, then {len(exs) - n_comp} isolation",
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
            "loaded bar; squat first",
        )
    return PlanCheck(
        "deadlift-squat", CheckStatus.OK, f"{exs[squats[0]].name} before {exs[first_dl].name}"
    )


def check_priority(exs: Sequence[Exercise]) -> PlanCheck:
    """Reports the order of priority (legs first, back first, alternating); never fails."""
    seq = [pattern(ex) for ex in exs if ex.is_compound and pattern(ex) != "other"]
    if not seq:
        return PlanCheck("priority", CheckStatus.NOTE, "Priority: no leg or back compound")
    letters = " ".join("L" if p == "legs" else "B" for p in seq)
    if len(set(seq)) == 1:
        return PlanCheck("priority", CheckStatus.OK, f"Priority: {seq[0]} only ({letters})")
    alternating = all(a != b for a, b in zip(seq, seq[1:]))
    shape = "alternating leg and back" if alternating else f"then {'back' if seq[0] == 'legs' else 'legs'}"
    return PlanCheck("priority", CheckStatus.OK, f"Priority: {seq[0]} first, {shape} ({letters})")


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
    slots: Sequence[tuple[PlanItem, Exercise]], landmarks: Landmarks, days_per_week: int
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
        bottom, top = zone_of(lo * days, marks), zone_of(hi * days, marks)
        status, zone = _ZONE_STATUS[top], describe_zone(top, marks)
        if top is Zone.OVER_MRV and bottom is not Zone.OVER_MRV:
            status, zone = CheckStatus.NOTE, f"top of the range above MRV {marks[4]}"
        elif bottom is not top:
            status = max(_ZONE_STATUS[bottom], _ZONE_STATUS[top], key=_SEVERITY.index)
            zone = f"from {_zone_mark(bottom, marks)} to {_zone_mark(top, marks)}"
        if hi == 0:
            status = CheckStatus.NOTE
        sets = _n(hi) if lo == hi else f"{_n(lo)}-{_n(hi)}"
        sets += " set" if hi == 1 else " sets"
        weekly = _n(hi * days) if lo == hi else f"{_n(lo * days)}-{_n(hi * days)}"
        out.append(
            PlanCheck(
                f"volume-{muscle}",
                status,
                f"{muscle.capitalize()}: {sets} {per_week} = {weekly}/week, {zone}",
            )
        )
    return out
