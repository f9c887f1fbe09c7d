"""The start panel: today's plan (or what was done today), the other plans, an empty
session; on the right the fatigue check (with the deload offer) and the last sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ....domain.durations import format_minutes
from ....domain.history import SessionDetail
from ....domain.model import Unit
from ....domain.units import format_volume, plural
from ....services.live_session import StartData
from ....services.session_start import Overview
from ...widgets.no_wrap_list import NoWrapOptionList

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
STYLE = {"warning": "bold red", "summary": "bold yellow", "note": ""}


@dataclass
class PlanChosen(Message):
    """Posted when the lifter picked what to start: a plan (its id) or an empty session."""

    plan_id: int | None
    deload: bool = False


class StartPanel(Horizontal):
    """Shown while no session is open."""

    deload_offered = False  # a fatigue warning is shown: d starts a deload version

    def compose(self) -> ComposeResult:
        with Vertical(id="start-left", classes="panel") as left:
            left.border_title = "Start a session"
            yield Static("Opening database…", id="start-title")
            yield NoWrapOptionList(id="start-options")
            yield Static("↑↓ choose   Enter: start   F1 plans   F3 history   ? keys", id="start-hint", classes="muted")
        with Vertical(id="start-right"):
            # every flag in full, wrapped; the panel scrolls (its scrollbar shows there is more)
            with VerticalScroll(id="start-fatigue-box", classes="panel") as box:
                box.border_title = "Fatigue check"
                yield Static("", id="start-fatigue")
            yield _titled(Static("", id="start-last", classes="panel"), "Last sessions")

    def show(self, start: StartData, now: datetime, notice: str = "") -> None:
        """Today's plan first; `notice` (the session that went in another window) above it."""
        day = WEEKDAYS[now.weekday()]
        title = self.query_one("#start-title", Static)
        today = start.today_plans
        done = {p.name: start.done_today[p.name] for p in today if p.name in start.done_today}
        head = Text(f"⚠ {notice}\n", style="bold yellow") if notice else Text()
        if today and today[0].name in done:
            title.update(head + Text.assemble(
                (day, "bold"), ": today's plan ", (today[0].name, "bold"),
                f" is done (finished {done[today[0].name]:%H:%M}). Well done. Pick a plan to train again.",
            ))
        elif today:
            title.update(head + Text.assemble((day, "bold"), ": today's plan is ", (today[0].name, "bold"), ". Enter starts it."))
        else:
            title.update(head + Text.assemble((day, "bold"), ": nothing scheduled today. Pick a plan or start an empty session."))
        options = self.query_one("#start-options", OptionList)
        options.clear_options()
        today_ids = [p.id for p in today]
        for p in today:
            state = f", done {done[p.name]:%H:%M}" if p.name in done else ""
            options.add_option(Option(f"Today: {p.name}  ({len(p.items)} exercises{state})", id=f"plan:{p.id}"))
        for s in start.plans:
            if s.id not in today_ids:
                options.add_option(Option(f"{s.name}  ({s.exercise_count} exercises)", id=f"plan:{s.id}"))
        options.add_option(Option("Empty session (add exercises as you go)", id="empty"))
        first_open = next((i for i, p in enumerate(today) if p.name not in done), len(today) if done else 0)
        options.highlighted = min(first_open, options.option_count - 1)
        options.focus()

    def show_error(self, line: str) -> None:
        self.query_one("#start-title", Static).update(Text(line, style="bold red"))

    def show_overview(self, ov: Overview, unit: Unit) -> None:
        fatigue = Text()
        self.deload_offered = ov.warning
        if ov.summary:
            fatigue.append(("⚠ " if ov.warning else "• ") + ov.summary + "\n", style=STYLE["warning" if ov.warning else "note"])
        if not ov.lines and not ov.summary:
            fatigue.append("✓ Nothing flagged", style="bold green")
            fatigue.append(": recent performance, load and volume look normal (or there is too little data yet).")
        shown = 5
        for severity, line in ov.lines[: shown + 1]:
            mark = "⚠ " if severity == "summary" else "• "
            fatigue.append(mark + line + "\n", style=STYLE.get(severity, ""))
        if len(ov.lines) > shown + 1:
            fatigue.append(f"… and {len(ov.lines) - shown - 1} more in History (F3)\n", style="dim")
        if ov.warning:
            fatigue.append("d", style="bold reverse")
            fatigue.append(" starts a deload version of the highlighted plan (fewer sets, lighter loads)", style="bold")
            if ov.suggestion and ov.suggestion not in ov.summary:
                fatigue.append(f"\n{ov.suggestion}", style="italic")
        self.query_one("#start-fatigue", Static).update(fatigue)
        self.call_after_refresh(self._mark_more)
        last = Text()
        for d in reversed(ov.details[-6:]):
            last.append(f"{d.started_at:%a %d %b}  ", style="bold")
            last.append(last_session_line(d, unit) + "\n")
        if not ov.details:
            last.append("No sessions in the last four months.", style="dim")
        self.query_one("#start-last", Static).update(last)

    def _mark_more(self) -> None:
        """The fatigue check says under its border when it holds more than it shows."""
        box = self.query_one("#start-fatigue-box", VerticalScroll)
        box.border_subtitle = "more: Tab, ↓" if box.max_scroll_y > 0 else ""

    def on_resize(self) -> None:
        self.call_after_refresh(self._mark_more)

    def on_mount(self) -> None:
        # again whenever the check's content is laid out: after the refresh that follows an
        # update, its height may not be known yet (the hint was missing, one run in a few
        # with jittered jobs)
        box = self.query_one("#start-fatigue-box", VerticalScroll)
        self.watch(box, "virtual_size", lambda _size: self._mark_more(), init=False)

    def highlighted_plan(self) -> int | None | str:
        """The highlighted option's plan id, None for an empty session, "" for nothing."""
        options = self.query_one("#start-options", OptionList)
        if options.highlighted is None:
            return ""
        return _plan_id(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#start-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(PlanChosen(_plan_id(event.option.id)))


def _plan_id(option_id: str | None) -> int | None:
    return None if option_id in (None, "empty") else int(str(option_id).split(":")[1])


def _titled(widget: Static, title: str) -> Static:
    widget.border_title = title
    return widget


def last_session_line(d: SessionDetail, unit: Unit) -> str:
    """One of the Last sessions after its date: name, minutes, `1 set` / `12 sets`, volume,
    session RPE (the counts right-aligned, the word after them)."""
    mins = format_minutes(d.minutes) if d.minutes is not None else "-"
    rpe = f"sRPE {d.session_rpe:g}" if d.session_rpe is not None else ""
    name = d.name if len(d.name) <= 22 else d.name[:21] + "…"
    sets = plural(d.working_sets, "set").split(" ", 1)[1]
    return f"{name:<22} {mins:>7} {d.working_sets:>3} {sets:<4} {format_volume(d.volume_kg, unit):>10}  {rpe}"
