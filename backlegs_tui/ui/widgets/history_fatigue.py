"""History -> Fatigue: today's verdict with its summary and suggestion, the flags (one line
each, with their evidence), and the picture over recent weeks (`fatigue_chart`).

The view loads itself through the app's job runner: `load(as_of)` asks the fatigue service
for the report and the picture and shows them when they arrive. Every glyph and word reads
without colour."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from ...domain.model import Unit
from ..jobs import JobFailed
from .chart_fatigue import FatiguePlots
from .fatigue_chart import chart_data
from .fatigue_chart_widget import FatigueChart

if TYPE_CHECKING:
    from ...store.repository import Repository

NO_ANALYSIS = "No fatigue analysis in this version."
NO_PICTURE = "No picture yet: a lift needs a few sessions before its usual range is known."
VERDICT_HEAD = {
    "warning": ("⚠ WARNING", "bold $error"),
    "note": ("• Note", "bold $warning"),
    "none": ("✓ No fatigue", "bold $success"),
}
SEVERITY_MARK = {"warning": ("⚠ ", "$error"), "note": ("• ", "$warning")}


@dataclass(frozen=True, slots=True)
class FatigueResult:
    report: Any  # domain.fatigue_engine.FatigueReport
    picture: Any  # domain.fatigue_engine.FatiguePicture
    deload_days: tuple[date, ...] = ()  # deload sessions in the picture's weeks


RECENT_SESSIONS = 150  # more than 12 weeks hold, even training daily


def read_fatigue(repo: Repository, as_of: date) -> FatigueResult | None:
    """Runs in the job worker: the report and the picture for `as_of`, or None when this
    build has no fatigue service."""
    try:
        from ...services.fatigue import fatigue_view
    except ImportError:
        return None
    report, picture = fatigue_view(repo, as_of)
    # deload sessions, also those no lift point shows (a deload's easy sets give no reading)
    deloads = tuple(
        s.started_at.date() for s in repo.sessions(limit=RECENT_SESSIONS) if s.deload and s.started_at.date() <= as_of
    )
    return FatigueResult(report, picture, deloads)


def has_usual_range(data: Any) -> bool:
    """Whether any lift of the picture has a usual range (a band) yet: a new lifter's first
    sessions have none, and a picture of them would claim one."""
    return any(p.low is not None or p.high is not None for _, points in data.lifts for p in points)


def _value(v: object) -> str:
    return str(getattr(v, "value", v))


def verdict_content(report: Any) -> Content:
    """The verdict line, the summary and the suggestion."""
    verdict = _value(report.verdict)
    head, style = VERDICT_HEAD.get(verdict, (verdict, "bold"))
    lines = [Content.styled(f"{head} · as of {report.as_of:%a %Y-%m-%d}", style), Content(report.summary)]
    suggestion = getattr(report, "suggestion", None)
    if suggestion and suggestion.lower() not in report.summary.lower():
        if not suggestion.lower().startswith("next session"):
            suggestion = f"next session: {suggestion}"
        lines.append(Content.styled(suggestion[0].upper() + suggestion[1:], "bold"))
    return Content("\n").join(lines)


def flags_content(report: Any) -> Content:
    """One line per flag: a mark that says its severity, then its message; nothing without a
    flag (the summary has said so, and with too little history there is no usual range)."""
    if not report.flags:
        return Content("")
    lines = [flags_title(report)]
    for mark, message in flag_rows(report):
        lines.append(mark + message)
    return Content("\n").join(lines)


def flags_title(report: Any) -> Content:
    return Content.styled(f"Flags ({len(report.flags)})", "bold")


def flag_rows(report: Any) -> list[tuple[Content, Content]]:
    """(severity mark, message) per flag."""
    rows = []
    for f in report.flags:
        mark, style = SEVERITY_MARK.get(_value(f.severity), ("  ", ""))
        rows.append((Content.styled(mark, style), Content(f.message)))
    return rows


class FlagLine(Horizontal):
    """One flag: its mark, then its message wrapped under itself (a hanging indent)."""

    DEFAULT_CSS = """
    FlagLine { height: auto; }
    FlagLine > .flag-mark { width: 2; }
    FlagLine > .flag-text { width: 1fr; }
    """

    def __init__(self, mark: Content, message: Content) -> None:
        super().__init__()
        self.mark, self.message = mark, message

    def compose(self) -> ComposeResult:
        yield Static(self.mark, classes="flag-mark", markup=False)
        yield Static(self.message, classes="flag-text", markup=False)


class FatigueView(Vertical):
    """The Fatigue tab's content; `load(as_of)` fills it through the job runner."""

    DEFAULT_CSS = """
    FatigueView {
        height: auto;
    }
    """

    class Loaded(Message):
        def __init__(self, result: FatigueResult | None, as_of: date) -> None:
            super().__init__()
            self.result, self.as_of = result, as_of

    def __init__(self, message: str = "Loading…", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._first = message
        self.result: FatigueResult | None = None
        self.as_of: date | None = None

    def compose(self) -> ComposeResult:
        yield Static(self._first, id="fatigue-verdict", markup=False)
        yield Vertical(id="fatigue-flags")
        yield Static("", id="fatigue-picture-title", markup=False)
        yield FatigueChart(id="fatigue-chart")
        yield FatiguePlots(id="fatigue-plots")

    def load(self, as_of: date) -> None:
        """Ask for the report and the picture of `as_of` (a newer ask replaces a queued one)."""
        self.app.jobs.submit(  # type: ignore[attr-defined]
            self,
            "read the fatigue analysis",
            lambda repo: read_fatigue(repo, as_of),
            lambda result: FatigueView.Loaded(result, as_of),
            key="history-fatigue",
        )

    def on_fatigue_view_loaded(self, message: Loaded) -> None:
        message.stop()
        self.result, self.as_of = message.result, message.as_of
        self.show(message.result, self.app.settings.unit)  # type: ignore[attr-defined]

    def on_job_failed(self, message: JobFailed) -> None:
        message.stop()
        self.query_one("#fatigue-verdict", Static).update(Content.styled(message.line, "$error"))

    def show(self, result: FatigueResult | None, unit: Unit) -> None:
        verdict = self.query_one("#fatigue-verdict", Static)
        flags = self.query_one("#fatigue-flags", Vertical)
        title = self.query_one("#fatigue-picture-title", Static)
        chart = self.query_one(FatigueChart)
        if result is None:
            verdict.update(Content.styled(NO_ANALYSIS, "dim"))
            flags.remove_children()
            title.update("")
            chart.show(None, unit)
            self.query_one(FatiguePlots).show(None, unit)
            return
        verdict.update(verdict_content(result.report))
        flags.remove_children()
        if result.report.flags:
            flags.mount(Static(flags_title(result.report), markup=False))
            flags.mount_all(FlagLine(mark, message) for mark, message in flag_rows(result.report))
        data = chart_data(result.picture, deload_days=result.deload_days)
        if data.lifts and not has_usual_range(data):
            # too little history: the summary says so in one line; no picture claims a range
            title.update("")
            chart.show(None, unit)
            self.query_one(FatiguePlots).show(None, unit)
            return
        if data.empty:
            title.update(Content.styled(NO_PICTURE, "dim"))
            chart.show(None, unit)
            self.query_one(FatiguePlots).show(None, unit)
            return
        weeks = getattr(result.picture, "weeks", 12)
        title.update(Content.styled(f"The last {weeks} weeks: performance against your usual range", "bold"))
        chart.show(data, unit)
        self.query_one(FatiguePlots).show(data, unit)
