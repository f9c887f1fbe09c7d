"""History -> Calendar: a year of training days, GitHub-style: one column per week (Monday
on top), one cell per day, its glyph as dense as the day's working sets, so it reads
without colour (NO_COLOR). `calendar_lines` is the plain drawing; `CalendarPanel` reads
the days through the app's job runner and shows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from ..jobs import JobFailed

WEEKS = 53
REST, FUTURE = "·", " "
LEVELS = ("░", "▒", "▓", "█")  # a quarter of the year's fullest day or less, ..., the fullest
DAY_NAMES = ("Mon", "", "Wed", "", "Fri", "", "Sun")
LEVEL_STYLE = ("$success 40%", "$success 60%", "$success 80%", "$success")

Span = tuple[str, str]  # (text, style)


def level(sets: int, most: int) -> int:
    """0-3: how full a training day was against the fullest day of the range."""
    if most <= 0:
        return 0
    return max(0, min(3, -(-4 * sets // most) - 1))


def calendar_lines(days: Mapping[date, int], end: date, weeks: int = WEEKS) -> list[list[Span]]:
    """The grid for `weeks` weeks up to the one holding `end` (later days blank), months
    labelled above, a summary and a key under it. `days` maps a training day to its working
    sets (a day with a session but no working sets counts as 0 sets, still a training day)."""
    last_monday = end - timedelta(days=end.weekday())
    first = last_monday - timedelta(days=7 * (weeks - 1))
    shown = {d: n for d, n in days.items() if first <= d <= end}
    most = max(shown.values(), default=0)
    # months: the name over the first week that holds the 1st
    head = [" "] * (4 + weeks)
    for w in range(weeks):
        monday = first + timedelta(days=7 * w)
        firsts = [monday + timedelta(days=k) for k in range(7) if (monday + timedelta(days=k)).day == 1]
        if firsts:
            name = f"{firsts[0]:%b}"
            at = 4 + w
            if all(c == " " for c in head[max(0, at - 1): at + len(name)]):
                head[at: at + len(name)] = list(name)
    lines: list[list[Span]] = [[("".join(head).rstrip(), "dim")]]
    for row in range(7):
        spans: list[Span] = [(f"{DAY_NAMES[row]:<4}", "dim")]
        for w in range(weeks):
            d = first + timedelta(days=7 * w + row)
            if d > end:
                spans.append((FUTURE, ""))
            elif d in shown:
                lv = level(shown[d], most)
                spans.append((LEVELS[lv], LEVEL_STYLE[lv]))
            else:
                spans.append((REST, "dim"))
        lines.append(spans)
    n = len(shown)
    # the average is over the weeks since the first training day shown (a lifter who started
    # 16 weeks ago trains 3 a week, not 0.9 a week over the whole year)
    since = min(shown, default=first)
    span = (last_monday - (since - timedelta(days=since.weekday()))).days // 7 + 1
    lines.append([])
    days_said = f"{n} training day{'s' if n != 1 else ''}"
    weeks_said = f"{span} week{'s' if span != 1 else ''}"
    lines.append([(f"{days_said} from {since:%Y-%m-%d} to {end:%Y-%m-%d} ({weeks_said}): {n / span:.1f} a week", "")])
    lines.append([(longest_run_line([d for d in days if d <= end]), "")])
    q = [max(1, -(-most * k // 4)) for k in (1, 2, 3)] if most else [0, 0, 0]
    key = f"{REST} rest  {LEVELS[0]} up to {q[0]} sets  {LEVELS[1]} to {q[1]}  {LEVELS[2]} to {q[2]}  {LEVELS[3]} to {most}"
    lines.append([(key, "dim")])
    return lines


def longest_run(days: Iterable[date]) -> tuple[int, date, date] | None:
    """The longest run of calendar weeks (Monday to Sunday) each with a training day, over
    every day given: (weeks, its first training day, its last); the latest of equal runs."""
    ordered = sorted(set(days))
    if not ordered:
        return None
    best: tuple[int, date, date] | None = None
    start = prev_monday = None
    count = 0
    prev_day = ordered[0]
    for d in ordered:
        monday = d - timedelta(days=d.weekday())
        if monday == prev_monday:
            prev_day = d
            continue
        if prev_monday is not None and monday - prev_monday == timedelta(days=7):
            count += 1
        else:
            if start is not None and (best is None or count >= best[0]):
                best = (count, start, prev_day)
            start, count = d, 1
        prev_monday, prev_day = monday, d
    if start is not None and (best is None or count >= best[0]):
        best = (count, start, prev_day)
    return best


def longest_run_line(days: Iterable[date]) -> str:
    """Over the whole history, not the year drawn: ten years of training can hold a run
    longer than the 53 weeks shown (ux report 3)."""
    run = longest_run(days)
    if run is None:
        return "Longest run of training weeks (all time): 0"
    weeks, first, last = run
    when = f"{first:%Y-%m-%d}" if first == last else f"{first:%Y-%m-%d} to {last:%Y-%m-%d}"
    return f"Longest run of training weeks (all time): {weeks}, {when}"


def calendar_content(days: Mapping[date, int], end: date, weeks: int = WEEKS) -> Content:
    return Content("\n").join(
        Content.assemble(*((text, style) for text, style in spans)) for spans in calendar_lines(days, end, weeks)
    )


@dataclass
class DaysRead(Message):
    """Posted when a job has read the training days: (session id, day, working sets, deload)."""

    days: list[tuple[int, date, int, bool]]


class CalendarView(Static):
    """The year grid (`calendar_content`)."""

    DEFAULT_CSS = """
    CalendarView { width: auto; height: auto; text-wrap: nowrap; }
    """


class CalendarPanel(VerticalScroll):
    """The calendar in a scrolling box; reads the days when `load` is called."""

    can_focus = True

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(CalendarView("Loading…", id="calendar-view"), id=id)
        self.days: dict[date, int] = {}

    def load(self) -> None:
        app: Any = self.app
        app.jobs.submit(
            self, "read the training days", lambda repo: DaysRead(repo.session_days()),
            lambda read: read, key="history-calendar",
        )

    def on_job_failed(self, message: JobFailed) -> None:
        message.stop()
        self.query_one(CalendarView).update(message.line)

    def on_days_read(self, message: DaysRead) -> None:
        message.stop()
        days: dict[date, int] = {}
        for _sid, day, sets, _deload in message.days:
            days[day] = days.get(day, 0) + sets
        self.days = days
        today = self.app.clock().date()  # type: ignore[attr-defined]
        self.query_one(CalendarView).update(calendar_content(days, today))
