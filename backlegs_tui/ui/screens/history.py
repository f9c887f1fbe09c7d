"""History mode: past sessions in detail, progress and records per exercise, weekly volume
against the landmarks, and fatigue flags.

Every read runs in a thread worker and posts a typed message back; lists are paged so ten
years of training open as fast as ten sessions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, TabbedContent, TabPane
from textual.worker import get_current_worker

from ...domain.fatigue import FatigueFlag
from ...domain.history import ExerciseProgress, ExerciseUse, SessionDetail
from ...domain.model import SessionSummary
from ...domain.volume import WeekVolume, week_start
from ..widgets.history_fatigue import FatigueView
from ..widgets.history_progress import ProgressView
from ...domain.units import format_volume
from ..widgets.history_session_detail import SessionDetailView, format_duration
from ..widgets.history_volume import VolumeView
from .base import ModeScreen

PAGE = 100  # sessions fetched at a time; the next page loads near the end of the list
VOLUME_WEEKS = 8
PROGRESS_DAYS = 365  # the default range of the progress line (t shows all time)


def trend_analysis() -> tuple[Callable[..., list[FatigueFlag]], int] | None:
    """The fatigue trends' `analyse` and how many days it reads, if this build has them."""
    try:
        from ...domain.trends import HORIZON_DAYS, analyse
    except ImportError:
        return None
    return analyse, HORIZON_DAYS


def _cursor_key(table: DataTable) -> str | None:
    """The row key under the cursor now; a highlight queued while a reload rebuilt the table
    names a row the cursor has since left."""
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


