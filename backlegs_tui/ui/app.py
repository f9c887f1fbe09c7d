"""The Textual App: three modes (Plan, Session, History), a help screen, the palette.

Start-up paints a light splash (the app's chrome) first. A thread worker then imports the
mode screens and SQLAlchemy, opens and migrates the database, and the app switches to the
start mode, whose screen loads its data in workers of its own.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from textual.timer import Timer

    from ..domain.model import Settings
    from ..store.repository import Repository
    from .export_dialog import ExchangeDone
    from .jobs import JobFailed, JobRunner
    from .messages import SettingsSaved
    from .widgets.fatigue_badge import FatigueWatch

from .key_order import KeyKeeper, caught_up, focused_field, type_into_field, type_now
from .keys import (EXTRA_HELP, binding_ids, key_label, keymap_path, load_keymap, own_bindings,
                   screen_binding_classes, screen_title)

_T0 = time.perf_counter()

MODE_TITLES = {"plan": "Plan", "session": "Session", "history": "History"}
MODE_ORDER = ["plan", "session", "history"]
MODE_SCREENS = {
    "plan": ("backlegs_tui.ui.screens.plan", "PlanScreen"),
    "session": ("backlegs_tui.ui.screens.session", "SessionScreen"),
    "history": ("backlegs_tui.ui.screens.history", "HistoryScreen"),
}


def _mode_screen(mode: str) -> Callable[[], Screen]:
    """A factory that imports a mode's screen module only when the mode is first shown."""

    def make() -> Screen:
        import importlib

        module, name = MODE_SCREENS[mode]
        return getattr(importlib.import_module(module), name)()

    return make


def _import_mode_screens() -> None:
    import importlib

    for module, _ in MODE_SCREENS.values():
        importlib.import_module(module)


class SplashScreen(Screen):
    """The first frame: the app's chrome and a line saying the log is opening."""

    def compose(self):  # noqa: ANN201
        yield Header()
        yield Static("Opening your training log…", id="splash")
        yield Footer()


