"""An OptionList whose cursor stops at its ends: Up on the first row stays there, Down on
the last stays (Textual's wraps around, so Up Up Up could land on the last option)."""

from __future__ import annotations

from textual import _widget_navigation
from textual.widgets import OptionList


class NoWrapOptionList(OptionList):
    """OptionList without wrap-around: the cursor moves to the next enabled option in the
    direction of the key, or stays where it is when there is none."""

    def _step(self, direction: _widget_navigation.Direction) -> None:
        if self.highlighted is None:
            self.highlighted = _widget_navigation.find_next_enabled(self.options, anchor=None, direction=direction)
            return
        nxt = _widget_navigation.find_next_enabled_no_wrap(self.options, anchor=self.highlighted, direction=direction)
        if nxt is not None:
            self.highlighted = nxt

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)
