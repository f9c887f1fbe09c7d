"""Parse what the lifter types. Each parser returns a value or raises InputError with a
message fit to show inline."""

from __future__ import annotations

from .model import Unit
from .units import to_kg

MAX_LOAD_KG = 1000.0
MAX_REPS = 100


class InputError(ValueError):
    """Bad input, with a message for the lifter."""


def _number(text: str, what: str) -> float:
    text = text.strip().replace(",", ".")
    if not text:
        raise InputError(f"{what} is blank")
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"{what} must be a number, not {text!r}") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InputError(f"{what} must be a number")
    return value


def parse_weight(text: str, unit: Unit, *, bodyweight: bool = False) -> float:
    """A load typed in `unit`, in kg. Bodyweight exercises take added load (0 allowed)."""
    value = _number(text, "Weight")
    if value < 0:
        raise InputError("Weight cannot be negative")
    if value == 0 and not bodyweight:
        raise InputError("Weight must be above 0 (bodyweight lifts take added load)")
    kg = to_kg(value, unit)
    if kg > MAX_LOAD_KG:
        limit = f"{MAX_LOAD_KG:g} kg" if unit is Unit.KG else f"{MAX_LOAD_KG * 2.2046:.0f} lb"
        raise InputError(f"Weight over {limit}: check the number")
    return kg


def parse_reps(text: str) -> int:
    value = _number(text, "Reps")
    if value != int(value):
        raise InputError("Reps must be a whole number")
    if value < 1:
        raise InputError("Reps must be at least 1")
    if value > MAX_REPS:
        raise InputError(f"Reps over {MAX_REPS}: check the number")
    return int(value)


def parse_rpe(text: str) -> float | None:
    """RPE 1-10 in half steps; blank means not given."""
    if not text.strip():
        return None
    value = _number(text, "RPE")
    if not 1 <= value <= 10:
        raise InputError("RPE goes from 1 to 10")
    if value * 2 != int(value * 2):
        raise InputError("RPE comes in half steps (8, 8.5, 9)")
    return value


def parse_rir(text: str) -> float | None:
    """Reps in reserve 0-10 in half steps; blank means not given."""
    if not text.strip():
        return None
    value = _number(text, "RIR")
    if not 0 <= value <= 10:
        raise InputError("RIR goes from 0 to 10")
    if value * 2 != int(value * 2):
        raise InputError("RIR comes in half steps")
    return value
