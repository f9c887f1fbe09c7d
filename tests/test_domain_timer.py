"""RestTimer: everything from a deadline and the clock passed in."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from backlegs_tui.domain.timer import RestTimer, format_clock

T0 = datetime(2026, 11, 24, 18, 0, 0)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_deadline_arithmetic() -> None:
    t = RestTimer.start(T0, 180)
    assert t.deadline == at(180) and t.total_s == 180
    assert t.remaining_s(at(0)) == 180
    assert t.remaining_s(at(59.5)) == 120.5
    assert t.elapsed_s(at(59.5)) == 59.5
    assert t.fraction_left(at(90)) == 0.5
    assert not t.done(at(179.999))
    assert t.done(at(180)) and t.done(at(500))


def test_after_the_deadline_nothing_goes_negative() -> None:
    t = RestTimer.start(T0, 60)
    assert t.remaining_s(at(90)) == 0.0
    assert t.fraction_left(at(90)) == 0.0
    assert t.elapsed_s(at(-5)) == 0.0  # a clock set back does not show negative time


def test_adjust_adds_and_removes_time() -> None:
    t = RestTimer.start(T0, 120)
    assert t.adjust(30, at(10)).deadline == at(150)
    assert t.adjust(-30, at(10)).deadline == at(90)
    assert t.adjust(30, at(10)).started_at == T0


@pytest.mark.parametrize(("seconds", "now", "deadline"), [(-120, 50, 50), (-1000, 10, 10), (-30, 100, 100)])
def test_adjust_never_moves_the_deadline_before_now(seconds: int, now: float, deadline: float) -> None:
    t = RestTimer.start(T0, 120).adjust(seconds, at(now))
    assert t.deadline == at(deadline)
    assert t.done(at(now)) and t.remaining_s(at(now)) == 0


def test_adjust_after_it_rang_restarts_from_the_old_deadline_or_now() -> None:
    t = RestTimer.start(T0, 60)
    assert t.adjust(30, at(200)).deadline == at(200)  # 60 + 30 is already past: now
    assert t.adjust(300, at(200)).deadline == at(360)


def test_fraction_left_is_capped_and_safe_for_a_zero_timer() -> None:
    assert RestTimer.start(T0, 0).fraction_left(T0) == 0.0
    t = RestTimer.start(T0, 60).adjust(60, T0)  # longer than it started
    assert t.fraction_left(T0) == 1.0


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0:00"),
        (-5, "0:00"),
        (0.01, "0:01"),  # rounds up: 0:00 only when done
        (59.5, "1:00"),
        (60, "1:00"),
        (125, "2:05"),
        (599, "9:59"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3723, "1:02:03"),
    ],
)
def test_format_clock(seconds: float, text: str) -> None:
    assert format_clock(seconds) == text
