"""What to load next time: double progression by default."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import SetEntry


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
) -> Suggestion | None:
    """Add the increment when last time every working set reached the top of the rep range
    at or below the target RPE; else repeat last time's weight. None without history."""
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
        return Suggestion(weight + increment_kg, reps_min, f"all sets hit {reps_max} reps last time: +{increment_kg:g} kg")
    if all_top:
        # the reps were there but too hard: own the top of the range before adding load
        return Suggestion(weight, reps_max, "same weight: RPE was above target")
    fewest = min(s.reps for s in top)
    reps = min(max(fewest + 1, reps_min), reps_max)
    return Suggestion(weight, reps, "same weight: not every set reached the top of the range")
