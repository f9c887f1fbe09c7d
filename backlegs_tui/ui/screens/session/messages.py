"""The Session screen's typed messages: each is posted by the job runner to the screen when
a job of the screen's ends (plain values, never callables)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from ....domain.model import SessionState
from ....services.live_session import SessionData, StartData
from ....services.session_start import Overview


@dataclass
class SessionRead(Message):
    """Posted when the open session, or the start panel's plans when none is open, was read."""

    data: SessionData | None
    start: StartData | None


@dataclass
class SessionStarted(Message):
    """Posted when a new session is on disk, with everything the live panel needs."""

    data: SessionData


@dataclass
class OverviewRead(Message):
    """Posted when the start panel's recent sessions and fatigue verdict were read."""

    overview: Overview


@dataclass
class SessionWritten(Message):
    """Posted when a live-session write committed: `kind` and `result` go to
    `LiveSession.apply`."""

    session_id: int
    kind: str
    result: Any


@dataclass
class BestsRead(Message):
    """Posted when the earlier bests of today's lifts were read (for the finish summary)."""

    session_id: int
    bests: dict[int, tuple[float | None, float | None]]
    at_last_set: bool


@dataclass
class SessionResynced(Message):
    """Posted when the session was read again: after a failed write (`failed`), after a
    write of this window's, or when the database changed (another window may log into it)."""

    state: SessionState | None  # None: no session open any more (ended by another program)
    gone: str = ""  # why it is None: "discarded" | "finished" (elsewhere)
    failed: bool = False  # read after a failed write: the disk's state replaces this window's
    session_id: int = 0  # the session read again (a reply about an earlier session is dropped)


@dataclass
class SessionWatched(Message):
    """Posted when the database's data version was read while a session shows (None: no such
    number, as on a server)."""

    version: int | None
