"""What every mode screen shares: loading its data once the store is ready."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

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


class ModeScreen(AppAccess, Screen):
    """A mode's screen. Subclasses implement `load()`, which starts a thread worker."""

    def on_store_ready(self, _: StoreReady) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        if self.repo is not None:
            self.resumed()

    def resumed(self) -> None:
        """The screen is shown again (after a mode switch or a closed dialog): reload."""
        self.load()

    def load(self) -> None:
        """Fetch this screen's data (in a worker) and show it."""
