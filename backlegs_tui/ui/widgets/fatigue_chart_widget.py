"""The fatigue picture on screen as text: `fatigue_chart.draw` at the widget's width, each
span styled by its role. Colour only adds to glyphs that read without it (NO_COLOR).
Hidden when textual-plot is installed: `chart_fatigue.FatiguePlots` draws it then."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from ...domain.model import Unit
from .chart_plot import plot_module
from .fatigue_chart import ChartData, Line, draw

ROLE_STYLE = {
    "title": "bold",
    "label": "",
    "scale": "dim",
    "value": "",
    "plot": "",
    "band": "$primary 60%",
    "point": "bold $success",
    "below": "bold $error",
    "deload": "bold $accent",
    "load": "$secondary",
    "unknown": "dim",
    "ready": "$primary",
    "axis": "dim",
    "legend": "dim",
}


def line_content(line: Line) -> Content:
    return Content.assemble(*((text, ROLE_STYLE.get(role, "")) for text, role in line))


class FatigueChart(Widget):
    """Draws a `ChartData` (nothing when it has no data)."""

    DEFAULT_CSS = """
    FatigueChart {
        height: auto;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: ChartData | None = None
        self.unit = Unit.KG

    def show(self, data: ChartData | None, unit: Unit) -> None:
        self.data, self.unit = data, unit
        # with the charts extra, `chart_fatigue.FatiguePlots` draws the picture instead
        self.display = plot_module() is None
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Line]:
        if self.data is None or self.data.empty or width <= 0:
            return []
        return draw(self.data, width, self.unit)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(line_content(line) for line in self._lines(self.size.width))
