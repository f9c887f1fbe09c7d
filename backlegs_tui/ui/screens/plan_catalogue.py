"""The exercise catalogue, opened from Plan mode: every exercise with its muscles, spinal
load, kind, rest and load increment; add and edit exercises in a form."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ...domain.exercise_input import ExerciseFields, fields_of
from ...domain.model import Exercise
from ...domain.timer import format_clock
from ...domain.units import format_weight
from ..widgets.plan_exercise_form import ExerciseForm
from ..widgets.table import Table
from .base import AppAccess


@dataclass
class CatalogueLoaded(Message):
    """Posted when the catalogue's job has read every exercise; `select` is the one to put
    the cursor on (None: keep it where it is)."""

    exercises: list[Exercise]
    select: int | None


def muscles_text(e: Exercise) -> Text:
    """Primary muscles, then the secondary ones dimmed."""
    text = Text(", ".join(e.primary))
    if e.secondary:
        text.append(" · " + ", ".join(e.secondary), style="dim")
    return text


class CatalogueScreen(AppAccess, Screen[None]):
    """Lists the exercises; `a` adds one, `enter` or `e` edits the one under the cursor."""

    CSS_PATH = "plan.tcss"
    SUB_TITLE = "Plan · Exercises"
    BINDINGS = [
        # a and e are in the status line above the table; the footer keeps room for Settings
        Binding("a", "add", "Add exercise", id="catalogue.add", show=False),
        Binding("e", "edit", "Edit exercise", id="catalogue.edit", show=False),
        Binding("escape", "close", "Back to plans", id="catalogue.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.exercises: list[Exercise] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading exercises…", id="catalogue-status", classes="muted")
        table: DataTable[str | Text] = Table(id="catalogue", cursor_type="row", zebra_stripes=True)
        table.add_column("Exercise", width=21)
        table.add_column("Muscles: primary · secondary", width=44)
        for label, width in (("Spinal", 8), ("Kind", 9), ("Equipment", 11), ("Rest", 4), ("Step", 8)):
            table.add_column(label, width=width)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def load(self, select: int | None = None) -> None:
        self.blapp.jobs.submit(
            self, "read the exercises", lambda repo: repo.exercises(),
            lambda exercises: CatalogueLoaded(exercises, select), key="catalogue-read",
        )

    def on_catalogue_loaded(self, message: CatalogueLoaded) -> None:
        self.exercises = message.exercises
        unit = self.blapp.settings.unit
        table = self.query_one("#catalogue", DataTable)
        keep = message.select if message.select is not None else self._current_id()
        table.clear()
        for e in self.exercises:
            table.add_row(
                e.name,
                muscles_text(e),
                e.spinal_load.value,
                e.kind.value,
                e.equipment + (" +bw" if e.bodyweight and e.equipment != "bodyweight" else ""),
                format_clock(e.rest_s),
                format_weight(e.increment_kg, unit),
                key=str(e.id),
            )
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        self.query_one("#catalogue-status", Static).update(
            f"{len(self.exercises)} exercises  ·  a add  ·  enter/e edit  ·  esc back"
        )
        table.focus()

    def _current_id(self) -> int | None:
        table = self.query_one("#catalogue", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def _open_form(self, fields: ExerciseFields, exercise_id: int | None) -> None:
        known = [e.name for e in self.exercises if e.id != exercise_id]
        form = ExerciseForm(fields, exercise_id=exercise_id, known=known, unit=self.blapp.settings.unit)
        self.app.push_screen(form, self._saved)

    def _saved(self, exercise: Exercise | None) -> None:
        if exercise is not None:
            self.notify(f"Saved {exercise.name}", timeout=3)
            self.load(select=exercise.id)

    def action_add(self) -> None:
        self._open_form(ExerciseFields(), None)

    @on(DataTable.RowSelected, "#catalogue")
    def action_edit(self) -> None:
        current = self._current_id()
        ex = next((e for e in self.exercises if e.id == current), None)
        if ex is not None:
            names = {e.id: e.name for e in self.exercises}
            self._open_form(fields_of(ex, self.blapp.settings.unit, names), ex.id)

    def action_close(self) -> None:
        self.dismiss(None)
