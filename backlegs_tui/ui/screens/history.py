"""History mode: five tabs, one key each: past sessions in detail (`history_sessions`),
progress and records per exercise (`history_progress`), weekly volume against the
landmarks (`history_volume_panel`), fatigue (`widgets.history_fatigue`) and a year of
training days (`widgets.history_calendar`).

Each tab reads its data through the app's job runner when it is first shown after a
change, so opening History waits on nothing the lifter has not asked for.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Header, TabbedContent, TabPane, Tabs

from ...domain.history import ExerciseProgress
from ..footer import ModeFooter
from ..widgets.history_calendar import CalendarPanel
from ..widgets.history_fatigue import FatigueView
from .base import ModeScreen
from .history_edit import HistoryEditKeys
from .history_progress import PROGRESS_DAYS, ProgressPanel
from .history_sessions import PAGE, SessionsPanel
from .history_volume_panel import VOLUME_WEEKS, VolumePanel

__all__ = ["PAGE", "PROGRESS_DAYS", "VOLUME_WEEKS", "HistoryScreen"]


TAB_KEYS = Binding.Group("tabs")
LIFT_KEYS = Binding.Group("lift", compact=True)  # Progress: [ ] the previous / next lift
WEEK_KEYS = Binding.Group("week", compact=True)  # Volume: [ ] the previous / next week


class HistoryScreen(HistoryEditKeys, ModeScreen):
    """Five views, one key each: Sessions (s), Progress (p), Volume (v), Fatigue (f),
    Calendar (c)."""

    CSS_PATH = ["history.tcss", "../widgets/history_fatigue.tcss"]
    SUB_TITLE = "History"
    AUTO_FOCUS = "#session-list"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        # in the footer the tabs' keys as one group ("s p v f c tabs", the initials of the tab
        # bar above) and a tab's [ ] as another ("[] lift"): at 80 columns the footer keeps
        # room for the modes, help and Settings; t is in ? help and the palette
        Binding("s", "show_tab('sessions-tab')", "Sessions", id="history.sessions", group=TAB_KEYS),
        Binding("p", "show_tab('progress-tab')", "Progress", id="history.progress", group=TAB_KEYS),
        Binding("v", "show_tab('volume-tab')", "Volume", id="history.volume", group=TAB_KEYS),
        Binding("f", "show_tab('fatigue-tab')", "Fatigue", id="history.fatigue", group=TAB_KEYS),
        Binding("c", "show_tab('calendar-tab')", "Calendar", id="history.calendar", group=TAB_KEYS),
        Binding("left_square_bracket", "step_exercise(-1)", "Progress: prev", id="history.prev-exercise", group=LIFT_KEYS),
        Binding("right_square_bracket", "step_exercise(1)", "Progress: next", id="history.next-exercise", group=LIFT_KEYS),
        Binding("t", "toggle_range", "Range 1y/all", id="history.range", show=False),
        Binding("left_square_bracket", "step_week(-1)", "Volume: prev week", id="history.prev-week", group=WEEK_KEYS),
        Binding("right_square_bracket", "step_week(1)", "Volume: next week", id="history.next-week", group=WEEK_KEYS),
        Binding("r", "reload", "Reload", id="history.reload", show=False),
        # the charts of Progress, Volume and Fatigue: from the tab (its charts all) or in a
        # chart (Tab into it: that one, its arrows pan; widgets.chart_plot.CHART_BINDINGS)
        Binding("plus", "chart('zoom_in')", "Charts: zoom in", id="history.chart-zoom-in", show=False,
                tooltip="The tab's charts, or the chart in focus (Tab into a chart: arrows pan it)"),
        Binding("minus", "chart('zoom_out')", "Charts: zoom out", id="history.chart-zoom-out", show=False,
                tooltip="The tab's charts, or the chart in focus"),
        Binding("0", "chart('reset_scales')", "Charts: reset zoom", id="history.chart-reset", show=False,
                tooltip="The tab's charts back to their whole range"),
        *HistoryEditKeys.EDIT_BINDINGS,  # Sessions: correct the past (history_edit)
    ]
    # actions that only make sense on one tab (hidden from the footer elsewhere)
    TAB_ACTIONS = {
        "step_exercise": "progress-tab",
        "toggle_range": "progress-tab",
        "step_week": "volume-tab",
        **dict.fromkeys(("edit_past_set", "delete_past_set", "edit_past_session", "delete_past_session"), "sessions-tab"),
    }
    FOCUS = {
        "sessions-tab": "#session-list",
        "progress-tab": "#history-exercises",
        "volume-tab": "#volume-box",
        "fatigue-tab": "#fatigue-box",
        "calendar-tab": "#calendar-box",
    }

    def __init__(self) -> None:
        super().__init__()
        self._stale: set[str] = set()
        self.sessions = SessionsPanel(id="sessions-panel")
        self.progress_panel = ProgressPanel(id="progress-panel")
        self.volume = VolumePanel(id="volume-box")
        self.calendar = CalendarPanel(id="calendar-box")
        self.fatigue = FatigueView("Loading…", id="fatigue-view")

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial="sessions-tab"):
            with TabPane("Sessions", id="sessions-tab"):
                yield self.sessions
            # the other tabs are built when first shown (_tab_changed): History opens sooner,
            # and a switch back restyles and lays out only the tabs the lifter has opened
            yield TabPane("Progress", id="progress-tab")
            yield TabPane("Volume", id="volume-tab")
            yield TabPane("Fatigue", id="fatigue-tab")
            yield TabPane("Calendar", id="calendar-tab")
        yield ModeFooter()

    # ---- what the tabs show ------------------------------------------------------------

    @property
    def today(self) -> date:
        return self.blapp.clock().date()

    @property
    def tab(self) -> str:
        return self.query_one(TabbedContent).active

    @property
    def session_id(self) -> int | None:
        """The session shown in the Sessions tab."""
        return self.sessions.session_id

    @property
    def progress(self) -> ExerciseProgress | None:
        """The exercise shown in the Progress tab."""
        return self.progress_panel.progress

    @property
    def week(self) -> date | None:
        """The Monday the Volume tab ends with (None: this week)."""
        return self.volume.week

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "chart":
            return bool(self._plots())
        tab = self.TAB_ACTIONS.get(action)
        if tab is not None and self.is_mounted and self.tab != tab:
            return False
        return True

    # ---- loading -----------------------------------------------------------------------

    def load(self) -> None:
        """Reload the tab on screen now; the other tabs reload when they are next shown."""
        self._stale = set(self.FOCUS)
        self._load_tab(self.tab if self.is_mounted else "sessions-tab")

    def _load_tab(self, tab: str) -> None:
        if tab not in self._stale:
            return
        self._stale.discard(tab)
        if tab == "sessions-tab":
            self.sessions.load()
        elif tab == "progress-tab":
            self.progress_panel.load()
        elif tab == "volume-tab":
            self.volume.load()
        elif tab == "calendar-tab":
            self.calendar.load()
        else:
            self.fatigue.load(self.today)  # through the job runner

    def action_reload(self) -> None:
        self.load()

    # ---- keys of one tab -----------------------------------------------------------------

    def action_step_exercise(self, step: int) -> None:
        self.progress_panel.step(step)

    def action_toggle_range(self) -> None:
        self.progress_panel.toggle_range()

    def action_step_week(self, step: int) -> None:
        self.volume.step(step)

    def _plots(self) -> list[Widget]:
        """The drawn charts of the tab on screen (none in text mode or on Sessions, Calendar)."""
        if not self.is_mounted:
            return []
        return [w for w in self.query_one(f"#{self.tab}", TabPane).query("PlotWidget") if w.display]

    def action_chart(self, action: str) -> None:
        """Zoom or reset the tab's charts (a focused chart takes its keys itself)."""
        plots = self._plots()
        if not plots:
            self.notify("No drawn chart on this tab (Progress, Volume and Fatigue have them)", severity="warning")
            return
        for plot in plots:
            getattr(plot, f"action_{action}")()

    # ---- tabs --------------------------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        tabs = self.query_one(TabbedContent)
        focused = self.focused
        if tab != tabs.active and focused is not None and self.query_one(f"#{tabs.active}", TabPane) in focused.ancestors:
            # The tab strip holds the focus until the new tab takes it (`_tab_changed`). Hidden
            # with the focus, a widget hands it to a sibling in its own tab, which then took the
            # screen back (CI saw Sessions after `f`: a job finishing between the switch and the
            # new tab's focus decided the order). No focus at all is no better: a screen shown
            # again focuses its first widget, the session list.
            self.set_focus(tabs.query_one(Tabs))
        tabs.active = tab

    def _tab_content(self, tab: str) -> Widget:
        if tab == "progress-tab":
            return self.progress_panel
        if tab == "volume-tab":
            return self.volume
        if tab == "calendar-tab":
            return self.calendar
        return VerticalScroll(self.fatigue, id="fatigue-box")

    @on(TabbedContent.TabActivated)
    async def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        tab = self.tab
        if event.pane.id != tab:
            return  # another tab was shown since: its own message follows
        pane = self.query_one(f"#{tab}", TabPane)
        if tab != "sessions-tab" and not pane.children:
            await pane.mount(self._tab_content(tab))  # its first show
        self.refresh_bindings()
        self._load_tab(tab)
        self.query_one(self.FOCUS[tab]).focus()
