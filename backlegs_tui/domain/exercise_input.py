"""The exercise form's fields, parsed into an ExerciseDraft. Every field is checked and
every problem is reported at once, each with a message fit to show under its field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import MUSCLES, Exercise, ExerciseDraft, ExerciseKind, SpinalLoad, Unit
from .text import has_control
from .timer import format_clock
from .units import clean, from_kg, to_kg

EQUIPMENT: tuple[str, ...] = ("barbell", "dumbbell", "machine", "cable", "bodyweight", "kettlebell", "band", "other")
NAME_MAX = 120
EQUIPMENT_MAX = 20
REST_MIN_S, REST_MAX_S = 10, 900
INCREMENT_MAX_KG = 50.0


class FormErrors(ValueError):
    """Field name to message, for every field that is wrong."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)


@dataclass(frozen=True, slots=True)
class ExerciseFields:
    """The form as typed: text fields are raw strings."""

    name: str = ""
    primary: str = ""
    secondary: str = ""
    spinal_load: SpinalLoad = SpinalLoad.LOW
    kind: ExerciseKind = ExerciseKind.COMPOUND
    equipment: str = "barbell"
    rest: str = "2:00"
    increment: str = "2.5"
    bodyweight: bool = False
    alternatives: str = ""


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]


def _muscles(text: str, what: str, errors: dict[str, str], key: str) -> tuple[str, ...]:
    names = [m.lower() for m in _split(text)]
    unknown = [m for m in names if m not in MUSCLES]
    if unknown:
        errors[key] = f"{what}: unknown muscle {unknown[0]!r}; use {', '.join(MUSCLES)}"
    return tuple(dict.fromkeys(names))


def parse_rest(text: str) -> int:
    """Rest as minutes and seconds (`1:30`, as the plan's forms take it) or seconds (`90`)."""
    t = text.strip()
    if not t:
        raise ValueError("Rest is blank")
    try:
        if ":" in t:
            m, _, s = t.partition(":")
            if len(s) != 2:
                raise ValueError
            seconds = int(m) * 60 + int(s)
        else:
            seconds = int(t)
    except ValueError:
        raise ValueError(f"Rest must be m:ss (1:30) or seconds (90), not {t!r}") from None
    if not REST_MIN_S <= seconds <= REST_MAX_S:
        raise ValueError(f"Rest must be from {format_clock(REST_MIN_S)} to {format_clock(REST_MAX_S)}")
    return seconds


def parse_increment(text: str, unit: Unit) -> float:
    """The smallest load jump, typed in `unit`, in kg."""
    t = text.strip().replace(",", ".")
    try:
        value = float(t)
    except ValueError:
        raise ValueError(f"Increment must be a number, not {t!r}" if t else "Increment is blank") from None
    if not value > 0:
        raise ValueError("Increment must be above 0")
    kg = to_kg(value, unit)
    if kg > INCREMENT_MAX_KG:
        raise ValueError(f"Increment over {from_kg(INCREMENT_MAX_KG, unit):.0f} {unit.value}: check the number")
    return kg


def parse_exercise(fields: ExerciseFields, unit: Unit, known: Iterable[str]) -> ExerciseDraft:
    """The draft the fields describe, or FormErrors naming each bad field.

    `known` is the names of the other exercises (for alternatives). Duplicate names are
    the store's to refuse."""
    errors: dict[str, str] = {}
    name = " ".join(fields.name.split())
    if not name:
        errors["name"] = "Name is blank"
    elif len(name) > NAME_MAX:
        errors["name"] = f"Name is longer than {NAME_MAX} characters"
    elif has_control(name):  # a pasted escape sequence would reach every screen and export
        errors["name"] = "Name holds a control character"
    primary = _muscles(fields.primary, "Primary", errors, "primary")
    if not primary and "primary" not in errors:
        errors["primary"] = "Name at least one primary muscle (e.g. quads, glutes)"
    secondary = _muscles(fields.secondary, "Secondary", errors, "secondary")
    both = [m for m in secondary if m in primary]
    if both and "secondary" not in errors:
        errors["secondary"] = f"{both[0]} is already primary"
    equipment = fields.equipment.strip().lower()
    if not equipment or len(equipment) > EQUIPMENT_MAX:
        errors["equipment"] = f"Equipment: one word up to {EQUIPMENT_MAX} characters (e.g. {EQUIPMENT[0]})"
    rest = 0
    try:
        rest = parse_rest(fields.rest)
    except ValueError as exc:
        errors["rest"] = str(exc)
    increment = 0.0
    try:
        increment = parse_increment(fields.increment, unit)
    except ValueError as exc:
        errors["increment"] = str(exc)
    by_lower = {k.lower(): k for k in known}
    alternatives = []
    for a in _split(fields.alternatives):
        if a.lower() == name.lower():
            errors["alternatives"] = "An exercise cannot be its own alternative"
        elif a.lower() not in by_lower:
            errors["alternatives"] = f"No exercise called {a!r}"
        else:
            alternatives.append(by_lower[a.lower()])
    if errors:
        raise FormErrors(errors)
    return ExerciseDraft(
        name=name,
        primary=primary,
        secondary=secondary,
        spinal_load=fields.spinal_load,
        kind=fields.kind,
        equipment=equipment,
        rest_s=rest,
        increment_kg=increment,
        bodyweight=fields.bodyweight,
        alternatives=tuple(dict.fromkeys(alternatives)),
    )


def fields_of(ex: Exercise, unit: Unit, names: Mapping[int, str]) -> ExerciseFields:
    """The form filled in from a saved exercise (`names` maps ids to names)."""
    return ExerciseFields(
        name=ex.name,
        primary=", ".join(ex.primary),
        secondary=", ".join(ex.secondary),
        spinal_load=ex.spinal_load,
        kind=ex.kind,
        equipment=ex.equipment,
        rest=format_clock(ex.rest_s),
        increment=f"{clean(from_kg(ex.increment_kg, unit), 0.01):g}",
        bodyweight=ex.bodyweight,
        alternatives=", ".join(names[i] for i in ex.alternative_ids if i in names),
    )
