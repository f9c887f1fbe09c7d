"""Round 3 (ux report 3): a chart's zoom and pan keys on a chart with no size yet, or no
data, do nothing (finding 1: Tab then an arrow on History -> Fatigue at 80x24 crashed the
app with ZeroDivisionError in textual-plot)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.containers import Vertical

from backlegs_tui.domain.fatigue_engine import Flag
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.widgets.chart_plot import plot_class

from .fatigue_ui_data import WARNING_REPORT
from .session_helpers import settle, wait_for
from .test_fatigue_ui import fixed_fatigue
from .test_history_screen import ready, seed

ACTIONS = ("zoom_in", "zoom_out", "pan_left", "pan_right", "pan_up", "pan_down", "reset_scales")


class HiddenPlotApp(App):
    """A plot never laid out (as one below the fold before its first frame)."""

    CSS = "#box { display: none; }"

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield plot_class()(id="plot")


async def test_zoom_and_pan_on_a_chart_with_no_size_do_nothing() -> None:
    app = HiddenPlotApp()
    async with app.run_test(size=(80, 24)) as pilot:
        plot = app.query_one("#plot")
        plot.plot([739872, 739957], [1.0, 2.0])
        plot.set_xlimits(739872, 739957)
        await pilot.pause()
        assert plot._scale_rectangle.width == 0
        limits = (plot._x_min, plot._x_max, plot._y_min, plot._y_max)
        for action in ACTIONS:
            getattr(plot, f"action_{action}")()  # was ZeroDivisionError for a pan
        assert (plot._x_min, plot._x_max, plot._y_min, plot._y_max) == limits


async def test_tab_then_an_arrow_at_once_on_the_fatigue_tab(db_path: Path, clock, monkeypatch) -> None:
    """80x24 with eleven flags: the first plot is below the fold; Tab focuses it and the
    arrow comes before its first frame (a quick `Tab ↓`)."""
    more = tuple(Flag("effort_creep", "note", "Romanian deadlift", f"Romanian deadlift: note {k}") for k in range(8))
    fixed_fatigue(monkeypatch, report=replace(WARNING_REPORT, flags=WARNING_REPORT.flags + more))
    seed(db_path, clock.now)
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: bool(screen.query("#fatigue-plot-0")), "the fatigue plots")
        plot = screen.query_one("#fatigue-plot-0")
        assert plot._scale_rectangle.width == 0  # below the fold: never drawn yet
        driver = app._driver
        for key in ("tab", "down", "left", "plus", "minus", "0"):  # no pause between them
            event = events.Key(key, None)
            event.set_sender(app)
            driver.send_message(event)
        await settle(pilot)  # on the old code the app died here: ZeroDivisionError
        assert app.is_running and app.focused is plot
        await wait_for(pilot, lambda: plot._scale_rectangle.width > 0, "the plot's first frame")
        full = plot._x_max - plot._x_min
        await pilot.press("plus")  # now that it is drawn, its keys work
        assert plot._x_max - plot._x_min < full


class ShownPlotApp(App):
    CSS = "#plot { height: 12; }"

    def compose(self) -> ComposeResult:
        yield plot_class()(id="plot")


async def test_a_drawn_chart_with_no_data_does_not_move_and_zoom_stops_at_a_day() -> None:
    app = ShownPlotApp()
    async with app.run_test(size=(80, 16)) as pilot:
        plot = app.query_one("#plot")
        await pilot.pause()
        assert plot._scale_rectangle.width > 0 and not plot._datasets
        limits = (plot._x_min, plot._x_max, plot._y_min, plot._y_max)
        for action in ACTIONS:
            getattr(plot, f"action_{action}")()
        assert (plot._x_min, plot._x_max, plot._y_min, plot._y_max) == limits
        plot.plot([739872, 739957], [100.0, 120.0])
        plot.set_xlimits(739870, 739960)
        plot.set_ylimits(0, 150)
        for _ in range(300):  # `+` held down
            plot.action_zoom_in()
        assert 1.0 <= plot._x_max - plot._x_min < 1.2
        plot.action_pan_left()
        plot.action_reset_scales()
        assert (plot._x_min, plot._x_max) == (739870, 739960)
