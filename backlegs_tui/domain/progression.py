"""What to load next time: double progression by default."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from .model import PlanItem, SetEntry, Settings, Unit
from .units import format_weight, step_in_unit


@dataclass(frozen=True, slots=True)
class Suggestion:
    weight_kg: float
    reps: int
    reason: str


def double_progression(
    last_sets: Sequence[SetEntry],
    reps_min: int,
    reps_max: int,
    target_rpe: float | None,
    increment_kg: float,
    unit: Unit = Unit.KG,
) -> Suggestion | None:
    """Add the increment when last time every working set reached the top of the rep range
    at or below the target RPE; else repeat last time's weight. None without history.
    `unit`: the lifter's, for the reason's words (the load stays in kg)."""
    working = [s for s in last_sets if s.is_working and s.reps > 0]
    if not working:
        return None
    weight = max(s.weight_kg for s in working)
    top = [s for s in working if abs(s.weight_kg - weight) < 1e-6]
    all_top = all(s.reps >= reps_max for s in top)
    rpe_ok = target_rpe is None or all(
        (r := s.effective_rpe) is None or r <= target_rpe for s in top
    )
    if all_top and rpe_ok:
        return Suggestion(weight + increment_kg, reps_min, f"all sets hit {reps_max} reps last time: +{step_text(increment_kg, unit)}")
    if all_top:
        # the reps were there but too hard: own the top of the range before adding load
        return Suggestion(weight, reps_max, "same weight: RPE was above target")
    fewest = min(s.reps for s in top)
    reps = min(max(fewest + 1, reps_min), reps_max)
    return Suggestion(weight, reps, "same weight: not every set reached the top of the range")


def step_text(increment_kg: float, unit: Unit) -> str:
    """A load step in the lifter's unit as the entry steps it: `2.5 kg`, `5 lb` (not 5.5 lb)."""
    return f"{step_in_unit(increment_kg, unit):g} {unit.value}"


# ---- per plan item progressions and the session prefill (issue 10) ----------------------
#
# A plan item's progression is stored as short text: "double" (the default, also for None
# or ""), "fixed", "linear 2.5" (+2.5 kg a session; "linear" alone: the lift's increment),
# "topset 90" (one top set at the target RPE, then back-off sets at 90 % of it).

PROGRESSION_KINDS = ("double", "fixed", "linear", "topset")
PROGRESSION_HELP = "double, fixed, linear [kg], or topset [back-off %]"


@dataclass(frozen=True, slots=True)
class Progression:
    kind: str = "double"
    increment_kg: float | None = None  # linear: added each session (None: the lift's increment)
    backoff_pct: float = 90.0  # topset: back-off sets at this share of the top set

    @property
    def text(self) -> str:
        """The canonical text (what parse_progression reads back to the same value)."""
        if self.kind == "linear" and self.increment_kg is not None:
            return f"linear {self.increment_kg:g}"
        if self.kind == "topset":
            return f"topset {self.backoff_pct:g}"
        return self.kind

    def describe(self) -> str:
        if self.kind == "double":
            return "double progression"
        if self.kind == "fixed":
            return "fixed load"
        if self.kind == "linear":
            return f"linear +{self.increment_kg:g} kg a session" if self.increment_kg is not None else "linear"
        return f"top set, back-off at {self.backoff_pct:g} %"


def parse_progression(text: str | None) -> Progression:
    """Read a progression's text; blank is double progression. Raises ValueError with a
    message fit to show (domain.validation.InputError is a ValueError)."""
    from .validation import InputError

    words = (text or "").strip().lower().replace("%", " ").replace("+", " ").split()
    if not words:
        return Progression()
    kind, args = words[0], words[1:]
    aliases = {"dp": "double", "double-progression": "double", "top": "topset", "top-set": "topset", "rpe": "topset"}
    kind = aliases.get(kind, kind)
    if kind not in PROGRESSION_KINDS or len(args) > 1 or (args and kind in ("double", "fixed")):
        raise InputError(f"Progression: {PROGRESSION_HELP}")
    if not args:
        return Progression(kind)
    try:
        value = float(args[0])
    except ValueError:
        raise InputError(f"Progression: {PROGRESSION_HELP}") from None
    if kind == "linear":
        if not 0 < value <= 20:
            raise InputError("Progression: a linear increment from 0 to 20 kg")
        return Progression(kind, increment_kg=value)
    if not 40 <= value <= 100:
        raise InputError("Progression: back-off sets at 40 to 100 % of the top set")
    return Progression(kind, backoff_pct=value)


class Prefill(NamedTuple):
    """What the session fills in for the next set, and why (one line)."""

    weight_kg: float | None  # None: no history, the lifter picks
    reps: int
    why: str


