"""History -> Volume over time: each muscle's weekly hard sets (`domain.volume`'s one
count) as bars over the weeks, against its landmarks: `-` marks MEV and `=` MRV in every
week, so the picture reads without colour. Drawn with textual-plot when the `charts`
extra is installed, else as one text row of bars per muscle.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ...domain.volume import Marks, WeekVolume, Zone, zone_of
from .chart_plot import HINT, day_axis, plot_class, plot_module

MEV_MARK, MRV_MARK = "-", "="
BARS = " ▁▂▃▄▅▆▇█"
ZONE_THEME = {
    Zone.BELOW_MV: "error",
    Zone.MAINTENANCE: "warning",
    Zone.PRODUCTIVE: "success",
    Zone.MAV: "success",
    Zone.HIGH: "warning",
    Zone.OVER_MRV: "error",
}
LEGEND = f"█ hard sets a week   {MEV_MARK} MEV   {MRV_MARK} MRV   (RPE 6+ or unrated, no warm-ups)"


def _n(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def axis_top(weeks: Sequence[WeekVolume], muscle: str, marks: Marks) -> float:
    """The value axis runs from 0 to a little past MRV (further when a week went further)."""
    hi = max([w.get(muscle) for w in weeks] + [marks[4] * 1.2, 1.0])
    step = 5 if hi <= 40 else 10 if hi <= 100 else 50
    return float(-(-hi // step) * step)


def text_rows(weeks: Sequence[WeekVolume], landmarks: Mapping[str, Marks], width: int) -> list[str]:
    """The fallback: per muscle one row of bars (0 to its axis top), the last week's sets and
    where MEV and MRV sit on the same scale."""
    cols = max(4, min(len(weeks), width - 12 - 22))
    shown = list(weeks)[-cols:]
    rows = []
    for muscle, marks in landmarks.items():
        top = axis_top(shown, muscle, marks)
        bars = "".join(BARS[max(0, min(8, round(w.get(muscle) / top * 8)))] for w in shown)
        mev, mrv = BARS[min(8, round(marks[1] / top * 8))], BARS[min(8, round(marks[4] / top * 8))]
        rows.append(f"{muscle:<12}{bars}  {_n(shown[-1].get(muscle)):>4}  (MEV {mev} MRV {mrv})")
    if shown:
        rows.append(f"{'':<12}{shown[0].start:%Y-%m-%d} .. {shown[-1].start:%Y-%m-%d}")
    return rows


class VolumeTrend(Vertical):
    """The weeks of a `weekly_volume` read, one small chart per muscle with landmarks."""

    DEFAULT_CSS = """
    VolumeTrend { height: auto; margin-top: 1; }
    VolumeTrend > .trend-title { height: 1; text-style: bold; }
    VolumeTrend > PlotWidget { height: 10; }
    VolumeTrend > #trend-text { height: auto; text-wrap: nowrap; text-overflow: clip; }
    VolumeTrend > #trend-legend { height: auto; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.weeks: list[WeekVolume] = []
        self.landmarks: dict[str, Marks] = {}
        self._built: tuple[str, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="trend-legend")

    def show(self, weeks: Sequence[WeekVolume], landmarks: Mapping[str, Marks]) -> None:
        self.weeks, self.landmarks = list(weeks), dict(landmarks)
        tp = plot_module()
        legend = self.query_one("#trend-legend", Static)
        if not self.weeks:
            legend.update("")
            return
        span = f"Hard sets per week, {self.weeks[0].start:%Y-%m-%d} to {self.weeks[-1].start:%Y-%m-%d}"
        if tp is None:
            self._text()
            legend.update(Content(f"{LEGEND}\n{HINT}"))
        else:
            self._plots(tp)
            legend.update(Content(LEGEND))
        self.border_title = span

    def on_resize(self) -> None:
        if plot_module() is None and self.weeks:
            self._text()

    def _text(self) -> None:
        found = self.query("#trend-text")
        text = found.first(Static) if found else None
        if text is None:
            text = Static("", id="trend-text")
            self.mount(text, before=0)
        width = max(40, self.size.width or 80)
        text.update(Content("\n".join(text_rows(self.weeks, self.landmarks, width))))

    def _plots(self, tp: Any) -> None:
        muscles = tuple(self.landmarks)
        if self._built != muscles:
            for old in self.query(".trend-title, PlotWidget"):
                old.remove()
            widgets: list[Any] = []
            cls = plot_class()
            for i, muscle in enumerate(muscles):
                widgets.append(Static("", classes="trend-title", id=f"trend-title-{i}"))
                plot = cls(id=f"trend-plot-{i}", allow_pan_and_zoom=True)
                for field, value in ((cls.margin_top, 0), (cls.margin_bottom, 2), (cls.margin_left, 5)):
                    plot.set_reactive(field, value)
                widgets.append(plot)
            self.mount_all(widgets, before=0)
            self._built = muscles
            self.call_after_refresh(self._draw)
        else:
            self._draw()

    def _draw(self) -> None:
        tp = plot_module()
        if tp is None:
            return
        theme = self.app.current_theme
        c = lambda name: getattr(theme, name, None) or theme.foreground or "white"
        xs = [w.start.toordinal() + 3 for w in self.weeks]  # the middle of each week
        for i, (muscle, marks) in enumerate(self.landmarks.items()):
            found = self.query(f"#trend-plot-{i}")
            if not found:
                continue
            plot = found.first()
            week = self.weeks[-1]
            zone = zone_of(week.get(muscle), marks)
            self.query_one(f"#trend-title-{i}", Static).update(
                Content(
                    f"{muscle}: {_n(week.get(muscle))} sets in the week of {week.start:%Y-%m-%d} ({zone.value}); "
                    f"MEV {marks[1]}, MRV {marks[4]}"
                )
            )
            plot.clear()
            plot.set_x_formatter(day_axis())
            top = axis_top(self.weeks, muscle, marks)
            plot.set_ylimits(0, top)
            plot.set_yticks(sorted({0.0, float(marks[1]), float(marks[4])}) if marks[4] < top else [0.0, top])
            plot.set_xlimits(xs[0] - 4, xs[-1] + 4)
            trained = [(x, w.get(muscle)) for x, w in zip(xs, self.weeks) if w.get(muscle) > 0]
            if trained:  # a week without sets stays empty (a bar of 0 would still fill a cell)
                ys = [v for _, v in trained]
                styles = [c(ZONE_THEME[zone_of(v, marks)]) for v in ys]
                plot.bar([x for x, _ in trained], ys, width=4, bar_style=styles)
            if marks[1] > 0:
                plot.scatter(xs, [marks[1]] * len(xs), marker=MEV_MARK, marker_style=c("foreground"))
            plot.scatter(xs, [marks[4]] * len(xs), marker=MRV_MARK, marker_style=f"bold {c('foreground')}")
