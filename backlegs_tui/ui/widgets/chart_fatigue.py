"""The fatigue picture of History -> Fatigue drawn with textual-plot: per main lift its
performance (e1RM) per session against its usual range (the noise band, two thin lines),
each session's glyph saying where it fell (● in the band, ▼ below, ▲ above, ○ a deload:
the same glyphs as the text drawing, so it reads without colour); weekly session load as
bars (· a week whose load is unknown); readiness check-ins 0-100.

It reads the same `ChartData` as the text drawing (`fatigue_chart.chart_data`). Without
the `charts` extra it shows nothing but the hint, and `FatigueChart` draws the text.
"""

from __future__ import annotations

import math
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ...domain.model import Unit
from ...domain.units import from_kg
from .chart_plot import HINT, day_axis, plot_class, plot_module
from .fatigue_chart import BELOW, DELOAD, IN_BAND, ChartData, LiftPoint, _glyph

UNKNOWN = "·"
LEGEND = "● session  ▼ below usual  ▲ above  ○ deload  ⠤ usual range (noise band)  · load unknown"


def lift_span(points: tuple[LiftPoint, ...], unit: Unit) -> tuple[float, float]:
    """The value axis of a lift: its values and band with a margin (at least 10 % of its
    level, so noise is not blown up into a trend)."""
    values = [from_kg(v, unit) for p in points for v in (p.value, p.low, p.high) if v is not None]
    lo, hi = min(values), max(values)
    pad = max((hi - lo) * 0.15, hi * 0.05, 1.0)
    return max(0.0, lo - pad), hi + pad


class FatiguePlots(Vertical):
    """One plot per main lift, then weekly load and readiness (textual-plot only)."""

    DEFAULT_CSS = """
    FatiguePlots { height: auto; }
    FatiguePlots > .fatigue-plot-title { height: 1; text-style: bold; margin-top: 1; }
    FatiguePlots > PlotWidget { height: 8; }
    FatiguePlots > #fatigue-plots-legend { height: auto; color: $text-muted; margin-top: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: ChartData | None = None
        self.unit = Unit.KG
        self._built: tuple[str, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="fatigue-plots-legend")

    def show(self, data: ChartData | None, unit: Unit) -> None:
        self.data, self.unit = data, unit
        tp = plot_module()
        legend = self.query_one("#fatigue-plots-legend", Static)
        if data is None or data.empty:
            self._build(())
            legend.update("")
            return
        if tp is None:
            legend.update(Content(HINT))
            return
        legend.update(Content(LEGEND))
        names = [f"lift:{name}" for name, points in data.lifts if points]
        if any(v is not None for _, v in data.load):
            names.append("load")
        if any(v is not None for _, v in data.readiness):
            names.append("ready")
        if self._build(tuple(names)):
            self.call_after_refresh(self._draw)
        else:
            self._draw()

    def _build(self, names: tuple[str, ...]) -> bool:
        """(Re)mount a title and a plot per name; True when it did."""
        if names == self._built:
            return False
        for old in self.query(".fatigue-plot-title, PlotWidget"):
            old.remove()
        self._built = names
        tp = plot_module()
        if not names or tp is None:
            return True
        cls = plot_class()
        widgets: list[Any] = []
        for i, _ in enumerate(names):
            widgets.append(Static("", classes="fatigue-plot-title", id=f"fatigue-plot-title-{i}"))
            plot = cls(id=f"fatigue-plot-{i}")
            for field, value in ((cls.margin_top, 0), (cls.margin_bottom, 2), (cls.margin_left, 7)):
                plot.set_reactive(field, value)
            widgets.append(plot)
        self.mount_all(widgets, before=self.query_one("#fatigue-plots-legend"))
        return True

    def _draw(self) -> None:
        tp, data = plot_module(), self.data
        if tp is None or data is None or not self._built:
            return
        theme = self.app.current_theme
        c = lambda name: getattr(theme, name, None) or theme.foreground or "white"
        x0 = data.start.toordinal() - 1
        x1 = max([data.end.toordinal()] + [d.toordinal() + 6 for d, _ in data.load]) + 1  # the last week whole
        lifts = dict(data.lifts)
        for i, name in enumerate(self._built):
            found = self.query(f"#fatigue-plot-{i}")
            if not found:
                continue
            plot = found.first()
            title = self.query_one(f"#fatigue-plot-title-{i}", Static)
            plot.clear()
            plot.set_x_formatter(day_axis())
            plot.set_xlimits(x0, x1)
            if name.startswith("lift:"):
                lift = name[5:]
                self._lift(plot, tp, lift, lifts[lift], c)
                last = lifts[lift][-1]
                where = {IN_BAND: "in its usual range", BELOW: "below its usual range", DELOAD: "a deload"}.get(
                    _glyph(last)[0], "above its usual range"
                )
                if not last.deload and last.low is None and last.high is None:
                    where = "without a usual range yet"  # too few sessions: none is claimed
                title.update(Content(f"{lift}: e1RM ({self.unit.value}) per session; the last {where}"))
            elif name == "load":
                weeks = [(d.toordinal() + 3, v) for d, v in data.load]
                known = [(x, v) for x, v in weeks if v is not None]
                top = max([v for _, v in known] + [1.0])
                plot.set_ylimits(0, top * 1.15)
                plot.set_yticks([0, round(top)])
                if known:
                    plot.bar([x for x, _ in known], [v for _, v in known], width=5, bar_style=c("secondary"))
                unknown = [x for x, v in weeks if v is None]
                if unknown:
                    plot.scatter(unknown, [top * 0.05] * len(unknown), marker=UNKNOWN, marker_style="dim")
                title.update(Content("Weekly load (session RPE x minutes)"))
            else:
                ready = [(d.toordinal(), v) for d, v in data.readiness if v is not None]
                plot.set_ylimits(0, 100)
                plot.set_yticks([0, 50, 100])
                plot.plot([x for x, _ in ready], [v for _, v in ready], line_style=c("primary"),
                          hires_mode=tp.HiResMode.BRAILLE)
                plot.scatter([x for x, _ in ready], [v for _, v in ready], marker="●", marker_style=c("primary"))
                title.update(Content("Readiness check-ins (0-100)"))

    def _lift(self, plot: Any, tp: Any, lift: str, points: tuple[LiftPoint, ...], c: Any) -> None:
        unit = self.unit
        lo, hi = lift_span(points, unit)
        plot.set_ylimits(lo, hi)
        plot.set_yticks([math.ceil(lo), round((lo + hi) / 2), math.floor(hi)])  # inside the axis
        banded = [p for p in points if p.low is not None and p.high is not None]
        if banded:
            xs = [p.day.toordinal() for p in banded]
            for edge in ("low", "high"):
                plot.plot(xs, [from_kg(getattr(p, edge), unit) for p in banded], line_style=f"dim {c('primary')}",
                          hires_mode=tp.HiResMode.BRAILLE)
        style = {"point": f"bold {c('success')}", "below": f"bold {c('error')}", "deload": f"bold {c('accent')}"}
        by_glyph: dict[tuple[str, str], list[LiftPoint]] = {}
        for p in points:
            by_glyph.setdefault(_glyph(p), []).append(p)
        for (glyph, role), ps in by_glyph.items():
            plot.scatter([p.day.toordinal() for p in ps], [from_kg(p.value, unit) for p in ps], marker=glyph,
                         marker_style=style.get(role, ""))
