"""Which plates go on each side of the bar for a load."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PlateLoad:
    target: float
    bar: float
    per_side: tuple[float, ...]

    @property
    def total(self) -> float:
        return round(self.bar + 2 * sum(self.per_side), 4)

    @property
    def exact(self) -> bool:
        return abs(self.total - self.target) < 1e-6

    @property
    def below_bar(self) -> bool:
        return self.target < self.bar - 1e-9

    def describe(self, unit: str = "kg") -> str:
        def num(v: float) -> str:
            return f"{v:g}"

        if self.below_bar:
            return f"below the {num(self.bar)} {unit} bar"
        side = " + ".join(num(p) for p in self.per_side) if self.per_side else "empty bar"
        text = f"{side} per side" if self.per_side else side
        if not self.exact:
            text += f" = {num(self.total)} {unit} (nearest to {num(self.target)})"
        return text


def plates_per_side(target: float, bar: float, inventory: tuple[float, ...]) -> PlateLoad:
    """The heaviest-first plates per side that reach `target` or the nearest load below it
    (or above it, when that is nearer; a tie keeps the lighter load). `inventory` is the
    plate sizes available, each as many as needed."""
    # plates below MIN_SEARCH_PLATE are ignored (Settings refuses them; an old or imported
    # setting of 1e-9 must not make the search count to a billion)
    sizes = sorted({p for p in inventory if MIN_SEARCH_PLATE <= p < math.inf}, reverse=True)
    if not target < math.inf or target <= bar or not sizes:
        return PlateLoad(target=target, bar=bar, per_side=())
    per_side = (target - bar) / 2
    greedy = _greedy(per_side, sizes)
    if abs(sum(greedy) - per_side) < 1e-6:
        return PlateLoad(target, bar, greedy)
    # heaviest-first misses loads some plate sets can make (20 + 20 from 25s and 20s)
    if per_side > sizes[0] * MAX_PLATES_PER_SIDE:  # more than a bar holds: heaviest-first, capped
        return PlateLoad(target, bar, greedy)
    below, above = _nearest(per_side, sizes)
    choice = above if sum(above) - per_side < per_side - sum(below) - 1e-9 else below
    return PlateLoad(target, bar, choice if len(choice) <= MAX_PLATES_PER_SIDE else greedy)


def _greedy(per_side: float, sizes: list[float]) -> tuple[float, ...]:
    """Heaviest first, at most MAX_PLATES_PER_SIDE plates (a load of 1e300 stops there)."""
    out: list[float] = []
    remaining = per_side + 1e-9
    for size in sizes:
        n = min(int(remaining // size), MAX_PLATES_PER_SIDE - len(out))
        if n > 0:
            out.extend([size] * n)
            remaining -= n * size
        if len(out) >= MAX_PLATES_PER_SIDE:
            break
    return tuple(out)


_MILLI = 1000
MIN_SEARCH_PLATE = 0.05  # lighter "plates" are ignored (validation.MIN_PLATE refuses under 0.25)
MAX_PLATES_PER_SIDE = 100  # no bar holds more; the search stops there
_MAX_STEPS = 20_000  # beyond this the plate sizes share no useful step: heaviest-first only


def _nearest(per_side: float, sizes: list[float]) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The fewest plates (heaviest first among equals) making the largest load per side at or
    below `per_side`, and the smallest above it, searched over every makeable sum."""
    milli = [round(s * _MILLI) for s in sizes]
    step = math.gcd(*milli)
    if step == 0 or (per_side * _MILLI + min(milli)) / step > _MAX_STEPS:
        return _greedy(per_side, sizes), _greedy(per_side + sizes[-1], sizes)
    units = [m // step for m in milli]
    size_of = dict(zip(units, sizes))
    goal = per_side * _MILLI / step
    limit = int(goal + 1e-9) + min(units)  # the nearest sum above is at most one small plate away
    best: list[tuple[int, ...] | None] = [None] * (limit + 1)
    best[0] = ()
    for n in range(1, limit + 1):
        options = [
            tuple(sorted((*prev, u), reverse=True))
            for u in units
            if u <= n and (prev := best[n - u]) is not None
        ]
        if options:
            best[n] = min(options, key=lambda c: (len(c), [-u for u in c]))
    below = next(c for n in range(min(limit, int(goal + 1e-9)), -1, -1) if (c := best[n]) is not None)
    above = next((c for n in range(int(goal + 1e-9) + 1, limit + 1) if (c := best[n]) is not None), below)
    return tuple(size_of[u] for u in below), tuple(size_of[u] for u in above)


def round_to_plates(target: float, bar: float, inventory: tuple[float, ...]) -> float:
    """The nearest load the plates can make."""
    return plates_per_side(target, bar, inventory).total if target > bar else bar
