"""The header badge: `⚠ fatigue` in the header of every mode while a fatigue warning is
active, nothing otherwise. It reads without colour.

`FatigueWatch` (one per app, `app.fatigue`) holds the latest report. `refresh()` asks the
fatigue service through the app's job runner (at start-up, after a finished session, an
import or new settings); every badge follows the answer. The watch puts a badge into the
`Header` of each screen that has one when the screen is first shown, so the mode screens
need no code for it.

Light on purpose: imported at start-up, it imports no service and no SQLAlchemy.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from weakref import WeakSet

from textual.events import Click
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from ..jobs import JobFailed

if TYPE_CHECKING:
    from textual.app import App

    from ...store.repository import Repository

BADGE_TEXT = "⚠ fatigue"
_INJECT_TRIES = 20


def check_fatigue(repo: Repository, as_of: date) -> Any:
    """Runs in the job worker: today's report, or None when this build has no fatigue
    service."""
    try:
        from ...services.fatigue import fatigue_today
    except ImportError:
        return None
    return fatigue_today(repo, as_of)


def is_warning(report: Any) -> bool:
    return report is not None and str(getattr(report.verdict, "value", report.verdict)) == "warning"


class FatigueChecked(Message):
    def __init__(self, report: Any) -> None:
        super().__init__()
        self.report = report


class FatigueBadge(Static):
    """Shown while the app's fatigue report is a warning; a click opens History -> Fatigue."""

    DEFAULT_CSS = """
    FatigueBadge {
        dock: right;
        width: auto;
        height: 1;
        padding: 0 1;
        background: $error;
        color: $text;
        text-style: bold;
        display: none;
    }
    """

    def __init__(self) -> None:
        super().__init__(BADGE_TEXT, markup=False, classes="fatigue-badge")

    def on_mount(self) -> None:
        watch: FatigueWatch = self.app.fatigue  # type: ignore[attr-defined]
        watch.badges.add(self)
        self.follow(watch.report)
        if watch.wanted:
            watch.refresh()

    def follow(self, report: Any) -> None:
        self.display = is_warning(report)
        self.tooltip = report.summary if self.display else None

    def on_fatigue_checked(self, message: FatigueChecked) -> None:
        message.stop()
        self.app.fatigue.update(message.report)  # type: ignore[attr-defined]

    def on_job_failed(self, message: JobFailed) -> None:
        message.stop()  # the badge keeps what it showed; History -> Fatigue says what failed
        self.log.warning(message.line)

    def on_click(self, event: Click) -> None:
        event.stop()
        self.app.switch_mode("history")
        screen = self.app.screen
        if hasattr(screen, "action_show_tab"):
            screen.action_show_tab("fatigue-tab")


class FatigueWatch:
    """The app's latest fatigue report and its badges."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.report: Any = None
        self.badges: WeakSet[FatigueBadge] = WeakSet()
        self.wanted = False  # a refresh waits for the first badge (its job's addressee)
        self._attached = False

    @property
    def warning(self) -> bool:
        return is_warning(self.report)

    def refresh(self) -> None:
        """Ask for today's report (a queued ask is replaced); badges follow the answer."""
        self._attach()
        attached = [b for b in self.badges if b.is_attached]
        # the answer goes to a badge on screen if there is one (a mode screen lives as long as the app)
        target = next((b for b in attached if b.screen is self.app.screen), attached[0] if attached else None)
        if target is None:
            self.wanted = True
            return
        self.wanted = False
        today = self.app.clock().date()  # type: ignore[attr-defined]
        self.app.jobs.submit(  # type: ignore[attr-defined]
            target,
            "check for fatigue",
            lambda repo: check_fatigue(repo, today),
            FatigueChecked,
            key="fatigue-badge",
        )

    def update(self, report: Any) -> None:
        self.report = report
        for badge in list(self.badges):
            badge.follow(report)

    # ---- a badge in every header -------------------------------------------------------

    def _attach(self) -> None:
        if not self._attached and self.app.is_running:
            self._attached = True
            self.app.screen_change_signal.subscribe(self.app, self._screen_changed)
            self._screen_changed(self.app.screen)

    def _screen_changed(self, screen: Screen[Any]) -> None:
        self._inject(screen, _INJECT_TRIES)

    def _inject(self, screen: Screen[Any], tries: int) -> None:
        headers = list(screen.query(Header)) if screen.is_attached else []
        if headers:
            for header in headers:
                if not header.query(FatigueBadge):
                    header.mount(FatigueBadge())
        elif tries > 0 and not screen.is_mounted and not screen._pruning:
            # a screen shown for the first time composes after the signal
            self.app.set_timer(0.02, lambda: self._inject(screen, tries - 1))
