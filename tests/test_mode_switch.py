"""A switch back to a mode whose data has not changed reads nothing and rebuilds nothing
(issue 8, speed); a write anywhere (another program included) is read on the next switch."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from backlegs_tui.domain.model import SetType
from backlegs_tui.domain.records import SetRecord, WorkoutRecord
from backlegs_tui.store.bulk import insert_workouts
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.footer import ModeFooter

from .session_helpers import settle, wait_for
from .ui_text import shows


def workout(start: datetime, name: str) -> WorkoutRecord:
    return WorkoutRecord(
        started_at=start, ended_at=start + timedelta(minutes=50), name=name, import_key=name,
        sets=[SetRecord("Leg press", SetType.WORKING, 100, 10, 8.0)],
    )


def test_data_version_follows_every_commit(migrated_db: Path) -> None:
    repo = Repository.open(migrated_db)
    other = Repository.open(migrated_db)  # another program on the same file
    try:
        first = repo.data_version()
        assert first is not None and repo.data_version() == first  # reads change nothing
        repo.exercises()
        assert repo.data_version() == first
        repo.log_body_weight(datetime(2026, 11, 1, 8), 80.0)  # a write of its own
        second = repo.data_version()
        assert second != first
        insert_workouts(other, [workout(datetime(2026, 11, 2, 18), "Elsewhere")])
        assert repo.data_version() != second
    finally:
        repo.close()
        other.close()


async def test_coming_back_reads_only_what_changed(migrated_db: Path, clock) -> None:
    repo = Repository.open(migrated_db)
    insert_workouts(repo, [workout(clock.now - timedelta(days=3), "Monday legs")])
    repo.close()
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    asked: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        submit = app.jobs.submit

        def spy(target, what, *args, **kwargs):
            asked.append(what)
            return submit(target, what, *args, **kwargs)

        app.jobs.submit = spy  # type: ignore[method-assign]
        await wait_for(pilot, lambda: shows(app, "Sessions (1)"), "the session list")
        footer = app.screen.query_one(ModeFooter)
        keys = list(footer.children)
        assert keys, "the footer shows keys"

        await pilot.press("f2")
        await settle(pilot)
        asked.clear()
        await pilot.press("f3")
        await settle(pilot)
        assert asked == ["check for changes"], asked  # nothing changed: no read
        assert shows(app, "Sessions (1)")
        assert list(footer.children) == keys  # the same keys: the footer was not rebuilt

        # another program logs a session while History is not shown: the next switch reads it
        await pilot.press("f2")
        await settle(pilot)
        other = Repository.open(migrated_db)
        insert_workouts(other, [workout(clock.now - timedelta(days=1), "Wednesday legs")])
        other.close()
        asked.clear()
        await pilot.press("f3")
        await wait_for(pilot, lambda: shows(app, "Sessions (2)"), "the new session")
        assert "read the sessions" in asked

        # keys that change with the tab rebuild the footer (the Progress tab's lift keys)
        await pilot.press("p")
        await settle(pilot)
        actions = {getattr(k, "action", None) for k in footer.query("FooterKey")}
        assert any(str(a).startswith("step_exercise") for a in actions), actions


async def test_the_other_modes_styles_are_read_after_the_start_screen_not_before_the_first_frame(
    migrated_db: Path, clock
) -> None:
    """Start-up: the first frame parses the app's styles only; Plan's and History's are read
    once the start screen is idle, so that their first show re-parses nothing."""
    base = Path(BacklegsApp.__module__.replace(".", "/")).parent
    assert BacklegsApp.CSS_PATH == "app.tcss"
    app = BacklegsApp(db_path=migrated_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        later = [str((Path(__file__).parent.parent / base / rel).resolve()) for rel in app.LATER_CSS]
        assert all(Path(p).is_file() for p in later)
        await wait_for(pilot, lambda: all(app.stylesheet.has_source(p, "") for p in later), "the other modes' styles")
        assert shows(app, "Start a session")


async def test_a_modes_first_show_restyles_nothing_and_a_theme_change_still_reaches_every_mode(
    migrated_db: Path, clock, monkeypatch
) -> None:
    """Textual marks a new screen stale, so a mode's first show re-parsed every style twice
    (and once more later); a mode screen is now born up to date. A theme changed while a mode
    is away still restyles it when it comes back, and a mode first shown after the change is
    drawn in the new theme."""
    from textual.app import App
    from textual.color import Color

    repo = Repository.open(migrated_db)
    insert_workouts(repo, [workout(clock.now - timedelta(days=3), "Monday legs")])
    repo.close()
    refreshes: list[str] = []
    refresh_css = App.refresh_css

    def counted(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        refreshes.append(self.current_mode)
        return refresh_css(self, *args, **kwargs)

    monkeypatch.setattr(App, "refresh_css", counted)
    app = BacklegsApp(db_path=migrated_db, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: shows(app, "Start a session"), "the start screen")
        await settle(pilot)
        refreshes.clear()
        for key, text in (("f1", "Compounds before"), ("f2", "Start a session"), ("f1", "Compounds before")):
            await pilot.press(key)
            await wait_for(pilot, lambda text=text: shows(app, text), text)
            await settle(pilot)
        assert refreshes == []  # a first show and a return alike

        def background(mode: str) -> Color:
            return app.get_screen_stack(mode)[0].styles.background

        old = background("plan")
        app.theme = "textual-light"  # on Plan; Session is away, History not made yet
        await settle(pilot)
        await pilot.pause()
        want = Color.parse(app.get_css_variables()["background"])
        assert want != old and background("plan") == want
        refreshes.clear()
        await pilot.press("f3")  # first shown after the change: made in the new theme
        await wait_for(pilot, lambda: shows(app, "Sessions (1)"), "History")
        await settle(pilot)
        assert refreshes == [] and background("history") == want
        await pilot.press("f2")  # away during the change: restyled as it comes back
        await wait_for(pilot, lambda: shows(app, "Start a session"), "Session")
        await pilot.pause()
        assert background("session") == want


async def burst(app: BacklegsApp, *keys: str) -> None:
    """Keys as a terminal sends them in one read: all queued before the first is handled."""
    from textual import events

    for key in keys:
        app._driver.send_message(events.Key(key, key if len(key) == 1 else None))


async def test_keys_typed_after_a_mode_key_go_to_the_new_mode(migrated_db: Path, clock) -> None:
    """`F3 f` in one burst on History's first show: the `f` went to the Session screen's list,
    behind the switch, and was lost (History stayed on Sessions)."""
    app = BacklegsApp(db_path=migrated_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.current_mode == "session" and bool(app.screen.query("#start-options")), "session")
        await settle(pilot)
        await burst(app, "f3", "f")
        await wait_for(pilot, lambda: app.current_mode == "history" and getattr(app.screen, "tab", "") == "fatigue-tab",
                       "History's fatigue tab")


async def test_a_mode_key_waits_for_an_open_dialog(migrated_db: Path, clock) -> None:
    """A dialog is answered or closed first: F3 (and ctrl+right) leave it where it is."""
    from backlegs_tui.ui.help import HelpScreen

    app = BacklegsApp(db_path=migrated_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.current_mode == "session" and bool(app.screen.query("#start-options")), "session")
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        await pilot.press("f3", "ctrl+right")
        await settle(pilot)
        assert app.current_mode == "session" and isinstance(app.screen, HelpScreen)
