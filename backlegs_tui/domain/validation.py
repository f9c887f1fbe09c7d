"""Parse what the lifter types. Each parser returns a value or raises InputError with a
message fit to show inline."""

from __future__ import annotations

from .model import Unit
from .units import from_kg, to_kg

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


def check_effort(rpe: float | None, rir: float | None) -> None:
    """RPE and RIR of one set, given together, must agree: RPE = 10 - RIR, within half a point
    (RPE 9 is RIR 1; RPE 9.5 with RIR 1 passes). Either alone, or neither, is fine."""
    if rpe is None or rir is None:
        return
    if abs(rpe - (10 - rir)) > 0.5:
        # one line in the form at 80x24 (the longest: 60 characters)
        raise InputError(f"RPE {rpe:g} and RIR {rir:g} disagree (RPE {rpe:g} is RIR {max(0.0, 10 - rpe):g}): "
                         "clear one")


# ---- stored values -------------------------------------------------------------------------
# What the database may hold, whatever the source (typed in the TUI, a CSV import, a backlegs
# JSON file): the same limits as the parsers above. Each check raises InputError.

MIN_YEAR = 1950
MAX_YEAR = 2100
MAX_REST_S = 24 * 3600
MAX_TEXT = 10_000  # a note
MIN_PLATE = 0.25  # smallest plate size accepted, in the unit shown (fractional plates: 0.25)
MAX_PLATE = 100.0


def _finite(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{what} must be a number")
    if isinstance(value, int) and abs(value) > 2**53:
        raise InputError(f"{what} {str(value)[:20]}... is out of range")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise InputError(f"{what} must be a number")
    return number


def check_weight_kg(value: object) -> float:
    """A stored load: 0 (bodyweight) to MAX_LOAD_KG."""
    kg = _finite(value, "Weight")
    if kg < 0:
        raise InputError(f"Weight {kg:g} is negative")
    if kg > MAX_LOAD_KG:
        raise InputError(f"Weight {kg:.6g} kg is over {MAX_LOAD_KG:g} kg")
    return kg


def check_reps(value: object) -> int:
    n = _finite(value, "Reps")
    if n != int(n):
        raise InputError("Reps must be a whole number")
    if not 1 <= n <= MAX_REPS:
        raise InputError(f"Reps {n:g} is not from 1 to {MAX_REPS}")
    return int(n)


def check_rpe(value: object) -> float | None:
    if value is None:
        return None
    v = _finite(value, "RPE")
    if not 1 <= v <= 10:
        raise InputError(f"RPE {v:g} is not from 1 to 10")
    return v


def check_rir(value: object) -> float | None:
    if value is None:
        return None
    v = _finite(value, "RIR")
    if not 0 <= v <= 10:
        raise InputError(f"RIR {v:g} is not from 0 to 10")
    return v


def check_seconds(value: object, what: str = "Rest", top: int = MAX_REST_S) -> int | None:
    if value is None:
        return None
    v = _finite(value, what)
    if not 0 <= v <= top:
        raise InputError(f"{what} {v:g} s is not from 0 to {top}")
    return int(v)


def check_when(value: object, what: str = "Date") -> object:
    """A date-time from MIN_YEAR to MAX_YEAR (anything with a `year`)."""
    year = getattr(value, "year", None)
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError(f"{what} {value} is not between {MIN_YEAR} and {MAX_YEAR}")
    return value


def check_text(value: object, what: str, *, max_len: int = MAX_TEXT, name: bool = False) -> str:
    """Stored text: no NUL and no lone surrogate; a name (`name=True`) is one line, not blank,
    with no control characters at all."""
    from .text import has_control

    if not isinstance(value, str):
        raise InputError(f"{what} must be text")
    if "\x00" in value:
        raise InputError(f"{what} holds a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{what} holds an invalid character (a lone surrogate)") from None
    if len(value) > max_len:
        raise InputError(f"{what} is longer than {max_len} characters")
    if name:
        if not value.strip():
            raise InputError(f"{what} is blank")
        if has_control(value):
            raise InputError(f"{what} holds a control character")
    return value


def check_set(weight_kg: object, reps: object, rpe: object = None, rir: object = None) -> None:
    """The numbers of one set as the database may hold them."""
    check_weight_kg(weight_kg)
    check_reps(reps)
    check_rpe(rpe)
    check_rir(rir)


def parse_plate(text: str) -> float:
    """One plate size, in the unit shown: from MIN_PLATE to MAX_PLATE."""
    value = _number(text, "Each plate")
    if not MIN_PLATE <= value <= MAX_PLATE:
        raise InputError(f"Each plate must be from {MIN_PLATE:g} to {MAX_PLATE:g}")
    return value


def parse_plates(text: str) -> tuple[float, ...]:
    """Plate sizes typed as `25 20 15 10 5 2.5 1.25` (commas or semicolons too), heaviest
    first, each once."""
    parts = [p for p in text.replace(";", " ").replace(",", " ").split() if p]
    if not parts:
        raise InputError("List at least one plate size, e.g. 25 20 15 10 5 2.5 1.25")
    return tuple(sorted({parse_plate(p) for p in parts}, reverse=True))


MAX_DISTANCE_M = 1_000_000.0  # 1000 km
MAX_DURATION_S = 24 * 3600
MIN_BODY_KG = 20.0
MAX_BODY_KG = 400.0


def check_distance_m(value: object) -> float | None:
    """A stored distance: above 0 to MAX_DISTANCE_M metres, or None."""
    if value is None:
        return None
    v = _finite(value, "Distance")
    if not 0 < v <= MAX_DISTANCE_M:
        raise InputError(f"Distance {v:g} m is not above 0 and at most {MAX_DISTANCE_M:g} m")
    return v


def check_duration_s(value: object) -> int | None:
    """A stored set duration: 1 s to a day, whole seconds, or None."""
    if value is None:
        return None
    v = _finite(value, "Duration")
    if v != int(v) or not 1 <= v <= MAX_DURATION_S:
        raise InputError(f"Duration {v:g} s is not a whole number from 1 to {MAX_DURATION_S}")
    return int(v)


def check_body_kg(value: object) -> float:
    """A body weight in kg: MIN_BODY_KG to MAX_BODY_KG."""
    v = _finite(value, "Body weight")
    if not MIN_BODY_KG <= v <= MAX_BODY_KG:
        raise InputError(f"Body weight {v:g} kg is not from {MIN_BODY_KG:g} to {MAX_BODY_KG:g} kg")
    return v


def parse_body_weight(text: str, unit: Unit) -> float:
    """A body weight typed in `unit`, in kg, within what the log holds (check_body_kg), the
    limits said in `unit`: the dialog shows this inline before anything is written."""
    value = _number(text, "Body weight")
    kg = to_kg(value, unit)
    if not MIN_BODY_KG <= kg <= MAX_BODY_KG:
        lo, hi = (f"{from_kg(x, unit):.0f}" for x in (MIN_BODY_KG, MAX_BODY_KG))
        raise InputError(f"Body weight {value:g} {unit.value} is not from {lo} to {hi} {unit.value}")
    return kg