class HistoryScreen(ModeScreen):
    """Four views, one key each: Sessions (s), Progress (p), Volume (v), Fatigue (f)."""

    CSS_PATH = "history.tcss"
    SUB_TITLE = "History"
    BINDINGS = [
        Binding("s", "show_tab('sessions-tab')", "Sessions", id="history.sessions"),
        Binding("p", "show_tab('progress-tab')", "Progress", id="history.progress"),
        Binding("v", "show_tab('volume-tab')", "Volume", id="history.volume"),
        Binding("f", "show_tab('fatigue-tab')", "Fatigue", id="history.fatigue"),
        Binding("left_square_bracket", "step_exercise(-1)", "Progress: prev", id="history.prev-exercise"),
        Binding("right_square_bracket", "step_exercise(1)", "Progress: next", id="history.next-exercise"),
        Binding("t", "toggle_range", "Range 1y/all", id="history.range"),
        Binding("left_square_bracket", "step_week(-1)", "Volume: prev week", id="history.prev-week"),
        Binding("right_square_bracket", "step_week(1)", "Volume: next week", id="history.next-week"),
        Binding("r", "reload", "Reload", id="history.reload", show=False),
    ]
    # actions that only make sense on one tab (hidden from the footer elsewhere)
    TAB_ACTIONS = {
        "step_exercise": "progress-tab",
        "toggle_range": "progress-tab",
        "step_week": "volume-tab",
    }

    class SessionsLoaded(Message):
        def __init__(self, rows: list[SessionSummary], offset: int, total: int) -> None:
            super().__init__()
            self.rows, self.offset, self.total = rows, offset, total

    class DetailLoaded(Message):
        def __init__(self, detail: SessionDetail | None) -> None:
            super().__init__()
            self.detail = detail

    class ExercisesLoaded(Message):
        def __init__(self, uses: list[ExerciseUse]) -> None:
            super().__init__()
            self.uses = uses

    class ProgressLoaded(Message):
        def __init__(self, progress: ExerciseProgress) -> None:
            super().__init__()
            self.progress = progress

    class VolumeLoaded(Message):
        def __init__(self, weeks: list[WeekVolume]) -> None:
            super().__init__()
            self.weeks = weeks

    class FatigueLoaded(Message):
        def __init__(self, flags: list[FatigueFlag] | None, days: int) -> None:
            super().__init__()
            self.flags, self.days = flags, days

    def __init__(self) -> None:
        super().__init__()
        self.session_id: int | None = None
        self.exercise_id: int | None = None
        self.all_time = False
        self.week: date | None = None  # Monday of the week the volume view ends with
        self.more_sessions = False
        self.loading_page = False
        self.progress: ExerciseProgress | None = None
        self._stale: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial="sessions-tab"):
            with TabPane("Sessions", id="sessions-tab"):
                with Horizontal():
                    table: DataTable[str] = DataTable(id="session-list", cursor_type="row", zebra_stripes=True)
                    table.border_title = "Sessions"
                    yield table
                    with VerticalScroll(id="session-detail-box"):
                        yield SessionDetailView("Opening database…", id="session-detail")
            with TabPane("Progress", id="progress-tab"):
                with Horizontal():
                    ex: DataTable[str] = DataTable(id="history-exercises", cursor_type="row")
                    ex.border_title = "Exercises"
                    yield ex
                    yield ProgressView(id="progress-view")
            with TabPane("Volume", id="volume-tab"):
                with VerticalScroll(id="volume-box"):
                    yield VolumeView("Loading…", id="volume-view")
            with TabPane("Fatigue", id="fatigue-tab"):
                with VerticalScroll(id="fatigue-box"):
                    yield FatigueView("Loading…", id="fatigue-view")
        yield Footer()

    def on_mount(self) -> None:
        sessions = self.query_one("#session-list", DataTable)
        for label, width in (("Date", 14), ("Session", 21), ("Time", 5), ("Sets", 4), ("Volume", 10), ("sRPE", 4)):
            sessions.add_column(label, width=width)
        exercises = self.query_one("#history-exercises", DataTable)
        for label, width in (("Exercise", 20), ("Sets", 5), ("Last", 10)):
            exercises.add_column(label, width=width)
        sessions.focus()

    # ---- helpers -----------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self.blapp.clock().date()

    @property
    def tab(self) -> str:
        return self.query_one(TabbedContent).active

    def _post(self, message: Message) -> None:
        """Post from a worker unless a newer one has replaced it."""
        if not get_current_worker().is_cancelled:
            self.post_message(message)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tab = self.TAB_ACTIONS.get(action)
        if tab is not None and self.is_mounted and self.tab != tab:
            return False
        return True

    # ---- loading -----------------------------------------------------------------------

    def load(self) -> None:
        """Reload the tab on screen now; the other tabs reload when they are next shown, so
        opening History does not wait on analysis the lifter has not asked for."""
        self._stale = set(self.TAB_LOADERS)
        self._load_tab(self.tab if self.is_mounted else "sessions-tab")

    TAB_LOADERS = {
        "sessions-tab": "_load_first_page",
        "progress-tab": "_load_exercises",
        "volume-tab": "_load_this_volume",
        "fatigue-tab": "_load_today_fatigue",
    }

    def _load_tab(self, tab: str) -> None:
        if tab in self._stale:
            self._stale.discard(tab)
            getattr(self, self.TAB_LOADERS[tab])()

    def _load_first_page(self) -> None:
        self.loading_page = True
        self._load_sessions(0, PAGE)

    def _load_this_volume(self) -> None:
        self._load_volume(self.week or week_start(self.today))

    def _load_today_fatigue(self) -> None:
        self._load_fatigue(self.today)

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="history-sessions")
    def _load_sessions(self, offset: int, limit: int) -> None:
        if self.repo is not None:
            rows = self.repo.sessions(limit=limit, offset=offset)
            self._post(self.SessionsLoaded(rows, offset, self.repo.session_count()))

    @work(thread=True, exclusive=True, exit_on_error=False, group="history-detail")
    def _load_detail(self, session_id: int) -> None:
        if self.repo is not None:
            self._post(self.DetailLoaded(self.repo.session_detail(session_id)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="history-exercises")
    def _load_exercises(self) -> None:
        if self.repo is not None:
            self._post(self.ExercisesLoaded(self.repo.exercises_with_history()))

    @work(thread=True, exclusive=True, exit_on_error=False, group="history-progress")
    def _load_progress(self, exercise_id: int) -> None:
        if self.repo is not None:
            self._post(self.ProgressLoaded(self.repo.exercise_progress(exercise_id)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="history-volume")
    def _load_volume(self, week: date) -> None:
        if self.repo is not None:
            self._post(self.VolumeLoaded(self.repo.weekly_volume(week, VOLUME_WEEKS)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="history-fatigue")
    def _load_fatigue(self, today: date) -> None:
        repo = self.repo
        if repo is None:
            return
        trends = trend_analysis()
        if trends is None:
            self._post(self.FatigueLoaded(None, 0))
            return
        analyse, days = trends
        since = datetime.combine(today - timedelta(days=days - 1), datetime.min.time())
        sessions = repo.session_details_since(since)
        exercises = {e.id: e for e in repo.exercises()}
        self._post(self.FatigueLoaded(analyse(sessions, exercises, self.blapp.settings, today), days))

    # ---- sessions ----------------------------------------------------------------------

    def on_history_screen_sessions_loaded(self, message: SessionsLoaded) -> None:
        unit = self.blapp.settings.unit
        table = self.query_one("#session-list", DataTable)
        if message.offset == 0:
            table.clear()
        for s in message.rows:
            if str(s.id) in table.rows:
                continue
            duration = (s.ended_at - s.started_at).total_seconds() if s.ended_at else None
            table.add_row(
                s.started_at.strftime("%a %Y-%m-%d"),
                s.name,
                format_duration(duration) if duration is not None else "-",
                str(s.set_count),
                format_volume(s.volume_kg, unit),
                f"{s.session_rpe:g}" if s.session_rpe is not None else "-",
                key=str(s.id),
            )
        self.more_sessions = len(message.rows) == PAGE and table.row_count < message.total
        self.loading_page = False
        table.border_title = f"Sessions ({table.row_count} of {message.total})" if self.more_sessions else (
            f"Sessions ({message.total})"
        )
        if message.offset == 0:
            if self.session_id is not None and str(self.session_id) in table.rows:
                table.move_cursor(row=table.get_row_index(str(self.session_id)), animate=False)
                self._load_detail(self.session_id)
            elif message.rows:
                self.session_id = message.rows[0].id
                self._load_detail(self.session_id)
            else:
                self.session_id = None
                self.query_one(SessionDetailView).show(None, unit)
                self.query_one(SessionDetailView).update(
                    "No finished sessions yet. Log one in Session mode (F2); it shows here when you finish it."
                )

    @on(DataTable.RowHighlighted, "#session-list")
    def _session_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        if self.more_sessions and not self.loading_page and event.cursor_row >= table.row_count - 10:
            self.loading_page = True
            self._load_sessions(table.row_count, PAGE)
        key = _cursor_key(table)
        if key is not None and int(key) != self.session_id:
            self.session_id = int(key)
            self._load_detail(self.session_id)

    @on(DataTable.RowSelected, "#session-list")
    def _session_selected(self) -> None:
        self.query_one("#session-detail-box").focus()

    def on_history_screen_detail_loaded(self, message: DetailLoaded) -> None:
        if message.detail is None or message.detail.id == self.session_id:
            self.query_one(SessionDetailView).show(message.detail, self.blapp.settings.unit)
            self.query_one("#session-detail-box", VerticalScroll).scroll_home(animate=False)

    # ---- progress ----------------------------------------------------------------------

    def on_history_screen_exercises_loaded(self, message: ExercisesLoaded) -> None:
        table = self.query_one("#history-exercises", DataTable)
        table.clear()
        for u in message.uses:
            table.add_row(u.name, str(u.set_count), f"{u.last_at:%Y-%m-%d}", key=str(u.exercise_id))
        table.border_title = f"Exercises ({len(message.uses)})"
        ids = [u.exercise_id for u in message.uses]
        if not ids:
            self.exercise_id = None
            self.query_one(ProgressView).show(None, self.blapp.settings.unit, None)
            return
        if self.exercise_id not in ids:
            self.exercise_id = ids[0]
        table.move_cursor(row=ids.index(self.exercise_id), animate=False)
        self._load_progress(self.exercise_id)

    @on(DataTable.RowHighlighted, "#history-exercises")
    def _exercise_highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = _cursor_key(event.data_table)
        if key is not None and int(key) != self.exercise_id:
            self.exercise_id = int(key)
            self._load_progress(self.exercise_id)

    def on_history_screen_progress_loaded(self, message: ProgressLoaded) -> None:
        if message.progress.exercise_id == self.exercise_id:
            self.progress = message.progress
            self._show_progress()

    def _show_progress(self) -> None:
        since = None if self.all_time else self.today - timedelta(days=PROGRESS_DAYS)
        self.query_one(ProgressView).show(self.progress, self.blapp.settings.unit, since)

    def action_step_exercise(self, step: int) -> None:
        table = self.query_one("#history-exercises", DataTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))

    def action_toggle_range(self) -> None:
        self.all_time = not self.all_time
        self._show_progress()

    # ---- volume and fatigue ------------------------------------------------------------

    def on_history_screen_volume_loaded(self, message: VolumeLoaded) -> None:
        self.query_one(VolumeView).show(message.weeks, self.blapp.settings.landmarks, week_start(self.today))

    def action_step_week(self, step: int) -> None:
        this_week = week_start(self.today)
        week = (self.week or this_week) + timedelta(days=7 * step)
        self.week = min(week, this_week)
        self._load_volume(self.week)

    def on_history_screen_fatigue_loaded(self, message: FatigueLoaded) -> None:
        self.query_one(FatigueView).show(message.flags, message.days, self.today)

    # ---- tabs --------------------------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()
        self._load_tab(self.tab)
        focus = {
            "sessions-tab": "#session-list",
            "progress-tab": "#history-exercises",
            "volume-tab": "#volume-box",
            "fatigue-tab": "#fatigue-box",
        }
        self.query_one(focus[self.tab]).focus()
