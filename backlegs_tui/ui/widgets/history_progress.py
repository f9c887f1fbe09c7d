"""One exercise's progress: best e1RM and best set per session as a chart over real dates
(`chart_progress`), its all-time records with dates, and its recent sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from ...domain.e1rm import rough_e1rm
from ...domain.history import ExerciseProgress, ProgressPoint
from ...domain.model import LoadKind, SetEntry, Settings, Unit
from ...domain.units import format_e1rm, format_volume, plural
from ...services.live_session import set_line
from .chart_progress import ROUGH, ChartPoint, ProgressChart, progress_points

RECENT = 6


@dataclass
class LinesRead(Message):
    """Posted when a job has read every lift's chart line (`Repository.progress_lines`)."""

    lines: dict[int, list[tuple[int, date, float | None, float, int, bool]]]

REP_RECORDS = 5


def _set(s: SetEntry, unit: Unit, kind: LoadKind = LoadKind.WEIGHTED) -> str:
    """The set as the Session screen writes it (`BW + 10 kg x 7`), in the lifter's unit."""
    return set_line(s, Settings(unit=unit), kind)


def _day(s: SetEntry) -> str:
    return s.logged_at.strftime("%Y-%m-%d") if s.logged_at else "?"


def _e1rm_cell(p: ProgressPoint, unit: Unit, kind: LoadKind) -> str:
    """The session's e1RM as the chart above draws it: by the house rule, else (high-rep sets
    of a loaded lift) the rough estimate marked as in the chart's legend, else "-"."""
    if p.best_e1rm is not None:
        return format_e1rm(p.best_e1rm, unit)
    rough = rough_e1rm(p.top.weight_kg, p.top.reps) if LoadKind(kind) is LoadKind.WEIGHTED else None
    return f"{ROUGH} {format_e1rm(rough, unit)}" if rough is not None else "-"


def _point_line(p: ProgressPoint, unit: Unit, kind: LoadKind = LoadKind.WEIGHTED) -> str:
    e1 = _e1rm_cell(p, unit, kind)
    return f"{p.day:%Y-%m-%d}  {_set(p.top, unit, kind):<24} e1RM {e1:>9}  {plural(p.sets, 'set')}  {format_volume(p.volume_kg, unit)}"


class ProgressView(Vertical):
    """Shows an ExerciseProgress: the e1RM line over the chosen range, records, recent
    sessions. `since` limits the sparkline and the recent sessions, never the records."""

    def compose(self) -> ComposeResult:
        yield Static("Pick an exercise", id="progress-title")
        yield ProgressChart(id="progress-chart")
        yield Static("", id="progress-records")
        yield Static("", id="progress-recent")

    def show_chart(self, name: str, points: list[ChartPoint], unit: Unit, since: date | None) -> None:
        """The chart alone (from the panel's lines of every lift, before the records)."""
        self.border_title = name
        rated = [p for p in points if p.value is not None]
        span = "all time" if since is None else f"since {since:%Y-%m-%d}"
        title = self.query_one("#progress-title", Static)
        if rated:
            first, last = rated[0].value or 0, rated[-1].value or 0
            if since is not None and points[0].day > since:  # where the data starts, not the range
                span = f"since {points[0].day:%Y-%m-%d}"
            if len(points) == 1:  # no change to tell from one session
                text = Content.from_markup("[b]Best e1RM[/b] $span: 1 session, $first", span=span,
                                           first=format_e1rm(first, unit))
            else:
                text = Content.from_markup(
                    "[b]Best e1RM[/b] $span: $n, $first → $last ($change)",
                    span=span, n=plural(len(points), "session"), first=format_e1rm(first, unit),
                    last=format_e1rm(last, unit), change=f"{(last / first - 1):+.1%}" if first else "",
                )
            title.update(text)
        else:
            title.update(f"No working sets {span}")
        self.query_one(ProgressChart).show(points, unit)

    def show(
        self, progress: ExerciseProgress | None, unit: Unit, since: date | None, chart: bool = True,
    ) -> None:
        """The records and recent sessions; the chart from `progress` too unless `chart` is
        False (the panel has already drawn it from its lines)."""
        title = self.query_one("#progress-title", Static)
        records = self.query_one("#progress-records", Static)
        recent = self.query_one("#progress-recent", Static)
        if progress is None or not progress.points:
            self.border_title = progress.name if progress else "Progress"
            title.update("No working sets logged for this exercise yet")
            self.query_one(ProgressChart).show([], unit)
            for w in (records, recent):
                w.update("")
            return
        self.border_title = progress.name
        points = [p for p in progress.points if since is None or p.day >= since]
        if chart:
            lines = [(p.session_id, p.day, p.best_e1rm, p.top.weight_kg, p.top.reps, False) for p in points]
            self.show_chart(progress.name, progress_points(lines), unit, since)
        records.update(self._records(progress, unit))
        lines = [Content.styled("Recent sessions", "bold")]
        lines += [Content(_point_line(p, unit, progress.kind)) for p in reversed(points[-RECENT:])]
        recent.update(Content("\n").join(lines))

    @staticmethod
    def _records(progress: ExerciseProgress, unit: Unit) -> Content:
        rows: list[tuple[str, str, str]] = []
        kind = progress.kind
        if progress.heaviest is not None:
            rows.append(("Heaviest weight", _set(progress.heaviest, unit, kind), _day(progress.heaviest)))
        if progress.best_e1rm is not None:
            s, value = progress.best_e1rm
            rows.append(("Best e1RM", f"{format_e1rm(value, unit)} from {_set(s, unit, kind)}", _day(s)))
        if progress.best_volume is not None:
            p = progress.best_volume
            rows.append(
                ("Best volume session", f"{format_volume(p.volume_kg, unit)} in {plural(p.sets, 'set')}", f"{p.day:%Y-%m-%d}")
            )
        for i, s in enumerate(progress.rep_records[:REP_RECORDS]):
            label = "Most reps at a weight" if i == 0 else ""
            rows.append((label, _set(s, unit, kind), _day(s)))
        lines = [Content.styled("Records", "bold")]
        lines += [Content(f"{label:<22}{what:<34}{when}") for label, what, when in rows]
        return Content("\n").join(lines)
