"""The footer of every mode screen: Textual's `Footer`, rebuilt only when what it shows
changed.

Textual's own footer rebuilds all its keys on every bindings signal, and a mode switch sends
two or three (the screen resumed, the focus restored, a tab shown); each rebuild mounts and
styles every key (10-50 ms on the ten-year database's screens, before the switch's frame is
drawn), and rebuilds the footer of the screen being left too (with the keys of the mode
being entered, so coming back rebuilds it again). This one rebuilds only the footer on show,
only when the keys it would show differ from those it shows, and at most once a frame.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class ModeFooter(Footer):
    """A `Footer` that rebuilds its keys only when they changed (same styles, same keys)."""

    def __init__(self, *, compact: bool = False, id: str | None = None) -> None:
        super().__init__(compact=compact, id=id)
        self._ready = False  # Textual's footer has had its first bindings signal
        self._queued = False
        self._shown: tuple[Any, ...] | None = None  # what the keys on screen were built from

    def keys_shown(self) -> tuple[Any, ...]:
        """What the footer's keys are built from: every active binding it shows (with whether
        it is enabled and its tooltip), the palette's, and the compact style."""
        palette = self.app.COMMAND_PALETTE_BINDING
        keys = tuple(
            (key, b.binding, b.enabled, b.tooltip)
            for key, b in self.screen.active_bindings.items()
            if b.binding.show or key == palette
        )
        return (self.compact, self.show_command_palette, keys)

    def bindings_changed(self, screen: Screen) -> None:
        if not self._ready:
            self._ready = True
            super().bindings_changed(screen)  # the first: Textual's own way (marks it ready)
            return
        if self._queued or not screen.app.app_focus or not self._current(screen):
            return
        self._queued = True
        self.call_after_refresh(self._rebuild)

    def _current(self, screen: Screen) -> bool:
        """The footer's screen is the one on show: a screen left (or covered by a dialog)
        keeps its keys; shown again, it sends the bindings signal and is compared then."""
        return self.is_attached and screen is self.screen and screen is self.app.screen

    async def _rebuild(self) -> None:
        self._queued = False
        if self._current(self.screen) and self.keys_shown() != self._shown:
            await self.recompose()

    def compose(self) -> ComposeResult:
        if self._ready:
            self._shown = self.keys_shown()
        yield from super().compose()
