"""What the Session screen computes from plain data: the prefilled next set, the warm-up
ramp, the next-set line the rest timer announces, and the end-of-session summary."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from .durations import whole_minutes
from .e1rm import e1rm, rough_e1rm
from .model import (
    Exercise,
    LoadKind,
    Readiness,
    SessionItem,
    SessionState,
    SetEntry,
    Settings,
    SetType,
    Unit,
)
from .plates import plates_per_side, round_to_plates
from .progression import double_progression
from .units import clean, format_weight, from_kg, step_in_unit, to_kg
from .validation import InputError
from .volume import muscle_shares
from .warmup import WarmupSet, warmup_sets

# a check-in below/above these says "go by RPE today" (the same limits as the fatigue check)
SHORT_SLEEP_H = 6.0
HIGH_SORENESS = 4  # of 5
LOW_ENERGY = 2  # of 5
DELOAD_SETS = 0.6
DELOAD_LOAD = 0.9


def readiness_reasons(r: Readiness | None) -> list[str]:
    """What in a check-in is low: `["slept 5 h", "soreness 4/5"]` (empty when all is fine)."""
    if r is None:
        return []
    low = []
    if r.sleep_h is not None and r.sleep_h < SHORT_SLEEP_H:
        low.append(f"slept {r.sleep_h:g} h")
    if r.soreness is not None and r.soreness >= HIGH_SORENESS:
        low.append(f"soreness {r.soreness}/5")
    if r.energy is not None and r.energy <= LOW_ENERGY:
        low.append(f"energy {r.energy}/5")
    return low


def rpe_from_rir(rir: float | None) -> float | None:
    """RPE = 10 - RIR (the RTS convention); None stays None."""
    return None if rir is None else max(0.0, 10.0 - rir)


def parse_set_type(text: str) -> SetType:
    """`w`, `warm-up`, `warmup`, `working`, `d`, `drop`, `f`, `failure` (any case)."""
    key = text.strip().lower().replace("-", "")
    for t in SetType:
        if key and key in (t.value, t.label.replace("-", ""), t.value[0]):
            return t
    raise InputError("Type is warmup, working, drop or failure")


def parse_session_rpe(text: str) -> float | None:
    """Session RPE 0-10 (blank: not given)."""
    if not text.strip():
        return None
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise InputError("Session RPE is a number from 0 to 10") from None
    if not 0 <= value <= 10:
        raise InputError("Session RPE is a number from 0 to 10")
    return value


def loadable_kg(weight_kg: float, exercise: Exercise, settings: Settings) -> float:
    """The nearest load the lifter can make in their unit: plates on their bar for a barbell
    lift, else the lift's step in their unit (a kg history seen in lb becomes 255, not 253.5)."""
    unit = settings.unit
    if weight_kg <= 0:
        return weight_kg
    value = from_kg(weight_kg, unit)
    if exercise.equipment == "barbell" and not exercise.bodyweight:
        made = round_to_plates(value, settings.bar, settings.plates)
    else:
        step = increment_in_unit(exercise, unit)
        made = round(value / step) * step if step > 0 else value
    return to_kg(made, unit) if unit is Unit.LB else clean(made, 0.001)


def far_from_target(reps: int, item: SessionItem) -> str | None:
    """A warning when the reps typed are far outside the item's range (a slip like 56 for 6)."""
    if reps > max(2 * item.reps_max, item.reps_max + 10):
        return f"{reps} reps is far above the target {item.reps_min}-{item.reps_max}"
    return None


# A load far above the lift's history is a slip until the lifter says otherwise (tester2 #6:
# `6` then `10` made 610 kg on a pull-up). Far: over 1.5 times the heaviest load of the lift's
# recent sessions (and today's sets) AND at least 10 kg over it. A real best beats the last
# one by a few percent, a comeback after a long layoff by a little more, never by half again;
# the 10 kg floor keeps light lifts quiet (8 kg -> 12.5 kg raises are real jumps). A
# bodyweight lift compares what it moves (body + added): 20 kg added to 80 kg of body weight
# is 1.25 times body weight alone, not infinitely more than 0 kg added.
FAR_ABOVE_RATIO = 1.5
FAR_ABOVE_MARGIN_KG = 10.0


