"""Which plates go on each side of the bar for a load."""

from __future__ import annotations

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
    (or above it, when that is nearer). `inventory` is the plate sizes available, each as
    many as needed."""
    sizes = sorted({p for p in inventory if p > 0}, reverse=True)
    if target <= bar or not sizes:
        return PlateLoad(target=target, bar=bar, per_side=())
    below = _greedy((target - bar) / 2, sizes)
    total_below = bar + 2 * sum(below)
    if abs(total_below - target) < 1e-6:
        return PlateLoad(target, bar, below)
    # the nearest makeable load above: add the smallest plate and re-pack
    above = _greedy((target - bar) / 2 + sizes[-1], sizes)
    total_above = bar + 2 * sum(above)
    if total_above - target < target - total_below - 1e-9:
        return PlateLoad(target, bar, above)
    return PlateLoad(target, bar, below)


def _greedy(per_side: float, sizes: list[float]) -> tuple[float, ...]:
    out: list[float] = []
    remaining = per_side + 1e-9
    for size in sizes:
        while remaining >= size:
            out.append(size)
            remaining -= size
    return tuple(out)


def round_to_plates(target: float, bar: float, inventory: tuple[float, ...]) -> float:
    """The nearest load the plates can make."""
    return plates_per_side(target, bar, inventory).total if target > bar else bar
