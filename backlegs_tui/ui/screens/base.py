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


def read_data_version(repo: Repository) -> int | None:
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

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - Screen's own
        super().__init__(*args, **kwargs)
        # Born up to date with the app's styles. Textual marks a new screen stale (-1), so the
        # first switch to a mode re-parsed every style and restyled the screen being left,
        # twice (`App._init_mode`, then `App.switch_mode`: 40-90 ms before the mode's data),
        # and left the screen stale still (it was not mounted yet), so one more refresh was
        # needed once it was shown. A new screen's widgets take their styles as they mount,
        # its own CSS file is read before the check (`App._load_screen_css`), and a theme
        # changed while the screen is away still marks it stale: none of those refreshes
        # changed what is drawn (the snapshot tests agree).
        self._css_update_count = self.app._css_update_count

    def on_store_ready(self, _: StoreReady) -> None:
        self.load()

    _shown_once = False
    # (data version, day) read just before this screen's latest read on a resume
    _seen: tuple[int | None, date] | None = None

    def on_screen_resume(self) -> None:
        if self.repo is None:
            return
        day = self.blapp.clock().date()
        first = not self._shown_once
        self._shown_once = True
        self.blapp.jobs.submit(self, "check for changes", read_data_version, lambda version: DataVersion(version, day, first))
        if first:
            self.resumed()  # queued behind the version read: what it shows is at least as new
            self.blapp.settle_heap()  # this screen's widgets, once its data is drawn

    def on_data_version(self, message: DataVersion) -> None:
        message.stop()
        seen, self._seen = self._seen, (message.version, message.day)
        if message.first:
            return
        if message.version is None or seen != self._seen:
            self.resumed()

    def resumed(self) -> None:
        """The screen is shown again (after a mode switch or a closed dialog): reload."""
        self.load()

    def load(self) -> None:
        """Fetch this screen's data (in a worker) and show it."""
