"""The live session's prefill by the plan item's progression (issue 10), and why in one line.

Double progression (the default) is the session's own rule (domain/session_logic.prefill)
and is left to it: `progression_prefill` answers None for it. For the other progressions:

- the first working set of the day follows domain/progression.prefill (fixed load, linear
  +increment on last time's load, the top set of an RPE top set), the deload factor applied;
- later sets of an RPE top set are back-off sets at the progression's share of TODAY's top
  set (the heaviest working set logged today), the nearest load the lifter can make in their
  unit (plates on their bar: 90 % of 255 lb is 230 lb), and said in their unit;
- later sets of fixed and linear keep today's load (the session's own "same as your last set").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from .model import Exercise, PlanItem, SessionItem, SetEntry, Settings
from .units import format_weight


class ProgressionPrefill(NamedTuple):
    weight_kg: float
    reps: int
    why: str
    first: bool  # the first working set of the day (warm-ups lead up to it)


def progression_prefill(
    progression: str | None,
    item: SessionItem,
    exercise: Exercise,
    today: Sequence[SetEntry],
    last: Sequence[SetEntry],
    settings: Settings,
    load_factor: float = 1.0,
) -> ProgressionPrefill | None:
    """The next working set of `item` by its progression, or None where the session's own
    rule applies (double progression, no history, a progression the app cannot read)."""
    try:
        from .progression import parse_progression
        from .progression import prefill as plan_prefill
    except ImportError:  # pragma: no cover - a tree without the plan's progressions
        return None
    try:
        prog = parse_progression(progression)
    except ValueError:
        return None
    if prog.kind == "double":
        return None
    done = [s for s in today if s.is_working]
    step = exercise.increment_kg
    if done:
        if prog.kind != "topset":
            return None
        from .session_logic import loadable_kg

        top = max(s.weight_kg for s in done)
        weight = loadable_kg(top * prog.backoff_pct / 100, exercise, settings)
        why = f"back-off: {prog.backoff_pct:g} % of today's top set {format_weight(top, settings.unit)}"
        return ProgressionPrefill(weight, item.reps_max, why, False)
    plan_item = PlanItem(
        exercise_id=item.exercise_id, exercise_name=item.exercise_name, sets_min=item.sets_planned,
        sets_max=item.sets_planned, reps_min=item.reps_min, reps_max=item.reps_max, target_rpe=item.target_rpe,
    )
    deload = load_factor != 1.0
    tuned = replace(settings, deload_load=load_factor) if deload else settings
    pre = plan_prefill(prog, plan_item, last, tuned, deload, increment_kg=step, set_number=1)
    if pre.weight_kg is None:
        return None
    return ProgressionPrefill(pre.weight_kg, pre.reps, pre.why, True)
