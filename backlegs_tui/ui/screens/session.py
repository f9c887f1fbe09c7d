"""Session mode: start or resume a session, log sets with one key, rest between them.

Every write goes through a serial queue of thread workers; a set shows as logged only when
its worker reports the commit (`WriteDone`). The rest timer is a deadline read against the
app's clock on each tick, so tests move a fake clock and call `tick()`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from rich.text import Text
from textual.markup import escape

from ...domain.fatigue import FatigueFlag, Severity, session_flags
from ...domain.history import SessionDetail
from ...domain.trends import HORIZON_DAYS, SUMMARY, analyse
from ...domain.model import Exercise, Plan, PlanSummary, SessionItem, SessionState, SetEntry, SetType
from ...domain.session_logic import (
    Prefill,
    SessionReport,
    first_compound_item,
    increment_in_unit,
    next_set_text,
    plate_text,
    prefill,
    previous_bests,
    summarize,
    warmup_plan,
)
from ...domain.timer import RestTimer, format_clock
from ...domain.units import format_e1rm, format_volume, format_weight, plural
from ...domain.validation import InputError, parse_reps, parse_rir, parse_rpe, parse_weight
from ..dialogs import ConfirmDialog, FieldSpec, FormDialog, InfoDialog, PickerDialog, readiness_dialog, readiness_from
from ..widgets.rest_timer import RestTimerView
from ..widgets.session_views import CurrentExercise, ExerciseList, SessionInfo, SetTable, set_text
from ..widgets.set_entry import SetEntry as SetEntryWidget
from .base import ModeScreen

if TYPE_CHECKING:
    from ...store.repository import Repository

WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
LIVE_ACTIONS = {
    "log_set", "cycle_type", "toggle_effort", "skip_rest", "rest", "next_exercise", "prev_exercise",
    "goto_exercise", "add_exercise", "swap_exercise", "edit_set", "delete_set", "undo", "set_note",
    "session_note", "toggle_warmups", "finish", "discard",
}


@dataclass(slots=True)
class SessionData:
    """What the screen needs, fetched in a worker."""

    state: SessionState | None
    cooldown: str
    exercises: dict[int, Exercise]
    last: dict[int, list[SetEntry]]
    plans: list[PlanSummary]
    today_plans: list[Plan]
    first_load: bool


def error_line(error: Exception) -> str:
    """One plain line for a failed database call (no SQL dump)."""
    orig = getattr(error, "orig", None)
    text = str(orig if orig is not None else error).splitlines()[0] if str(orig or error) else type(error).__name__
    if "locked" in text:
        return "the database is locked by another program"
    if "readonly" in text or "read-only" in text or "query_only" in text:
        return "the database is read-only"
    if "disk" in text and "full" in text:
        return "the disk is full"
    return text


class WriteDone(Message):
    """A queued write committed; `then` runs with its result on the UI thread."""

    def __init__(self, result: Any, then: Callable[[Any], None] | None) -> None:
        super().__init__()
        self.result, self.then = result, then


class WriteFailed(Message):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error


class SessionScreen(ModeScreen):
    """Log a session: the plan's exercises, the current one, today's sets, the entry, rest."""

    CSS_PATH = "session.tcss"
    SUB_TITLE = "Session"
    BINDINGS = [
        Binding("enter", "log_set", "Log set", id="session.log"),
        Binding("t", "cycle_type", "Set type", id="session.type", tooltip="Cycle working, drop, failure, warm-up"),
        Binding("s", "skip_rest", "Skip rest", id="session.skip_rest"),
        Binding("right_square_bracket", "rest(15)", "+15s", id="session.rest_more", tooltip="Add 15 s to the rest timer", key_display="]"),
        Binding("left_square_bracket", "rest(-15)", "-15s", id="session.rest_less", tooltip="Take 15 s off the rest timer", key_display="["),
        Binding("j,pagedown", "next_exercise", "Next lift", id="session.next"),
        Binding("k,pageup", "prev_exercise", "Previous lift", show=False, id="session.prev"),
        Binding("g", "goto_exercise", "Go to exercise", show=False, id="session.goto"),
        Binding("a", "add_exercise", "Add exercise", show=False, id="session.add"),
        Binding("x", "swap_exercise", "Swap for an alternative", show=False, id="session.swap"),
        Binding("e", "edit_set", "Edit a set", show=False, id="session.edit"),
        Binding("delete", "delete_set", "Delete a set", show=False, id="session.delete"),
        Binding("u", "undo", "Undo last set", show=False, id="session.undo"),
        Binding("r", "toggle_effort", "RPE / RIR", show=False, id="session.effort"),
        Binding("w", "toggle_warmups", "Warm-ups on/off", show=False, id="session.warmups"),
        Binding("n", "set_note", "Note on last set", show=False, id="session.set_note"),
        Binding("N", "session_note", "Session note", show=False, id="session.session_note"),
        Binding("f", "finish", "Finish", id="session.finish"),
        Binding("D", "discard", "Discard session", show=False, id="session.discard"),
        Binding("ctrl+r", "reload", "Read the log again", show=False, id="session.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.state: SessionState | None = None
        self.exercises: dict[int, Exercise] = {}
        self.last: dict[int, list[SetEntry]] = {}
        self.timer: RestTimer | None = None
        self.next_prefill: Prefill | None = None
        self.warmups_off: set[int] = set()
        self.targets: dict[int, float] = {}  # item id -> working weight typed for a first-time lift
        self.cooldown = ""
        self._announced = True
        self._loaded_once = False
        self._writes: deque[tuple[Callable[[Repository], Any], Callable[[Any], None] | None]] = deque()
        self._writing = False
        self._ending = False  # a finish or discard is on its way to the disk
        self._starting = False  # a start is on its way to the disk

    # ---- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="start"):
            with Vertical(id="start-left", classes="panel"):
                yield Static("Opening database…", id="start-title")
                yield OptionList(id="start-options")
                yield Static("↑↓ choose   Enter: start   F1 plans   F3 history   ? keys", classes="muted")
            with Vertical(id="start-right"):
                yield Static("", id="start-fatigue", classes="panel")
                yield Static("", id="start-last", classes="panel")
        with Vertical(id="live"):
            yield Static("", id="session-title")
            with Horizontal(id="top"):
                with Vertical(id="left", classes="panel"):
                    yield ExerciseList(id="exercise-list")
                    yield SessionInfo(id="session-info")
                with Vertical(id="middle", classes="panel"):
                    yield CurrentExercise(id="current")
                    with Horizontal(id="sets"):
                        yield SetTable(id="today")
                        yield SetTable(id="last")
            with Horizontal(id="bottom"):
                with Vertical(id="entry-box", classes="panel"):
                    yield SetEntryWidget(id="entry")
                    yield Static("", id="plates")
                    yield Static("", id="entry-msg")
                yield RestTimerView(id="rest", classes="panel")
            yield Static("", id="fatigue")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#live").display = False
        self.set_interval(0.25, self.tick)
        self.query_one("#left").border_title = "Exercises"
        self.query_one("#today").border_title = "Today"
        self.query_one("#middle").border_title = "Current"
        self.query_one("#entry-box").border_title = "Log set  (Enter)"
        self.query_one("#start-left").border_title = "Start a session"
        self.query_one("#start-fatigue").border_title = "Fatigue check"
        self.query_one("#start-last").border_title = "Last sessions"

    @property
    def clock(self) -> Callable[[], datetime]:
        return self.blapp.clock

    @property
    def entry(self) -> SetEntryWidget:
        return self.query_one("#entry", SetEntryWidget)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in LIVE_ACTIONS and (self.state is None or self._ending):
            return False
        return True

    def pending_writes(self) -> bool:
        """Whether a write is queued or running (quitting waits for it)."""
        return self._writing or bool(self._writes)

    def settings_changed(self) -> None:
        """The unit, bar or plates changed: re-show everything in the new terms."""
        self.entry.unit = self.blapp.settings.unit.value
        if self.state is not None:
            self._prefill_entry()
            self._refresh_views()
        elif self.repo is not None:
            self.load()

    # ---- loading -------------------------------------------------------------------------

    def resumed(self) -> None:
        # a closed dialog is a resume too: reload only when no session is open
        if self.state is None:
            self.load()

    def load(self) -> None:
        """Fetch the session data through the write queue, so it lands in order with writes
        (a reload queued behind `start_session` sees the new session)."""
        first_load = not self._loaded_once
        self._loaded_once = True
        today = self.clock().date()
        self._write(lambda repo: self._fetch(repo, today, first_load), self._apply)

    @staticmethod
    def _fetch(repo: Repository, today: date, first_load: bool) -> SessionData:
        state = repo.open_session()
        exercises = {e.id: e for e in repo.exercises()}
        last: dict[int, list[SetEntry]] = {}
        if state is not None:
            for item in state.items:
                if item.exercise_id not in last:
                    last[item.exercise_id] = repo.last_sets(item.exercise_id, state.started_at, state.id)
        cooldown = ""
        if state is not None and state.plan_id is not None:
            cooldown = repo.plan(state.plan_id).cooldown
        return SessionData(state, cooldown, exercises, last, repo.plans(), repo.plans_for_day(today), first_load)

    def _apply(self, msg: SessionData) -> None:
        self.exercises = msg.exercises
        self.last = msg.last
        self.cooldown = msg.cooldown
        self.entry.unit = self.blapp.settings.unit.value
        if msg.state is None:
            self._show_start(msg.plans, msg.today_plans)
            return
        if msg.first_load:
            self._offer_resume(msg.state)
        if self.state is None or self.state.id != msg.state.id:
            self._enter_live(msg.state)

    def _show_start(self, plans: list[PlanSummary], today_plans: list[Plan]) -> None:
        self.state = None
        self.timer = None
        self.query_one("#live").display = False
        self.query_one("#start").display = True
        day = WEEKDAYS[self.clock().weekday()]
        title = self.query_one("#start-title", Static)
        if today_plans:
            title.update(Text.assemble((day, "bold"), ": today's plan is ", (today_plans[0].name, "bold"), ". Enter starts it."))
        else:
            title.update(Text.assemble((day, "bold"), ": nothing scheduled today. Pick a plan or start an empty session."))
        options = self.query_one("#start-options", OptionList)
        options.clear_options()
        today_ids = [p.id for p in today_plans]
        for p in today_plans:
            options.add_option(Option(f"Today: {p.name}  ({len(p.items)} exercises)", id=f"plan:{p.id}"))
        for p in plans:
            if p.id not in today_ids:
                options.add_option(Option(f"{p.name}  ({p.exercise_count} exercises)", id=f"plan:{p.id}"))
        options.add_option(Option("Empty session (add exercises as you go)", id="empty"))
        options.highlighted = 0
        options.focus()
        self.refresh_bindings()
        self._write(self._fetch_overview, self._show_overview)

    def _fetch_overview(self, repo: Repository) -> tuple[list[SessionDetail], list[FatigueFlag]]:
        """Recent sessions and the fatigue verdict, for the start panel (after it shows)."""
        now = self.clock()
        details = repo.session_details_since(now - timedelta(days=HORIZON_DAYS))
        return details, analyse(details, self.exercises, self.blapp.settings, now.date())

    def _show_overview(self, result: tuple[list[SessionDetail], list[FatigueFlag]]) -> None:
        details, flags = result
        unit = self.blapp.settings.unit
        fatigue = Text()
        if not flags:
            fatigue.append("✓ Nothing flagged", style="bold green")
            fatigue.append(": recent performance, load and volume look normal (or there is too little data yet).")
        shown = 5
        for f in flags[: shown + 1]:
            style = "bold red" if f.severity is Severity.WARNING else "bold yellow" if f.code == SUMMARY else ""
            fatigue.append(("⚠ " if f.code == SUMMARY else "• ") + f.message + "\n", style=style)
        if len(flags) > shown + 1:
            fatigue.append(f"… and {len(flags) - shown - 1} more in History (F3)", style="dim")
        self.query_one("#start-fatigue", Static).update(fatigue)
        last = Text()
        for d in reversed(details[-6:]):
            mins = f"{d.minutes:.0f} min" if d.minutes else "-"
            rpe = f"sRPE {d.session_rpe:g}" if d.session_rpe is not None else ""
            last.append(f"{d.started_at:%a %d %b}  ", style="bold")
            name = d.name if len(d.name) <= 22 else d.name[:21] + "…"
            last.append(f"{name:<22} {mins:>7} {d.working_sets:>3} sets {format_volume(d.volume_kg, unit):>10}  {rpe}\n")
        if not details:
            last.append("No sessions in the last four months.", style="dim")
        self.query_one("#start-last", Static).update(last)

    def _offer_resume(self, state: SessionState) -> None:
        now = self.clock()
        sets = len(state.sets)
        rest = ""
        if state.rest_until and state.rest_until > now:
            rest = f", {format_clock((state.rest_until - now).total_seconds())} of rest left"
        choices = [
            (f"Resume it ({plural(sets, 'set')} logged{rest})", "resume"),
            ("Finish it now and keep its sets", "finish"),
            ("Discard it and its sets", "discard"),
        ]

        def chosen(choice: str | None) -> None:
            if choice == "finish":
                self.action_finish(at_last_set=True)
            elif choice == "discard":
                self.action_discard()

        self.app.push_screen(
            PickerDialog(f"You have an unfinished session: {state.name}, started {state.started_at:%a %H:%M}", choices, search=False),
            chosen,
        )

    # ---- starting ----------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#start-options")
    def _start_chosen(self, event: OptionList.OptionSelected) -> None:
        if self._starting or self.state is not None:
            return
        plan_id = None if event.option.id == "empty" else int(str(event.option.id).split(":")[1])

        def with_readiness(values: dict[str, Any] | None) -> None:
            if self._starting or self.state is not None:
                return
            self._starting = True
            readiness = readiness_from(values)
            now = self.clock()
            self._write(lambda repo: repo.start_session(plan_id, now, readiness), self._started)

        self.app.push_screen(readiness_dialog(), with_readiness)

    def _started(self, state: SessionState) -> None:
        self._starting = False
        self.load_last_and_enter(state)

    def load_last_and_enter(self, state: SessionState) -> None:
        missing = {it.exercise_id for it in state.items} - set(self.last)

        def fetch(repo: Repository) -> tuple[dict[int, list[SetEntry]], str]:
            cooldown = repo.plan(state.plan_id).cooldown if state.plan_id is not None else ""
            return {ex: repo.last_sets(ex, state.started_at, state.id) for ex in missing}, cooldown

        def done(found: tuple[dict[int, list[SetEntry]], str]) -> None:
            self.last.update(found[0])
            self.cooldown = found[1]
            self._enter_live(state)

        self._write(fetch, done)

    def _enter_live(self, state: SessionState) -> None:
        self.state = state
        now = self.clock()
        self.timer = None
        if state.rest_until is not None and state.rest_until > now:
            total = state.rest_total_s or int((state.rest_until - now).total_seconds())
            self.timer = RestTimer(state.rest_until - timedelta(seconds=total), state.rest_until)
            self._announced = False
        if state.current_item_id is None and state.items:
            state.current_item_id = state.items[0].id
        self.query_one("#start").display = False
        self.query_one("#live").display = True
        self.entry.focus()
        self._prefill_entry()
        self._refresh_views()
        self.refresh_bindings()

    # ---- the write queue -----------------------------------------------------------------

    def _write(self, fn: Callable[[Repository], Any], then: Callable[[Any], None] | None = None) -> None:
        """Queue a write; writes run one at a time, in order, in a thread worker."""
        self._writes.append((fn, then))
        self._pump()

    def _pump(self) -> None:
        if self._writing or not self._writes:
            return
        self._writing = True
        fn, then = self._writes.popleft()
        self._run_write(fn, then)

    @work(thread=True, exit_on_error=False, group="session-write")
    def _run_write(self, fn: Callable[[Repository], Any], then: Callable[[Any], None] | None) -> None:
        assert self.repo is not None
        try:
            result = fn(self.repo)
        except Exception as exc:  # reported on screen, never a traceback
            self.post_message(WriteFailed(exc))
            return
        self.post_message(WriteDone(result, then))

    def on_write_done(self, msg: WriteDone) -> None:
        self._writing = False
        if msg.then is not None:
            msg.then(msg.result)
        self._pump()

    def on_write_failed(self, msg: WriteFailed) -> None:
        """Nothing after a failed write can be trusted to apply: drop the queue, say so in one
        line (the entry keeps its values, so Enter retries), and re-read what is on disk."""
        self._writing = False
        self._writes.clear()
        self._starting = self._ending = False
        line = error_line(msg.error)
        self._message(f"✗ Not saved: {line}. Your entry is kept: Enter retries.", error=True)
        self.notify(f"Could not save: {line}", severity="error", markup=False)
        if self.state is not None:
            sid = self.state.id
            self._write(lambda repo: repo.session_state(sid), self._resynced)
        else:
            self.query_one("#start-title", Static).update(
                Text(f"Could not read your training log: {line}. ctrl+r tries again.", style="bold red")
            )

    def action_reload(self) -> None:
        if self.state is None:
            self.load()

    def _resynced(self, state: SessionState) -> None:
        """The session as the database has it, after a failed write."""
        if self.state is None or state.id != self.state.id:
            return
        self.state.sets = state.sets
        self.state.items = state.items
        self.state.notes = state.notes
        self.state.current_item_id = state.current_item_id or self.state.current_item_id
        self._refresh_views()

    # ---- current exercise ------------------------------------------------------------------

    def current_item(self) -> SessionItem | None:
        return self.state.item(self.state.current_item_id) if self.state else None

    def current_exercise(self) -> Exercise | None:
        item = self.current_item()
        return self.exercises.get(item.exercise_id) if item else None

    def _item_sets(self, item: SessionItem | None) -> list[SetEntry]:
        return self.state.sets_for_item(item.id) if self.state and item else []

    def _compute_prefill(self, item: SessionItem | None) -> Prefill | None:
        if self.state is None or item is None:
            return None
        ex = self.exercises.get(item.exercise_id)
        if ex is None:
            return None
        wants = item.id == first_compound_item(self.state, self.exercises) and item.id not in self.warmups_off
        return prefill(
            item, ex, self._item_sets(item), self.last.get(ex.id, []), self.blapp.settings,
            warmups_wanted=wants, target_kg=self.targets.get(item.id),
        )

    def _prefill_entry(self) -> None:
        item, ex = self.current_item(), self.current_exercise()
        pre = self._compute_prefill(item)
        self.next_prefill = pre
        if pre is None or ex is None:
            return
        unit = self.blapp.settings.unit
        weight = format_weight(pre.weight_kg, unit, with_unit=False) if pre.weight_kg is not None else ""
        self.entry.load(
            weight,
            str(pre.reps),
            pre.set_type,
            weight_step=increment_in_unit(ex, unit),
            bodyweight=ex.bodyweight,
        )

    def _refresh_views(self) -> None:
        state = self.state
        if state is None:
            return
        unit = self.blapp.settings.unit
        item, ex = self.current_item(), self.current_exercise()
        self.query_one(ExerciseList).show(state, state.current_item_id)
        warm: list[tuple[str, str, str]] = []
        pre = self.next_prefill
        if item is not None and pre is not None and pre.set_type is SetType.WARMUP:
            working = self._compute_working_weight(item)
            if working:
                u = unit.value
                for i, w in enumerate(warmup_plan(working, self.blapp.settings)):
                    mark = "✓" if i < (pre.warmup_index or 0) else "▸" if i == pre.warmup_index else "·"
                    warm.append((mark, f"{w.weight:g} {u} x {w.reps}", w.plates.describe(u)))
        reason = pre.reason if pre else ""
        last = self.last.get(ex.id, []) if ex else []
        self.query_one(CurrentExercise).show(item, ex, last, reason, unit, warm)
        self.query_one("#today", SetTable).show(self._item_sets(item), unit, "Nothing yet: Enter logs the set below.")
        last_table = self.query_one("#last", SetTable)
        last_table.show(last, unit, "First time on this exercise.")
        when = last[0].logged_at if last and last[0].logged_at else None
        last_table.border_title = f"Last time · {when:%a %d %b}" if when else "Last time"
        self.query_one(SessionInfo).show(state, self.cooldown)
        self._update_plates()
        self._update_title()
        self._update_fatigue()
        self.tick()

    def _compute_working_weight(self, item: SessionItem) -> float | None:
        ex = self.exercises.get(item.exercise_id)
        if ex is None:
            return None
        prev = prefill(
            item, ex, [], self.last.get(ex.id, []), self.blapp.settings,
            warmups_wanted=False, target_kg=self.targets.get(item.id),
        )
        return prev.weight_kg

    def _update_title(self) -> None:
        state = self.state
        if state is None:
            return
        now = self.clock()
        elapsed = format_clock((now - state.started_at).total_seconds())
        work_sets = sum(1 for s in state.sets if s.is_working)
        self.query_one("#session-title", Static).update(
            Text.assemble(
                (state.name, "bold"), f"   started {state.started_at:%H:%M}   elapsed ", (elapsed, "bold"),
                f"   {plural(work_sets, 'working set')}",
            )
        )

    def _update_plates(self) -> None:
        text = plate_text(self.entry.weight, self.current_exercise(), self.blapp.settings)
        self.query_one("#plates", Static).update(Text(f"Plates  {text}"))

    def _update_fatigue(self) -> None:
        ex = self.current_exercise()
        sets = self._item_sets(self.current_item())
        lines = [f.message for f in session_flags(sets, bodyweight=bool(ex and ex.bodyweight))]
        r = self.state.readiness if self.state else None
        if r is not None:
            low = []
            if r.sleep_h is not None and r.sleep_h < 6:
                low.append(f"slept {r.sleep_h:g} h")
            if r.soreness is not None and r.soreness >= 4:
                low.append(f"soreness {r.soreness}/5")
            if r.energy is not None and r.energy <= 2:
                low.append(f"energy {r.energy}/5")
            if low:
                lines.append("Readiness low: " + ", ".join(low) + " (go by RPE today)")
        widget = self.query_one("#fatigue", Static)
        widget.update(Text("⚠ " + "   ·   ".join(lines)) if lines else "")
        widget.set_class(bool(lines), "-flagged")

    def _message(self, text: str, *, error: bool = False) -> None:
        msg = self.query_one("#entry-msg", Static)
        msg.update(Text(text))
        msg.set_class(error, "error")
        msg.set_class(not error, "ok")

    @on(SetEntryWidget.Changed)
    def _entry_changed(self) -> None:
        if self.state is not None:
            self._update_plates()

    # ---- the clock ------------------------------------------------------------------------

    def tick(self) -> None:
        """Redraw the rest timer and elapsed time from the clock; ring once at zero."""
        if self.state is None:
            return
        now = self.clock()
        item = self.current_item()
        ex = self.current_exercise()
        done_sets = sum(1 for s in self._item_sets(item) if s.is_working)
        nxt = next_set_text(item, ex, self.next_prefill, done_sets, self.blapp.settings.unit)
        planned = (item.rest_s if item.rest_s is not None else ex.rest_s) if item and ex else None
        self.query_one(RestTimerView).show(self.timer, now, nxt, planned)
        self._update_title()
        if self.timer is not None and not self._announced and self.timer.done(now):
            self._announced = True
            self.app.bell()
            self.notify(nxt, title="Rest over", timeout=15, markup=False)

    def action_skip_rest(self) -> None:
        if self.timer is None or self.state is None:
            return
        self.timer = None
        self._announced = True
        sid = self.state.id
        self._write(lambda repo: repo.set_rest(sid, None, None))
        self.tick()

    def action_rest(self, seconds: int) -> None:
        if self.timer is None or self.state is None:
            return
        now = self.clock()
        self.timer = self.timer.adjust(seconds, now)
        if not self.timer.done(now):
            self._announced = False
        sid, started, deadline = self.state.id, self.timer.started_at, self.timer.deadline
        self._write(lambda repo: repo.set_rest(sid, started, deadline))
        self.tick()

    # ---- logging ---------------------------------------------------------------------------

    def action_log_set(self) -> None:
        state, item, ex = self.state, self.current_item(), self.current_exercise()
        if state is None:
            return
        if item is None or ex is None:
            self._message("Add an exercise first (a)", error=True)
            return
        vals = self.entry.values()
        unit = self.blapp.settings.unit
        try:
            weight = parse_weight(vals.weight, unit, bodyweight=ex.bodyweight)
            reps = parse_reps(vals.reps)
            rpe = None if vals.effort_is_rir else parse_rpe(vals.effort)
            rir = parse_rir(vals.effort) if vals.effort_is_rir else None
        except InputError as exc:
            self._message(f"✗ {exc}. Nothing saved.", error=True)
            return
        if self.next_prefill is not None and self.next_prefill.needs_target and vals.set_type is SetType.WORKING:
            # a first-time lift: this Enter sets today's working weight; warm-ups lead up to it
            self.targets[item.id] = weight
            self._prefill_entry()
            self._refresh_views()
            ramp = ", ".join(f"{w.weight:g} x {w.reps}" for w in warmup_plan(weight, self.blapp.settings))
            self._message(f"Warm-ups for {format_weight(weight, unit)}: {ramp}. Enter logs each; w skips them.")
            return
        now = self.clock()
        rest_taken = int((now - state.sets[-1].logged_at).total_seconds()) if state.sets and state.sets[-1].logged_at else None
        entry = SetEntry(
            exercise_id=ex.id,
            item_id=item.id,
            set_type=vals.set_type,
            weight_kg=weight,
            reps=reps,
            rpe=rpe,
            rir=rir,
            rest_s=rest_taken,
            logged_at=now,
            exercise_name=ex.name,
        )
        rest: tuple[datetime, datetime] | None = None
        if vals.set_type is not SetType.WARMUP:
            seconds = item.rest_s if item.rest_s is not None else ex.rest_s
            timer = RestTimer.start(now, seconds)
            rest = (timer.started_at, timer.deadline)
        sid = state.id
        self._write(lambda repo: repo.log_set(sid, entry, rest=rest), self._logged)

    def _logged(self, saved: SetEntry) -> None:
        state = self.state
        if state is None or saved.session_id != state.id:
            return
        state.sets.append(saved)
        unit = self.blapp.settings.unit
        item = state.item(saved.item_id)
        n = sum(1 for s in state.sets_for_item(saved.item_id or -1) if s.is_working)
        label = "Warm-up" if saved.set_type is SetType.WARMUP else f"Set {n}"
        self._message(f"✓ {label} saved: {set_text(saved, unit)}")
        if saved.set_type is not SetType.WARMUP and item is not None:
            ex = self.exercises.get(item.exercise_id)
            seconds = item.rest_s if item.rest_s is not None else (ex.rest_s if ex else 120)
            self.timer = RestTimer.start(saved.logged_at or self.clock(), seconds)
            self._announced = False
            if n >= item.sets_planned:
                self._advance_after_done(item)
        self._prefill_entry()
        self._refresh_views()

    def _advance_after_done(self, item: SessionItem) -> None:
        """Move to the next exercise with sets left, once this one's planned sets are done."""
        state = self.state
        assert state is not None
        order = state.items
        idx = next(i for i, it in enumerate(order) if it.id == item.id)
        for it in order[idx + 1 :] + order[:idx]:
            done = sum(1 for s in state.sets_for_item(it.id) if s.is_working)
            if done < it.sets_planned:
                self._set_current(it.id)
                return

    def _set_current(self, item_id: int | None) -> None:
        state = self.state
        if state is None:
            return
        state.current_item_id = item_id
        sid = state.id
        self._write(lambda repo: repo.set_current_item(sid, item_id))
        self._prefill_entry()
        self._refresh_views()

    def action_cycle_type(self) -> None:
        self.entry.cycle_type()

    def action_toggle_effort(self) -> None:
        self.entry.toggle_effort()

    def action_toggle_warmups(self) -> None:
        item = self.current_item()
        if item is None:
            return
        self.warmups_off ^= {item.id}
        self._prefill_entry()
        self._refresh_views()

    # ---- moving between exercises ------------------------------------------------------

    def _move(self, delta: int) -> None:
        state = self.state
        if state is None or not state.items:
            return
        ids = [it.id for it in state.items]
        idx = ids.index(state.current_item_id) if state.current_item_id in ids else 0
        self._set_current(ids[(idx + delta) % len(ids)])

    def action_next_exercise(self) -> None:
        self._move(1)

    def action_prev_exercise(self) -> None:
        self._move(-1)

    def action_goto_exercise(self) -> None:
        state = self.state
        if state is None or not state.items:
            return
        choices = []
        for i, it in enumerate(state.items):
            done = sum(1 for s in state.sets_for_item(it.id) if s.is_working)
            choices.append((f"{chr(65 + i) if i < 26 else '·'}  {it.exercise_name}  {done}/{it.sets_planned}", it.id))
        self.app.push_screen(PickerDialog("Go to exercise", choices), lambda v: v is not None and self._set_current(v))

    def action_add_exercise(self) -> None:
        state = self.state
        if state is None:
            return
        choices = [(e.name, e.id) for e in sorted(self.exercises.values(), key=lambda e: e.name)]

        def add(ex_id: int | None) -> None:
            if ex_id is None:
                return
            sid = state.id
            started = state.started_at

            def write(repo: Repository) -> tuple[SessionItem, list[SetEntry]]:
                return repo.add_item(sid, ex_id), repo.last_sets(ex_id, started, sid)

            self._write(write, self._item_added)

        self.app.push_screen(PickerDialog("Add an exercise (type to search)", choices), add)

    def _item_added(self, result: tuple[SessionItem, list[SetEntry]]) -> None:
        item, last = result
        if self.state is None:
            return
        self.state.items.append(item)
        self.last[item.exercise_id] = last
        self._set_current(item.id)

    def action_swap_exercise(self) -> None:
        item, ex = self.current_item(), self.current_exercise()
        if item is None or ex is None:
            return
        alt_ids = list(ex.alternative_ids) or [
            e.id for e in self.exercises.values() if e.id != ex.id and set(e.primary) & set(ex.primary)
        ]
        choices = [(self.exercises[i].name, i) for i in alt_ids if i in self.exercises]
        if not choices:
            self._message(f"No alternatives known for {ex.name}", error=True)
            return

        def swap(new_id: int | None) -> None:
            if new_id is None or self.state is None:
                return
            started, sid = self.state.started_at, self.state.id

            def write(repo: Repository) -> tuple[SessionItem, list[SetEntry]]:
                return repo.swap_item_exercise(item.id, new_id), repo.last_sets(new_id, started, sid)

            self._write(write, self._swapped)

        self.app.push_screen(PickerDialog(f"Swap {ex.name} for", choices, search=False), swap)

    def _swapped(self, result: tuple[SessionItem, list[SetEntry]]) -> None:
        item, last = result
        if self.state is None:
            return
        self.state.items = [item if it.id == item.id else it for it in self.state.items]
        self.last[item.exercise_id] = last
        self._message(f"Swapped in {item.exercise_name}")
        self._prefill_entry()
        self._refresh_views()

    # ---- editing sets -------------------------------------------------------------------

    def _pick_set(self, title: str, then: Callable[[SetEntry], None]) -> None:
        state = self.state
        if state is None or not state.sets:
            self._message("No sets logged yet", error=True)
            return
        unit = self.blapp.settings.unit
        choices = [
            (f"{s.logged_at:%H:%M}  {s.exercise_name:<22} {set_text(s, unit)}", s) for s in reversed(state.sets)
        ]
        self.app.push_screen(PickerDialog(title, choices), lambda s: s is not None and then(s))

    def action_edit_set(self) -> None:
        self._pick_set("Edit which set?", self._edit)

    def _edit(self, s: SetEntry) -> None:
        unit = self.blapp.settings.unit
        ex = self.exercises.get(s.exercise_id)

        def types(text: str) -> SetType:
            key = text.strip().lower().replace("-", "")
            for t in SetType:
                if key in (t.value, t.label.replace("-", ""), t.value[0]):
                    return t
            raise InputError("Type is warmup, working, drop or failure")

        fields = [
            FieldSpec("weight", f"Weight ({unit.value})", format_weight(s.weight_kg, unit, with_unit=False),
                      parse=lambda t: parse_weight(t, unit, bodyweight=bool(ex and ex.bodyweight))),
            FieldSpec("reps", "Reps", str(s.reps), parse=parse_reps),
            FieldSpec("rpe", "RPE (blank: none)", f"{s.rpe:g}" if s.rpe is not None else "", parse=parse_rpe),
            FieldSpec("rir", "RIR (blank: none)", f"{s.rir:g}" if s.rir is not None else "", parse=parse_rir),
            FieldSpec("type", "Type", s.set_type.value, placeholder="warmup/working/drop/failure", parse=types),
            FieldSpec("notes", "Notes", s.notes),
        ]

        def save(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            new = replace(
                s, weight_kg=values["weight"], reps=values["reps"], rpe=values["rpe"], rir=values["rir"],
                set_type=values["type"], notes=values["notes"].strip(),
            )
            self._write(lambda repo: repo.update_set(new), self._replaced)

        self.app.push_screen(FormDialog(f"Edit set: {s.exercise_name}", fields, hint="Enter: next / save   Esc: cancel"), save)

    def _replaced(self, saved: SetEntry) -> None:
        if self.state is None:
            return
        self.state.sets = [replace(saved, exercise_name=x.exercise_name) if x.id == saved.id else x for x in self.state.sets]
        self._message(f"✓ Set updated: {set_text(saved, self.blapp.settings.unit)}")
        self._prefill_entry()
        self._refresh_views()

    def action_delete_set(self) -> None:
        def confirm(s: SetEntry) -> None:
            text = f"{s.exercise_name}: {set_text(s, self.blapp.settings.unit)} at {s.logged_at:%H:%M}"
            self.app.push_screen(
                ConfirmDialog("Delete this set?", text), lambda ok: ok and self._delete(s, "Deleted")
            )

        self._pick_set("Delete which set?", confirm)

    def action_undo(self) -> None:
        """Delete the newest set as the database has it (a set still being saved counts)."""
        if self.state is None or not (self.state.sets or self.pending_writes()):
            self._message("Nothing to undo", error=True)
            return
        sid = self.state.id

        def undo(repo: Repository) -> int | None:
            set_id = repo.last_set_id(sid)
            if set_id is not None:
                repo.delete_set(set_id)
            return set_id

        def done(set_id: int | None) -> None:
            gone = next((x for x in self.state.sets if x.id == set_id), None) if self.state else None
            if gone is None:
                self._message("Nothing to undo", error=True)
                return
            self._removed(gone, "Undone", was_last=True)

        self._write(undo, done)

    def _delete(self, s: SetEntry, verb: str) -> None:
        assert s.id is not None
        set_id = s.id
        was_last = self.state is not None and self.state.sets and self.state.sets[-1].id == set_id

        self._write(lambda repo: repo.delete_set(set_id), lambda _: self._removed(s, verb, was_last=bool(was_last)))

    def _removed(self, s: SetEntry, verb: str, *, was_last: bool) -> None:
        if self.state is None:
            return
        self.state.sets = [x for x in self.state.sets if x.id != s.id]
        if was_last and self.timer is not None:
            self.timer = None  # the rest belonged to the set just removed
            sid = self.state.id
            self._write(lambda repo: repo.set_rest(sid, None, None))
        self._message(f"{verb}: {s.exercise_name} {set_text(s, self.blapp.settings.unit)}")
        self._prefill_entry()
        self._refresh_views()

    def action_set_note(self) -> None:
        state = self.state
        if state is None or not state.sets:
            self._message("Log a set first, then add its note", error=True)
            return
        last = state.sets[-1]

        def save(values: dict[str, Any] | None) -> None:
            if values is not None:
                new = replace(last, notes=values["notes"].strip())
                self._write(lambda repo: repo.update_set(new), self._replaced)

        self.app.push_screen(FormDialog(f"Note on {last.exercise_name} {set_text(last, self.blapp.settings.unit)}",
                                        [FieldSpec("notes", "Note", last.notes)]), save)

    def action_session_note(self) -> None:
        state = self.state
        if state is None:
            return

        def save(values: dict[str, Any] | None) -> None:
            if values is not None and self.state is not None:
                notes = values["notes"].strip()
                self.state.notes = notes
                sid = self.state.id
                self._write(lambda repo: repo.set_session_notes(sid, notes), lambda _: self._message("✓ Session note saved"))
                self._refresh_views()

        self.app.push_screen(FormDialog("Session note", [FieldSpec("notes", "Note", state.notes)]), save)

    # ---- finishing --------------------------------------------------------------------------

    def action_finish(self, at_last_set: bool = False) -> None:
        """Summary, then session RPE, then the session is closed. `at_last_set`: end it when
        its last set was logged (finishing a session left open since another day)."""
        state = self.state
        if state is None:
            return
        ex_ids = {s.exercise_id for s in state.sets}
        started = state.started_at

        def bests(repo: Repository) -> dict[int, tuple[float | None, float | None]]:
            return {ex: previous_bests(repo.exercise_sets(ex, before=started)) for ex in ex_ids}

        self._write(bests, lambda found: self._show_summary(found, at_last_set))

    def _show_summary(self, bests: dict[int, tuple[float | None, float | None]], at_last_set: bool = False) -> None:
        state = self.state
        if state is None:
            return
        now = self.clock()
        if at_last_set and state.sets and state.sets[-1].logged_at:
            now = state.sets[-1].logged_at
        report = summarize(state, self.exercises, bests, now)
        body = self._report_text(report)

        def ask_rpe(go_on: bool | None) -> None:
            if not go_on:
                self._message("Finish cancelled: the session is still open")
                return

            def parse(text: str) -> float | None:
                if not text.strip():
                    return None
                try:
                    value = float(text.replace(",", "."))
                except ValueError:
                    raise InputError("Session RPE is a number from 0 to 10") from None
                if not 0 <= value <= 10:
                    raise InputError("Session RPE is a number from 0 to 10")
                return value

            def done(values: dict[str, Any] | None) -> None:
                if values is None:
                    self._message("Finish cancelled: the session is still open")
                    return
                rpe = values["rpe"]
                sid = state.id
                self._ending = True
                self.refresh_bindings()
                self._write(lambda repo: repo.finish_session(sid, now, rpe), lambda _: self._finished(report, rpe))

            self.app.push_screen(
                FormDialog(
                    "How hard was the whole session? (session RPE 0-10)",
                    [FieldSpec("rpe", "Session RPE", placeholder="e.g. 8 (blank: skip)", parse=parse)],
                    hint="Enter: save and finish   Esc: back to the session",
                ),
                done,
            )

        self.app.push_screen(
            InfoDialog(f"Session summary: {state.name}", body, hint="Enter: next (session RPE)   Esc: back to the session"),
            ask_rpe,
        )

    def _report_text(self, report: SessionReport) -> str:
        unit = self.blapp.settings.unit
        lines = [
            f"[b]{report.minutes} min[/b]   {plural(report.working_sets, 'working set')} ({report.sets} with warm-ups)   "
            f"volume {format_volume(report.volume_kg, unit)}",
            "",
            "[b]Volume load by muscle[/b] (secondary counts half)",
        ]
        for muscle, kg in sorted(report.volume_by_muscle.items(), key=lambda p: -p[1]):
            lines.append(f"  {escape(muscle):<12} {format_volume(kg, unit):>10}")
        if report.best_e1rm:
            lines += ["", "[b]Best e1RM[/b]"]
            for name, kg in report.best_e1rm.items():
                lines.append(f"  {escape(name):<24} {format_e1rm(kg, unit)}")
        lines += ["", "[b]Records[/b]"]
        if report.records:
            for r in report.records:
                fmt = format_e1rm if r.kind == "e1RM" else format_weight
                prev = f" (was {fmt(r.previous_kg, unit)})" if r.previous_kg else " (first time)"
                lines.append(f"  ★ {escape(r.exercise)}: {r.kind} {fmt(r.value_kg, unit)}{prev}")
        else:
            lines.append("  none today")
        return "\n".join(lines)

    def _finished(self, report: SessionReport, rpe: float | None) -> None:
        load = f", session load {rpe * report.minutes:g}" if rpe is not None else ""
        self.notify(f"Session saved: {plural(report.working_sets, 'working set')} in {report.minutes} min{load}", title="Well done")
        self.state = None
        self.timer = None
        self._ending = False
        self.load()

    def action_discard(self) -> None:
        state = self.state
        if state is None:
            return

        def really(ok: bool | None) -> None:
            if ok:
                sid = state.id
                self._ending = True
                self.refresh_bindings()
                self._write(lambda repo: repo.discard_session(sid), lambda _: self._discarded())

        self.app.push_screen(
            ConfirmDialog("Discard this session?", f"{state.name}: {plural(len(state.sets), 'set')} will be deleted for good."),
            really,
        )

    def _discarded(self) -> None:
        self.notify("Session discarded")
        self.state = None
        self.timer = None
        self._ending = False
        self.load()
