"""History mode driven by keys: the session list and a session's detail, paging through a
long history, progress per exercise, weekly volume week by week (the Fatigue tab:
test_fatigue_ui.py). What is checked is what the lifter sees: the screen's text."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import Static, TabbedContent

from backlegs_tui.domain.model import SetType
from backlegs_tui.domain.records import SetRecord, WorkoutRecord
from backlegs_tui.store.bulk import insert_workouts
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.screens.history import PAGE, HistoryScreen

from .history_data import build_history
from .session_helpers import settle, wait_for
from .ui_text import screen_text, shows


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


def _loaded(app: BacklegsApp) -> bool:
    if app.repo is None or app.current_mode != "history" or not app.screen_stack:
        return False
    found = app.screen_stack[0].query("#session-detail")
    return bool(found) and str(found.first().render()) not in ("Opening database…", "")


async def ready(pilot) -> HistoryScreen:
    """The store is open and the Sessions tab shows its first session (or says there is none)."""
    app = pilot.app
    await wait_for(pilot, lambda: _loaded(app), "the sessions")
    await settle(pilot)
    return history(app)


async def test_sessions_newest_first_and_the_detail_follows_the_cursor(migrated_db: Path, clock) -> None:
    ids = seed(migrated_db, clock.now)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await ready(pilot)
        shown = screen_text(app)
        assert len(ids) == 11 and "Sessions (11)" in shown
        assert "Mon 2026-11-23  Back & Legs - article sample  0:45  18    13,372 kg   7.5" in shown
        for line in (
            "Mon 2026-11-23 18:00 · 0:45 · 18 sets · 13,372 kg · sRPE 7.5",
            "Readiness: slept 7 h, soreness 2/5, energy 4/5",
            "Barbell back squat  best e1RM 138.5 kg",
            "W 20 kg x 10",  # each set as the Session screen writes it
            "112.5 kg x 5 @9  belt on",
            "BW + 16.25 kg x 8 @8",  # the pull-up: body weight + the added load
        ):
            assert line in shown, line
        assert "Pull-up  best e1RM" not in shown  # the body weight is unknown: no e1RM, no volume (13,372)
        await pilot.press("down")
        await wait_for(pilot, lambda: shows(app, "Thu 2026-11-19 18:00"), "the older session")
        await pilot.press("down")
        await wait_for(pilot, lambda: shows(app, "Mon 2026-11-16 18:00"), "Monday's session")
        assert shows(app, "D 140 kg x 12 @9")  # the drop set
        await pilot.press("up")
        await wait_for(pilot, lambda: shows(app, "Thu 2026-11-19 18:00"), "Thursday again")
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is screen.query_one("#session-detail-box")
        await pilot.press("end")  # to the bottom of the detail: the failure set on face pulls
        assert "F 20 kg x 18 @10" in text(screen, "#session-detail")


async def test_a_long_history_loads_page_by_page(migrated_db: Path, clock) -> None:
    repo = Repository.open(migrated_db)
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
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert shows(app, f"Sessions ({PAGE} of {PAGE + 30})")
        await pilot.press("ctrl+end")
        await wait_for(pilot, lambda: shows(app, f"Sessions ({PAGE + 30})"), "the second page")
        await pilot.press("ctrl+end")  # the new bottom
        await wait_for(pilot, lambda: shows(app, "Session 0 "), "the oldest session at the bottom")


async def test_progress_switches_exercise_and_range(migrated_db: Path, clock) -> None:
    seed(migrated_db, clock.now)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("p")
        await wait_for(pilot, lambda: shows(app, "Exercises (6)"), "the exercises")
        assert app.focused is screen.query_one("#history-exercises")
        for _ in range(6):
            if shows(app, "╭─ Barbell back squat"):
                break
            await pilot.press("]")
            await settle(pilot)
        await wait_for(pilot, lambda: shows(app, "Heaviest weight       112.5 kg x 5 @8"), "squat")
        shown = screen_text(app)
        for line in (
            "Best e1RM             138.5 kg from 112.5 kg x 5 @8",
            "Most reps at a weight 112.5 kg x 5 @8",
            "since 2026-10-19: 11 sessions, 123.5 kg → 138.5 kg",  # the first session, not the range
            "2026-11-23  112.5 kg x 5 @8",
        ):
            assert line in shown, line
        await pilot.press("t")
        await wait_for(pilot, lambda: shows(app, "all time: 11 sessions"), "all time")
        await pilot.press("[")
        await wait_for(pilot, lambda: not shows(app, "╭─ Barbell back squat"), "the previous exercise")
        await pilot.press("down")
        await wait_for(pilot, lambda: shows(app, "╭─ Barbell back squat"), "squat again with down")


async def test_volume_steps_through_weeks_and_never_past_this_one(migrated_db: Path, clock) -> None:
    seed(migrated_db, clock.now)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("v")
        await wait_for(pilot, lambda: shows(app, "week of Mon 2026-11-23 (this week so far)"), "this week")
        assert shows(app, row("back", "7.5"))
        await pilot.press("]")  # already this week: stays
        await settle(pilot)
        assert shows(app, "(this week so far)")
        await pilot.press("[")
        await wait_for(pilot, lambda: shows(app, "week of Mon 2026-11-16 (last week)"), "last week")
        # two sessions: back 15.5 hard sets (MAV), glutes 10 (MAV: half a set in each squat,
        # RDL and leg press set)
        assert shows(app, row("back", "15.5"), row("glutes", "10"))
        await pilot.press("[")
        await wait_for(pilot, lambda: shows(app, "2 weeks ago"), "two weeks ago")
        await pilot.press("]")
        await wait_for(pilot, lambda: shows(app, "(last week)"), "back to last week")


async def test_an_empty_history_says_what_to_do(migrated_db: Path, clock) -> None:
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert shows(app, "No finished sessions yet", "Sessions (0)")
        await pilot.press("p")
        await wait_for(pilot, lambda: shows(app, "No working sets logged"), "the empty progress")
        await pilot.press("r")
        await settle(pilot)
        assert shows(app, "Exercises (0)")


async def test_tab_keys_show_only_on_their_tab(migrated_db: Path, clock) -> None:
    seed(migrated_db, clock.now, weeks=1)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(160, 36)) as pilot:
        await ready(pilot)
        footer = lambda: screen_text(app).splitlines()[-1]  # noqa: E731
        # a tab's [ ] show as one group in the footer: "[] lift" on Progress, "[] week" on Volume
        assert "[] week" not in footer() and "[] lift" not in footer() and "tabs" in footer()
        await pilot.press("v")
        await settle(pilot)
        assert "[] week" in footer() and "[] lift" not in footer()
        await pilot.press("p")
        await settle(pilot)
        assert "[] lift" in footer() and "[] week" not in footer()


async def test_opening_history_reads_only_the_sessions_tab(migrated_db: Path, clock, monkeypatch) -> None:
    """The other tabs load when first shown, so opening History waits on nothing else."""
    seed(migrated_db, clock.now, weeks=2)
    calls: list[str] = []

    for name in ("exercises_with_history", "weekly_volume", "session_details_since"):
        original = getattr(Repository, name)

        def spy(self, *a, _name=name, _original=original, **kw):
            calls.append(_name)
            return _original(self, *a, **kw)

        monkeypatch.setattr(Repository, name, spy)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        assert calls == []
        await pilot.press("v")
        await settle(pilot)
        assert calls == ["weekly_volume"]


async def test_at_80x24_the_selected_session_shows_under_the_list(migrated_db: Path, clock) -> None:
    seed(migrated_db, clock.now)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        shown = screen_text(app)
        assert "Mon 2026-11-23  Back & Legs - article sample" in shown  # the whole row
        assert "Mon 2026-11-23 18:00 · 0:45 · 18 sets · 13,372 kg · sRPE 7.5" in shown
        assert "Barbell back squat  best e1RM 138.5 kg" in shown
        await pilot.press("down")
        await wait_for(pilot, lambda: shows(app, "Thu 2026-11-19 18:00"), "the older session")



async def test_a_tab_key_keeps_its_tab_when_the_old_tab_hides_first(migrated_db: Path, clock) -> None:
    """`f` from the session list: when the Sessions tab's hide reached the list before the
    new tab took the focus, Textual handed the focus to the list's sibling (the detail), and
    that tab took the screen back (CI saw Sessions again after `f`, one run in many; a job
    finishing at the wrong moment decides the order). Here the hide comes first, every time."""
    from textual import events

    seed(migrated_db, clock.now, weeks=2)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        session_list = screen.query_one("#session-list")
        assert screen.focused is session_list
        shown: list[str] = []
        screen.watch(screen.query_one(TabbedContent), "active", lambda tab: shown.append(tab), init=False)
        screen.action_show_tab("fatigue-tab")  # what `f` runs
        session_list.post_message(events.Hide())  # the old tab's hide, ahead of the new focus
        await wait_for(pilot, lambda: screen.focused in screen.query("#fatigue-box"), "the fatigue tab's focus")
        await settle(pilot)
        assert shown == ["fatigue-tab"]  # never back to Sessions
        assert screen.tab == "fatigue-tab"
        assert screen.focused is screen.query_one("#fatigue-box")


async def test_the_badge_shows_the_fatigue_tab_of_a_history_shown_again(migrated_db: Path, clock) -> None:
    """The badge's click: History comes back and shows Fatigue at once. The tab strip holds
    the focus meanwhile: with none, the screen shown again focused its first widget, the
    session list, whose tab took the screen back."""
    from textual import events

    seed(migrated_db, clock.now, weeks=2)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        session_list = screen.query_one("#session-list")
        await pilot.press("f1")
        await wait_for(pilot, lambda: app.current_mode == "plan", "plan mode")
        shown: list[str] = []
        screen.watch(screen.query_one(TabbedContent), "active", lambda tab: shown.append(tab), init=False)
        app.switch_mode("history")  # what a click on the badge runs
        screen.action_show_tab("fatigue-tab")
        session_list.post_message(events.Hide())
        await wait_for(pilot, lambda: screen.focused in screen.query("#fatigue-box"), "the fatigue tab's focus")
        await settle(pilot)
        assert shown == ["fatigue-tab"]
