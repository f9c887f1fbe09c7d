"""What every mode screen shares: loading its data once the store is ready."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, cast

from textual.message import Message
from textual.screen import Screen

from ..messages import StoreReady

if TYPE_CHECKING:
    from ...store.repository import Repository
    from ..app import BacklegsApp


class AppAccess:
    """The typed app and its repository, for screens of backlegs (mix into a Screen)."""

    @property
    def blapp(self) -> BacklegsApp:
        return cast("BacklegsApp", self.app)

    @property
    def repo(self) -> Repository | None:
        return self.blapp.repo


def _data_version(repo: Repository) -> int | None:
    """Runs in the job worker: the data version, None when unknown (the screen reads again)."""
    try:
        return repo.data_version()
    except Exception:  # noqa: BLE001 - a check that fails only costs a read
        return None


@dataclass
class DataVersion(Message):
    """Posted when a job has read the database's data version (None: unknown) on a resume."""

    version: int | None
    day: date
    first: bool  # the screen's first show, whose load is already queued


class ModeScreen(AppAccess, Screen):
    """A mode's screen. Subclasses implement `load()`, which starts a thread worker.

    Shown again (a mode switch, a closed dialog), the screen reads again only when the
    database changed since (`Repository.data_version`: a write here, in another screen or
    in another program) or the day did: a switch back to a screen whose data is as shown
    costs no read and no redraw."""

    def on_store_ready(self, _: StoreReady) -> None:
        self.load()

    css_settled = False
    _shown_once = False
    # (data version, day) read just before this screen's latest read on a resume
    _seen: tuple[int | None, date] | None = None

    def on_screen_resume(self) -> None:
        if not self.css_settled:
            # Textual leaves a mode's screen marked stale after the CSS refresh of its first
            # show (the screen was not mounted yet when it ran), so coming back would re-read
            # all CSS (20-50 ms, more on a busy machine). One refresh while this screen is
            # shown settles it: just after the frame with its data (the job queue empty, the
            # results handled), so neither its data nor a key the lifter presses once they
            # have seen it waits for the refresh.
            self.css_settled = True
            self._settle_timer = self.set_interval(0.02, self._settle_when_loaded)
        if self.repo is None:
            return
        day = self.blapp.clock().date()
        first = not self._shown_once
        self._shown_once = True
        self.blapp.jobs.submit(self, "check for changes", _data_version, lambda version: DataVersion(version, day, first))
        if first:
            self.resumed()  # queued behind the version read: what it shows is at least as new

    def on_data_version(self, message: DataVersion) -> None:
        message.stop()
        seen, self._seen = self._seen, (message.version, message.day)
        if message.first:
            return
        if message.version is None or seen != self._seen:
            self.resumed()

    def _settle_when_loaded(self) -> None:
        if self.repo is not None and self.blapp.jobs.pending():
            return
        self._settle_timer.stop()
        self.call_after_refresh(self._settle_css)  # after the results handled before it

    def _settle_css(self) -> None:
        if self.app.screen is self:
            self.app.refresh_css(animate=False)
        else:
            self.css_settled = False  # the lifter moved on: settle on the next show

    def resumed(self) -> None:
        """The screen is shown again (after a mode switch or a closed dialog): reload."""
        self.load()

    def load(self) -> None:
        """Fetch this screen's data (in a worker) and show it."""
