"""Plan mode: templates, the weekly schedule, plan checks."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from ...domain.model import PlanSummary
from .base import ModeScreen


class PlanScreen(ModeScreen):
    """Lists the plans in the database."""

    CSS_PATH = "plan.tcss"
    BINDINGS = [Binding("r", "reload", "Reload", id="plan.reload")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Opening database…", id="plan-status", classes="muted")
        yield DataTable(id="plans", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#plans", DataTable).add_columns("Plan", "Exercises", "Days")

    def action_reload(self) -> None:
        self.load()

    def load(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="plan")
    def _load(self) -> None:
        assert self.repo is not None
        plans = self.repo.plans()
        self.app.call_from_thread(self._show, plans)

    def _show(self, plans: list[PlanSummary]) -> None:
        days = "Mon Tue Wed Thu Fri Sat Sun".split()
        table = self.query_one("#plans", DataTable)
        table.clear()
        for p in plans:
            table.add_row(p.name, str(p.exercise_count), " ".join(days[d] for d in p.weekdays) or "-", key=str(p.id))
        self.query_one("#plan-status", Static).update(f"{len(plans)} plans")
