"""What the Session start panel shows before a session: the last sessions and today's
fatigue verdict (with the deload offer when it is a warning). Headless."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..domain.history import SessionDetail
from ..domain.model import SessionState, Settings

if TYPE_CHECKING:
    from ..store.repository import Repository

RECENT_DAYS = 120


@dataclass(slots=True)
class Overview:
    """The start panel's right-hand side."""

    details: list[SessionDetail]  # finished sessions of the last RECENT_DAYS, oldest first
    verdict: str = "none"  # "none" | "note" | "warning"
    summary: str = ""
    lines: list[tuple[str, str]] = field(default_factory=list)  # (severity, one line)
    suggestion: str | None = None

    @property
    def warning(self) -> bool:
        return self.verdict == "warning"


def read_overview(repo: Repository, now: datetime, settings: Settings) -> Overview:
    """Recent sessions and the fatigue verdict at `now`, from the one fatigue-today function
    (`services.fatigue.fatigue_today`) that History and the CLI use too."""
    from .fatigue import fatigue_today  # read in the worker, not at start-up

    details = repo.session_details_since(now - timedelta(days=RECENT_DAYS))
    report = fatigue_today(repo, now.date(), clock=lambda: now)
    verdict = getattr(report.verdict, "value", str(report.verdict))
    lines = [(f.severity, f.message) for f in report.flags]
    return Overview(details, verdict, report.summary, lines, report.suggestion)


# ---- one session, two windows (tester3 #3) ---------------------------------------------------

# A session active this recently may be open in another window or `backlegs serve` tab: the
# resume offer says so and asks before a discard. Its last set's time is the signal (every set
# logged in any window stamps it; a lifter rests minutes between sets, not half an hour), or
# its start while it has no set yet.
MAYBE_OPEN = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class Activity:
    """When an open session was last active, for the resume offer."""

    at: datetime  # its last set's time, else its start
    ago: str  # "last set 2 min ago" / "started 5 min ago, no set yet"
    maybe_open: bool  # active within MAYBE_OPEN: it may be open in another window


def last_active(state: SessionState) -> datetime:
    """The newest of the session's start and its sets' times."""
    times = [s.logged_at for s in state.sets if s.logged_at is not None]
    return max([state.started_at, *times])


def ago_text(delta: timedelta) -> str:
    """`just now`, `2 min ago`, `3 h ago`, `2 days ago` (a clock behind: `just now`)."""
    secs = delta.total_seconds()
    if secs < 60:
        return "just now"
    if secs < 3600:
        return f"{int(secs // 60)} min ago"
    if secs < 48 * 3600:
        return f"{int(secs // 3600)} h ago"
    return f"{int(secs // 86400)} days ago"


def activity(state: SessionState, now: datetime) -> Activity:
    at = last_active(state)
    when = ago_text(now - at)
    text = f"last set {when}" if any(s.logged_at for s in state.sets) else f"started {when}, no set yet"
    return Activity(at, text, now - at < MAYBE_OPEN)


def resume_title(state: SessionState, now: datetime) -> str:
    """The resume offer's title: the session, when it was last active and, when that is
    recent, that it may be open in another window (Resume stays the first choice)."""
    act = activity(state, now)
    title = f"You have an unfinished session: {state.name}, started {state.started_at:%a %H:%M}, {act.ago}."
    if act.maybe_open:
        title += ("\nIt may be open in another window or tab: resume it here or go on there. "
                  "Discarding deletes its sets in every window.")
    return title


def discard_detail(state: SessionState, now: datetime, *, other_windows: bool = True) -> str:
    """The discard question's detail: the sets lost and, for a recently active session, that
    another window may be logging into it (`other_windows`: asked on the resume offer, not in
    the window the session is live in)."""
    from ..domain.units import plural

    lost = f"{state.name}: {plural(len(state.sets), 'set')} will be deleted for good."
    act = activity(state, now)
    if not other_windows or not act.maybe_open:
        return lost
    return (f"{lost}\n⚠ It was active {act.ago.removeprefix('last set ')}: if it is open in another window or tab, "
            "its sets there are deleted too.")


@dataclass(frozen=True, slots=True)
class Reread:
    """An open session as the disk has it now: `state`, or None with why it is gone."""

    state: SessionState | None
    gone: str = ""  # "discarded" | "finished" (in another window or program) | ""


def reread_session(repo: Repository, session_id: int, *, past: bool = False) -> Reread:
    """The session `session_id` read again: gone (discarded elsewhere), finished elsewhere
    (unless it is a `past` session, finished already), or its state."""
    from ..store.repository import NotFound

    try:
        state = repo.session_state(session_id)
    except NotFound:
        return Reread(None, "discarded")
    if state.ended_at is not None and not past:
        return Reread(None, "finished")
    return Reread(state)


def gone_line(gone: str) -> str:
    """One whole line for a session that another window ended under this one."""
    if gone == "finished":
        return "This session was finished in another window: its sets are saved in History"
    return "This session was discarded in another window: its sets are gone"
