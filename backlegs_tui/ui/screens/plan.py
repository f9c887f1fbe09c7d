"""Plan mode: the plans, the selected plan in full, the weekly schedule and the plan checks."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header

from ...domain.model import Exercise, Plan, PlanItem, PlanSummary
from ...domain.plan_checks import PlanCheck, check_plan
from ...domain.plan_input import parse_plan_name, parse_reps, parse_sets, parse_target_rpe
from ...store.schema import StoreError
from ..dialogs import ConfirmDialog, FieldSpec, FormDialog, PickerDialog
from ..widgets.plan_checks_view import PlanChecksView
from ..widgets.plan_detail import PlanDetail
from ..widgets.plan_schedule import WEEKDAY_NAMES, WeekSchedule, day_strip
from .base import ModeScreen
from .plan_catalogue import CatalogueScreen

if TYPE_CHECKING:
    from ...store.repository import Repository


WAIT_S = 10.0


class InOrder:
    """Lets worker threads in one at a time, in the order their tickets were issued."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._issued = 0
        self._done = 0

    def ticket(self) -> int:
        """Called on the UI thread when a job is asked for."""
        with self._cond:
            self._issued += 1
            return self._issued

    def superseded(self, ticket: int) -> bool:
        return ticket < self._issued

    @contextmanager
    def turn(self, ticket: int) -> Iterator[None]:
        with self._cond:
            # a job that never ran (the app closing) must not hold the others forever
            self._cond.wait_for(lambda: self._done >= ticket - 1, timeout=WAIT_S)
        try:
            yield
        finally:
            with self._cond:
                self._done = max(self._done, ticket)
                self._cond.notify_all()


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
        Binding("n", "new_plan", "New plan", id="plan.new"),
        Binding("a", "add_item", "Add exercise", id="plan.add-item"),
        Binding("delete", "remove_item", "Remove exercise", id="plan.remove-item", key_display="del"),
        Binding("shift+up", "move_item(-1)", "Move exercise up", id="plan.item-up", show=False),
        Binding("shift+down", "move_item(1)", "Move exercise down", id="plan.item-down", show=False),
        Binding("D", "delete_plan", "Delete plan", id="plan.delete", show=False),
        Binding("escape", "back_to_plans", "Back to the plans", id="plan.back", show=False),
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
        self._gate = InOrder()

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
        self._load(None)

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

    def _load(self, plan_id: int | None) -> None:
        """Reload showing `plan_id`, or (None) whichever plan is selected when it runs."""
        self._write(None, plan_id)

    def _write(self, change: Callable[[Repository], int | None] | None, plan_id: int | None = None) -> None:
        """Run `change` (a write; None for a plain reload) in a worker, then reload showing
        the plan it returns, or `plan_id`, or the selected one. Jobs run one at a time in
        the order they were asked for, so a reload never reads before an earlier write."""
        self._db_job(change, plan_id, self._gate.ticket())

    @work(thread=True, exit_on_error=False, group="plan")
    def _db_job(self, change: Callable[[Repository], int | None] | None, plan_id: int | None, ticket: int) -> None:
        with self._gate.turn(ticket):
            repo = self.repo
            if repo is None:
                return
            if change is not None:
                try:
                    made = change(repo)
                    if made is not None:
                        # a reload queued behind this job must show the plan it made
                        plan_id = self.selected = made
                except StoreError as exc:
                    self.app.call_from_thread(self.notify, str(exc), severity="error")
            elif self._gate.superseded(ticket):
                return  # a later reload is queued: it shows the same, fresher
            view = self._fetch(plan_id if plan_id is not None else self.selected)
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
        table = event.data_table
        # read the cursor as it is now: a highlight queued while a reload rebuilt the table is stale
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value if table.row_count else None
        if key is None or int(key) == self.selected or not table.has_focus:
            return
        self.selected = int(key)
        self._load(self.selected)

    @on(DataTable.RowSelected, "#plans")
    def _open_items(self) -> None:
        self.query_one("#plan-items").focus()

    def action_back_to_plans(self) -> None:
        self.query_one("#plans").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back_to_plans":
            return self.is_mounted and self.focused is not self.query_one("#plans")
        return True

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

    def _set_day(self, weekday: int, plan_ids: list[int]) -> None:
        self._write(lambda repo: repo.set_schedule(weekday, plan_ids))

    # ---- building plans ----------------------------------------------------------------

    def action_new_plan(self) -> None:
        if self.view is None:
            return
        choices: list[tuple[str, int | str]] = [("Empty plan", "empty")]
        choices += [(f"Copy of {p.name}", p.id) for p in self.view.plans]
        taken = [p.name for p in self.view.plans]

        def named(copy_from: int | None, values: dict[str, Any] | None) -> None:
            if values:
                self._write(lambda repo: repo.new_plan(values["name"], copy_from).id)

        def picked(choice: int | str | None) -> None:
            if choice is None:  # cancelled
                return
            copy_from = choice if isinstance(choice, int) else None
            source = next((p.name for p in self.view.plans if p.id == copy_from), None) if self.view else None
            form = FormDialog(
                "Name the new plan",
                [FieldSpec("name", "Name", f"{source} (copy)" if source else "",
                           parse=lambda text: parse_plan_name(text, taken))],
                hint="Enter: create   Esc: cancel",
            )
            self.app.push_screen(form, lambda values: named(copy_from, values))

        self.app.push_screen(PickerDialog("Start from", choices, search=False), picked)

    def action_add_item(self) -> None:
        if self.view is None or self.selected is None:
            return
        plan_id = self.selected
        exercises = sorted(self.view.exercises.values(), key=lambda e: e.name)

        def targets(ex: Exercise | None) -> None:
            if ex is None:
                return
            form = FormDialog(
                f"Add {ex.name}",
                [
                    FieldSpec("sets", "Sets (3 or 3-4)", "3", parse=parse_sets),
                    FieldSpec("reps", "Reps (8 or 8-12)", "8-12", parse=parse_reps),
                    FieldSpec("rpe", "Target RPE (blank: none)", "8", parse=parse_target_rpe),
                ],
                hint="Enter: next / add   Esc: cancel",
            )

            def add(values: dict[str, Any] | None) -> None:
                if values:
                    self._write(lambda repo: repo.add_plan_item(
                        plan_id, ex.id, values["sets"], values["reps"], values["rpe"]).id)

            self.app.push_screen(form, add)

        choices = [(f"{e.name}  ·  {e.kind.value}, {e.spinal_load.value} spinal", e) for e in exercises]
        self.app.push_screen(PickerDialog("Add which exercise?", choices), targets)

    def _current_item(self) -> PlanItem | None:
        plan = self.view.plan if self.view else None
        table = self.query_one("#plan-items", DataTable)
        if plan is None or not plan.items or not table.row_count:
            return None
        return plan.items[min(table.cursor_row, len(plan.items) - 1)]

    def action_remove_item(self) -> None:
        item = self._current_item()
        if item is None or item.id is None:
            return
        item_id = item.id

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._write(lambda repo: repo.remove_plan_item(item_id))

        self.app.push_screen(ConfirmDialog(f"Remove {item.exercise_name} from this plan?"), confirmed)

    def action_move_item(self, step: int) -> None:
        item = self._current_item()
        if item is None or item.id is None:
            return
        item_id = item.id
        table = self.query_one("#plan-items", DataTable)
        table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))
        self._write(lambda repo: repo.move_plan_item(item_id, step))

    def action_delete_plan(self) -> None:
        plan = self.view.plan if self.view else None
        if plan is None:
            return
        plan_id = plan.id

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.selected = None
                self._write(lambda repo: repo.delete_plan(plan_id))

        detail = "Its days on the schedule are cleared; past sessions keep their sets."
        self.app.push_screen(ConfirmDialog(f"Delete the plan {plan.name!r}?", detail), confirmed)

    # ---- catalogue -------------------------------------------------------------------

    def action_catalogue(self) -> None:
        self.app.push_screen(CatalogueScreen())
