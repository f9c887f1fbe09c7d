"""Plan mode: the plans and the week (left, or on top when the terminal is narrow), the
selected plan in full and its checks.

Every read and write is a job on the app's job runner (`plan_data`); the dialogs that build
a plan live in `plan_build`.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header

from ..footer import ModeFooter
from ..dialogs import ConfirmDialog
from ..jobs import JobFailed
from ..widgets.plan_checks_view import ChecksBox, PlanChecksView
from ..widgets.plan_detail import PlanDetail
from ..widgets.plan_fit import clip
from ..widgets.plan_schedule import (
    WEEKDAY_NAMES,
    PlansTable,
    WeekSchedule,
    cleared_line,
    day_strip,
    week_sets_lines,
)
from .base import ModeScreen
from .plan_build import PlanBuilding
from .plan_catalogue import CatalogueScreen
from .plan_data import Change, MadeByJobs, PlanLoaded, PlanView, change_then_read
from .plan_text_edit import PlanTextEditing


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


def week_titles(view: PlanView, weeks: int, muscles: list[str]) -> tuple[list[str], list[str]]:
    """The week box's title and subtitle, each from its fullest form to its shortest (the
    box shows the first that fits: at 80 columns it is 40 wide)."""
    n = view.mesocycle_week
    if view.deload_week:  # first, where a narrow box cannot cut it off
        long, short = (f"Week {n} of {weeks} · ", f"Wk {n}/{weeks} · ") if n else ("", "")
        titles = [f"{long}DELOAD WEEK · L: take back", f"{long}DELOAD WEEK · L: undo", f"{short}DELOAD WEEK · L: undo"]
    else:
        long, short = (f"Week {n} of {weeks}", f"Wk {n}/{weeks}") if n is not None else ("Week", "Week")
        titles = [f"{long}  1-7 on/off · x clear · L deload", f"{long}  1-7 · x clear · L deload",
                  f"{short}  1-7 · x clear · L deload", f"{short}  1-7 · x · L"]
    lines = week_sets_lines(view.week_sets, muscles)
    pre = "deload " if view.deload_week else ""  # the week's sets as the deload runs them
    subtitles = [f"{pre}sets/wk {line}" for line in lines] + [f"{pre}sets {lines[-1]}", lines[-1]]
    return titles, subtitles


def deload_note(sets: float | None = None, load: float | None = None) -> str:
    """What `L` changed, in one line: the deload week on (with its share of the sets and
    load, which the week's minutes and sets now show) or off."""
    if sets is None or load is None:
        return "Deload week off: the week shows the plans' own sets and minutes again"
    return (f"Deload week on: about {sets * 100:.0f} % of the sets at {load * 100:.0f} % of the load "
            "(the week's minutes and sets show it)")


class PlanScreen(PlanTextEditing, PlanBuilding, ModeScreen):
    """Plans with the week; the selected plan and its checks. Digits put the plan on a
    weekday; `e` opens the exercise catalogue."""

    CSS_PATH = "plan.tcss"
    SUB_TITLE = "Plan"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    BINDINGS = [
        *_day_bindings(),
        # x, a, del, p and e are named in the panels' own hints (the plans', the week's and the
        # plan's borders); the footer keeps room for the modes, help and Settings at 80 columns
        Binding("x", "clear_day", "Clear day", id="plan.clear-day", show=False),
        Binding("n", "new_plan", "New plan", id="plan.new"),
        Binding("a", "add_item", "Add exercise", id="plan.add-item", show=False),
        Binding("delete", "remove_item", "Remove exercise", id="plan.remove-item", key_display="del", show=False),
        Binding("shift+up", "move_item(-1)", "Move exercise up", id="plan.item-up", show=False),
        Binding("shift+down", "move_item(1)", "Move exercise down", id="plan.item-down", show=False),
        Binding("D", "delete_plan", "Delete plan", id="plan.delete", show=False),
        Binding("p", "edit_plan", "Plan details", id="plan.edit-plan", show=False),
        Binding("c", "duplicate_plan", "Copy plan", id="plan.duplicate", show=False),
        Binding("R", "ready_plans", "Add the ready plans", id="plan.ready", show=False),
        Binding("L", "deload_week", "Deload this week / not", id="plan.deload-week", show=False),
        Binding("E", "edit_text", "Edit the plan as text in $EDITOR", id="plan.edit-text", show=False),
        Binding("escape", "back_to_plans", "Back to the plans", id="plan.back", show=False),
        Binding("e", "catalogue", "Exercises", id="plan.catalogue", show=False),
        Binding("r", "reload", "Reload", id="plan.reload", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: PlanView | None = None
        self.selected: int | None = None
        self._made = MadeByJobs()
        self.kept_text: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="plan-body"):
            with Vertical(id="plan-left"):
                plans = PlansTable(id="plans", cursor_type="row")
                plans.border_title = "Plans  n new · e exercises"
                yield plans
                week = WeekSchedule(id="week")
                week.border_title = "Week  1-7 on/off · x clear"
                yield week
            with Vertical(id="plan-right"):
                detail = PlanDetail(id="plan-detail")
                detail.border_title = "Plan"
                yield detail
                with ChecksBox(id="plan-checks-box") as box:
                    box.border_title = "Checks"
                    yield PlanChecksView("Opening database…", id="plan-checks")
        yield ModeFooter()

    def on_mount(self) -> None:
        table = self.query_one("#plans", DataTable)
        table.add_column("Plan", key="plan")
        table.add_column("Days", key="days", width=7)
        table.focus()

    def action_reload(self) -> None:
        self.load()

    # ---- data: one job per read or write, in order -----------------------------------

    def load(self, plan_id: int | None = None) -> None:
        """Read the plans again, showing `plan_id` (a plan the lifter picked) or the
        selected plan."""
        self.change(None, None, plan_id)

    def change(self, what: str | None, change: Change | None, plan_id: int | None = None) -> None:
        """Run `change` (None: just read) as a job, then show the plan it made, or
        `plan_id`, or the selected one. A plain read replaces a read still queued."""
        run = change_then_read(self._made, change, plan_id, self.selected, self.blapp.settings.landmarks,
                               lambda: self.blapp.clock().date())
        key = "plan-read" if change is None else None
        self.blapp.jobs.submit(self, what or "read the plans", run, PlanLoaded, key=key)

    def on_job_failed(self, message: JobFailed) -> None:
        """A change that failed is one line; what is on disk is read again."""
        message.stop()
        self.notify(message.line, severity="error", timeout=8, markup=False)
        if message.key is None:
            self.load()

    def on_plan_loaded(self, message: PlanLoaded) -> None:
        view = self.view = message.view
        self.selected = view.plan.id if view.plan else None
        table = self.query_one("#plans", DataTable)
        assert isinstance(table, PlansTable)
        table.names = {str(p.id): p.name for p in view.plans}
        width = table.name_width()
        rows = [(str(p.id), clip(p.name, width), day_strip(p.weekdays)) for p in view.plans]
        if [r[0] for r in rows] == [k.value for k in table.rows]:
            # same plans: update in place so the cursor stays put
            for key, name, days in rows:
                table.update_cell(key, "plan", name, update_width=True)
                table.update_cell(key, "days", days)
        else:
            table.clear()
            for key, name, days in rows:
                table.add_row(name, days, key=key)
            if self.selected is not None:
                table.move_cursor(row=table.get_row_index(str(self.selected)), animate=False)
        # the names were cut to the table's size now; when a layout still pending changes it
        # (the first load can land between the narrow class and its layout), cut them again
        table.call_after_refresh(table.fit_names)
        self._show_plan()

    def _show_plan(self) -> None:
        view = self.view
        if view is None:
            return
        self.query_one(PlanDetail).show(view.plan, view.exercises)
        names = {p.id: p.name for p in view.plans}
        week = self.query_one(WeekSchedule)
        week.show(view.schedule, names, self.selected, view.minutes)
        week.set_titles(*week_titles(view, self.blapp.settings.mesocycle_weeks, list(self.blapp.settings.landmarks)))
        empty = "No plans yet" if not view.plans else "No plan selected"
        summary = self.query_one(PlanChecksView).show(view.checks, empty)
        self.query_one(ChecksBox).set_summary(summary)

    # ---- the plans list -------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#plans")
    def on_plans_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        # read the cursor as it is now: a highlight queued while a reload rebuilt the table is stale
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value if table.row_count else None
        if key is None or int(key) == self.selected or not table.has_focus:
            return
        self.selected = int(key)
        self.load(self.selected)

    @on(DataTable.RowSelected, "#plans")
    def _open_items(self) -> None:
        self.query_one("#plan-items").focus()

    @on(DataTable.RowSelected, "#plan-items")
    def _open_item(self) -> None:
        self.action_edit_item()

    def action_back_to_plans(self) -> None:
        self.query_one("#plans").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back_to_plans":
            return self.is_mounted and self.focused is not self.query_one("#plans")
        return True

    # ---- the week -------------------------------------------------------------------

    def action_toggle_day(self, weekday: int) -> None:
        if self.view is None or self.selected is None:
            return
        ids = list(self.view.schedule.get(weekday, []))
        on_day = self.selected in ids
        ids = [i for i in ids if i != self.selected] if on_day else [*ids, self.selected]
        self.query_one(WeekSchedule).move_cursor(row=weekday)
        self._set_day(weekday, ids)

    def action_clear_day(self) -> None:
        """With the week focused, clear the day under its cursor and say what went; from
        anywhere else, ask first (the day is the week's cursor, which may not be in view)."""
        if self.view is None:
            return
        week = self.query_one(WeekSchedule)
        weekday = week.weekday
        names = {p.id: p.name for p in self.view.plans}
        on_day = [names.get(pid, "?") for pid in self.view.schedule.get(weekday, ())]
        if not on_day:
            self.notify(cleared_line(weekday, on_day), markup=False)
            return

        def clear(yes: bool | None = True) -> None:
            if yes:
                self._set_day(weekday, [])
                self.notify(cleared_line(weekday, on_day), markup=False)

        if week.has_focus:
            clear()
            return
        detail = "x clears the week's highlighted day; Tab to the week to pick another."
        self.app.push_screen(ConfirmDialog(f"Clear {WEEKDAY_NAMES[weekday]} ({', '.join(on_day)})?", detail), clear)

    def _set_day(self, weekday: int, plan_ids: list[int]) -> None:
        self.change(f"change {WEEKDAY_NAMES[weekday]}", lambda repo: repo.set_schedule(weekday, plan_ids))

    def action_deload_week(self) -> None:
        """Start a deload week now (this Monday to Sunday), or take it back; the session
        prefill lowers sets and loads in it (domain.progression.is_deload_week)."""
        from dataclasses import replace
        from datetime import timedelta

        from ..messages import SettingsSaved

        today = self.blapp.clock().date()
        monday = (today - timedelta(days=today.weekday())).isoformat()
        s = self.blapp.settings
        new = replace(s, deload_week="" if s.deload_week == monday else monday,
                      mesocycle_start=s.mesocycle_start or monday)
        note = deload_note(new.deload_sets, new.deload_load) if new.deload_week else deload_note()
        self.blapp.jobs.submit(self, "save the deload week", lambda repo: repo.save_settings(new),
                               lambda _: SettingsSaved(new, note))

    # ---- the catalogue --------------------------------------------------------------

    def action_catalogue(self) -> None:
        self.app.push_screen(CatalogueScreen())
