"""The rest timer panel: a big countdown, a bar, and the next set."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from ...domain.timer import RestTimer, format_clock


class RestTimerView(Vertical):
    """Shows a RestTimer against a clock reading. Pure view: the screen owns the timer and
    calls `show()` on each tick."""

    def compose(self) -> ComposeResult:
        yield Static("Rest", id="rest-label")
        yield Digits("-:--", id="rest-digits")
        yield Static("", id="rest-compact")  # the countdown on one line, for short terminals
        yield Static("", id="rest-bar")
        yield Static("", id="rest-next")

    def show(self, timer: RestTimer | None, now: datetime, next_text: str, planned_s: int | None = None) -> None:
        digits = self.query_one("#rest-digits", Digits)
        bar = self.query_one("#rest-bar", Static)
        label = self.query_one("#rest-label", Static)
        self.query_one("#rest-next", Static).update(Text(next_text))
        compact = self.query_one("#rest-compact", Static)
        if timer is None:
            label.update("Rest: starts after each working set")
            digits.update(format_clock(planned_s) if planned_s else "-:--")
            compact.update(Text(f"Rest {format_clock(planned_s)} planned" if planned_s else "Rest", style="dim"))
            bar.update("")
            self.set_class(False, "-running", "-done")
            self.set_class(True, "-idle")
            return
        left = timer.remaining_s(now)
        done = timer.done(now)
        label.update(f"Rest  of {format_clock(timer.total_s)}" if not done else "Rest over: go")
        digits.update(format_clock(left))
        compact.update(
            Text.assemble("Rest ", (format_clock(left), "bold"), f" of {format_clock(timer.total_s)}")
            if not done else Text("Rest over: go", style="bold")
        )
        width = max(8, min(30, self.size.width - 4)) if self.size.width else 30
        filled = round(width * timer.fraction_left(now))
        bar.update(Text("█" * filled, style="bold") + Text("░" * (width - filled), style="dim"))
        self.set_class(not done, "-running")
        self.set_class(False, "-idle")
        self.set_class(done, "-done")