def _round_down(weight: float, step: float) -> float:
    if step <= 0:
        return round(weight, 2)
    return round(math.floor(weight / step + 1e-9) * step, 2)


def deload_sets(sets: int, settings: Settings) -> int:
    """A deload session's sets for an item planned with `sets` (about settings.deload_sets)."""
    return max(1, round(sets * settings.deload_sets))


def prefill(
    progression: Progression | str | None,
    item: PlanItem,
    last_sets: Sequence[SetEntry],
    settings: Settings,
    deload: bool,
    *,
    increment_kg: float = 2.5,
    set_number: int = 1,
) -> Prefill:
    """The weight and reps to fill in for set `set_number` (1-based) of a plan item, from
    the lift's sets last time, following the item's progression, and why.

    double: +increment once every set reached the top of the rep range at or under the
    target RPE, else the same weight for a rep more. fixed: the same weight, a rep more up
    to the top of the range. linear: +increment (the progression's, or `increment_kg`)
    each session unless a set fell short of the bottom of the range. topset: set 1 is the
    top set (double progression on it), later sets back-off at the progression's share of
    it. In a deload (`deload`) nothing progresses: the load is settings.deload_load of
    last time's top weight, rounded down to the increment."""
    prog = progression if isinstance(progression, Progression) else parse_progression(progression)
    working = [s for s in last_sets if s.is_working and s.reps > 0]
    lo, hi = item.reps_min, item.reps_max
    if not working:
        return Prefill(None, lo, f"{prog.describe()}: no sets last time, pick a weight for {hi} reps")
    top = max(s.weight_kg for s in working)
    at_top = [s for s in working if abs(s.weight_kg - top) < 1e-6]
    weight, reps, why = top, hi, ""
    unit = settings.unit  # the reasons speak the lifter's unit (issue: "115.666 kg" in lb)
    top_text = format_weight(top, unit)
    if prog.kind == "fixed":
        best = max(s.reps for s in at_top)
        reps = min(hi, max(lo, best + 1))
        why = f"fixed load: same {top_text}, aim for {reps} reps"
    elif prog.kind == "linear":
        step = prog.increment_kg if prog.increment_kg is not None else increment_kg
        if min(s.reps for s in at_top) < lo:
            reps, why = lo, f"linear: a set fell short of {lo} reps last time, same {top_text}"
        else:
            weight, reps, why = top + step, lo if lo == hi else hi, f"linear: +{step_text(step, unit)} on last time's {top_text}"
    else:
        sets = at_top[:1] if prog.kind == "topset" else at_top
        sug = double_progression(sets, lo, hi, item.target_rpe, increment_kg, unit)
        assert sug is not None
        weight, reps, why = sug.weight_kg, sug.reps, sug.reason
        if prog.kind == "topset":
            if set_number <= 1:
                rpe = f" at RPE {item.target_rpe:g}" if item.target_rpe is not None else ""
                why = f"top set{rpe}: {why}"
            else:
                weight = _round_down(weight * prog.backoff_pct / 100, increment_kg)
                reps, why = hi, f"back-off set: {prog.backoff_pct:g} % of the top set"
        else:
            why = f"double progression: {why}"
    if deload:  # no progression in a deload: a share of last time's load
        weight = _round_down(top * settings.deload_load, increment_kg)
        why = f"deload: about {settings.deload_load * 100:.0f} % of last time's {top_text}"
    return Prefill(round(weight, 2), reps, why)


# ---- the calendar of a mesocycle -------------------------------------------------------


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weeks_since_mesocycle_start(day: date, settings: Settings) -> int | None:
    """Whole weeks from the mesocycle's first Monday to `day`'s (0 in its first week); None
    without a mesocycle, with an unreadable start, or before it."""
    if not settings.mesocycle_start:
        return None
    try:
        start = _monday(date.fromisoformat(settings.mesocycle_start))
    except ValueError:
        return None
    weeks = (_monday(day) - start).days // 7
    return None if weeks < 0 else weeks


def mesocycle_week(day: date, settings: Settings) -> int | None:
    """The week of the mesocycle `day` falls in (1-based), or None before it started or
    without one."""
    weeks = _weeks_since_mesocycle_start(day, settings)
    if weeks is None or settings.mesocycle_weeks < 1:
        return None
    return weeks % settings.mesocycle_weeks + 1


def is_deload_week(day: date, settings: Settings) -> bool:
    """Whether `day` is in a deload week: one started on demand (settings.deload_week),
    or every settings.deload_every_weeks-th week of the mesocycle."""
    if settings.deload_week:
        try:
            if _monday(date.fromisoformat(settings.deload_week)) == _monday(day):
                return True
        except ValueError:
            pass
    n = settings.deload_every_weeks
    weeks = _weeks_since_mesocycle_start(day, settings) if n >= 1 else None
    return weeks is not None and (weeks + 1) % n == 0
