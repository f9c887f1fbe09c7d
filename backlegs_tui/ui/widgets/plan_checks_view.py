"""The plan checks: one line per check, a mark for its status, and the reason. What is to
fix comes first (warnings, then notes), what passes after; the box says when more lines
are below (at 80x24 it shows two)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...domain.plan_checks import CheckStatus, PlanCheck

_STYLE = {CheckStatus.OK: "$success", CheckStatus.NOTE: "$accent", CheckStatus.WARN: "$warning"}
_RANK = {CheckStatus.WARN: 0, CheckStatus.NOTE: 1, CheckStatus.OK: 2}


def ordered(checks: Sequence[PlanCheck]) -> list[PlanCheck]:
    """Warnings first, then notes, then the checks that pass; each group in its own order."""
    return sorted(checks, key=lambda c: _RANK[c.status])


class PlanChecksView(Static):
    """Shows a plan's checks; `show([])` with a message shows just that message."""

    def show(self, checks: Sequence[PlanCheck], empty: str = "No plan selected") -> str:
        """Show the checks; returns their summary for the box's subtitle ("2 to fix")."""
        if not checks:
            self.update(Content(empty))
            return ""
        lines = [
            Content.from_markup(f"[{_STYLE[c.status]} b]{c.status.mark}[/] $message", message=c.message)
            for c in ordered(checks)
        ]
        warnings = sum(c.status is CheckStatus.WARN for c in checks)
        self.update(Content("\n").join(lines))
        return f"{warnings} to fix" if warnings else "all good"

    def on_resize(self) -> None:
        # the lines wrap to the box's width only at layout: the box's "↓ N more" is counted
        # again once this widget has its height (else it raced the layout: 4 or 5 more)
        box = self.parent
        if isinstance(box, ChecksBox):
            box.call_after_refresh(box.mark)


class ChecksBox(VerticalScroll):
    """The checks' scrolling box: its subtitle is the summary and, when lines are out of
    view below, how many ("2 to fix · ↓ 5 more")."""

    summary = ""

    def set_summary(self, summary: str) -> None:
        self.summary = summary
        self.mark()
        self.call_after_refresh(self.mark)

    def mark(self) -> None:
        """The subtitle: the summary and how many lines are out of view below."""
        below = int(self.max_scroll_y - self.scroll_y)
        more = f"↓ {below} more" if below > 0 else ""
        self.border_subtitle = " · ".join(p for p in (self.summary, more) if p)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.mark()

    def on_resize(self) -> None:
        self.call_after_refresh(self.mark)
