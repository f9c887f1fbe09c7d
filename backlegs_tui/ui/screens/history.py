"""History mode: past sessions, progress, records, volume."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from ...domain.model import SessionSummary
from ...domain.units import format_weight
from .base import ModeScreen


class HistoryScreen(ModeScreen):
    """Lists finished sessions, newest first."""

    CSS_PATH = "history.tcss"
    BINDINGS = [Binding("r", "reload", "Reload", id="history.reload")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Opening database…", id="history-status", classes="muted")
        yield DataTable(id="sessions", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sessions", DataTable).add_columns("Date", "Session", "Sets", "Volume", "sRPE")

    def action_reload(self) -> None:
        self.load()

    def load(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="history")
    def _load(self) -> None:
        assert self.repo is not None
        rows = self.repo.sessions(limit=500)
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[SessionSummary]) -> None:
        unit = self.blapp.settings.unit
        table = self.query_one("#sessions", DataTable)
        table.clear()
        for s in rows:
            table.add_row(
                s.started_at.strftime("%a %Y-%m-%d %H:%M"),
                s.name,
                str(s.set_count),
                format_weight(s.volume_kg, unit),
                f"{s.session_rpe:g}" if s.session_rpe is not None else "-",
                key=str(s.id),
            )
        self.query_one("#history-status", Static).update(f"{len(rows)} sessions")