def far_above_history(weight_kg: float, history: Sequence[SetEntry], kind: LoadKind, body_kg: float | None,
                      unit: Unit) -> str | None:
    """Why `weight_kg` (a weighted lift's load, a bodyweight lift's added load) looks like a
    slip against `history` (the lift's earlier sets), or None (no working set yet: nothing to
    judge). Judged against the lifter's strength, not only the heaviest load: the heaviest
    working load or the best estimate of the working sets (Epley at any reps), whichever is
    higher, so a single at 125 kg after 80 kg x 20 (about 133 kg) is no slip. Warm-ups never
    count (a new lift's bar warm-up is not its heaviest)."""
    working = [s for s in history if s.is_working]
    if kind not in (LoadKind.WEIGHTED, LoadKind.BODYWEIGHT) or not working:
        return None
    heaviest = max(s.weight_kg for s in working)
    base = (body_kg or 0.0) if kind is LoadKind.BODYWEIGHT else 0.0
    moved, top = base + weight_kg, base + heaviest
    strength = max([top, *(v for s in working if (v := rough_e1rm(base + s.weight_kg, s.reps)) is not None)])
    if strength <= 0 or moved <= FAR_ABOVE_RATIO * strength or moved - strength < FAR_ABOVE_MARGIN_KG:
        return None
    if kind is LoadKind.WEIGHTED:
        return f"{format_weight(weight_kg, unit)} is far above your heaviest {format_weight(heaviest, unit)}"
    if heaviest <= 0:
        return f"{format_weight(weight_kg, unit)} added is far above anything you logged (body weight alone)"
    return f"{format_weight(weight_kg, unit)} added is far above your heaviest {format_weight(heaviest, unit)}"


@dataclass(frozen=True, slots=True)
class Prefill:
    """The set the entry shows before the lifter touches it."""

    weight_kg: float | None
    reps: int
    set_type: SetType
    reason: str = ""
    warmup_index: int | None = None  # which ramp step this is, for warm-ups
    needs_target: bool = False  # Enter sets today's working weight (warm-ups then lead to it)


def increment_in_unit(exercise: Exercise, unit: Unit) -> float:
    """The exercise's load step in the user's unit (2.5 kg is 5 lb)."""
    return step_in_unit(exercise.increment_kg, unit)


def first_compound_item(state: SessionState, exercises: Mapping[int, Exercise]) -> int | None:
    """The session item whose exercise is the first barbell compound (the one that gets the
    warm-up ramp with plates; a machine or dumbbell lift has no bar to ramp from)."""
    for item in state.items:
        ex = exercises.get(item.exercise_id)
        if ex is not None and ex.is_compound and not ex.bodyweight and ex.equipment == "barbell":
            return item.id
    return None


def working_weight_kg(
    item: SessionItem,
    exercise: Exercise,
    today: Sequence[SetEntry],
    last: Sequence[SetEntry],
    target_kg: float | None = None,
    unit: Unit = Unit.KG,
) -> tuple[float | None, int, str]:
    """Weight and reps for the next working set, and why. `target_kg`: the working weight the
    lifter typed for a lift with no history."""
    done = [s for s in today if s.is_working]
    if done:
        prev = done[-1]
        reps = item.reps_max if prev.reps >= item.reps_max else max(item.reps_min, prev.reps)
        if reps == prev.reps:
            return prev.weight_kg, reps, "same as your last set"
        # the reps came back into the plan's range (BW x 5 for 6-10: 6): not "the same"
        wanted = f"{item.reps_min}-{item.reps_max}" if item.reps_min != item.reps_max else f"{item.reps_max}"
        return prev.weight_kg, reps, f"same load as your last set; the plan asks {wanted} reps"
    suggestion = double_progression(last, item.reps_min, item.reps_max, item.target_rpe, exercise.increment_kg, unit)
    if suggestion is not None:
        return suggestion.weight_kg, suggestion.reps, suggestion.reason
    if target_kg is not None:
        return target_kg, item.reps_min, "your working weight for today"
    if exercise.bodyweight:
        return 0.0, item.reps_min, "bodyweight: type any added load"
    return None, item.reps_min, "no history: type a weight"


def warmup_plan(working_kg: float, settings: Settings) -> list[WarmupSet]:
    """The warm-up ramp for a working weight, in the user's unit (loads the plates make)."""
    unit = settings.unit
    return warmup_sets(from_kg(working_kg, unit), settings.bar, settings.plates)


def prefill(
    item: SessionItem,
    exercise: Exercise,
    today: Sequence[SetEntry],
    last: Sequence[SetEntry],
    settings: Settings,
    *,
    warmups_wanted: bool,
    target_kg: float | None = None,
    load_factor: float = 1.0,
) -> Prefill:
    """The next set for this item: a warm-up step while warm-ups are due, else a working set.
    A lift with no history and no `target_kg` waits for the lifter's working weight first
    (`needs_target`), so the ramp can lead up to it."""
    weight, reps, reason = working_weight_kg(item, exercise, today, last, target_kg, settings.unit)
    if weight and not any(s.is_working for s in today) and target_kg is None:
        # a suggestion from history: deloaded when asked, and always a load the lifter can make
        if load_factor != 1.0:
            weight = weight * load_factor
            # no brackets: the warm-up line puts this reason in brackets of its own
            reason = (f"deload: {round(load_factor * 100)} % of {format_weight(weight / load_factor, settings.unit)}, "
                      "today's load without the deload")
        weight = loadable_kg(weight, exercise, settings)
    warmups_done = sum(1 for s in today if s.set_type is SetType.WARMUP)
    if warmups_wanted and weight is None and not today:
        return Prefill(
            None, reps, SetType.WORKING,
            "first time: type your working weight, Enter shows its warm-ups (w skips them)",
            needs_target=True,
        )
    if warmups_wanted and weight and not any(s.is_working for s in today):
        ramp = warmup_plan(weight, settings)
        done = warmups_done
        if done < len(ramp):
            step = ramp[done]
            target = f"{format_weight(weight, settings.unit)} x {reps}"
            return Prefill(
                to_kg(step.weight, settings.unit),
                step.reps,
                SetType.WARMUP,
                f"warm-up {done + 1} of {len(ramp)}, then {target} ({reason})",
                done,
            )
    return Prefill(weight, reps, SetType.WORKING, reason)


