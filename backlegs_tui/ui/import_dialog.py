"""Import history from the palette: format (detected from the file by default), file and unit
(the app's by default; a file that names its unit keeps it) in a small dialog, the import as a
job on the app's job runner (the same code path as `backlegs import`), then the full report
(what was read, each exercise matched or created, every skipped row with its line) in a
scrollable dialog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static

from ..domain.model import Unit
from .dialogs import Dialog, InfoDialog
from .jobs import JobFailed
from .messages import StoreReady

if TYPE_CHECKING:
    from ..store.repository import Repository

FORMATS = [
    ("Detect from the file", "auto"),
    ("Strong (CSV)", "strong"),
    ("Hevy (CSV)", "hevy"),
    ("FitNotes (CSV)", "fitnotes"),
    ("backlegs JSON", "json"),
]
UNITS = [("As the file says", ""), ("kg", "kg"), ("lb", "lb")]


@dataclass
class ImportFinished(Message):
    """Posted when the import job has ended: `summary` on success, else `problem` (one
    line the lifter can act on: choose the unit, fix the path)."""

    summary: Any = None
    problem: str | None = None


def report_text(summary: Any) -> str:
    """The whole report: every skipped row with its line (not only the first twenty)."""
    from ..exchange.importing import SHOWN_SKIPS, printable

    lines = summary.lines()
    if len(summary.skipped) > SHOWN_SKIPS:
        rest = [printable(f"  {f'line {s.line}' if s.line is not None else '-'}: {s.reason}")
                for s in summary.skipped[SHOWN_SKIPS:]]
        at = next(i for i, line in enumerate(lines) if "(--json lists them all)" in line)
        lines[at:at + 1] = rest
    return "\n".join(lines)


def import_job(fmt: str, path: Path, unit: Unit | None):  # noqa: ANN201 - a job for JobRunner.submit
    """The import, run in the job worker; a file problem is returned, not raised."""

    def run(repo: Repository) -> ImportFinished:
        from ..exchange.common import BadFile, NeedsUnit, detect_format
        from ..exchange.importing import import_file

        try:
            chosen = detect_format(path) if fmt == "auto" else fmt
            return ImportFinished(summary=import_file(repo, chosen, path, unit))
        except NeedsUnit:
            return ImportFinished(problem="This file does not say whether weights are kg or lb: choose the unit.")
        except BadFile as exc:
            return ImportFinished(problem=f"{path.name}: {exc}")

    return run


class ImportDialog(Dialog):
    """Asks which export to import; imports it and notifies what was imported.

    Errors (a missing file, a file that is not what it claims, a unit to choose) show in the
    dialog, which stays open to fix them; Escape closes it."""

    DEFAULT_CSS = """
    ImportDialog Select { width: 1fr; }
    ImportDialog #import-buttons { margin-top: 1; align-horizontal: right; }
    ImportDialog #import-buttons Button { margin-left: 1; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Import history", classes="title")
            with Horizontal():
                yield Label("Exported by")
                yield Select(FORMATS, value="auto", allow_blank=False, id="import-format")
            with Horizontal():
                yield Label("File")
                yield Input(placeholder="~/Downloads/strong.csv", id="import-path")
            with Horizontal():
                yield Label("Weight unit")
                yield Select(UNITS, value=self._app_unit(), allow_blank=False, id="import-unit")
            yield Static("", id="import-status", classes="error")
            with Horizontal(id="import-buttons"):
                yield Button("Import", variant="primary", id="import-go")
                yield Button("Cancel", id="import-cancel")
            yield Static("Importing the same file twice adds nothing.", classes="hint")

    def _app_unit(self) -> str:
        settings = getattr(self.app, "settings", None)
        unit = getattr(settings, "unit", None)
        return unit.value if isinstance(unit, Unit) else ""

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    @on(Button.Pressed, "#import-cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-go")
    def start(self) -> None:
        text = self.query_one("#import-path", Input).value.strip()
        if not text:
            self._status("Type the path of the exported file.")
            return
        if getattr(self.app, "repo", None) is None:
            self._status("The database is not open yet; try again in a moment.")
            return
        fmt = str(self.query_one("#import-format", Select).value)
        unit_value = str(self.query_one("#import-unit", Select).value)
        from ..exchange.common import BadFile, import_path

        try:
            path = import_path(text)
        except BadFile as exc:
            self._status(str(exc))
            return
        self._busy(True)
        self._status("Importing…", error=False)
        unit = Unit(unit_value) if unit_value else None
        self.app.jobs.submit(self, f"import {path.name}", import_job(fmt, path, unit), lambda finished: finished)  # type: ignore[attr-defined]

    def on_import_finished(self, message: ImportFinished) -> None:
        if message.problem is not None:
            self._failed(message.problem)
        else:
            self._done(message.summary)

    def on_job_failed(self, message: JobFailed) -> None:
        message.stop()
        self._failed(message.line)

    def _done(self, summary: Any) -> None:
        app = self.app
        self.dismiss(None)
        report = Text(report_text(summary))  # text from the file: never markup
        app.push_screen(InfoDialog("Import report", report, hint="↑↓ PgUp PgDn: scroll   Enter / Esc: close"))
        screens = list(getattr(app, "mode_screens", lambda: [])()) or [app.screen]
        for screen in screens:
            screen.post_message(StoreReady())
        if (fatigue := getattr(app, "fatigue", None)) is not None:
            fatigue.refresh()  # the header badge: the imported history may end in a warning

    def _failed(self, message: str) -> None:
        self._busy(False)
        self._status(message)

    def _busy(self, busy: bool) -> None:
        for widget in self.query("Input, Select, #import-go"):
            widget.disabled = busy

    def _status(self, text: str, *, error: bool = True) -> None:
        status = self.query_one("#import-status", Static)
        status.set_class(error, "error")
        status.update(text)
