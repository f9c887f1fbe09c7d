"""A forgotten session entered afterwards: the Session screen's live panel and keys on a
back-dated session (the same `LiveSession`, whose sets then go in after the session's last
one, with no rest timer). f saves it at its date (summary, session RPE), D deletes it,
Esc leaves it as it is; History then reads its tabs again."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

from ....services.live_session import SessionData
from .screen import SessionScreen


class PastSessionScreen(SessionScreen):
    """Log the sets of a past session with the Session keys; dismissed when done."""

    SUB_TITLE = "Past session"
    BINDINGS = [
        Binding("escape", "leave", "Done", id="past.leave", tooltip="Back to History (the sets are saved as logged)"),
    ]

    def __init__(self, data: SessionData) -> None:
        super().__init__()
        self._data: SessionData | None = data

    def on_mount(self) -> None:
        # Textual runs SessionScreen.on_mount too (after this one): open the session after it
        self.call_after_refresh(self._open)

    def _open(self) -> None:
        data, self._data = self._data, None
        if data is not None:
            self._loaded_once = True
            self._enter_live(data)
            self.panel.message(f"{data.state.started_at:%a %Y-%m-%d %H:%M}, afterwards: f saves, Esc leaves")

    def load(self) -> None:
        """Nothing to read: once finished or discarded, back to History."""
        if self.live is None and self._data is None and self.is_attached:
            self.dismiss(None)

    def resumed(self) -> None:
        pass

    def action_finish(self, at_last_set: bool = False) -> None:
        super().action_finish(at_last_set=True)

    def action_leave(self, *_: Any) -> None:
        if not self.pending_writes():
            self.dismiss(None)
