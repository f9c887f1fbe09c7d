"""An OptionList whose cursor stops at its ends: Up on the first row stays there, Down on
the last stays (Textual's wraps around, so Up Up Up could land on the last option)."""

from __future__ import annotations

from textual.widgets import OptionList


class NoWrapOptionList(OptionList):
    """OptionList without wrap-around: the cursor moves to the next enabled option in the
    direction of the key, or stays where it is when there is none."""

    def _step(self, direction: int) -> None:
        options = self.options
        at = self.highlighted
        if at is None:  # nothing highlighted yet: the first (Down) or last (Up) enabled one
            at = -1 if direction > 0 else len(options)
        i = at + direction
        while 0 <= i < len(options):
            if not options[i].disabled:
                self.highlighted = i
                return
            i += direction

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)
