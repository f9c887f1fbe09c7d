"""Session mode: live set logging (placeholder until the session issue lands)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header, Static

from .base import ModeScreen


class SessionScreen(ModeScreen):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Session", id="session-status")
        yield Footer()
