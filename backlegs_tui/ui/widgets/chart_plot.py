"""The plotting widget, loaded when a chart is first shown: textual-plot (the `charts`
extra) brings numpy, which start-up must not pay for. Without it, every chart falls back to
its text drawing and says so in one line (`HINT`).

The x axis of every chart is a day number (`date.toordinal()`), labelled by `DayAxis`.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Sequence
from datetime import date
from types import ModuleType
from typing import Any

from textual.binding import Binding

HINT = "Text chart: pip install '.[charts]' for drawn, zoomable charts"
_MISSING = object()
_module: Any = None  # the module, _MISSING, or None before the first call
_plot_class: Any = None

ZOOM_KEYS = Binding.Group("Zoom", compact=True)
PAN_KEYS = Binding.Group("Pan", compact=True)
CHART_BINDINGS = [
    # a focused chart's keys (Tab into it). textual-plot's reset key was `r`, which is Reload
    # on the screen around it: `0` resets here, one meaning per key (ux report 2, finding 16)
    Binding("plus", "zoom_in", "Zoom in", id="chart.zoom-in", group=ZOOM_KEYS),
    Binding("minus", "zoom_out", "Zoom out", id="chart.zoom-out", group=ZOOM_KEYS),
    Binding("left", "pan_left", "Pan left", id="chart.pan-left", group=PAN_KEYS),
    Binding("right", "pan_right", "Pan right", id="chart.pan-right", group=PAN_KEYS),
    Binding("up", "pan_up", "Pan up", id="chart.pan-up", group=PAN_KEYS),
    Binding("down", "pan_down", "Pan down", id="chart.pan-down", group=PAN_KEYS),
    Binding("0", "reset_scales", "Reset zoom", id="chart.reset"),
]


def plot_module() -> ModuleType | None:
    """textual_plot, imported on the first call; None when it is not installed."""
    global _module
    if _module is None:
        try:
            _module = importlib.import_module("textual_plot")
        except ImportError:
            _module = _MISSING
        else:
            _styled_blank_lines()
    return None if _module is _MISSING else _module


def _styled_blank_lines() -> None:
    """textual-hires-canvas (0.14) returns a line of an unsized canvas as a segment without
    a style, which Textual's NO_COLOR filter cannot read (AttributeError on every frame
    under NO_COLOR): give such segments the null style."""
    from rich.segment import Segment
    from rich.style import Style
    from textual.strip import Strip
    from textual_hires_canvas import Canvas

    render_line = Canvas.render_line
    if getattr(render_line, "_backlegs_styled", False):
        return

    def styled(self: Any, y: int) -> Strip:
        strip = render_line(self, y)
        if any(seg.style is None for seg in strip):
            null = Style.null()
            return Strip([Segment(seg.text, seg.style or null, seg.control) for seg in strip], strip.cell_length)
        return strip

    styled._backlegs_styled = True  # type: ignore[attr-defined]
    Canvas.render_line = styled  # type: ignore[method-assign]


def plot_class() -> Any:
    """textual-plot's PlotWidget with the app's chart keys (`CHART_BINDINGS`, listed in ?
    help); needs plot_module()."""
    global _plot_class
    if _plot_class is None:
        tp = plot_module()
        assert tp is not None

        class Plot(tp.PlotWidget, inherit_bindings=False):  # type: ignore[misc, name-defined]
            """Its zoom, pan and reset do nothing on a chart with no size yet (one below the
            fold before its first frame: textual-plot divides by its 0-wide region, ux report
            3, finding 1) or no data, and zoom stops at a day wide."""

            BINDINGS = CHART_BINDINGS

            def can_move(self) -> bool:
                return movable(self._scale_rectangle, self._datasets, self._x_min, self._x_max, self._y_min,
                               self._y_max)

            def action_zoom_in(self) -> None:
                if self.can_move() and zoom_fits(self._x_min, self._x_max, self._y_min, self._y_max,
                                                 self.KEYBOARD_ZOOM_FACTOR):
                    super().action_zoom_in()

            def action_zoom_out(self) -> None:
                if self.can_move():
                    super().action_zoom_out()

            def _pan(self, factor_x: float, factor_y: float) -> None:  # the arrows and a mouse drag
                if self.can_move():
                    super()._pan(factor_x, factor_y)

            def action_reset_scales(self) -> None:
                if self.can_move():
                    super().action_reset_scales()

        _plot_class = Plot
    return _plot_class


def movable(region: Any, datasets: Any, x_min: float, x_max: float, y_min: float, y_max: float) -> bool:
    """Whether a chart can zoom or pan: it has been laid out (its plot region has a size),
    holds data, and its limits are finite and apart."""
    limits = (x_min, x_max, y_min, y_max)
    return (
        region.width > 0
        and region.height > 0
        and bool(datasets)
        and all(math.isfinite(v) for v in limits)
        and x_max > x_min
        and y_max > y_min
    )


MIN_X_SPAN = 1.0  # a day: every chart's x axis is a day number
MIN_Y_SPAN = 0.01


def zoom_fits(x_min: float, x_max: float, y_min: float, y_max: float, factor: float) -> bool:
    """Whether one more zoom in leaves at least a day across and a readable value span
    (held `+` otherwise zooms to nothing and the axes lose their numbers)."""
    return (x_max - x_min) / (1 + factor) >= MIN_X_SPAN and (y_max - y_min) / (1 + factor) >= MIN_Y_SPAN


def available() -> bool:
    return plot_module() is not None


def day_ticks(lo: float, hi: float, max_ticks: int = 6, marks: Sequence[float] = ()) -> list[tuple[float, str]]:
    """Ticks for a day-number axis from `lo` to `hi`: years (`2024`), else months (`Mar 2026`,
    every 1, 2, 3 or 6), else weeks (`02 Mar`), at most `max_ticks`. Over less than two
    months, the days in `marks` (the days with data) when there are no more than `max_ticks`
    of them: a session on Sun 06 Dec is labelled `06 Dec`, not sat above a `07 Dec` Monday."""
    if hi <= lo:
        return []
    shown = sorted({int(m) for m in marks if lo <= m <= hi})
    if shown and len(shown) <= max(1, max_ticks) and hi - lo < 60:
        gap = (hi - lo) / max(2, max_ticks)  # labels far enough apart not to run into each other
        out: list[int] = []
        for d in shown:
            if not out or d - out[-1] >= gap:
                out.append(d)
        return [(float(d), f"{date.fromordinal(d):%d %b}") for d in out]
    start, end = date.fromordinal(max(1, int(lo))), date.fromordinal(max(1, int(hi)))
    max_ticks = max(2, max_ticks)
    years = end.year - start.year
    for step in (1, 2, 5, 10):
        if years / step <= max_ticks and years >= 2:
            ys = range((start.year + step - 1) // step * step, end.year + 1, step)
            ticks = [(float(date(y, 1, 1).toordinal()), str(y)) for y in ys]
            ticks = [t for t in ticks if lo <= t[0] <= hi]
            if len(ticks) >= 2:
                return ticks
    months = (end.year - start.year) * 12 + end.month - start.month
    for step in (1, 2, 3, 6):
        if months / step <= max_ticks and months >= 2:
            out = []
            m = start.year * 12 + start.month - 1
            m = (m + step - 1) // step * step
            while True:
                d = date(m // 12, m % 12 + 1, 1)
                if d > end:
                    break
                if d >= start:
                    out.append((float(d.toordinal()), f"{d:%b %Y}"))
                m += step
            if len(out) >= 2:
                return out
    days = int(hi) - int(lo)
    step = 7 * max(1, -(-days // (7 * max_ticks)))
    first = int(lo) + (-(int(lo) - 1)) % 7  # the first Monday (ordinal 1 is a Monday)
    return [(float(d), f"{date.fromordinal(d):%d %b}") for d in range(first, int(hi) + 1, step)]


def day_axis(marks: Sequence[float] = ()) -> Any:
    """A textual-plot AxisFormatter for day numbers (needs plot_module()); `marks` are the
    days with data, labelled themselves over a short range (`day_ticks`)."""
    tp = plot_module()
    assert tp is not None

    class DayAxis(tp.AxisFormatter):  # type: ignore[misc, name-defined]
        def __init__(self) -> None:
            self.labels: dict[float, str] = {}
            self.marks = tuple(marks)

        def get_ticks(self, min_: float, max_: float, max_ticks: int = 8) -> list[float]:
            # a label is centred on its tick: none so near the right end that it would be cut
            room = max_ - (max_ - min_) * 0.07
            ticks = [t for t in day_ticks(min_, max_, min(max_ticks, 6), self.marks) if t[0] <= room]
            self.labels = dict(ticks)
            return [t for t, _ in ticks]

        def get_labels_for_ticks(self, ticks: Any) -> list[str]:
            return [self.labels.get(float(t)) or f"{date.fromordinal(int(t)):%d %b %y}" for t in ticks]

    return DayAxis()
