"""Dialogs that change logged sets: edit a set, delete one, a note on the last set, the
session note. They build the dialog; the screen turns the answer into a `LiveSession` action."""

from __future__ import annotations

from typing import Any

from ....domain.model import Exercise, LoadKind, SetEntry, Settings
from ....domain.session_logic import parse_set_type
from ....domain.units import format_weight
from ....domain.validation import (
    check_effort,
    parse_reps,
    parse_rir,
    parse_rpe,
    parse_weight,
)
from ....services.live_session import parse_distance, parse_duration
from ...dialogs import ConfirmDialog, FieldSpec, FormDialog, PickerDialog


def pick_set(title: str, choices: list[tuple[str, SetEntry]]) -> PickerDialog:
    """Every set, newest first, numbered within its lift."""
    return PickerDialog(title, choices)


def edit_form(s: SetEntry, exercise: Exercise | None, settings: Settings) -> FormDialog:
    unit = settings.unit
    kind = exercise.load_kind if exercise else LoadKind.WEIGHTED
    bodyweight = bool(exercise and exercise.bodyweight) or kind is not LoadKind.WEIGHTED
    fields = [
        FieldSpec("weight", f"Weight ({unit.value})", format_weight(s.weight_kg, unit, with_unit=False),
                  parse=lambda t: parse_weight(t, unit, bodyweight=bodyweight)),
        FieldSpec("reps", "Reps", str(s.reps), parse=parse_reps),
        FieldSpec("rpe", "RPE (blank: none)", f"{s.rpe:g}" if s.rpe is not None else "", parse=parse_rpe),
        FieldSpec("rir", "RIR (blank: none)", f"{s.rir:g}" if s.rir is not None else "", parse=parse_rir),
        FieldSpec("type", "Type", s.set_type.value, placeholder="warmup/working/drop/failure", parse=parse_set_type),
        FieldSpec("notes", "Notes", s.notes),
    ]
    if kind is LoadKind.TIMED or kind is LoadKind.DISTANCE:
        fields.insert(0, FieldSpec("duration", "Seconds", str(s.duration_s or ""),
                                   parse=lambda t: parse_duration(t, required=kind is LoadKind.TIMED)))
    if kind is LoadKind.DISTANCE:
        fields.insert(0, FieldSpec("distance", "Metres", f"{s.distance_m:g}" if s.distance_m else "", parse=parse_distance))
    return FormDialog(f"Edit set: {s.exercise_name}", fields, hint="Enter: next / save   Esc: cancel",
                      check=lambda v: check_effort(v["rpe"], v["rir"]))


def confirm_delete(s: SetEntry, line: str) -> ConfirmDialog:
    """`line`: the set as the session writes it (`LiveSession.line`: `BW + 10 kg x 6`)."""
    when = f" at {s.logged_at:%H:%M}" if s.logged_at else ""
    return ConfirmDialog("Delete this set?", f"{s.exercise_name}: {line}{when}")


def note_form(s: SetEntry, line: str) -> FormDialog:
    """`line`: the set as the session writes it (`LiveSession.line`: `BW + 10 kg x 6`)."""
    return FormDialog(f"Note on {s.exercise_name} {line}", [FieldSpec("notes", "Note", s.notes)])


def session_note_form(notes: str) -> FormDialog:
    return FormDialog("Session note", [FieldSpec("notes", "Note", notes)])


class SetEditKeys:
    """The Session screen's keys that change logged sets (mixed into `SessionScreen`)."""

    # ---- keys: set edits ----------------------------------------------------------------------

    def _pick_set(self, title: str, then: Any) -> None:
        if self.live is None or not self.live.state.sets:
            self.panel.message("No sets logged yet", error=True)
            return
        self.app.push_screen(pick_set(title, self.live.set_choices()), lambda s: s is not None and then(s))

    def action_edit_set(self) -> None:
        def edit(s: Any) -> None:
            ex = self.live.exercises.get(s.exercise_id) if self.live else None
            form = edit_form(s, ex, self.blapp.settings)
            self.app.push_screen(form, lambda values: values is not None and self.live is not None and self._do(self.live.edit(s, values)))

        self._pick_set("Edit which set? (# is the set's number in its lift)", edit)

    def action_delete_set(self) -> None:
        def confirm(s: Any) -> None:
            if self.live is None:
                return
            self.app.push_screen(confirm_delete(s, self.live.line(s)),
                                 lambda ok: ok and self.live is not None and self._do(self.live.delete(s)))

        self._pick_set("Delete which set? (# is the set's number in its lift)", confirm)

    def action_undo(self) -> None:
        if self.live is not None:
            self._do(self.live.undo(pending=self.pending_writes()))

    def action_set_note(self) -> None:
        live = self.live
        if live is None:
            return
        if not live.state.sets:
            self.panel.message("Log a set first, then add its note", error=True)
            return
        target = live.state.sets[-1]  # the set the dialog names gets the note
        form = note_form(target, live.line(target))
        self.app.push_screen(form, lambda v: v is not None and self.live is not None and self._do(self.live.set_note(v["notes"], target)))

    def action_session_note(self) -> None:
        if self.live is None:
            return

        def save(values: dict[str, Any] | None) -> None:
            if values is not None and self.live is not None:
                self._do(self.live.session_note(values["notes"]))
                self._show()

        self.app.push_screen(session_note_form(self.live.state.notes), save)
