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

    css_settled = False

    def on_screen_resume(self) -> None:
        if not self.css_settled:
            # Textual leaves a mode's screen marked stale after the CSS refresh of its first
            # show (the refresh ran while the old screen was current), so coming back would
            # refresh all CSS again (~0.1-0.3 s). One refresh while this screen is shown,
            # once it has painted, settles it.
            self.css_settled = True
            self.set_timer(0.3, self._settle_css)
        if self.repo is not None:
            self.resumed()

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
