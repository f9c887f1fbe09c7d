"""Kilograms are stored; the user's unit is shown and typed."""

from __future__ import annotations

from .model import Unit

LB_PER_KG = 2.2046226218487757


def to_kg(value: float, unit: Unit) -> float:
    """A weight typed in `unit`, in kilograms."""
    return value / LB_PER_KG if unit is Unit.LB else float(value)


def from_kg(kg: float, unit: Unit) -> float:
    """A weight stored in kilograms, in `unit`."""
    return kg * LB_PER_KG if unit is Unit.LB else float(kg)


def clean(value: float, step: float = 0.05) -> float:
    """Round float artefacts away (149.99999999999997 -> 150.0) to `step`."""
    return round(round(value / step) * step, 4)


def format_weight(kg: float, unit: Unit, *, with_unit: bool = True) -> str:
    """A stored weight as the user reads it: `102.5 kg`, `225 lb`."""
    value = from_kg(kg, unit)
    # lb loads are shown to the nearest 0.1, kg to the nearest 0.05 (1.25 kg plates make x.25 / x.75)
    value = round(value, 1) if unit is Unit.LB else clean(value, 0.05)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text} {unit.value}" if with_unit else text


def step_in_unit(increment_kg: float, unit: Unit) -> float:
    """A lift's load step in the lifter's unit, as the entry steps it: 2.5 kg, or in pounds the
    nearest 2.5 lb step, at least 2.5 lb (2.5 kg is 5 lb, not 5.5 lb)."""
    if unit is Unit.KG:
        return increment_kg
    return max(2.5, round(from_kg(increment_kg, unit) / 2.5) * 2.5)


def format_volume(kg: float, unit: Unit) -> str:
    """A volume load (sum of weight x reps) to the whole unit: `11,638 kg`."""
    return f"{from_kg(kg, unit):,.0f} {unit.value}"


def format_e1rm(kg: float, unit: Unit, *, with_unit: bool = True) -> str:
    """An estimate shown no finer than it is: to 0.5 kg or 1 lb."""
    step = 0.5 if unit is Unit.KG else 1 / LB_PER_KG
    return format_weight(round(kg / step) * step, unit, with_unit=with_unit)


def plural(n: int, word: str) -> str:
    """`1 set`, `3 sets`."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
