"""History -> Progress: the lifts with history, and the one under the cursor: its best
e1RM per session, its records and its recent sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable

from ...domain.history import ExerciseProgress, ExerciseUse
from ..jobs import JobFailed
from ..widgets.chart_progress import progress_points
from ..widgets.history_progress import LinesRead, ProgressView
from ..widgets.table import Table
from .base import AppAccess
from .history_sessions import cursor_key

PROGRESS_DAYS = 365  # the default range of the progress line (t shows all time)


@dataclass
class ExercisesRead(Message):
    """Posted when a job has read the exercises that have logged sets."""

    uses: list[ExerciseUse]


@dataclass
class ProgressRead(Message):
    """Posted when a job has read one exercise's progress."""

    progress: ExerciseProgress


class ProgressPanel(AppAccess, Horizontal):
    """The exercise list and the selected exercise's progress."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.exercise_id: int | None = None
        self.all_time = False
        self.progress: ExerciseProgress | None = None
        # every lift's chart line, read once after the first chart: any other lift's chart
        # then shows at once, before its records are read
        self.lines: dict[int, list] | None = None
        self._lines_asked = False
        self.names: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        table: DataTable[str] = Table(id="history-exercises", cursor_type="row")
        table.border_title = "Exercises"
        yield table
        yield ProgressView(id="progress-view")

    def on_mount(self) -> None:
        table = self.query_one("#history-exercises", DataTable)
        for label, key in (("Exercise", "name"), ("Sets", "sets"), ("Last", "last")):
            table.add_column(label, key=key)

    def load(self) -> None:
        self.lines, self._lines_asked = None, False
        self.blapp.jobs.submit(
            self, "read the exercises", lambda repo: ExercisesRead(repo.exercises_with_history()),
            lambda read: read, key="history-exercises",
        )

    def _read_progress(self, exercise_id: int) -> None:
        def read() -> None:
            self.blapp.jobs.submit(
                self, "read the progress", lambda repo: ProgressRead(repo.exercise_progress(exercise_id)),
                lambda read: read, key="history-progress",
            )

        if self.lines is None:
            read()
        else:  # the chart first: the records' read (a thread) starts once it is painted
            self._show_chart()
            self.call_after_refresh(read)

    def on_job_failed(self, message: JobFailed) -> None:
        message.stop()
        self.notify(message.line, severity="error", markup=False)

    def on_exercises_read(self, message: ExercisesRead) -> None:
        message.stop()
        table = self.query_one("#history-exercises", DataTable)
        table.clear()
        for u in message.uses:
            table.add_row(u.name, str(u.set_count), f"{u.last_at:%Y-%m-%d}", key=str(u.exercise_id))
        table.border_title = f"Exercises ({len(message.uses)})"
        self.names = {u.exercise_id: u.name for u in message.uses}
        ids = [u.exercise_id for u in message.uses]
        if not ids:
            self.exercise_id = None
            self.query_one(ProgressView).show(None, self.blapp.settings.unit, None)
            return
        if self.exercise_id not in ids:
            self.exercise_id = ids[0]
        table.move_cursor(row=ids.index(self.exercise_id), animate=False)
        self._read_progress(self.exercise_id)

    @on(DataTable.RowHighlighted, "#history-exercises")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        key = cursor_key(event.data_table)
        if key is not None and int(key) != self.exercise_id:
            self.exercise_id = int(key)
            self._read_progress(self.exercise_id)

    def on_progress_read(self, message: ProgressRead) -> None:
        message.stop()
        if message.progress.exercise_id == self.exercise_id:
            self.progress = message.progress
            self.show_progress(chart=self.lines is None)
        if not self._lines_asked:
            self._lines_asked = True
            self.blapp.jobs.submit(
                self, "read the progress lines", lambda repo: LinesRead(repo.progress_lines()),
                lambda read: read, key="history-lines",
            )

    def on_lines_read(self, message: LinesRead) -> None:
        message.stop()
        self.lines = message.lines
        self._show_chart()

    def _since(self):  # noqa: ANN202
        today = self.blapp.clock().date()
        return None if self.all_time else today - timedelta(days=PROGRESS_DAYS)

    def _show_chart(self) -> None:
        if self.lines is None or self.exercise_id is None:
            return
        points = progress_points(self.lines.get(self.exercise_id, []), self._since())
        name = self.names.get(self.exercise_id, "")
        self.query_one(ProgressView).show_chart(name, points, self.blapp.settings.unit, self._since())

    def show_progress(self, chart: bool = True) -> None:
        self.query_one(ProgressView).show(self.progress, self.blapp.settings.unit, self._since(), chart=chart)

    def step(self, step: int) -> None:
        table = self.query_one("#history-exercises", DataTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))

    def toggle_range(self) -> None:
        self.all_time = not self.all_time
        self.show_progress(chart=self.lines is None)
        self._show_chart()
