"""Session mode: the start panel while no session is open, the live panel while one is.

The rules live in `services.live_session.LiveSession`; this screen turns keys into its
actions, hands the writes they return to the app's one job runner, and applies the results
when the job's typed message comes back (a set shows once it is committed). A failed job is
one plain line; the entry keeps what was typed, so Enter retries."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Header

from ....domain.model import SessionState
from ....domain.timer import format_clock
from ....domain.units import format_weight, plural
from ....domain.validation import parse_body_weight
from ....services.live_session import (
    EntryInput,
    LiveSession,
    Outcome,
    Write,
    load_open,
    read_start,
    start_session,
)
from ....services.session_start import (
    gone_line,
    read_overview,
    reread_session,
    resume_title,
)
from ...dialogs import FieldSpec, FormDialog, readiness_dialog, readiness_from
from ...footer import ModeFooter
from ...jobs import JobFailed
from ...widgets.set_entry import SetEntry as SetEntryWidget
from ..base import ModeScreen, read_data_version
from . import finish
from .finish import FinishKeys
from .guard import while_shown
from .live_panel import LivePanel
from .messages import (
    OverviewRead,
    SessionRead,
    SessionResynced,
    SessionStarted,
    SessionWatched,
    SessionWritten,
)
from .set_edits import SetEditKeys
from .start_panel import PlanChosen, StartPanel

# actions that only act on an open session: hidden (check_action False) from the footer, the
# keys and the palette while the start panel shows (tester2 #17: "Undo last set" did nothing)
LIVE_ACTIONS = {
    "log_set", "cycle_type", "toggle_effort", "skip_rest", "rest", "next_exercise", "prev_exercise",
    "goto_exercise", "add_exercise", "swap_exercise", "edit_set", "delete_set", "undo", "set_note",
    "session_note", "toggle_warmups", "finish", "discard", "hold", "exercise_note", "body_weight",
}
# writes after which the entry shows the new prefill, and the session is read again: another
# window (a second `backlegs`, a `backlegs serve` tab) may have logged into it meanwhile
REFILL = {"logged", "undone", "deleted", "replaced", "swapped", "added"}
# ... unless the lifter is typing: a set deleted or edited (a note) leaves the typed entry alone
KEEP_TYPED = {"deleted", "replaced"}


# while a session shows and nothing is queued, every WATCH_TICKS ticks (5 s) a job reads the
# database's data version; when it changed, the session is read again (a set logged in
# another window shows here without a key pressed)
WATCH_TICKS = 20
# background reads: a failure of theirs is not the lifter's business (the next write says it)
QUIET_KEYS = {"session-reread", "session-watch"}

# ] and [ in the footer as one: "][ ±15s" (the space keeps the compact footer's next key apart)
REST_KEYS = Binding.Group("±15s ", compact=True)


class SessionScreen(SetEditKeys, FinishKeys, ModeScreen):
    """Log a session: the plan's exercises, the current one, today's sets, the entry, rest."""

    CSS_PATH = "session.tcss"
    SUB_TITLE = "Session"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide"), (170, "-roomy")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    BINDINGS = [
        # in the footer: skip rest, ][ +/-15 s and finish, then the modes, help and Settings
        # (80 columns hold no more); Enter is in the entry's title, the rest in ? help and the palette
        Binding("enter", "log_set", "Log set", id="session.log", show=False),
        Binding("t", "cycle_type", "Set type", id="session.type", tooltip="Cycle working, drop, failure, warm-up", show=False),
        Binding("s", "skip_rest", "Skip rest", id="session.skip_rest"),
        Binding("right_square_bracket", "rest(15)", "+15s", id="session.rest_more", tooltip="Add 15 s to the rest timer",
                key_display="]", group=REST_KEYS),
        Binding("left_square_bracket", "rest(-15)", "-15s", id="session.rest_less", tooltip="Take 15 s off the rest timer",
                key_display="[", group=REST_KEYS),
        Binding("j,pagedown", "next_exercise", "Next lift", show=False, id="session.next"),
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
        Binding("E", "exercise_note", "Note on the lift", show=False, id="session.exercise_note",
                tooltip="A standing note on this lift (seat height, grip, stance), shown each time it comes up"),
        Binding("h", "hold", "Hold timer", show=False, id="session.hold",
                tooltip="Timed lifts: start the hold (a countdown from Hold, else a stopwatch); h again stops it"),
        Binding("b", "body_weight", "Body weight", show=False, id="session.body_weight",
                tooltip="Log today's body weight (bodyweight and assisted lifts count from it)"),
        Binding("f", "finish", "Finish", id="session.finish"),
        Binding("D", "discard", "Discard session", show=False, id="session.discard"),
        Binding("d", "deload", "Deload version", id="session.deload", tooltip="Start a deload version of the plan (fatigue warning)"),
        Binding("ctrl+r", "reload", "Read the log again", show=False, id="session.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.live: LiveSession | None = None
        self._loaded_once = False
        self._starting = False
        self._early: list[tuple[str, str | None]] = []  # keys typed while the session starts
        self._notice = ""  # why the session shown here went (ended in another window)
        self._watch_ticks = 0
        self._seen_version: int | None = None

    # ---- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield StartPanel(id="start")
        yield LivePanel(id="live")
        yield ModeFooter(compact=True)

    def on_mount(self) -> None:
        self.panel.display = False
        self.set_interval(0.25, self.tick)

    def on_resize(self, _: Resize) -> None:
        if self.live is not None:
            self.call_after_refresh(self._reshow)  # the warm-ups go on one line when short

    def _reshow(self) -> None:
        if self.is_attached and self.live is not None and self.query(LivePanel):
            try:
                self._show()
            except NoMatches:  # the app is closing under us: nothing left to draw
                pass

    @property
    def panel(self) -> LivePanel:
        return self.query_one(LivePanel)

    @property
    def start_panel(self) -> StartPanel:
        return self.query_one(StartPanel)

    @property
    def entry(self) -> SetEntryWidget:
        return self.panel.entry

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in LIVE_ACTIONS:
            return self.live is not None and not self.live.ending
        if action == "deload":
            return self.live is None and self.start_panel.deload_offered
        return True

    def pending_writes(self) -> bool:
        """Whether a job is queued or running (quitting waits for it)."""
        return self.blapp.jobs.pending() > 0

    # ---- jobs -------------------------------------------------------------------------------

    def _submit(self, what: str, run: Any, done: Any, *, key: str | None = None) -> None:
        self.blapp.jobs.submit(self, what, run, done, key=key)

    def _do(self, out: Outcome) -> None:
        """Show an action's message and queue its write."""
        if out.message:
            self.panel.message(out.message, error=out.error)
        if out.write is not None and self.live is not None:
            self._queue(out.write)
        if out.then is not None and self.live is not None:
            self._queue(out.then)

    def _queue(self, write: Write) -> None:
        sid, kind = self.live.id, write.kind  # type: ignore[union-attr]
        self._submit(write.what, write.run, lambda result: SessionWritten(sid, kind, result))

    @while_shown
    def on_job_failed(self, msg: JobFailed) -> None:
        """One plain line; what was typed stays in the entry; the screen re-reads the disk."""
        msg.stop()
        if msg.key in QUIET_KEYS:
            return
        self._starting = False
        if self.live is None:
            self.start_panel.show_error(f"{msg.line}. ctrl+r tries again.")
            return
        self.live.ending = False
        self.refresh_bindings()
        self.entry.release()  # keys typed after Enter go into the kept entry
        self.panel.message(self._failure_line(msg.what, msg.line), error=True)
        if msg.what != "read the session again":  # (never a loop of failed reads)
            self._read_again(failed=True)

    def _failure_line(self, what: str, line: str) -> str:
        """`✗ <what failed and why>. Your entry is kept: Enter retries.` when the message
        shows it whole (its rows as laid out: one at 120x36, two at 80x24), else `✗ Could not
        <what>. Enter retries.` with the whole line in a notification: never a cut line."""
        whole = f"✗ {line}. Your entry is kept: Enter retries."
        msg = self.panel.query_one("#entry-msg")
        box = msg.parent
        rows = box.content_region.bottom - msg.region.y if isinstance(box, Widget) and msg.region.height else 1
        width = msg.size.width or 40
        reason = line.split(": ", 1)[1] if ": " in line else ""
        shorter = [f"✗ {line}. Enter retries."] + ([f"✗ Not saved: {reason}. Enter retries."] if reason else [])
        for text in [whole, *shorter]:
            if len(Text(text).wrap(self.app.console, width)) <= max(1, rows):
                break
        else:
            text = f"✗ Could not {what}. Enter retries."
        if text != whole:
            self.notify(f"{line}. Your entry is kept: Enter retries.", severity="error", timeout=20, markup=False)
        return text

    def _read_again(self, *, failed: bool = False) -> None:
        """The session as the disk has it now (in a job): another window may have logged into
        it, finished it or discarded it. `failed`: after a failed write (the disk's state
        replaces this window's)."""
        live = self.live
        if live is None or (live.ending and not failed):
            return
        sid, past = live.id, live.past
        self._submit("read the session again", lambda repo: reread_session(repo, sid, past=past),
                     lambda r: SessionResynced(r.state, r.gone, failed, sid), key=None if failed else "session-reread")

    @while_shown
    def on_session_resynced(self, msg: SessionResynced) -> None:
        live = self.live
        if live is None or (msg.session_id and msg.session_id != live.id):
            return  # about a session no longer shown
        if msg.state is None:
            self._gone(msg.gone)
        elif msg.failed:
            live.resync(msg.state)
            self._show()
        elif not live.ending and live.merge(msg.state):
            self._show()  # what another window logged (the entry keeps what is typed)

    def _gone(self, gone: str) -> None:
        """Finished or discarded in another window: say so in one whole line, then the start
        panel (or the session open now)."""
        line = gone_line(gone)
        self.live = None
        self.refresh_bindings()
        self._notice = line
        self.notify(line, severity="warning", timeout=20, markup=False)
        self.load()

    @while_shown
    def on_session_watched(self, msg: SessionWatched) -> None:
        """The database's data version, read while a session shows: read it again on a change
        (None: no such number, a server: read it again)."""
        seen, self._seen_version = self._seen_version, msg.version
        if msg.version is None or seen != msg.version:
            self._read_again()

    # ---- loading -----------------------------------------------------------------------------

    def resumed(self) -> None:
        # a closed dialog is a resume too: read again only when no session is open or starting
        if self.live is None and not self._starting:
            self.load()
        elif self.live is not None:
            self._read_again()

    def load(self) -> None:
        self._loaded_once = True
        today = self.blapp.clock().date()

        def read(repo: Any) -> SessionRead:
            data = load_open(repo)
            return SessionRead(data, read_start(repo, today) if data is None else None)

        self._submit("read your training log", read, lambda m: m, key="session-read")

    def action_reload(self) -> None:
        if self.live is None:
            self.load()
        else:
            self._read_again()

    @while_shown
    def on_session_read(self, msg: SessionRead) -> None:
        if msg.data is None:
            if self.live is None and msg.start is not None:
                self._show_start(msg)
            return
        if self.live is None or self.live.id != msg.data.state.id:
            # a session this screen did not start (left open by an earlier run): offer to resume it
            self._enter_live(msg.data)
            self._offer_resume(msg.data.state)

    def _show_start(self, msg: SessionRead) -> None:
        assert msg.start is not None
        self.panel.display = False
        self.start_panel.display = True
        now = self.blapp.clock()
        notice, self._notice = self._notice, ""
        self.start_panel.show(msg.start, now, notice=notice)
        self.refresh_bindings()
        settings = self.blapp.settings
        self._submit("read the fatigue check", lambda repo: read_overview(repo, now, settings), OverviewRead, key="overview")

    @while_shown
    def on_overview_read(self, msg: OverviewRead) -> None:
        self.start_panel.show_overview(msg.overview, self.blapp.settings.unit)
        self.refresh_bindings()

    def _enter_live(self, data: Any) -> None:
        """Show a session (once per session: keys typed as it appears are kept)."""
        self.live = LiveSession(data, self.blapp.settings, self.blapp.clock)
        self.start_panel.display = False
        self.panel.display = True
        self.entry.focus()
        self.panel.message("")  # nothing carried over from the session before (its note saved, ...)
        self.panel.load_entry(self.live)
        self._show()
        self.refresh_bindings()

    def _show(self) -> None:
        if self.live is not None:
            self.panel.show(self.live)

    def settings_changed(self) -> None:
        """The unit, bar or plates changed: re-show everything in the new terms."""
        if self.live is not None:
            self.live.settings = self.blapp.settings
            self.live.refresh()
            self.panel.load_entry(self.live)
            self._show()
        elif self.repo is not None:
            self.load()

    # ---- starting ------------------------------------------------------------------------

    @on(PlanChosen)
    def _plan_chosen(self, event: PlanChosen) -> None:
        self._start(event.plan_id, deload=event.deload)

    def action_deload(self) -> None:
        plan_id = self.start_panel.highlighted_plan()
        if not isinstance(plan_id, int):
            self.start_panel.show_error("Highlight a plan, then d starts its deload version.")
            return
        self._start(plan_id, deload=True)

    def _start(self, plan_id: int | None, *, deload: bool) -> None:
        if self._starting or self.live is not None:
            return
        settings = self.blapp.settings
        sets = getattr(settings, "deload_sets", 0.6)
        load = getattr(settings, "deload_load", 0.9)

        def with_readiness(values: dict[str, Any] | None) -> None:
            if self._starting or self.live is not None:
                return
            self._starting = True
            readiness, now = readiness_from(values), self.blapp.clock()
            self._submit(
                "start the session",
                lambda repo: start_session(repo, plan_id, now, readiness, deload=deload, deload_sets=sets, deload_load=load),
                SessionStarted,
            )

        self.app.push_screen(readiness_dialog(), with_readiness)

    @while_shown
    def on_session_started(self, msg: SessionStarted) -> None:
        self._starting = False
        if self.live is None or self.live.id != msg.data.state.id:
            self._enter_live(msg.data)
        if self._early:
            self.call_after_refresh(self._replay_early_keys)

    def _replay_early_keys(self) -> None:
        """Keys typed while the session started go to the live view, once it has the focus."""
        early, self._early = self._early, []
        keys = {k: b for b in self.BINDINGS if isinstance(b, Binding) for k in b.key.split(",")}
        for key, character in early:  # in order: a w before the digits must not wipe them
            binding = keys.get(key)
            if binding is not None and "(" not in binding.action and self.check_action(binding.action, ()):
                getattr(self, f"action_{binding.action}")()
            elif binding is None and self.live is not None:
                self.entry.type_key(key, character)

    def on_key(self, event: events.Key) -> None:
        """Keys typed while a session is starting are kept for it (not lost on the start panel)."""
        if self._starting and self.live is None and event.key not in ("ctrl+q", "ctrl+c"):
            self._early.append((event.key, event.character))
            event.stop()
            event.prevent_default()

    def _offer_resume(self, state: SessionState) -> None:
        now = self.blapp.clock()
        rest = ""
        if state.rest_until and state.rest_until > now:
            rest = f", {format_clock((state.rest_until - now).total_seconds())} of rest left"

        def chosen(choice: str | None) -> None:
            if choice == "finish":
                self.action_finish(at_last_set=True)
            elif choice == "discard":
                self.action_discard(offered=True)

        title = resume_title(state, now)
        self.app.push_screen(finish.resume_offer(title, f"{plural(len(state.sets), 'set')} logged{rest}"), chosen)

    # ---- the clock ------------------------------------------------------------------------

    @while_shown
    def tick(self) -> None:
        """Redraw the rest timer and elapsed time from the clock; ring once at zero."""
        if self.live is None:
            return
        self._watch()
        self.panel.tick(self.live)
        if (held := self.live.hold_tick()) is not None:
            self.app.bell()
            self.panel.message(held)
        note = self.live.tick()
        if note is not None:
            self.app.bell()
            self.notify(note, title="Rest over", timeout=15, markup=False)

    def _watch(self) -> None:
        """Every WATCH_TICKS ticks, while this screen shows with nothing queued: read the data
        version (another window may have logged, finished or discarded meanwhile)."""
        self._watch_ticks += 1
        if self._watch_ticks < WATCH_TICKS or self.app.screen is not self or self.pending_writes():
            return
        self._watch_ticks = 0
        self._submit("check for changes", read_data_version, SessionWatched, key="session-watch")

    # ---- results ---------------------------------------------------------------------------

    @while_shown
    def on_session_written(self, msg: SessionWritten) -> None:
        if msg.kind == "logged":
            self.entry.release()  # keys typed after Enter: into the prefill loaded below
        live = self.live
        if live is None or live.id != msg.session_id:
            return
        out = live.apply(msg.kind, msg.result)
        if msg.kind in ("finished", "discarded"):
            self.notify(self._finished_line(msg.kind), title="Well done" if msg.kind == "finished" else None)
            self.live = None
            self.refresh_bindings()
            self.load()
            self.blapp.fatigue.refresh()  # the header badge: this session may start or end a warning
            return
        self._do(out)
        if msg.kind in REFILL:
            self.panel.load_entry(live, keep_typed=msg.kind in KEEP_TYPED)
            self._show()
            self._read_again()  # after the writes queued above: what another window logged shows
        elif msg.kind in ("body_weight", "ex_note"):
            self._show()
            if msg.kind == "body_weight" and self._log_after_body:
                self._log_after_body = False
                self.action_log_set()

    def _finished_line(self, kind: str) -> str:
        if kind == "discarded":
            return "Session discarded"
        return self._finish_note or "Session saved"

    _finish_note = ""

    # ---- keys: logging ---------------------------------------------------------------------

    def action_log_set(self) -> None:
        if self.live is None:
            return
        v = self.entry.values()
        before = self.live.next
        out = self.live.enter(EntryInput(v.weight, v.reps, v.effort, v.effort_is_rir, v.set_type, v.duration, v.distance))
        if out.write is not None and out.write.kind == "logged":
            self.entry.hold()  # what is typed next is the next set's, once its prefill is in
        self._do(out)
        if out.ask == "body_weight":
            self.action_body_weight(then_log=True)
            return
        if self.live.next is not before and out.write is not None and out.write.kind == "kept":
            self.panel.load_entry(self.live)  # a first-time target: the ramp's first step
            self._show()

    # ---- keys: load kinds ------------------------------------------------------------------

    _log_after_body = False

    def action_body_weight(self, then_log: bool = False) -> None:
        """Ask today's body weight, in the lifter's unit; it goes to the body-weight log."""
        live = self.live
        if live is None:
            return
        unit = self.blapp.settings.unit

        def check(text: str) -> str:
            parse_body_weight(text, unit)  # a bad value keeps the dialog open, its error inline
            return text

        def save(values: dict[str, Any] | None) -> None:
            if values is not None and self.live is not None:
                self._log_after_body = then_log
                self._do(self.live.log_body_weight(values["kg"]))

        now = format_weight(live.body_kg, unit, with_unit=False) if live.body_kg is not None else ""
        day = f"Body weight on {live.state.started_at:%a %d %b}" if live.past else "Today's body weight"
        form = FormDialog(f"{day} ({unit.value})", [FieldSpec("kg", f"Body weight ({unit.value})", now, parse=check)],
                          hint="Pull-ups and dips count from it   Enter: save   Esc: cancel")
        self.app.push_screen(form, save)

    def action_hold(self) -> None:
        live = self.live
        if live is None:
            return
        out = live.start_hold()
        if live.held is not None:
            self.entry.set_duration(live.held)
            live.held = None
        self._do(out)
        self.panel.update_plates(live)

    def action_exercise_note(self) -> None:
        live = self.live
        ex = live.current_exercise() if live else None
        if live is None or ex is None:
            return

        def save(values: dict[str, Any] | None) -> None:
            if values is not None and self.live is not None:
                self._do(self.live.exercise_note(values["note"]))

        form = FormDialog(f"Note on {ex.name} (seat, grip, stance; blank clears)", [FieldSpec("note", "Note", ex.notes)])
        self.app.push_screen(form, save)

    def action_cycle_type(self) -> None:
        self.entry.cycle_type()

    def action_toggle_effort(self) -> None:
        self.entry.toggle_effort()

    @on(SetEntryWidget.Changed)
    def _entry_changed(self, msg: SetEntryWidget.Changed) -> None:
        if self.live is not None:
            self.panel.update_plates(self.live)
            # a far load asks again after an edit made since it asked (the digits typed in the
            # same burst as its Enter report their change only after the question)
            if msg.edit and self.panel.entry_edited(msg.edit):
                self.live.cancel_confirmation()

    def action_toggle_warmups(self) -> None:
        self._act(self.live.toggle_warmups() if self.live else None, refill=True)

    def _act(self, out: Outcome | None, *, refill: bool = False) -> None:
        if out is None or self.live is None:
            return
        self._do(out)
        if refill and not out.error:
            self.panel.load_entry(self.live)
        self._show()

    # ---- keys: rest and moving ----------------------------------------------------------------

    def action_skip_rest(self) -> None:
        self._act(self.live.skip_rest() if self.live else None)

    def action_rest(self, seconds: int) -> None:
        self._act(self.live.adjust_rest(seconds) if self.live else None)

    def action_next_exercise(self) -> None:
        self._act(self.live.move(1) if self.live else None, refill=True)

    def action_prev_exercise(self) -> None:
        self._act(self.live.move(-1) if self.live else None, refill=True)

    def action_goto_exercise(self) -> None:
        if self.live is None or not self.live.state.items:
            return
        from ...dialogs import PickerDialog

        def go(item_id: int | None) -> None:
            if item_id is not None and self.live is not None:
                self._act(self.live.go_to(item_id), refill=True)

        self.app.push_screen(PickerDialog("Go to exercise", self.live.goto_choices()), go)

    def action_add_exercise(self) -> None:
        if self.live is None:
            return
        from ...dialogs import PickerDialog

        def add(ex_id: int | None) -> None:
            if ex_id is not None and self.live is not None:
                self._do(self.live.add(ex_id))

        self.app.push_screen(PickerDialog("Add an exercise (type to search)", self.live.add_choices()), add)

    def action_swap_exercise(self) -> None:
        live = self.live
        ex = live.current_exercise() if live else None
        if live is None or ex is None:
            return
        choices = live.alternatives()
        if not choices:
            self.panel.message(f"No alternatives known for {ex.name}", error=True)
            return
        from ...dialogs import PickerDialog

        def swap(new_id: int | None) -> None:
            if new_id is not None and self.live is not None:
                self._do(self.live.swap(new_id))

        self.app.push_screen(PickerDialog(f"Swap {ex.name} for", choices, search=False), swap)
