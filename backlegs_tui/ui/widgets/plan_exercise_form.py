"""The exercise form: add a new exercise to the catalogue or edit one.

Every field is checked on save and each problem is shown under its field; a name the store
refuses (a duplicate) is shown under the name. Dismisses with the saved Exercise, or None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static

from ...domain.exercise_input import EQUIPMENT, ExerciseFields, FormErrors, parse_exercise
from ...domain.model import Exercise, ExerciseDraft, ExerciseKind, SpinalLoad, Unit
from ..jobs import JobFailed

if TYPE_CHECKING:
    from ...store.repository import Repository


@dataclass
class ExerciseSaved(Message):
    """Posted when the form's job has added or updated the exercise."""

    exercise: Exercise

FIELDS = (
    ("name", "Name"),
    ("primary", "Primary"),
    ("secondary", "Secondary"),
    ("spinal_load", "Spinal load"),
    ("kind", "Kind"),
    ("equipment", "Equipment"),
    ("rest", "Rest (m:ss)"),
    ("increment", "Increment"),
    ("bodyweight", "Bodyweight"),
    ("alternatives", "Alternatives"),
)


class ExerciseForm(ModalScreen["Exercise | None"]):
    """Add (exercise None) or edit an exercise. `known` is every exercise name (for
    alternatives); weights are typed in `unit`."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="exercise-form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="exercise-form.cancel"),
    ]

    def __init__(
        self, fields: ExerciseFields, *, exercise_id: int | None, known: list[str], unit: Unit
    ) -> None:
        super().__init__()
        self.fields = fields
        self.exercise_id = exercise_id
        self.known = known
        self.unit = unit

    def compose(self) -> ComposeResult:
        f = self.fields
        equipment = list(EQUIPMENT) + ([f.equipment] if f.equipment not in EQUIPMENT else [])
        widgets: dict[str, Widget] = {
            "name": Input(f.name, placeholder="e.g. Hack squat", max_length=120),
            "primary": Input(f.primary, placeholder="muscles, comma separated: quads, glutes"),
            "secondary": Input(f.secondary, placeholder="muscles at half a set each: hamstrings"),
            "spinal_load": Select([(s.value, s) for s in SpinalLoad], value=f.spinal_load, allow_blank=False),
            "kind": Select([(k.value, k) for k in ExerciseKind], value=f.kind, allow_blank=False),
            "equipment": Select([(e, e) for e in equipment], value=f.equipment, allow_blank=False),
            "rest": Input(f.rest, placeholder="m:ss (1:30) or seconds (90)"),
            "increment": Input(f.increment, placeholder=f"smallest load jump in {self.unit.value}"),
            "bodyweight": Checkbox("load is added to bodyweight", f.bodyweight),
            "alternatives": Input(f.alternatives, placeholder="exercise names, comma separated"),
        }
        # the title and the keys sit on the border, and the fields scroll under them: the
        # whole dialog fits 80x24, errors shown too
        form = VerticalScroll(id="exercise-form")
        form.border_title = "Edit exercise" if self.exercise_id is not None else "New exercise"
        form.border_subtitle = "ctrl+s or enter saves · esc cancels · tab moves"
        with form:
            for key, label in FIELDS:
                w = widgets[key]
                w.id = f"field-{key}"
                w.compact = True  # type: ignore[attr-defined]
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    yield w
                yield Static("", id=f"error-{key}", classes="form-error")
            yield Static("", id="error-form", classes="form-error")

    def on_mount(self) -> None:
        self.query_one("#field-name").focus()

    def _value(self, key: str) -> str:
        return self.query_one(f"#field-{key}", Input).value

    def read_fields(self) -> ExerciseFields:
        return ExerciseFields(
            name=self._value("name"),
            primary=self._value("primary"),
            secondary=self._value("secondary"),
            spinal_load=cast(SpinalLoad, self.query_one("#field-spinal_load", Select).value),
            kind=cast(ExerciseKind, self.query_one("#field-kind", Select).value),
            equipment=cast(str, self.query_one("#field-equipment", Select).value),
            rest=self._value("rest"),
            increment=self._value("increment"),
            bodyweight=self.query_one("#field-bodyweight", Checkbox).value,
            alternatives=self._value("alternatives"),
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, _ in (*FIELDS, ("form", "")):
            box = self.query_one(f"#error-{key}", Static)
            box.update(errors.get(key, ""))
            box.display = key in errors
        first = next((k for k, _ in FIELDS if k in errors), None)
        if first is not None:
            self.query_one(f"#field-{first}").focus()

    @on(Input.Submitted)
    def action_save(self) -> None:
        try:
            draft = parse_exercise(self.read_fields(), self.unit, self.known)
        except FormErrors as exc:
            self.show_errors(exc.errors)
            return
        self.show_errors({})
        self._save(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _save(self, draft: ExerciseDraft) -> None:
        exercise_id = self.exercise_id

        def save(repo: Repository) -> Exercise:
            if exercise_id is None:
                return repo.add_exercise(draft)
            return repo.update_exercise(exercise_id, draft)

        self.app.jobs.submit(self, f"save {draft.name}", save, ExerciseSaved)  # type: ignore[attr-defined]

    def on_exercise_saved(self, message: ExerciseSaved) -> None:
        self.dismiss(message.exercise)

    def on_job_failed(self, message: JobFailed) -> None:
        """Refused by the store (a duplicate name) or failed: said under the field."""
        message.stop()
        reason = message.line.split(": ", 1)[-1]
        reason = reason[:1].upper() + reason[1:]
        self.show_errors({"name": reason} if "name" in reason or "called" in reason else {"form": message.line})
