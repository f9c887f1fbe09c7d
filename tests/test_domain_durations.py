"""One duration rule for a session (UX report item 5): whole minutes, the nearest, used by the
summary, the History detail, the fatigue engine's session load and the Strong export alike."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from backlegs_tui.domain import fatigue_engine
from backlegs_tui.domain.durations import (
    format_hours_minutes,
    format_minutes,
    session_load,
    session_minutes,
    whole_minutes,
)
from backlegs_tui.domain.history import SessionDetail
from backlegs_tui.domain.model import SessionState
from backlegs_tui.domain.records import WorkoutRecord
from backlegs_tui.domain.session_logic import summarize
from backlegs_tui.exchange.csvfmt import strong_duration

START = datetime(2026, 12, 6, 18, 0, 0)


@pytest.mark.parametrize(("seconds", "minutes"), [
    (0, 0), (29, 0), (30, 1), (89, 1), (90, 2), (100, 2), (149.9, 2), (3870, 65), (-5, 0),
])
def test_whole_minutes_is_the_nearest_minute_half_up(seconds: float, minutes: int) -> None:
    assert whole_minutes(seconds) == minutes


def test_formats() -> None:
    assert format_minutes(2) == "2 min"
    assert [format_hours_minutes(m) for m in (2, 47, 65)] == ["0:02", "0:47", "1:05"]
    assert session_minutes(START, None) is None


def test_session_load_is_rpe_times_the_minutes_shown_and_unknown_without_a_minute() -> None:
    assert session_load(7, 2) == 14
    assert session_load(7, 0) is None and session_load(None, 30) is None and session_load(7, None) is None


@pytest.mark.parametrize("seconds", [100, 89, 90, 2699, 2700, 3870])
def test_the_summary_history_fatigue_load_and_export_agree(seconds: int) -> None:
    end = START + timedelta(seconds=seconds)
    expected = whole_minutes(seconds)
    assert summarize(SessionState(1, START, "S", None), {}, {}, end).minutes == expected
    assert SessionDetail(1, "S", START, end).minutes == expected
    (log,) = fatigue_engine.sessions_from_records([WorkoutRecord(START, "S", end, session_rpe=7)], {})
    assert log.minutes == expected
    load = fatigue_engine._session_load(log)
    assert load == (7 * expected if expected else None)  # session RPE x the minutes shown
    hours, minutes = divmod(expected, 60)
    assert strong_duration(START, end) == (f"{hours}h {minutes}m" if hours else f"{minutes}m")
