"""History mode driven by keys: the session list and a session's detail, paging through a
long history, progress per exercise, weekly volume week by week (the Fatigue tab: test_fatigue_ui.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import DataTable, Sparkline, Static, TabbedContent

from backlegs_tui.domain.model import SetType
from backlegs_tui.domain.records import SetRecord, WorkoutRecord
from backlegs_tui.store.bulk import insert_workouts
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.screens.history import PAGE, HistoryScreen

from .history_data import build_history
from .session_helpers import settle, wait_for


def seed(db_path: Path, now: datetime, weeks: int = 6) -> list[int]:
    repo = Repository.open(db_path)
    ids = build_history(repo, now, weeks)
    repo.close()
    return ids


def history(app: BacklegsApp) -> HistoryScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, HistoryScreen)
    return screen


def text(screen: HistoryScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def row(muscle: str, sets: str) -> str:
    return f"{muscle:<12}{sets:>5}"


async def ready(pilot) -> HistoryScreen:
    app = pilot.app
    await wait_for(pilot, lambda: app.repo is not None and history(app).session_id is not None, "the sessions")
    await settle(pilot)
    return history(app)


async def test_sessions_newest_first_and_the_detail_follows_the_cursor(db_path: Path, clock) -> None:
    ids = seed(db_path, clock.now)
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="history")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        table = screen.query_one("#session-list", DataTable)
        assert table.row_count == len(ids) == 11
        assert table.get_row_at(0)[:4] == ["Mon 2026-11-23", "Back & Legs - article sample", "0:45", "18"]
        assert table.get_row_at(0)[4:] == ["15,000 kg", "7.5"]
        assert screen.session_id == ids[-1]
        detail = text(screen, "#session-detail")
        assert "Mon 2026-11-23 18:00 · 0:45 · 18 sets · 15,000 kg · sRPE 7.5" in detail
        assert "Readiness: slept 7 h, soreness 2/5, energy 4/5" in detail
        assert "Barbell back squat  best e1RM 138.5 kg" in detail
        assert "W      20 kg x 10" in detail
        assert "112.5 kg x 5 @ 9  belt on" in detail
        await pilot.press("down")
        await wait_for(pilot, lambda: "Thu 2026-11-19" in text(screen, "#session-detail"), "the older session")
        detail = text(screen, "#session-detail")
        assert "F      20 kg x 18 @ 10" in detail  # the failure set on face pulls
        await pilot.press("down")
        await wait_for(pilot, lambda: "Mon 2026-11-16" in text(screen, "#session-detail"), "Monday's session")
        assert "D     140 kg x 12 @ 9" in text(screen, "#session-detail")  # the drop set
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is screen.query_one("#session-detail-box")


async def test_a_long_history_loads_page_by_page(db_path: Path, clock) -> None:
    repo = Repository.open(db_path)
    start = clock.now - timedelta(days=2 * (PAGE + 30))
    workouts = [
        WorkoutRecord(
            started_at=start + timedelta(days=2 * i),
            ended_at=start + timedelta(days=2 * i, minutes=50),
            name=f"Session {i}",
            import_key=f"k{i}",
            sets=[SetRecord("Leg press", SetType.WORKING, 100 + i, 10, 8.0)],
        )
        for i in range(PAGE + 30)
    ]
    insert_workouts(repo, workouts)
    repo.close()
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="history")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        table = screen.query_one("#session-list", DataTable)
        assert table.row_count == PAGE
        assert table.border_title == f"Sessions ({PAGE} of {PAGE + 30})"
        await pilot.press("ctrl+end")
        await wait_for(pilot, lambda: table.row_count == PAGE + 30, "the second page")
        assert table.border_title == f"Sessions ({PAGE + 30})"
        assert table.get_row_at(PAGE + 29)[1] == "Session 0"


async def test_progress_switches_exercise_and_range(db_path: Path, clock) -> None:
    seed(db_path, clock.now)
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="history")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "progress-tab"
        exercises = screen.query_one("#history-exercises", DataTable)
        assert app.focused is exercises
        names = [exercises.get_row_at(i)[0] for i in range(exercises.row_count)]
        squat_row = names.index("Barbell back squat")
        while exercises.cursor_row < squat_row:
            await pilot.press("]")
        await wait_for(pilot, lambda: screen.progress is not None and screen.progress.name == "Barbell back squat", "squat")
        assert len(screen.query_one(Sparkline).data) == 11
        records = text(screen, "#progress-records")
        assert "Heaviest weight       112.5 kg x 5 @ 8" in records
        assert "Best e1RM             138.5 kg from 112.5 kg x 5 @ 8" in records
        assert "Most reps at a weight 112.5 kg x 5 @ 8" in records
        assert "since 2025-11-24: 11 sessions, 123.5 kg → 138.5 kg (+12.5%)" in text(screen, "#progress-title")
        await pilot.press("t")
        await settle(pilot)
        assert "all time: 11 sessions" in text(screen, "#progress-title")
        await pilot.press("[")
        await wait_for(pilot, lambda: screen.progress.name == names[squat_row - 1], "the previous exercise")
        await pilot.press("down")
        await wait_for(pilot, lambda: screen.progress.name == "Barbell back squat", "squat again with down")
        assert "2026-11-23  112.5 kg x 5 @ 8" in text(screen, "#progress-recent")


async def test_volume_steps_through_weeks_and_never_past_this_one(db_path: Path, clock) -> None:
    seed(db_path, clock.now)
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="history")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("v")
        await settle(pilot)
        view = lambda: text(screen, "#volume-view")  # noqa: E731
        assert "week of Mon 2026-11-23 (this week so far)" in view()
        assert row("back", "7.5") in view()
        await pilot.press("]")  # already this week: stays
        await settle(pilot)
        assert "(this week so far)" in view()
        await pilot.press("[")
        await wait_for(pilot, lambda: "week of Mon 2026-11-16 (last week)" in view(), "last week")
        # two sessions: back 15.5 hard sets (MAV), glutes 20 (over MRV 16)
        assert row("back", "15.5") in view() and row("glutes", "20") in view()
        assert "over MRV" in view()
        await pilot.press("[")
        await wait_for(pilot, lambda: "2 weeks ago" in view(), "two weeks ago")
        await pilot.press("]")
        await wait_for(pilot, lambda: "(last week)" in view(), "back to last week")


async def test_an_empty_history_says_what_to_do(db_path: Path, clock) -> None:
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="history")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: app.repo is not None, "the store")
        await settle(pilot)
        screen = history(app)
        assert "No finished sessions yet" in text(screen, "#session-detail")
        await pilot.press("p")
        await settle(pilot)
        assert "No working sets logged" in text(screen, "#progress-title")
        await pilot.press("r")
        await settle(pilot)
        assert screen.query_one("#session-list", DataTable).row_count == 0


async def test_tab_keys_hide_what_the_tab_cannot_do(db_path: Path, clock) -> None:
    seed(db_path, clock.now, weeks=1)
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="history")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        assert screen.check_action("step_week", (1,)) is False
        assert screen.check_action("step_exercise", (1,)) is False
        await pilot.press("v")
        await settle(pilot)
        assert screen.check_action("step_week", (1,)) is True
        assert screen.check_action("toggle_range", ()) is False


async def test_opening_history_reads_only_the_sessions_tab(db_path: Path, clock, monkeypatch) -> None:
    """The other tabs load when first shown, so opening History waits on nothing else."""
    seed(db_path, clock.now, weeks=2)
    calls: list[str] = []
    from backlegs_tui.store.repository import Repository

    for name in ("exercises_with_history", "weekly_volume", "session_details_since"):
        original = getattr(Repository, name)

        def spy(self, *a, _name=name, _original=original, **kw):
            calls.append(_name)
            return _original(self, *a, **kw)

        monkeypatch.setattr(Repository, name, spy)
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="history")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert calls == []
        await pilot.press("v")
        await settle(pilot)
        assert calls == ["weekly_volume"]
