"""History reads finished sessions only (issue 8): an open session's sets are in none of the
Sessions list, the Calendar, Progress (its list, its chart, its records) or Volume until it
is finished; then they are in all of them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from backlegs_tui.domain.model import SetEntry, SetType
from backlegs_tui.store.repository import Repository

from .history_data import build_history

pytestmark = pytest.mark.both_backends

NOW = datetime(2026, 11, 24, 18, 0)


def views(repo: Repository, squat: int) -> dict[str, object]:
    uses = {u.exercise_id: u for u in repo.exercises_with_history()}
    progress = repo.exercise_progress(squat)
    return {
        "sessions": len(repo.sessions()),
        "count": repo.session_count(),
        "days": len(repo.session_days()),
        "used": (uses[squat].set_count, uses[squat].last_at.date()),
        "points": len(progress.points),
        "heaviest": progress.heaviest.weight_kg if progress.heaviest else None,
        "line": len(repo.progress_lines()[squat]),
        "volume": repo.weekly_volume(NOW.date(), 1)[0].get("quads"),
    }


def test_an_open_session_shows_in_no_history_view_until_it_is_finished(repo: Repository) -> None:
    build_history(repo, NOW - timedelta(days=1), weeks=2)
    squat = {e.name: e.id for e in repo.exercises()}["Barbell back squat"]
    before = views(repo, squat)
    assert repo.open_session_start() is None
    state = repo.start_session(None, NOW)
    assert repo.open_session_start() == NOW  # named in the Sessions list's title
    for k in range(3):
        repo.log_set(state.id, SetEntry(squat, SetType.WORKING, 200, 5, 8.0, None, logged_at=NOW + timedelta(minutes=3 * k)))
    assert views(repo, squat) == before  # open: the same in every view
    repo.finish_session(state.id, NOW + timedelta(minutes=30), 8.0)
    assert repo.open_session_start() is None
    after = views(repo, squat)
    assert after["sessions"] == before["sessions"] + 1 and after["count"] == before["count"] + 1  # type: ignore[operator]
    assert after["days"] == before["days"] + 1  # type: ignore[operator]
    assert after["used"] == (before["used"][0] + 3, date(2026, 11, 24))  # type: ignore[index]
    assert after["points"] == before["points"] + 1 and after["line"] == before["line"] + 1  # type: ignore[operator]
    assert after["heaviest"] == 200
    assert after["volume"] == before["volume"] + 3  # type: ignore[operator]


@pytest.mark.sqlite_only
async def test_the_sessions_list_names_the_open_session_at_80_columns(migrated_db, clock) -> None:
    from backlegs_tui.ui.app import BacklegsApp

    from .session_helpers import settle, wait_for
    from .test_history_screen import ready, seed
    from .ui_text import screen_text

    seed(migrated_db, clock.now)
    repo = Repository.open(migrated_db)
    repo.start_session(None, clock.now.replace(hour=7, minute=30))
    repo.close()
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: "in progress" in screen_text(app), "the open session in the title")
        await settle(pilot)
        assert f"Sessions (11) · one in progress since {clock.now:%a} 07:30, in Session (F2)" in screen_text(app)
