"""Fatigue for the app and the CLI: the ONE place Session (start panel), History (Fatigue
tab), the header badge and `backlegs report fatigue` get their verdict from.

Each call reads the history it needs once (`store.fatigue_queries.training_log`, the engine's
horizon before the first day) and runs the domain engine (`domain.fatigue_engine`); a range
evaluates each day incrementally on the same per-lift series. Headless: no Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from ..domain.fatigue_engine import (
    HORIZON_DAYS,
    FatiguePicture,
    FatigueReport,
    assess_range,
    picture_from,
    prepare,
)

if TYPE_CHECKING:
    from ..store.repository import Repository


def _load(repo: Repository, start: date, end: date):
    from ..store.fatigue_queries import training_log

    sessions = training_log(repo, start - timedelta(days=HORIZON_DAYS), end)
    exercises = {e.id: e for e in repo.exercises()}
    return sessions, exercises, repo.settings()


def fatigue_today(repo: Repository, as_of: date | None = None, clock: Callable[[], datetime] = datetime.now) -> FatigueReport:
    """The verdict at the end of `as_of` (default: today by `clock`), from data up to it."""
    day = as_of or clock().date()
    return fatigue_report(repo, day, day)[0]


def fatigue_report(repo: Repository, start: date, end: date) -> list[FatigueReport]:
    """One report per day from `start` to `end` inclusive ([] when `end` is before `start`)."""
    if end < start:
        return []
    sessions, exercises, settings = _load(repo, start, end)
    return assess_range(sessions, exercises, settings, start, end, older=_older(repo, sessions, start))


def _older(repo: Repository, sessions: list, start: date) -> bool:
    """Whether sessions exist before the engine's horizon, asked only when none is within it
    up to `start` (then "no sessions yet" would be untrue)."""
    if any(s.started_at.date() <= start for s in sessions):
        return False
    from ..store.fatigue_queries import has_session_before

    return has_session_before(repo, start - timedelta(days=HORIZON_DAYS))


def fatigue_view(repo: Repository, as_of: date, weeks: int = 12) -> tuple[FatigueReport, FatiguePicture]:
    """History -> Fatigue: the verdict at the end of `as_of` and its picture, from one read of
    the history (the verdict windows what it reads itself, so the picture's longer read gives
    the same verdict as `fatigue_today`)."""
    sessions, exercises, settings = _load(repo, as_of - timedelta(days=7 * weeks), as_of)
    start = as_of - timedelta(days=7 * weeks)
    report = assess_range(sessions, exercises, settings, as_of, as_of, older=_older(repo, sessions, start))[0]
    return report, picture_from(prepare(sessions, exercises), as_of, weeks)


def fatigue_picture_for(repo: Repository, as_of: date, weeks: int = 12) -> FatiguePicture:
    """History -> Fatigue's picture: main lifts against their noise band, weekly load and
    hard sets, readiness, the fitness/fatigue/form view, for `weeks` weeks up to `as_of`."""
    sessions, exercises, _ = _load(repo, as_of - timedelta(days=7 * weeks), as_of)
    return picture_from(prepare(sessions, exercises), as_of, weeks)
