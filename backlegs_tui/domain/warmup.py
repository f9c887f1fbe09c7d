"""Warm-up ramp for the first compound lift: empty bar x 10, ~40 % x 5, ~60 % x 3, ~80 % x 2."""

from __future__ import annotations

from dataclasses import dataclass

from .plates import PlateLoad, plates_per_side, round_to_plates

RAMP: tuple[tuple[float, int], ...] = ((0.0, 10), (0.40, 5), (0.60, 3), (0.80, 2))


@dataclass(frozen=True, slots=True)
class WarmupSet:
    weight: float
    reps: int
    plates: PlateLoad


def warmup_sets(working: float, bar: float, inventory: tuple[float, ...]) -> list[WarmupSet]:
    """Warm-up sets (in the unit of `working`) before a first working weight.

    Loads round to what the plates make; steps that round to the bar or to a step already
    taken, or reach the working weight, are dropped: a warm-up is always lighter than the
    working weight, so a working weight at or below the empty bar has none.
    """
    if working <= bar:
        return []
    out: list[WarmupSet] = []
    for fraction, reps in RAMP:
        load = bar if fraction == 0 else round_to_plates(working * fraction, bar, inventory)
        if out and load <= out[-1].weight:
            continue
        if load >= working:
            break
        out.append(WarmupSet(load, reps, plates_per_side(load, bar, inventory)))
    return out
