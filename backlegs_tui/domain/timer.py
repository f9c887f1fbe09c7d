"""Rest timer computed from a deadline and a clock, never from counted ticks."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class RestTimer:
    started_at: datetime
    deadline: datetime

    @classmethod
    def start(cls, now: datetime, seconds: int) -> RestTimer:
        return cls(now, now + timedelta(seconds=seconds))

    @property
    def total_s(self) -> float:
        return (self.deadline - self.started_at).total_seconds()

    def remaining_s(self, now: datetime) -> float:
        return max(0.0, (self.deadline - now).total_seconds())

    def elapsed_s(self, now: datetime) -> float:
        return max(0.0, (now - self.started_at).total_seconds())

    def done(self, now: datetime) -> bool:
        return now >= self.deadline

    def adjust(self, seconds: int, now: datetime) -> RestTimer:
        """Add (or with a negative number remove) time; never before now."""
        deadline = max(now, self.deadline + timedelta(seconds=seconds))
        return replace(self, deadline=deadline)

    def fraction_left(self, now: datetime) -> float:
        total = self.total_s
        return 0.0 if total <= 0 else min(1.0, self.remaining_s(now) / total)


def format_clock(seconds: float) -> str:
    """`2:05`, `1:02:03`; seconds round up so a timer shows 0:00 only when done."""
    s = int(-(-seconds // 1)) if seconds > 0 else 0
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"
