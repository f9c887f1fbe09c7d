"""Dialogs that change logged sets: edit a set, delete one, a note on the last set, the
session note. They build the dialog; the screen turns the answer into a `LiveSession` action."""

from __future__ import annotations

from ....domain.model import Exercise, SetEntry, Settings
from ....domain.session_logic import parse_set_type
from ....domain.units import format_weight
from ....domain.validation import parse_reps, parse_rir, parse_rpe, parse_weight
from ....services.live_session import set_line
from ...dialogs import ConfirmDialog, FieldSpec, FormDialog, PickerDialog


def pick_set(title: str, choices: list[tuple[str, SetEntry]]) -> PickerDialog:
    """Every set, newest first, numbered within its lift."""
    return PickerDialog(title, choices)


def edit_form(s: SetEntry, exercise: Exercise | None, settings: Settings) -> FormDialog:
    unit = settings.unit
    bodyweight = bool(exercise and exercise.bodyweight)
    fields = [
        FieldSpec("weight", f"Weight ({unit.value})", format_weight(s.weight_kg, unit, with_unit=False),
                  parse=lambda t: parse_weight(t, unit, bodyweight=bodyweight)),
        FieldSpec("reps", "Reps", str(s.reps), parse=parse_reps),
        FieldSpec("rpe", "RPE (blank: none)", f"{s.rpe:g}" if s.rpe is not None else "", parse=parse_rpe),
        FieldSpec("rir", "RIR (blank: none)", f"{s.rir:g}" if s.rir is not None else "", parse=parse_rir),
        FieldSpec("type", "Type", s.set_type.value, placeholder="warmup/working/drop/failure", parse=parse_set_type),
        FieldSpec("notes", "Notes", s.notes),
    ]
    return FormDialog(f"Edit set: {s.exercise_name}", fields, hint="Enter: next / save   Esc: cancel")


def confirm_delete(s: SetEntry, settings: Settings) -> ConfirmDialog:
    when = f" at {s.logged_at:%H:%M}" if s.logged_at else ""
    return ConfirmDialog("Delete this set?", f"{s.exercise_name}: {set_line(s, settings)}{when}")


def note_form(s: SetEntry, settings: Settings) -> FormDialog:
    return FormDialog(f"Note on {s.exercise_name} {set_line(s, settings)}", [FieldSpec("notes", "Note", s.notes)])


def session_note_form(notes: str) -> FormDialog:
    return FormDialog("Session note", [FieldSpec("notes", "Note", notes)])
