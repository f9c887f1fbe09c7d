"""What the Session start panel shows before a session: the last sessions and today's
fatigue verdict (with the deload offer when it is a warning). Headless."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..domain.history import SessionDetail
from ..domain.model import Settings

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
