"""History's charts: the plain data and drawing (headless), snapshots of each chart widget
at a fixed size with fixed data (drawn with textual-plot, and the text fallback without
it), and a Pilot test switching lifts in History -> Progress.
Update the snapshots with `--snapshot-update` and look at the SVGs before committing them."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.app import App, ComposeResult

from backlegs_tui.domain.e1rm import ROUGH_METHOD, e1rm, epley, rough_e1rm
from backlegs_tui.domain.model import Unit
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.widgets import chart_plot
from backlegs_tui.ui.widgets.chart_plot import HINT, day_ticks
from backlegs_tui.ui.widgets.chart_progress import (
    ProgressChart,
    legend,
    nice_top,
    progress_points,
    text_chart,
)
from backlegs_tui.ui.widgets.history_calendar import (
    LEVELS,
    REST,
    CalendarView,
    calendar_content,
    calendar_lines,
    level,
)

from .session_helpers import settle, wait_for
from .test_history_screen import ready, seed
from .ui_text import screen_text

END = date(2026, 11, 23)  # a Monday


def lines_of_a_lift() -> list[tuple[int, date, float | None, float, int, bool]]:
    """Twenty sessions over 20 weeks: 5s rising, three high-rep sessions, a deload week."""
    out = []
    for k in range(20):
        day = END - timedelta(days=7 * (19 - k))
        w = 100 + 2.5 * k
        if k in (6, 7, 8):
            out.append((k, day, None, 80.0, 15, False))  # 15 reps: no e1RM by the house rule
        elif k == 12:
            out.append((k, day, e1rm(w * 0.9, 5), w * 0.9, 5, True))
        else:
            out.append((k, day, e1rm(w, 5), w, 5, False))
    return out


# ---- plain data ------------------------------------------------------------------------


def test_rough_estimate_is_epley_at_any_reps_and_named() -> None:
    assert e1rm(80, 15) is None
    assert rough_e1rm(80, 15) == pytest.approx(epley(80, 15)) == pytest.approx(120)
    assert rough_e1rm(0, 15) is None and rough_e1rm(80, 0) is None
    points = progress_points(lines_of_a_lift())
    rough = [p for p in points if p.rough is not None]
    assert [p.top_reps for p in rough] == [15, 15, 15] and all(p.e1rm is None for p in rough)
    assert ROUGH_METHOD in legend(points, Unit.KG) and "deload" in legend(points, Unit.KG)
    assert ROUGH_METHOD not in legend([p for p in points if p.rough is None], Unit.KG)


def test_progress_points_keep_the_range() -> None:
    points = progress_points(lines_of_a_lift(), since=END - timedelta(days=28))
    assert [p.day for p in points] == [END - timedelta(days=7 * k) for k in (4, 3, 2, 1, 0)]


def test_day_ticks_years_months_weeks() -> None:
    o = date.toordinal
    assert [label for _, label in day_ticks(o(date(2016, 12, 19)), o(END))] == ["2018", "2020", "2022", "2024", "2026"]
    months = [label for _, label in day_ticks(o(date(2025, 11, 23)), o(END))]
    assert months[0] == "Jan 2026" and months[-1] == "Nov 2026" and len(months) <= 6
    weeks = day_ticks(o(date(2026, 10, 20)), o(END))
    assert all(date.fromordinal(int(t)).weekday() == 0 for t, _ in weeks) and weeks[-1][1] == "23 Nov"


def test_value_axis_starts_at_zero_and_tops_just_above() -> None:
    assert nice_top(147.5) == 160 and nice_top(62) == 70 and nice_top(310) == 350
    rows = text_chart(progress_points(lines_of_a_lift()), Unit.KG, 60)
    assert rows[0].startswith("   200 │") and rows[5].startswith("     0 │")
    assert rows[-1].endswith("2026-11-23") and "2026-07-13" in rows[-1]
    assert "◇" in "".join(rows)  # the high-rep sessions, drawn apart


def test_calendar_density_reads_without_colour() -> None:
    assert [level(n, 20) for n in (1, 5, 6, 10, 11, 15, 16, 20)] == [0, 0, 1, 1, 2, 2, 3, 3]
    days = {END - timedelta(days=2): 20, END - timedelta(days=4): 5, END - timedelta(days=9): 12}
    grid = ["".join(t for t, _ in spans) for spans in calendar_lines(days, END)]
    assert grid[1].startswith("Mon ") and len(grid[1]) == 4 + 53
    sat = grid[1 + 5]  # Saturday 2026-11-21: the fullest day
    assert sat[-2] == LEVELS[3] and grid[1 + 3][-2] == LEVELS[0]  # Thursday 11-19: 5 sets
    assert grid[1 + 5][-3] == LEVELS[2]  # Saturday 11-14: 12 sets
    assert grid[1][-1] == REST and grid[2][-1] == " "  # today rested; tomorrow blank
    assert "3 training days" in grid[-3] and f"{LEVELS[3]} to 20" in grid[-1]


# ---- snapshots ---------------------------------------------------------------------------


class ChartApp(App):
    CSS = "ProgressChart > #progress-plot { height: 14; }"

    def compose(self) -> ComposeResult:
        yield ProgressChart(id="chart")

    def on_mount(self) -> None:
        self.query_one(ProgressChart).show(progress_points(lines_of_a_lift()), Unit.KG)


class CalendarApp(App):
    def compose(self) -> ComposeResult:
        days = {END - timedelta(days=k): 8 + (k * 7) % 17 for k in range(360) if k % 7 in (0, 2, 5)}
        yield CalendarView(calendar_content(days, END))


def test_progress_chart_snapshot(snap_compare) -> None:
    async def drawn(pilot) -> None:
        await pilot.pause(0.1)

    assert snap_compare(ChartApp(), terminal_size=(80, 18), run_before=drawn)


def test_progress_chart_text_fallback_snapshot(snap_compare, monkeypatch) -> None:
    monkeypatch.setattr(chart_plot, "_module", chart_plot._MISSING)  # as without the extra
    app = ChartApp()

    async def drawn(pilot) -> None:
        await pilot.pause(0.1)
        assert HINT in screen_text(pilot.app)

    assert snap_compare(app, terminal_size=(80, 12), run_before=drawn)


def test_calendar_snapshot(snap_compare) -> None:
    assert snap_compare(CalendarApp(), terminal_size=(80, 12))


# ---- the app -------------------------------------------------------------------------------


async def test_switching_lifts_draws_each_chart(migrated_db: Path, clock) -> None:
    seed(migrated_db, clock.now)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("p")
        panel = screen.progress_panel
        await wait_for(pilot, lambda: panel.lines is not None and panel.progress is not None, "the lines")
        chart = app.screen.query_one(ProgressChart)
        seen = {}
        for _ in range(3):
            await pilot.press("right_square_bracket")
            await settle(pilot)
            name = panel.names[panel.exercise_id]
            assert app.screen.query_one("#progress-view").border_title == name
            points = progress_points(panel.lines[panel.exercise_id], panel._since())
            assert chart.points == points and chart.plot is not None
            seen[name] = chart.plot._y_max
        assert len(seen) == 3
        assert "Best e1RM since" in screen_text(app) and "● best e1RM" in screen_text(app)
        # tab from the list reaches the chart: + zooms, the arrows pan, 0 resets (r is
        # History's Reload, one meaning per key: ux report 2, finding 16)
        await pilot.press("tab")
        assert app.focused is chart.plot
        full = chart.plot._x_max - chart.plot._x_min
        await pilot.press("plus", "left")
        assert chart.plot._x_max - chart.plot._x_min < full
        await pilot.press("0")
        assert chart.plot._x_max - chart.plot._x_min == full
        # from the list too: + and 0 are the tab's chart keys, the palette has them
        await pilot.press("shift+tab")
        assert app.focused is not chart.plot
        await pilot.press("plus")
        assert chart.plot._x_max - chart.plot._x_min < full
        titles = {c.title: c for c in app.get_system_commands(app.screen)}
        assert {"History: Charts: zoom in", "History: Charts: zoom out", "History: Charts: reset zoom"} <= set(titles)
        await titles["History: Charts: reset zoom"].callback()  # as the palette runs it
        await settle(pilot)
        assert chart.plot._x_max - chart.plot._x_min == full
        # ? help lists them, and the keys of a chart in focus
        help_rows = {(where, key, what) for where, key, what in app.help_rows()}
        assert {("History", "+", "Charts: zoom in"), ("History", "0", "Charts: reset zoom"),
                ("History: a chart (Tab into it)", "←", "Pan left"),
                ("History: a chart (Tab into it)", "0", "Reset zoom")} <= help_rows
        assert [key for where, key, _ in help_rows if where.startswith("History") and key == "r"] == ["r"]


def test_value_ticks_are_round() -> None:
    from backlegs_tui.ui.widgets.chart_progress import value_ticks

    assert value_ticks(180) == [0, 30, 60, 90, 120, 150, 180]
    assert value_ticks(160) == [0, 40, 80, 120, 160]
    assert value_ticks(160, tall=False) == [0, 80, 160]
    assert value_ticks(70, tall=False) == [0, 35, 70]


# ---- weekly volume over the weeks --------------------------------------------------------


def volume_weeks() -> list:
    from backlegs_tui.domain.volume import WeekVolume

    monday = END - timedelta(days=7 * 11)
    return [
        WeekVolume(monday + timedelta(days=7 * k), {"quads": float(4 + 2 * k), "back": 12.0 - (k % 3)})
        for k in range(12)
    ]


LANDMARKS = {"quads": (6, 8, 12, 18, 20), "back": (8, 10, 14, 22, 25)}


def test_volume_axis_runs_past_mrv_from_zero() -> None:
    from backlegs_tui.ui.widgets.chart_volume import axis_top, text_rows

    weeks = volume_weeks()
    assert axis_top(weeks, "quads", LANDMARKS["quads"]) == 30  # 26 sets in the last week
    assert axis_top(weeks, "back", LANDMARKS["back"]) == 30  # MRV 25 and a margin
    rows = text_rows(weeks, LANDMARKS, 80)
    assert rows[0].startswith("quads       ") and rows[0].split()[1][-1] == "▇" and "26" in rows[0]
    assert "(MEV ▂ MRV ▅)" in rows[0] and rows[-1].strip() == "2026-09-07 .. 2026-11-23"


class VolumeApp(App):
    def compose(self) -> ComposeResult:
        from backlegs_tui.ui.widgets.chart_volume import VolumeTrend

        yield VolumeTrend(id="trend")

    def on_mount(self) -> None:
        from backlegs_tui.ui.widgets.chart_volume import VolumeTrend

        self.query_one(VolumeTrend).show(volume_weeks(), LANDMARKS)


def test_volume_trend_snapshot(snap_compare) -> None:
    async def drawn(pilot) -> None:
        await pilot.pause(0.1)

    assert snap_compare(VolumeApp(), terminal_size=(80, 24), run_before=drawn)


def test_volume_trend_text_fallback_snapshot(snap_compare, monkeypatch) -> None:
    monkeypatch.setattr(chart_plot, "_module", chart_plot._MISSING)
    assert snap_compare(VolumeApp(), terminal_size=(80, 10))


# ---- the fatigue picture -------------------------------------------------------------------


def fatigue_data():
    from backlegs_tui.ui.widgets.fatigue_chart import ChartData, LiftPoint

    start = END - timedelta(days=7 * 8)
    squat = []
    for k in range(16):
        day = start + timedelta(days=3 + 3 * k + (k // 2))
        value = 140 + k * 0.5 - (9 if k >= 14 else 0) - (12 if k == 8 else 0)
        squat.append(LiftPoint(day, value, 136 + k * 0.5, 146 + k * 0.5, deload=k == 8))
    load = tuple((start + timedelta(days=7 * w), None if w == 3 else 1800.0 + 90 * w) for w in range(9))
    ready = tuple((p.day, 80.0 - (30 if p.day > END - timedelta(days=8) else 0)) for p in squat)
    return ChartData(start, END, (("Barbell back squat", tuple(squat)),), load, (), ready)


class FatigueApp(App):
    def compose(self) -> ComposeResult:
        from backlegs_tui.ui.widgets.chart_fatigue import FatiguePlots

        yield FatiguePlots(id="plots")

    def on_mount(self) -> None:
        from backlegs_tui.ui.widgets.chart_fatigue import FatiguePlots

        self.query_one(FatiguePlots).show(fatigue_data(), Unit.KG)


def test_fatigue_plots_snapshot(snap_compare) -> None:
    async def drawn(pilot) -> None:
        await pilot.pause(0.1)
        text = screen_text(pilot.app)
        assert "▼" in text and "○" in text and "·" in text  # below the band, the deload, load unknown
        assert "Barbell back squat: e1RM (kg) per session; the last below its usual range" in text

    assert snap_compare(FatigueApp(), terminal_size=(80, 36), run_before=drawn)


def test_lift_axis_keeps_noise_small() -> None:
    from backlegs_tui.ui.widgets.chart_fatigue import lift_span

    lo, hi = lift_span(fatigue_data().lifts[0][1], Unit.KG)
    assert lo < 136 and hi > 153.5 and hi - lo >= 0.05 * hi


async def test_charts_draw_under_no_color(monkeypatch) -> None:
    """Textual's NO_COLOR filter reads every segment's style: the plot's blank lines too."""
    monkeypatch.setenv("NO_COLOR", "1")
    for app in (ChartApp(), VolumeApp(), FatigueApp()):
        async with app.run_test(size=(80, 30)) as pilot:
            await pilot.pause(0.1)
            await pilot.pause()
            text = screen_text(app)
        assert "█" in text or "●" in text


