"""The first-start wizard (issue 10): three steps, keyboard only, usable at 80x24.

1. Your gym: the unit (kg or lb), the bar and the plates you own, prefilled per unit.
2. Ready plans: the article's sample and its three priorities; Space ticks the ones to add.
3. Your week: 2 or 3 training days (or none), a weekday and a plan for each (the Plan week
   view's schedule).

ctrl+n (or Enter in the last field) goes on, ctrl+b back, Esc skips: the answer, done or
skipped, is saved in the settings and the wizard never returns. It is offered only when the
app is asked to (`BacklegsApp(first_start=True)`: the CLI does so when it creates the database
file) and the database agrees (`services.first_start.wants_first_start`: no session, no answer
recorded), so `--demo`, an existing history and an imported database never see it. Every read
and write goes through the job runner.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import (
    Button,
    Checkbox,
    ContentSwitcher,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

from ..domain.catalogue import READY_PLANS, SAMPLE_PLAN
from ..domain.model import Settings, Unit
from ..domain.validation import InputError
from ..services.first_start import (
    DEFAULT_DAYS,
    WEEK_HELP,
    WEEKDAYS,
    FirstStart,
    apply_first_start,
    defaults_for,
    schedule_problem,
    schedule_warning,
    skip_first_start,
    wants_first_start,
)
from .jobs import JobFailed
from .messages import SettingsSaved
from .settings_dialog import (
    _bar,
    _plates,
    _unit,
    bar_label,
    inventory_text,
    plates_label,
    typed_unit,
)

if TYPE_CHECKING:
    from .app import BacklegsApp

class TickList(SelectionList[str]):
    """A SelectionList whose box reads without colour: `✓` ticked, blank not (Textual draws
    `X` in both and tells them apart by colour alone, lost with NO_COLOR)."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 3 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        try:
            value = self.get_option_at_index(self.scroll_offset.y + y).value
        except OptionDoesNotExist:
            return strip
        segments[1] = Segment("✓" if value in self.selected else " ", segments[1].style)
        return Strip(segments, strip.cell_length)


STEPS = ("step-gym", "step-plans", "step-week")
TITLES = ("Your gym", "Ready plans", "Your week")
MAX_DAYS = max(DEFAULT_DAYS)
SHORT = {p.name: p.name.removeprefix("Back & Legs - ") for p in READY_PLANS}


@dataclass
class FirstStartWanted(Message):
    """The database's answer: the wizard was offered or not (posted to the app, for tests
    and the log; nothing needs to handle it)."""

    wanted: bool


@dataclass
class FirstStartSaved(Message):
    settings: Settings
    line: str


def offer_first_start(app: BacklegsApp) -> None:
    """Ask the database (a job) whether the wizard is wanted, and show it only then: a
    database with a session (an unfinished one has its resume question) never sees it."""

    def answered(wanted: bool) -> FirstStartWanted:
        # runs in the job worker as the job ends: the wizard is pushed on the UI thread
        if wanted:
            app.call_from_thread(lambda: app.push_screen(FirstStartWizard(app.settings)))
        return FirstStartWanted(wanted)

    app.jobs.submit(app, "check for a first start", wants_first_start, answered)


def _inventory_text(unit: Unit) -> tuple[str, str]:
    return inventory_text(*defaults_for(unit))


