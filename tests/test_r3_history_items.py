"""Round 3 (ux report 3, finding 11), History: Progress with one day of data labels that
day and says "1 session"; End and Home in the Sessions list go to the last and first
loaded sessions; the Calendar's longest run of training weeks is over the whole history."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from backlegs_tui.domain.e1rm import e1rm
from backlegs_tui.domain.model import Unit
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.widgets.chart_plot import day_ticks
from backlegs_tui.ui.widgets.chart_progress import ProgressChart, progress_points
from backlegs_tui.ui.widgets.history_calendar import calendar_lines
from backlegs_tui.ui.widgets.history_progress import ProgressView

from .session_helpers import wait_for
from .test_history_screen import ready, seed
from .ui_text import screen_text

SUNDAY = date(2026, 12, 6)


def one_day() -> list:
    return progress_points([(1, SUNDAY, e1rm(100, 5), 100.0, 5, False)])


# ---- Progress -------------------------------------------------------------------------------


def test_a_short_range_labels_the_days_with_data() -> None:
    d = SUNDAY.toordinal()
    assert day_ticks(d - 3, d + 3, 6, [d]) == [(d, "06 Dec")]  # was the Monday after: 07 Dec
    # a few sessions close together: each labelled, none two apart on a week's axis
    marks = [d - 1, d, d + 3]
    assert [label for _, label in day_ticks(d - 4, d + 6, 6, marks)] == ["05 Dec", "09 Dec"]
    # many sessions, or a long range: the calendar's weeks and months as before
    many = list(range(d - 40, d + 1, 2))
    assert [label for _, label in day_ticks(d - 43, d + 3, 6, many)] == [
        label for _, label in day_ticks(d - 43, d + 3, 6)
    ]


class OneDayApp(App):
    CSS = "ProgressChart > #progress-plot { height: 12; }"

    def compose(self) -> ComposeResult:
        yield ProgressView(id="view")

    def on_mount(self) -> None:
        self.query_one(ProgressView).show_chart("Hip thrust", one_day(), Unit.KG, None)


async def test_one_day_of_progress_is_labelled_that_day_and_one_session() -> None:
    app = OneDayApp()
    async with app.run_test(size=(80, 20)) as pilot:
        plot = app.query_one(ProgressChart).plot
        await wait_for(pilot, lambda: plot is not None and plot._scale_rectangle.width > 0, "the chart")
        text = screen_text(app)
        assert "06 Dec" in text and "07 Dec" not in text
        assert "Best e1RM all time: 1 session, 116.5 kg" in text and "sessions" not in text.split("\n")[0]


# ---- Sessions: End and Home -------------------------------------------------------------------


async def test_end_and_home_go_to_the_last_and_first_session(migrated_db: Path, clock) -> None:
    ids = seed(migrated_db, clock.now)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        table = screen.query_one("#session-list", DataTable)
        assert app.focused is table and table.cursor_row == 0
        panel = screen.query_one("SessionsPanel")
        await pilot.press("end")
        await wait_for(pilot, lambda: panel.detail is not None and panel.detail.id == ids[0], "the oldest")
        assert table.cursor_row == table.row_count - 1 == len(ids) - 1 and table.scroll_x == 0
        assert "Mon 2026-10-19" in screen_text(app)  # the date column whole, the oldest's detail
        await pilot.press("home")
        await wait_for(pilot, lambda: panel.detail.id == ids[-1], "the newest")
        assert table.cursor_row == 0 and table.scroll_x == 0


# ---- Calendar -----------------------------------------------------------------------------------


def test_the_longest_run_is_over_the_whole_history() -> None:
    from backlegs_tui.ui.widgets.history_calendar import longest_run

    start = date(2016, 12, 19)  # a Monday: 400 weeks of training, a gap, then 60 weeks to SUNDAY
    days = {start + timedelta(days=7 * w + 2): 10 for w in range(400)}
    recent = SUNDAY - timedelta(days=7 * 59 + 6)
    days |= {recent + timedelta(days=7 * w): 12 for w in range(60)}
    lines = ["".join(t for t, _ in spans) for spans in calendar_lines(days, SUNDAY)]
    assert lines[-2] == "Longest run of training weeks (all time): 400, 2016-12-21 to 2024-08-14"
    assert len(lines[-2]) <= 76  # one line at 80 columns
    assert lines[-3].startswith("53 training days from 2025-12-01")  # the year drawn, as before
    assert longest_run([]) is None
    assert longest_run([SUNDAY, SUNDAY - timedelta(days=1)]) == (1, SUNDAY - timedelta(days=1), SUNDAY)
    # two runs of the same length: the latest
    two = [date(2026, 1, 5), date(2026, 1, 12), date(2026, 3, 2), date(2026, 3, 9)]
    assert longest_run(two) == (2, date(2026, 3, 2), date(2026, 3, 9))
