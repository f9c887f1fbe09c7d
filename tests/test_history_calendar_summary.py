"""History -> Calendar's summary (issue 8): the average is over the weeks since the first
training day shown, not over the whole year drawn."""

from __future__ import annotations

from datetime import date, timedelta

from backlegs_tui.ui.widgets.history_calendar import calendar_lines

END = date(2026, 12, 6)  # a Sunday


def summary(days: dict[date, int]) -> str:
    return "".join(t for t, _ in calendar_lines(days, END)[-3])


def test_the_average_is_over_the_weeks_since_the_first_training_day() -> None:
    first = date(2026, 8, 17)  # a Monday, 16 weeks before the one holding END
    days = {first + timedelta(days=7 * w + k): 10 for w in range(16) for k in (0, 2, 5)}
    assert summary(days) == "48 training days from 2026-08-17 to 2026-12-06 (16 weeks): 3.0 a week"
    assert len(summary(days)) <= 76  # one line at 80 columns


def test_a_history_longer_than_the_year_averages_over_the_year_drawn() -> None:
    days = {END - timedelta(days=7 * w): 10 for w in range(80)}
    assert summary(days) == "53 training days from 2025-12-07 to 2026-12-06 (53 weeks): 1.0 a week"
    assert summary({END: 5}) == "1 training day from 2026-12-06 to 2026-12-06 (1 week): 1.0 a week"