class BacklegsApp(App[int]):
    """backlegs: log back-and-legs training from the keyboard."""

    TITLE = "backlegs"
    # the app's styles only: the first frame parses no screen's. Session brings its own when it
    # is installed; the other modes' are read once the start screen is up and idle
    # (`_read_mode_css`), so that a mode's first show finds them read (Textual re-parses every
    # style it knows when a screen brings new ones)
    CSS_PATH = "app.tcss"
    LATER_CSS = ("screens/plan.tcss", "screens/history.tcss", "widgets/history_fatigue.tcss")
    MODES = {mode: _mode_screen(mode) for mode in MODE_SCREENS}
    START_MODE = "session"
    # F1-F3 jump to a mode; where the F-keys are taken (GNOME Terminal's F1, a Mac without
    # fn) ctrl+left / ctrl+right step through the modes, and keymap.toml remaps any of them.
    # Priority: the switch happens as the key comes, so the keys typed after it go to the new
    # mode (`F3 f` in one burst, History's first show: the `f` went to the Session screen's
    # list, behind the switch, and was lost)
    BINDINGS = [
        Binding("f1", "switch_mode('plan')", "Plan", id="mode.plan", priority=True),
        Binding("f2", "switch_mode('session')", "Session", id="mode.session", priority=True),
        Binding("f3", "switch_mode('history')", "History", id="mode.history", priority=True),
        Binding("ctrl+left", "step_mode(-1)", "Previous mode", id="mode.previous", priority=True, show=False),
        Binding("ctrl+right", "step_mode(1)", "Next mode", id="mode.next", priority=True, show=False),
        Binding("question_mark", "help", "Help", id="app.help", key_display="?"),
        Binding("ctrl+o", "settings", "Settings", id="app.settings", key_display="^o"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, show=False),
    ]

    def __init__(
        self,
        db_path: Path | None = None,
        *,
        repo: Repository | None = None,
        create_parent: bool = False,
        clock: Callable[[], datetime] = datetime.now,
        start_mode: str | None = None,
        keymap_file: Path | None = None,
        first_start: bool = False,
    ) -> None:
        super().__init__()
        self.db_path = db_path
        # offer the first-start wizard (ui/wizard.py) if the database agrees: the CLI asks
        # when it creates the database file; tests, --demo and existing files do not
        self.first_start = first_start
        self.create_parent = create_parent
        self.repo: Repository | None = repo
        self.clock = clock
        self._settings: Settings | None = None
        self.store_error: str | None = None
        self._start_mode = start_mode or self.START_MODE
        self.startup_s: float | None = None
        self._fatigue: FatigueWatch | None = None
        self.keymap_file = keymap_file if keymap_file is not None else keymap_path()
        self.keymap: dict[str, str] = {}  # binding id -> keys, from the lifter's keymap file
        self.keymap_problem: str | None = None
        self._jobs: JobRunner | None = None
        self._settle_heap: Timer | None = None

    # settings, fatigue and jobs are made on first use, so that the first frame imports none of
    # their modules (domain.model's dataclasses alone cost ~17 ms: start-up)

    @property
    def settings(self) -> Settings:
        """The lifter's settings (the defaults until the store is open)."""
        if self._settings is None:
            from ..domain.model import Settings

            self._settings = Settings()
        return self._settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self._settings = value

    @property
    def fatigue(self) -> FatigueWatch:
        """The latest fatigue report, for the header badge."""
        if self._fatigue is None:
            from .widgets.fatigue_badge import FatigueWatch

            self._fatigue = FatigueWatch(self)
        return self._fatigue

    @property
    def jobs(self) -> JobRunner:
        """The one door from the UI to the database: every screen submits its reads and
        writes here."""
        if self._jobs is None:
            from .jobs import JobRunner

            self._jobs = JobRunner(self, lambda: self.repo)
        return self._jobs

    async def on_event(self, event: events.Event) -> None:
        """A key for a focused text field (a form's, a picker's filter) is handled in the
        order typed: typed in, or its binding run, before the next key is looked at
        (`key_order`). Textual would queue the letters for the field and run a priority
        Enter at once, so a note and Enter in one burst saved an empty note."""
        if isinstance(event, events.Key) and not event.is_forwarded and self.screen.maximized is None:
            keeper = self.key_keeper
            if keeper is not None and await self._kept_for_a_dialog(keeper, event):
                return
            field = focused_field(self)
            if field is not None:
                self.app_focus = True
                await caught_up(field)  # the keys before it have landed: a priority Enter reads them
                if await self._check_bindings(event.key, priority=True):
                    return
                # caught up once: again only when what was queued moved the focus elsewhere
                typed = (type_now(self, field, event.key, event.character) if self.focused is field
                         else type_into_field(self, event.key, event.character))
                if await typed:
                    return
        await super().on_event(event)

    key_keeper: KeyKeeper | None = None
    """The set entry, which keeps the keys typed with the one that opened a dialog."""

    async def _kept_for_a_dialog(self, keeper: KeyKeeper, event: events.Key) -> bool:
        """A key that comes while a dialog opened from the keeper's screen is up and the keeper
        still keeps keys typed before it (`n r p`, then `e 8` as the field gets the focus):
        it joins them, or it would be typed ahead of them ('er p8' for 'rpe 8')."""
        screen = getattr(keeper, "screen", None)
        if screen is None or screen is self.screen or screen not in self.screen_stack:
            return False
        await caught_up(keeper)  # keys still queued for it are kept first
        if not keeper.keeps_keys():
            return False
        self.app_focus = True
        keeper.keep(event.key, event.character)
        return True

    # ---- start-up ------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return SplashScreen()

    def on_mount(self) -> None:
        self.theme = "gruvbox"
        if self.repo is not None:
            _import_mode_screens()
            self._store_opened(self.repo)
        else:
            # paint first, then do the slow imports and the migration in a thread
            self.call_after_refresh(self._open_store)

    @work(thread=True, exclusive=True, exit_on_error=False, group="store")
    def _open_store(self) -> None:
        _import_mode_screens()
        from ..store.repository import Repository
        from ..store.schema import StoreError

        assert self.db_path is not None
        try:
            repo = Repository.open(self.db_path, create_parent=self.create_parent)
            repo.settings()  # warm the connection pool in this thread
        except StoreError as exc:
            self.call_from_thread(self._store_failed, str(exc))
            return
        self.call_from_thread(self._store_opened, repo)

    def _store_failed(self, message: str) -> None:
        self.store_error = message
        self.exit(2)

    def _store_opened(self, repo: Repository) -> None:
        from .messages import StoreReady

        self._apply_keymap()  # the mode screens are imported now: every binding id is known
        self.repo = repo
        self.settings = repo.settings()
        self.startup_s = time.perf_counter() - _T0
        self.log.info(f"store ready after {self.startup_s * 1000:.0f} ms")
        # screens the lifter opened while the store was opening learn that it is ready;
        # a screen created from now on loads when it is first shown
        waiting = list(self.mode_screens())
        if self.current_mode == "_default":
            self.switch_mode(self._start_mode)
        for screen in waiting:
            screen.post_message(StoreReady())
        self.fatigue.refresh()
        if self.first_start:
            from .wizard import offer_first_start

            offer_first_start(self)
        self.settle_heap()

    def settle_heap(self) -> None:
        """Once the reads in flight are done and drawn: collect, then freeze what is alive
        out of Python's full collections. Called when the start screen is up (what start-up
        made: modules, Textual, SQLAlchemy, most of the heap) and after each mode's first
        show (its screen). A full collection walked all of it, ~0.1 s on the ten-year
        database, and fell at random into a mode switch or a logged set; now it walks what
        was made since, and the collection runs while the lifter looks at the screen."""
        if self._settle_heap is None:
            self._settle_heap = self.set_interval(0.1, self._freeze_heap_when_idle)

    def _freeze_heap_when_idle(self) -> None:
        if self.jobs.pending() or self._settle_heap is None:
            return
        self._settle_heap.stop()
        self._settle_heap = None
        self._read_mode_css()  # once: later calls find every file read
        gc.collect()
        gc.freeze()

    def _read_mode_css(self) -> None:
        """The other modes' styles, read while the lifter looks at the start screen (one
        re-parse, ~30 ms) rather than before the first frame or on a mode's first show."""
        base = Path(__file__).parent
        paths = [(base / rel).resolve() for rel in self.LATER_CSS]
        new = [path for path in paths if not self.stylesheet.has_source(str(path), "")]
        for path in new:
            self.stylesheet.read(path)
        if new:
            self.stylesheet.reparse()
            self.stylesheet.update(self)

    def mode_screens(self) -> Iterable[Screen]:
        """The mode screens created so far (a mode not yet shown has none)."""
        for mode in self.MODES:
            try:
                stack = self.get_screen_stack(mode)
            except KeyError:
                continue
            if stack:
                yield stack[0]

    def _apply_keymap(self) -> None:
        """The lifter's keymap.toml, if there is one; a problem with it is one notification
        and the app starts with the rest of the file applied."""
        self.keymap, self.keymap_problem = load_keymap(self.keymap_file, lambda: binding_ids(self.BINDINGS))
        if self.keymap:
            self.set_keymap(self.keymap)
        if self.keymap_problem:
            self.notify(self.keymap_problem, title="Keymap", severity="warning", timeout=15, markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed is reported on screen and in the log, never as a traceback."""
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            self.log.error(f"worker {event.worker.name} failed: {error!r}")
            self.notify(f"Something went wrong: {error}", title="Error", severity="error", timeout=10, markup=False)

    def on_unmount(self) -> None:
        if self.repo is not None:
            self.repo.close()

    # ---- modes, help, palette ---------------------------------------------------------

    def action_help(self) -> None:
        from .help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_rows()))

    def action_step_mode(self, step: int) -> None:
        mode = self.current_mode if self.current_mode in MODE_ORDER else self._start_mode
        self.switch_mode(MODE_ORDER[(MODE_ORDER.index(mode) + step) % len(MODE_ORDER)])

    def action_settings(self) -> None:
        from .messages import SettingsSaved
        from .settings_dialog import apply_settings, settings_dialog

        def saved(values: dict | None) -> None:
            if values is None or self.repo is None:
                return
            new = apply_settings(self.settings, values)
            self.jobs.submit(self, "save the settings", lambda repo: repo.save_settings(new), lambda _: SettingsSaved(new))

        self.push_screen(settings_dialog(self.settings), saved)

    def on_settings_saved(self, message: SettingsSaved) -> None:
        from .messages import StoreReady

        new = self.settings = message.settings
        self.fatigue.refresh()
        self.notify(message.note or f"Settings saved: weights in {new.unit.value}, bar {new.bar:g} {new.unit.value}")
        for screen in self.mode_screens():
            refresh = getattr(screen, "settings_changed", None)
            if refresh is not None:
                refresh()
            else:
                screen.post_message(StoreReady())

    def on_job_failed(self, message: JobFailed) -> None:
        """A failed job no screen dealt with: one plain line."""
        self.notify(message.line, title="Error", severity="error", timeout=10, markup=False)

    async def action_quit(self) -> None:
        """Quit once queued writes are on disk (a set logged just before ctrl+q is kept)."""
        deadline = time.monotonic() + 10
        await self.jobs.drain(10)
        for screen in list(self.mode_screens()):
            pending = getattr(screen, "pending_writes", None)
            while pending is not None and pending() and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
        self.exit()

    def action_export(self) -> None:
        from .export_dialog import export_dialog, export_job

        def chosen(values: dict | None) -> None:
            if values:
                self.jobs.submit(self, f"export to {values['path']}", export_job(values["format"], values["path"]),
                                 lambda done: done)

        folder = self.db_path.parent if self.db_path is not None else Path.home()
        self.push_screen(export_dialog(folder), chosen)

    def action_backup(self) -> None:
        from .export_dialog import backup_job

        self.jobs.submit(self, "back up the database", backup_job(), lambda done: done)

    def on_exchange_done(self, message: ExchangeDone) -> None:
        self.notify(message.line, title="Done", timeout=10, markup=False)

    def action_import(self) -> None:
        from .import_dialog import ImportDialog

        self.push_screen(ImportDialog())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("switch_mode", "step_mode") and self.screen.is_modal:
            return False  # a dialog is answered (or closed) first: it stays where it was opened
        # a mode's footer does not offer its own key (F2 in Session): the room goes to the
        # other modes, help and Settings, which must fit at 80 columns
        return not (action == "switch_mode" and parameters and parameters[0] == self.current_mode)

    def help_rows(self) -> list[tuple[str, str, str]]:
        """(where, keys, what) for the current screen, its panels (the set entry, the
        catalogue) and the app, keys named as the lifter reads them and as remapped."""
        screen = self.screen
        title = screen_title(screen, MODE_TITLES.get(self.current_mode, "Screen"))
        groups: list[tuple[str, list[object]]] = [(title, own_bindings(screen))]
        for where, bindings in screen_binding_classes():
            if where.startswith(f"{title}: "):
                groups.append((where, bindings))
        groups.append(("Everywhere", list(self.BINDINGS)))
        rows: list[tuple[str, str, str]] = []
        for where, bindings in groups:
            for b in bindings:
                if isinstance(b, Binding) and b.description:
                    keys = self.keymap.get(b.id, b.key) if b.id else b.key
                    rows.append((where, key_label(keys), b.description))
            rows += [(where, keys, what) for keys, what in EXTRA_HELP.get(where, [])]
        return rows

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("Plan mode", "Templates, weekly schedule and plan checks (F1)", lambda: self.switch_mode("plan"))
        yield SystemCommand("Session mode", "Log sets, rest timer, warm-ups, plates (F2)", lambda: self.switch_mode("session"))
        yield SystemCommand("History mode", "Past sessions, progress, records, volume (F3)", lambda: self.switch_mode("history"))
        yield SystemCommand("Help: keys", "Every key of this screen and the app (?)", self.action_help)
        yield SystemCommand("Settings…", "Unit (kg or lb), bar and plates (ctrl+o)", self.action_settings)
        yield SystemCommand("Import history…", "Strong, Hevy or FitNotes CSV, or a backlegs JSON export", self.action_import)
        yield SystemCommand("Export…", "Every set as CSV, everything as JSON, or Strong's CSV for other apps", self.action_export)
        yield SystemCommand("Back up the database", "A consistent copy in backups/ beside the database", self.action_backup)
        yield SystemCommand("Previous mode", "Plan, Session, History (ctrl+←)", lambda: self.action_step_mode(-1))
        yield SystemCommand("Next mode", "Plan, Session, History (ctrl+→)", lambda: self.action_step_mode(1))
        # every binding of the current screen, by its description
        for b in own_bindings(screen):
            if isinstance(b, Binding) and b.description and b.action:
                _, name, params = parse_action(b.action)
                if screen.check_action(name, params) is not True:
                    continue  # it cannot act here (Session's Undo with no session open)
                yield SystemCommand(
                    f"{MODE_TITLES.get(self.current_mode, '')}: {b.description}",
                    getattr(b, "tooltip", "") or f"key {key_label(self.keymap.get(b.id, b.key) if b.id else b.key)}",
                    _runner(screen, b.action),
                )
        # Textual's own: the theme and quit; not its key panel, maximize or screenshot
        for command in super().get_system_commands(screen):
            if command.title in ("Theme", "Quit"):
                yield command


def _runner(screen: Screen, action: str) -> Callable[[], object]:
    def run() -> object:
        return screen.run_action(action)

    return run
