"""How long a session took: ONE rule for every place that shows or uses it (the finish
summary and its toast, the session load, F2 "Last sessions", History, the fatigue engine,
the Strong export). Whole minutes, rounded to the nearest (half a minute rounds up): a session
of 1 min 40 s is 2 min everywhere, and its load (session RPE x minutes) is RPE x 2."""

from __future__ import annotations

import math
from datetime import datetime


def whole_minutes(seconds: float) -> int:
    """`seconds` as whole minutes, the nearest (30 s rounds up), never below 0."""
    return max(0, math.floor(seconds / 60 + 0.5))


def session_minutes(started: datetime, ended: datetime | None) -> int | None:
    """A session's length in whole minutes (`whole_minutes`); None without an end."""
    if ended is None:
        return None
    return whole_minutes((ended - started).total_seconds())


def format_minutes(minutes: int) -> str:
    """`47 min`, `95 min` (the finish summary, its toast, F2 "Last sessions")."""
    return f"{minutes} min"


def format_hours_minutes(minutes: int) -> str:
    """`0:47`, `1:05`: hours and minutes (History's column)."""
    h, m = divmod(minutes, 60)
    return f"{h}:{m:02d}"


def session_load(session_rpe: float | None, minutes: float | None) -> float | None:
    """Session RPE x minutes (Foster), on the minutes shown (`whole_minutes`); None (unknown,
    never zero) without an RPE or without a minute (the finish toast and the fatigue engine)."""
    if session_rpe is None or minutes is None or minutes <= 0:
        return None
    return session_rpe * minutes