class FirstStartWizard(ModalScreen[None]):
    """Unit, bar and plates; the ready plans; the weekly schedule. Esc skips for good."""

    CSS_PATH = "wizard.tcss"
    BINDINGS = [
        Binding("escape", "skip", "Skip (never asked again)", id="wizard.skip"),
        Binding("ctrl+n", "next", "Next", id="wizard.next", priority=True),
        Binding("ctrl+b", "back", "Back", id="wizard.back", priority=True),
        Binding("enter", "enter_field", "Next field", show=False, priority=True, id="wizard.enter"),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.step = 0
        self.unit = settings.unit
        self.saving = False
        self._week_for: list[str] | None = None  # the plans chosen when the week was filled

    # ---- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        bar, plates = _inventory_text(self.unit)
        weekdays = [(w, i) for i, w in enumerate(WEEKDAYS)]
        with Vertical(id="wizard"):
            yield Static("", id="wizard-title", markup=False)
            with ContentSwitcher(initial=STEPS[0], id="wizard-steps"):
                with Vertical(id="step-gym"):
                    yield Static("Weights are shown and typed in this unit; the plate calculator uses "
                                 "the bar and the plates you own.", classes="wizard-help", markup=False)
                    with Horizontal():
                        yield Label("Unit (kg or lb)")
                        yield Input(self.unit.value, id="w-unit", select_on_focus=True, compact=True)
                    with Horizontal():
                        yield Label(bar_label(self.unit), id="w-bar-label")
                        yield Input(bar, id="w-bar", select_on_focus=True, compact=True)
                    with Horizontal():
                        yield Label(plates_label(self.unit), id="w-plates-label")
                        yield Input(plates, id="w-plates", select_on_focus=True, compact=True)
                with Vertical(id="step-plans"):
                    yield Static("The article's plans, each passing its own checks. Space ticks one to add, "
                                 "↑↓ move.", classes="wizard-help", markup=False)
                    yield TickList(
                        *(Selection(p.name, p.name, p is SAMPLE_PLAN) for p in READY_PLANS), id="w-plans", compact=True
                    )
                    yield Static("", id="w-plan-notes", markup=False)
                with Vertical(id="step-week"):
                    yield Static(WEEK_HELP, classes="wizard-help", markup=False)
                    with Horizontal():
                        yield Label("Days a week")
                        yield Select([("2 days", 2), ("3 days", 3), ("no schedule", 0)], value=2, allow_blank=False,
                                     id="w-days", compact=True)
                    for i in range(MAX_DAYS):
                        with Horizontal(id=f"w-day-{i}", classes="w-day"):
                            yield Label(f"Day {i + 1}")
                            yield Select(weekdays, value=(DEFAULT_DAYS[2] + DEFAULT_DAYS[3][2:])[i], allow_blank=False,
                                         id=f"w-wd-{i}", classes="w-weekday", compact=True)
                            yield Select([(SHORT[SAMPLE_PLAN.name], SAMPLE_PLAN.name)], value=SAMPLE_PLAN.name,
                                         allow_blank=False, id=f"w-plan-{i}", classes="w-plan", compact=True)
                    yield Static("", id="w-week-note", markup=False)
            yield Static("", id="wizard-error", markup=False)
            with Horizontal(id="wizard-buttons"):
                yield Button("Back", id="w-back", compact=True)
                yield Button("Next", id="w-next", variant="primary", compact=True)
                yield Button("Skip", id="w-skip", compact=True)
            yield Static("ctrl+n next · ctrl+b back · Tab moves · Esc skip (never asked again)",
                         id="wizard-hint", markup=False)

    def on_mount(self) -> None:
        self._show_step()
        self.query_one("#w-unit", Input).focus()

    @property
    def blapp(self) -> BacklegsApp:
        return self.app  # type: ignore[return-value]

    # ---- moving between the steps ----------------------------------------------------------

    def _show_step(self) -> None:
        self.query_one("#wizard-title", Static).update(
            f"Welcome to backlegs · step {self.step + 1} of {len(STEPS)}: {TITLES[self.step]}"
        )
        self.query_one(ContentSwitcher).current = STEPS[self.step]
        self.query_one("#w-back", Button).disabled = self.step == 0
        self.query_one("#w-next", Button).label = "Finish" if self.step == len(STEPS) - 1 else "Next"
        self._error("")
        if self.step == 1:
            self._show_plan_notes()
        if self.step == 2:
            self._fill_week()

    def _focus_step(self) -> None:
        first = {0: "#w-unit", 1: "#w-plans", 2: "#w-days"}[self.step]
        self.query_one(first).focus()

    def _error(self, line: str) -> None:
        self.query_one("#wizard-error", Static).update(line)

    def action_next(self) -> None:
        if self.saving:
            return
        if self.step == 0 and self._gym() is None:
            return
        if self.step == len(STEPS) - 1:
            self._finish()
            return
        self.step += 1
        self._show_step()
        self._focus_step()

    def action_back(self) -> None:
        if self.step > 0 and not self.saving:
            self.step -= 1
            self._show_step()
            self._focus_step()

    def action_skip(self) -> None:
        if self.saving:
            return
        self.blapp.settings = replace(self.blapp.settings, first_start="skipped")
        self.blapp.jobs.submit(self.blapp, "skip the first-start questions", skip_first_start)
        self.blapp.notify("Skipped: Settings (ctrl+o) and R in Plan mode add all this later", timeout=8)
        self.dismiss(None)

    @on(Button.Pressed, "#w-next")
    def _next_pressed(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#w-back")
    def _back_pressed(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#w-skip")
    def _skip_pressed(self) -> None:
        self.action_skip()

    # ---- step 1: the gym -------------------------------------------------------------------

    def action_enter_field(self) -> None:
        """Enter in the first step's fields moves on as the key arrives (keys typed ahead
        land in the next field, as in every form); elsewhere Enter is the widget's own."""
        order = ["w-unit", "w-bar", "w-plates"]
        focused = self.focused
        if not isinstance(focused, Input) or focused.id not in order:
            raise SkipAction()
        idx = order.index(focused.id)
        if idx + 1 < len(order):
            self.set_focus(self.query_one(f"#{order[idx + 1]}", Input))
        else:
            self.action_next()

    @on(Input.Changed, "#w-unit")
    def _unit_typed(self, event: Input.Changed) -> None:
        unit = typed_unit(event.value, self.unit)
        if unit is None:
            return
        self.unit = unit
        bar, plates = _inventory_text(unit)
        self.query_one("#w-bar", Input).value = bar
        self.query_one("#w-plates", Input).value = plates
        self.query_one("#w-bar-label", Label).update(bar_label(unit))
        self.query_one("#w-plates-label", Label).update(plates_label(unit))

    @on(Input.Changed)
    def _typed_again(self) -> None:
        """An error is about what was typed: it goes as a field is typed in again (as in
        FormDialog); "Saving…" and a failed save's line stay."""
        if self.step == 0 and not self.saving and str(self.query_one("#wizard-error", Static).content):
            self._error("")

    def _gym(self) -> tuple[Unit, float, tuple[float, ...]] | None:
        parsed: list[Any] = []
        for wid, parse in (("#w-unit", _unit), ("#w-bar", _bar), ("#w-plates", _plates)):
            field = self.query_one(wid, Input)
            try:
                parsed.append(parse(field.value))
            except InputError as exc:
                self._error(str(exc))
                field.focus()
                return None
        return parsed[0], parsed[1], parsed[2]

    # ---- step 2: the plans -----------------------------------------------------------------

    def _chosen(self) -> list[str]:
        picked = set(self.query_one("#w-plans", SelectionList).selected)
        return [p.name for p in READY_PLANS if p.name in picked]

    @on(SelectionList.SelectionHighlighted)
    def _show_plan_notes(self) -> None:
        plans = self.query_one("#w-plans", SelectionList)
        index = plans.highlighted or 0
        plan = READY_PLANS[index]
        lifts = ", ".join(it.exercise for it in plan.items)
        self.query_one("#w-plan-notes", Static).update(f"{plan.notes}\n{lifts}")

    # ---- step 3: the week ------------------------------------------------------------------

    def _fill_week(self) -> None:
        """The plan choices follow step 2: the chosen plans in turn over the days, kept as the
        lifter set them while the choice in step 2 stays the same."""
        chosen = self._chosen()
        if chosen == self._week_for:
            self._show_days()
            return
        self._week_for = chosen
        days = self.query_one("#w-days", Select)
        if not chosen:
            days.value = 0
        options = [(SHORT[n], n) for n in chosen] or [(SHORT[SAMPLE_PLAN.name], SAMPLE_PLAN.name)]
        for i in range(MAX_DAYS):
            select = self.query_one(f"#w-plan-{i}", Select)
            select.set_options(options)
            select.value = options[i % len(options)][1]
        self._show_days()

    @on(Select.Changed, "#w-days")
    def _days_changed(self) -> None:
        """2 days: Monday and Thursday; 3 days: Monday, Wednesday, Friday (then as set)."""
        n = self._days()
        if n:
            for i, wd in enumerate(DEFAULT_DAYS[n]):
                self.query_one(f"#w-wd-{i}", Select).value = wd
        self._show_days()

    @on(Select.Changed, ".w-weekday")
    @on(Select.Changed, ".w-plan")
    def _day_changed(self) -> None:
        """A weekday or a plan chosen: the 48 h check again, as the days are chosen."""
        self._show_days()

    def _show_days(self) -> None:
        n = self._days()
        for i in range(MAX_DAYS):
            self.query_one(f"#w-day-{i}").display = i < n
        note = "" if n else "No schedule: put plans on days later in Plan mode (1-7 in the week)."
        if n and not self._chosen():
            note = "Tick a plan in step 2 to put it on the schedule."
        # two days on one weekday: the error line Finish would show, shown as it is chosen (and
        # gone when it is not, or with no schedule); else the 48 h check's one line, Finish allowed
        schedule = self._schedule()  # empty with no schedule
        problem = schedule_problem(schedule)
        if problem is not None:
            self._error(problem)
        elif str(self.query_one("#wizard-error", Static).content).startswith("Two training days"):
            self._error("")
        line = schedule_warning(schedule) if schedule and problem is None else None
        warn = line is not None
        if n:
            note = line or note
        week_note = self.query_one("#w-week-note", Static)
        week_note.update(note)
        week_note.set_class(warn, "warn")

    def _days(self) -> int:
        value = self.query_one("#w-days", Select).value
        return value if isinstance(value, int) and self._chosen() else 0

    def _schedule(self) -> list[tuple[int, str]]:
        out = []
        for i in range(self._days()):
            wd = self.query_one(f"#w-wd-{i}", Select).value
            plan = self.query_one(f"#w-plan-{i}", Select).value
            out.append((int(wd), str(plan)))  # type: ignore[call-overload]
        return sorted(out)

    # ---- saving ----------------------------------------------------------------------------

    def _finish(self) -> None:
        gym = self._gym()
        if gym is None:
            self.step = 0
            self._show_step()
            self._focus_step()
            self._gym()  # show the message again on the first step
            return
        schedule = self._schedule()
        problem = schedule_problem(schedule)
        if problem is not None:
            self._error(problem)
            return
        answer = FirstStart(gym[0], gym[1], gym[2], tuple(self._chosen()), tuple(schedule))
        self.saving = True
        self._error("Saving…")

        def run(repo):
            return apply_first_start(repo, answer)

        self.blapp.jobs.submit(self, "save the first-start answers", run,
                               lambda new: FirstStartSaved(new, _summary(answer)))

    def on_first_start_saved(self, message: FirstStartSaved) -> None:
        self.app.post_message(SettingsSaved(message.settings))
        self.blapp.notify(message.line, title="Ready", timeout=10, markup=False)
        self.dismiss(None)

    def on_job_failed(self, message: JobFailed) -> None:
        message.stop()
        self.saving = False
        self._error(message.line)


def _summary(answer: FirstStart) -> str:
    plans = ", ".join(SHORT[n] for n in answer.plans) or "no plan"
    days = ", ".join(f"{WEEKDAYS[wd][:3]} {SHORT[n]}" for wd, n in answer.schedule)
    return f"Plans: {plans}." + (f" Week: {days}." if days else " No schedule yet.")
