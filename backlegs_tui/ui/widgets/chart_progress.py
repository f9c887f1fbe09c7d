"""One lift's progress as a chart: best e1RM per session (by the house rule; a session of
high-rep sets gets the rough estimate `ROUGH_METHOD`, drawn apart and named), the best
set's load, deload sessions marked, over real dates, the value axis from 0.

`progress_points` is the plain data (no Textual); `ProgressChart` draws it with
textual-plot when the `charts` extra is installed (`+`/`-` zoom, arrows pan, `0` resets
when the chart has focus) and as text otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ...domain.e1rm import ROUGH_METHOD, rough_e1rm
from ...domain.model import Unit
from ...domain.units import from_kg
from .chart_plot import HINT, day_axis, plot_class, plot_module

E1RM, ROUGH, LOAD, DELOAD = "●", "◇", "·", "D"
BARS = " ▁▂▃▄▅▆▇█"


@dataclass(frozen=True, slots=True)
class ChartPoint:
    day: date
    e1rm: float | None  # by the house rule, kg
    rough: float | None  # ROUGH_METHOD when the house rule gives none, kg
    top_kg: float
    top_reps: int
    deload: bool = False

    @property
    def value(self) -> float | None:
        return self.e1rm if self.e1rm is not None else self.rough


def progress_points(
    lines: Iterable[tuple[int, date, float | None, float, int, bool]], since: date | None = None
) -> list[ChartPoint]:
    """Chart points from (session id, day, e1RM or None, top kg, top reps, deload) rows."""
    return [
        ChartPoint(day, v, None if v is not None else rough_e1rm(w, reps), w, reps, dl)
        for _sid, day, v, w, reps, dl in lines
        if since is None or day >= since
    ]


def nice_top(value: float) -> float:
    """A round value axis top just above `value` (the axis runs from 0 to it)."""
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if value / step <= 8:
            return (int(value * 1.05 // step) + 1) * step
    return value * 1.1


def value_ticks(top: float, tall: bool = True) -> list[float]:
    """Even ticks from 0 to `top` at a round step (a multiple of 10 when one fits)."""
    counts = (4, 5, 6, 3) if tall else (2, 3, 4)
    for unit in (10, 5, 1):
        for n in counts:
            if (top / n) % unit == 0:
                return [top * k / n for k in range(n + 1)]
    return [0.0, top]


def legend(points: Sequence[ChartPoint], unit: Unit) -> str:
    parts = [f"{E1RM} best e1RM", f"{LOAD} best set ({unit.value})"]
    if any(p.rough is not None for p in points):
        parts.append(f"{ROUGH} e1RM {ROUGH_METHOD}")
    if any(p.deload for p in points):
        parts.append(f"{DELOAD} deload")
    return "  ".join(parts)


def text_chart(points: Sequence[ChartPoint], unit: Unit, width: int, height: int = 6) -> list[str]:
    """The fallback drawing: columns of blocks from 0 (the best e1RM or rough estimate of
    the sessions in each column's days), the top value on the left, dates under it."""
    values = [p for p in points if p.value is not None]
    if not values or width < 20:
        return []
    plot_w = width - 8
    lo, hi = values[0].day.toordinal(), values[-1].day.toordinal()
    cols: list[float | None] = [None] * plot_w
    rough: list[bool] = [False] * plot_w
    for p in values:
        i = 0 if hi == lo else min(plot_w - 1, (p.day.toordinal() - lo) * plot_w // (hi - lo + 1))
        v = from_kg(p.value or 0.0, unit)
        if cols[i] is None or v > (cols[i] or 0):
            cols[i], rough[i] = v, p.e1rm is None
    top = nice_top(max(c for c in cols if c is not None))
    rows = []
    for r in range(height - 1, -1, -1):
        label = f"{top:>6.0f} " if r == height - 1 else f"{0:>6} " if r == 0 else " " * 7
        cells = []
        for c, rg in zip(cols, rough):
            if c is None:
                cells.append(" ")
                continue
            fill = c / top * height - r
            cells.append(ROUGH if rg and 0 < fill <= 1 else BARS[max(0, min(8, round(fill * 8)))])
        rows.append(label + "│" + "".join(cells))
    first, last = f"{values[0].day:%Y-%m-%d}", f"{values[-1].day:%Y-%m-%d}"
    rows.append(" " * 7 + "└" + first + last.rjust(plot_w - len(first)))
    return rows


class ProgressChart(Vertical):
    """The chart of one lift (textual-plot when installed, else text), its legend under it."""

    DEFAULT_CSS = """
    ProgressChart { height: auto; }
    ProgressChart > #chart-text { height: auto; text-wrap: nowrap; text-overflow: clip; }
    ProgressChart > #chart-legend { height: auto; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.points: list[ChartPoint] = []
        self.unit = Unit.KG
        self.plot: Any = None

    def compose(self) -> ComposeResult:
        yield Static("", id="chart-legend")

    def show(self, points: Sequence[ChartPoint], unit: Unit) -> None:
        self.points, self.unit = list(points), unit
        tp = plot_module()
        legend_text = legend(self.points, unit) if self.points else ""
        if tp is None:
            self._show_text()
            legend_text = f"{legend_text}\n{HINT}" if legend_text else HINT
        else:
            self._show_plot(tp)
        self.query_one("#chart-legend", Static).update(Content(legend_text))

    def on_resize(self) -> None:
        if plot_module() is None and self.points:
            self._show_text()

    def _show_text(self) -> None:
        found = self.query("#chart-text")
        text = found.first(Static) if found else None
        if text is None:
            text = Static("", id="chart-text")
            self.mount(text, before=0)
        text.update(Content("\n".join(text_chart(self.points, self.unit, max(20, self.size.width or 80)))))

    def _show_plot(self, tp: Any) -> None:
        if self.plot is None:
            cls = plot_class()
            self.plot = cls(id="progress-plot")
            for field, value in ((cls.margin_top, 1), (cls.margin_bottom, 2), (cls.margin_left, 7)):
                self.plot.set_reactive(field, value)  # before mount: the grid is not there yet
            self.mount(self.plot, before=0)
            self.call_after_refresh(self._draw_plot)
        else:
            self._draw_plot()

    def _draw_plot(self) -> None:
        tp, plot = plot_module(), self.plot
        if tp is None or plot is None or not plot.is_mounted:
            return
        plot.clear()
        unit = self.unit
        rated = [p for p in self.points if p.e1rm is not None]
        rough = [p for p in self.points if p.rough is not None]
        days = [p.day.toordinal() for p in self.points]
        if not days:
            plot.set_xlimits(None, None)
            plot.set_ylimits(0, 100)
            return
        x = lambda ps: [p.day.toordinal() for p in ps]
        theme = self.app.current_theme  # Rich styles here: no $variables
        c = lambda name: getattr(theme, name, None) or theme.foreground or "white"
        plot.set_x_formatter(day_axis(days))  # few sessions: each one's day on the axis
        plot.set_xlabel("")
        plot.set_ylabel(f"{unit.value}")
        hi = max([p.value or 0.0 for p in self.points] + [p.top_kg for p in self.points])
        top = nice_top(from_kg(hi, unit))
        plot.set_ylimits(0, top)
        plot.set_yticks(value_ticks(top, tall=plot.size.height >= 10))
        pad = max(3, (days[-1] - days[0]) // 40)
        plot.set_xlimits(days[0] - pad, days[-1] + pad)
        if rated:  # the line first: the markers draw over it
            ys = [from_kg(p.e1rm or 0, unit) for p in rated]
            plot.plot(x(rated), ys, line_style=c("primary"), hires_mode=tp.HiResMode.BRAILLE)
        plot.scatter(x(self.points), [from_kg(p.top_kg, unit) for p in self.points], marker=LOAD,
                     marker_style=f"dim {c('foreground')}")
        if rough:
            plot.scatter(x(rough), [from_kg(p.rough or 0, unit) for p in rough], marker=ROUGH,
                         marker_style=c("warning"))
        if rated:
            plot.scatter(x(rated), ys, marker=E1RM, marker_style=f"bold {c('success')}")
        deloads = [p for p in self.points if p.deload]
        if deloads:
            plot.scatter(x(deloads), [from_kg(p.value or p.top_kg, unit) for p in deloads], marker=DELOAD,
                         marker_style=f"bold {c('accent')}")