def next_set_text(
    item: SessionItem | None, exercise: Exercise | None, nxt: Prefill | None, today_count: int, unit: Unit
) -> str:
    """`Romanian deadlift, set 2 - 100 kg x 10` for the rest timer's notification."""
    if item is None or exercise is None or nxt is None:
        return "Next: finish the session"
    load = format_weight(nxt.weight_kg, unit) if nxt.weight_kg is not None else "? " + unit.value
    label = "warm-up" if nxt.set_type is SetType.WARMUP else f"set {today_count + 1}"
    return f"Next: {exercise.name}, {label} - {load} x {nxt.reps}"


def plate_text(weight_text: str, exercise: Exercise | None, settings: Settings) -> str:
    """Plates per side for the load typed in the entry, in the user's unit."""
    if exercise is not None and exercise.equipment != "barbell":
        return f"no plates: {exercise.equipment}"
    try:
        value = float(weight_text.replace(",", "."))
    except ValueError:
        return "plates: type a weight"
    unit = settings.unit.value
    load = plates_per_side(value, settings.bar, settings.plates)
    return f"{load.describe(unit)}  (bar {settings.bar:g} {unit})"


# ---- summary ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Record:
    exercise: str
    kind: str  # "e1RM" or "heaviest"
    value_kg: float
    previous_kg: float | None


@dataclass(slots=True)
class SessionReport:
    minutes: int
    sets: int
    working_sets: int
    volume_kg: float
    volume_by_muscle: dict[str, float] = field(default_factory=dict)
    best_e1rm: dict[str, float] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)


def summarize(
    state: SessionState,
    exercises: Mapping[int, Exercise],
    previous_bests: Mapping[int, tuple[float | None, float | None]],
    now: datetime,
) -> SessionReport:
    """Duration, sets, volume load per muscle (primary 1, secondary 0.5), best e1RM per exercise
    and the records hit, against `previous_bests` (exercise id -> (heaviest kg, best e1RM))."""
    working = [s for s in state.sets if s.is_working]
    minutes = whole_minutes((now - state.started_at).total_seconds())  # the one duration rule
    report = SessionReport(minutes, len(state.sets), len(working), sum(s.weight_kg * s.reps for s in working))
    by_ex: dict[int, list[SetEntry]] = {}
    for s in working:
        by_ex.setdefault(s.exercise_id, []).append(s)
        ex = exercises.get(s.exercise_id)
        if ex is None:
            continue
        load = s.weight_kg * s.reps
        for m, share in muscle_shares(ex):  # weighed as the hard-set count weighs them
            report.volume_by_muscle[m] = report.volume_by_muscle.get(m, 0) + load * share
    for ex_id, sets in by_ex.items():
        ex = exercises.get(ex_id)
        name = ex.name if ex else sets[0].exercise_name
        values = [v for s in sets if (v := e1rm(s.weight_kg, s.reps, s.effective_rpe)) is not None]
        heaviest = max(s.weight_kg for s in sets)
        prev_heavy, prev_e1rm = previous_bests.get(ex_id, (None, None))
        if values:
            best = max(values)
            report.best_e1rm[name] = clean(best, 0.1)
            if prev_e1rm is None or best > prev_e1rm + 1e-6:
                report.records.append(Record(name, "e1RM", clean(best, 0.1), prev_e1rm))
        if heaviest > 0 and (prev_heavy is None or heaviest > prev_heavy + 1e-6):
            report.records.append(Record(name, "heaviest", heaviest, prev_heavy))
    return report


def previous_bests(sets: Sequence[SetEntry]) -> tuple[float | None, float | None]:
    """(heaviest kg, best e1RM) over earlier working sets of one exercise."""
    work = [s for s in sets if s.is_working and s.weight_kg > 0]
    if not work:
        return None, None
    vals = [v for s in work if (v := e1rm(s.weight_kg, s.reps, s.effective_rpe)) is not None]
    return max(s.weight_kg for s in work), (max(vals) if vals else None)
