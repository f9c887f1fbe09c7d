"""Plan mode: the plans, the selected plan in full, the weekly schedule and the plan checks."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from ...domain.model import Exercise, Plan, PlanSummary
from ...domain.plan_checks import PlanCheck, check_plan
from ..widgets.plan_checks_view import PlanChecksView
from ..widgets.plan_detail import PlanDetail
from ..widgets.plan_schedule import WEEKDAY_NAMES, WeekSchedule, day_strip
from .base import ModeScreen
from .plan_catalogue import CatalogueScreen


@dataclass(slots=True)
class PlanView:
    """What the screen shows, fetched in one go by the worker."""

    plans: list[PlanSummary]
    schedule: dict[int, list[int]]
    exercises: dict[int, Exercise]
    plan: Plan | None = None
    checks: list[PlanCheck] = field(default_factory=list)


def _day_bindings() -> list[Binding]:
    return [
        Binding(
            str(wd + 1),
            f"toggle_day({wd})",
            f"Put the plan on {WEEKDAY_NAMES[wd]} / take it off",
            id=f"plan.day{wd + 1}",
            show=False,
        )
        for wd in range(7)
    ]


class PlanScreen(ModeScreen):
    """Plans on the left with the week under them; the selected plan and its checks on
    the right. Digits put the plan on a weekday; `e` opens the exercise catalogue."""

    CSS_PATH = "plan.tcss"
    SUB_TITLE = "Plan"
    BINDINGS = [
        *_day_bindings(),
        Binding("x", "clear_day", "Clear day", id="plan.clear-day"),
        Binding("e", "catalogue", "Exercises", id="plan.catalogue"),
        Binding("r", "reload", "Reload", id="plan.reload", show=False),
    ]

    class Loaded(Message):
        def __init__(self, view: PlanView) -> None:
            super().__init__()
            self.view = view

    def __init__(self) -> None:
        super().__init__()
        self.view: PlanView | None = None
        self.selected: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="plan-body"):
            with Vertical(id="plan-left"):
                plans: DataTable[str] = DataTable(id="plans", cursor_type="row")
                plans.border_title = "Plans"
                yield plans
                week = WeekSchedule(id="week")
                week.border_title = "Week  1-7 on/off · x clear"
                yield week
            with Vertical(id="plan-right"):
                detail = PlanDetail(id="plan-detail")
                detail.border_title = "Plan"
                yield detail
                with VerticalScroll(id="plan-checks-box") as box:
                    box.border_title = "Checks"
                    yield PlanChecksView("Opening database…", id="plan-checks")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#plans", DataTable)
        table.add_column("Plan", width=24)
        table.add_column("Days", width=7)
        self.query_one("#plans").focus()

    def action_reload(self) -> None:
        self.load()

    def load(self) -> None:
        self._load(self.selected)

    # ---- data ------------------------------------------------------------------------

    def _fetch(self, plan_id: int | None) -> PlanView | None:
        """Everything the screen shows, with `plan_id` (or the first plan) in full. Runs in
        a worker thread."""
        repo = self.repo
        if repo is None:
            return None
        plans = repo.plans()
        view = PlanView(plans, repo.schedule(), {e.id: e for e in repo.exercises()})
        ids = [p.id for p in plans]
        if ids:
            chosen = plan_id if plan_id in ids else ids[0]
            view.plan = repo.plan(chosen)
            days = len(next(p.weekdays for p in plans if p.id == chosen))
            view.checks = check_plan(view.plan.items, view.exercises, self.blapp.settings.landmarks, days)
        return view

    @work(thread=True, exclusive=True, exit_on_error=False, group="plan")
    def _load(self, plan_id: int | None) -> None:
        view = self._fetch(plan_id)
        if view is not None:
            self.post_message(self.Loaded(view))

    def on_plan_screen_loaded(self, message: Loaded) -> None:
        view = self.view = message.view
        self.selected = view.plan.id if view.plan else None
        table = self.query_one("#plans", DataTable)
        rows = [
            (str(p.id), p.name, day_strip(p.weekdays))
            for p in view.plans
        ]
        if [r[0] for r in rows] == [k.value for k in table.rows]:
            # same plans: update in place so the cursor stays put
            for key, *cells in rows:
                for col, cell in zip(table.columns, cells):
                    table.update_cell(key, col, cell)
        else:
            table.clear()
            for key, *cells in rows:
                table.add_row(*cells, key=key)
            if self.selected is not None:
                table.move_cursor(row=table.get_row_index(str(self.selected)), animate=False)
        self._show_plan()

    def _show_plan(self) -> None:
        view = self.view
        if view is None:
            return
        self.query_one(PlanDetail).show(view.plan, view.exercises)
        names = {p.id: p.name for p in view.plans}
        self.query_one(WeekSchedule).show(view.schedule, names, self.selected)
        empty = "No plans yet" if not view.plans else "No plan selected"
        self.query_one(PlanChecksView).show(view.checks, empty)

    @on(DataTable.RowHighlighted, "#plans")
    def on_plans_highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value
        # only the lifter's moves select a plan, not the cursor set by a reload
        if key is None or int(key) == self.selected or not event.data_table.has_focus:
            return
        self.selected = int(key)
        self._load(self.selected)

    # ---- schedule --------------------------------------------------------------------

    def action_toggle_day(self, weekday: int) -> None:
        if self.view is None or self.selected is None:
            return
        ids = list(self.view.schedule.get(weekday, []))
        on_day = self.selected in ids
        ids = [i for i in ids if i != self.selected] if on_day else [*ids, self.selected]
        self.query_one(WeekSchedule).move_cursor(row=weekday)
        self._set_day(weekday, ids)

    def action_clear_day(self) -> None:
        if self.view is not None:
            self._set_day(self.query_one(WeekSchedule).weekday, [])

    @work(thread=True, exclusive=True, exit_on_error=False, group="plan-schedule")
    def _set_day(self, weekday: int, plan_ids: list[int]) -> None:
        if self.repo is None:
            return
        self.repo.set_schedule(weekday, plan_ids)
        view = self._fetch(self.selected)
        if view is not None:
            self.post_message(self.Loaded(view))

    # ---- catalogue -------------------------------------------------------------------

    def action_catalogue(self) -> None:
        self.app.push_screen(CatalogueScreen())
