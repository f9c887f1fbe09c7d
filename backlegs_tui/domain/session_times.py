"""When a session may be: the one rule for a session entered or moved afterwards (History's
forgotten session `n` and its edit `E`, and the store that writes them).

- it starts in the past (it has already happened);
- it does not overlap another session of the lifter's (one lifter trains one session at a
  time; two sessions on one day at different times are fine). A session still open runs
  until now, so nothing after its start may overlap it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from .durations import session_minutes
from .validation import InputError

WHEN_FORMAT = "%Y-%m-%d %H:%M"


@dataclass(frozen=True, slots=True)
class SessionSpan:
    """A stored session's time: from `start` to `end` (None: still open)."""

    id: int
    start: datetime
    end: datetime | None

    def describe(self) -> str:
        """`Sat 05 Dec 10:16-11:37` (`Sat 05 Dec from 10:16, still open`)."""
        if self.end is None:
            return f"{self.start:%a %d %b} from {self.start:%H:%M}, still open"
        # the end as the start shown plus the length the session list shows (1:21), so the
        # two read alike (10:16:40 to 11:37:20 is 10:16-11:37, not 11:36 or 11:38)
        start = self.start.replace(second=0, microsecond=0)
        end = start + timedelta(minutes=session_minutes(self.start, self.end) or 0)
        if end.date() != start.date():
            return f"{start:%a %d %b %H:%M}-{end:%a %d %b %H:%M}"
        return f"{start:%a %d %b %H:%M}-{end:%H:%M}"


def check_past_start(when: datetime, now: datetime) -> datetime:
    """A session entered afterwards starts no later than `now`."""
    if when > now:
        raise InputError(f"Started is in the future (now: {now:{WHEN_FORMAT}})")
    return when


def overlapping(start: datetime, end: datetime | None, spans: Iterable[SessionSpan],
                skip: int | None = None) -> SessionSpan | None:
    """The first of `spans` (not `skip`) that the session from `start` to `end` overlaps, or
    None. Times are half-open: a session may start the minute another ends. A session with no
    end (or no length) is its start alone; an open span runs on without end."""
    for span in sorted(spans, key=lambda s: s.start):
        if span.id == skip:
            continue
        if span.end is None:
            hit = start >= span.start or (end is not None and end > span.start)
        elif end is None or end <= start:
            hit = span.start <= start < span.end
        else:
            hit = start < span.end and span.start < end
        if hit:
            return span
    return None


def check_no_overlap(start: datetime, end: datetime | None, spans: Iterable[SessionSpan],
                     skip: int | None = None) -> None:
    """InputError naming the session that `start`..`end` overlaps, if any."""
    other = overlapping(start, end, spans, skip)
    if other is not None:
        raise InputError(f"{start:%H:%M} overlaps your session {other.describe()}")