def test_the_recent_sessions_table_shows_a_high_rep_sessions_e1rm_as_the_chart_does() -> None:
    """A leg press session of 15s has no e1RM by the house rule; the chart draws it as the
    rough estimate (◇), so the table under it says the same number with the same mark, not
    "-". A bodyweight lift's set as logged (BW + 10) is no load to estimate from: "-"."""
    from backlegs_tui.domain.history import ProgressPoint
    from backlegs_tui.domain.model import LoadKind, SetEntry, SetType
    from backlegs_tui.ui.widgets.chart_progress import ROUGH
    from backlegs_tui.ui.widgets.history_progress import _point_line

    high = ProgressPoint(1, END, None, SetEntry(1, SetType.WORKING, 165.0, 14, rpe=9.5), 6930.0, 3)
    line = _point_line(high, Unit.KG)
    assert rough_e1rm(165, 14) == pytest.approx(242)
    assert f"e1RM {ROUGH} 242 kg" in " ".join(line.split()), line
    low = ProgressPoint(2, END, 150.0, SetEntry(1, SetType.WORKING, 130.0, 5, rpe=8), 1950.0, 3)
    assert ROUGH not in _point_line(low, Unit.KG) and "150 kg" in _point_line(low, Unit.KG)
    pull = ProgressPoint(3, END, None, SetEntry(1, SetType.WORKING, 10.0, 14), 0.0, 3)
    assert ROUGH not in _point_line(pull, Unit.KG, LoadKind.BODYWEIGHT)
