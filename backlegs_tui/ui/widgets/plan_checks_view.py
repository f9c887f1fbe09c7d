"""The plan checks: one line per check, a mark for its status, and the reason."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from ...domain.plan_checks import CheckStatus, PlanCheck

_STYLE = {CheckStatus.OK: "$success", CheckStatus.NOTE: "$accent", CheckStatus.WARN: "$warning"}


class PlanChecksView(Static):
    """Shows a plan's checks; `show([])` with a message shows just that message."""

    def show(self, checks: Sequence[PlanCheck], empty: str = "No plan selected") -> str:
        """Show the checks; returns their summary for the box's subtitle ("2 to fix")."""
        if not checks:
            self.update(Content(empty))
            return ""
        lines = [
            Content.from_markup(f"[{_STYLE[c.status]} b]{c.status.mark}[/] $message", message=c.message)
            for c in checks
        ]
        warnings = sum(c.status is CheckStatus.WARN for c in checks)
        self.update(Content("\n").join(lines))
        return f"{warnings} to fix" if warnings else "all good"
