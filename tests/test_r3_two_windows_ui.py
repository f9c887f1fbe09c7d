"""One session in two windows (tester3 #3), as the lifter sees it: the resume offer says
when the session was last active and that it may be open elsewhere; a window whose session
was discarded in another one says so whole and goes back to the start panel; a set logged in
the other window shows after this window's next write."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from backlegs_tui.domain.model import SetEntry, SetType
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import ConfirmDialog, PickerDialog

from .session_helpers import press_each, settle, start_working, wait_for
from .ui_text import notes_of, screen_text, shows


def words(app: BacklegsApp) -> str:
    """The screen's words in order, borders out (a wrapped line reads as one)."""
    return " ".join(re.sub(r"[│╭╮╰╯─▎▔▁]", " ", screen_text(app)).split())


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test's `db_path` starts as a copy of the migrated template."""


def open_session_with_a_set(db_path: Path, clock, minutes_ago: float) -> int:
    """Another window's session: started 10 min before its one set, logged `minutes_ago`."""
    repo = Repository.open(db_path)
    try:
        state = repo.start_session(repo.plans()[0].id, clock() - timedelta(minutes=minutes_ago + 10))
        item = state.items[0]
        repo.log_set(state.id, SetEntry(item.exercise_id, SetType.WORKING, 100, 5, item_id=item.id,
                                        logged_at=clock() - timedelta(minutes=minutes_ago)))
        return state.id
    finally:
        repo.close()


async def test_the_resume_offer_says_the_session_may_be_open_in_another_window(db_path, clock):
    sid = open_session_with_a_set(db_path, clock, minutes_ago=2)
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerDialog), "the resume offer")
        await settle(pilot)
        text = words(app)
        assert "last set 2 min ago" in text
        assert "It may be open in another window or tab" in text
        assert "Discarding deletes its sets in every window" in text
        assert app.screen.choices[0][1] == "resume"  # Enter (and Esc) resume
        await press_each(pilot, "down", "down", "enter")  # Discard it and its sets
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the discard question")
        assert "if it is open in another window or tab, its sets there are deleted too" in words(app)
        await press_each(pilot, "n")
        await settle(pilot)
    repo = Repository.open(db_path)
    try:
        assert repo.open_session().id == sid  # nothing discarded
    finally:
        repo.close()


async def test_a_session_left_open_an_hour_ago_is_offered_without_the_warning(db_path, clock):
    open_session_with_a_set(db_path, clock, minutes_ago=65)
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerDialog), "the resume offer")
        await settle(pilot)
        text = words(app)
        assert "last set 1 h ago" in text and "another window" not in text


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_a_session_discarded_in_another_window_is_said_whole_and_the_start_panel_shows(db_path, clock, size):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=size) as pilot:
        screen = await start_working(pilot)
        notes = notes_of(app)
        await press_each(pilot, "enter")
        await wait_for(pilot, lambda: len(screen.live.state.sets) == 1, "the first set")
        other = Repository.open(db_path)
        try:
            other.discard_session(screen.live.id)
        finally:
            other.close()
        await press_each(pilot, "enter")  # the next set: the session is gone
        await wait_for(pilot, lambda: screen.live is None and screen.start_panel.display, "the start panel")
        line = "This session was discarded in another window: its sets are gone"
        assert line in notes
        assert line in str(screen.start_panel.query_one("#start-title").render())
        text = screen_text(app)
        assert shows(app, "sets are gone") and "Could not" not in text and "no session with id" not in text


async def test_a_set_logged_in_another_window_shows_after_this_windows_next_set(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_working(pilot)
        await press_each(pilot, "enter")
        await wait_for(pilot, lambda: len(screen.live.state.sets) == 1, "the first set")
        other = Repository.open(db_path)
        try:
            item = screen.live.current_item()
            other.log_set(screen.live.id, SetEntry(item.exercise_id, SetType.WORKING, 90, 5, item_id=item.id,
                                                   logged_at=clock()))
        finally:
            other.close()
        await press_each(pilot, "enter")
        await wait_for(pilot, lambda: len(screen.live.state.sets) == 3, "all three sets")
        repo = Repository.open(db_path)
        try:
            on_disk = [s.id for s in repo.session_state(screen.live.id).sets]
        finally:
            repo.close()
        assert [s.id for s in screen.live.state.sets] == on_disk


async def test_a_window_left_alone_sees_the_other_windows_set_by_the_data_version(db_path, clock):
    """The 5 s check reads the session again when the data version moved, and only then
    (review 3: the first check always read again, so the test passed with the check broken)."""
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_working(pilot)
        await press_each(pilot, "enter")
        await wait_for(pilot, lambda: len(screen.live.state.sets) == 1, "the first set")

        async def five_seconds() -> None:
            """The tick that ends 5 s of them (the clock's interval): no key pressed."""
            from backlegs_tui.ui.screens.session.screen import WATCH_TICKS

            screen._watch_ticks = WATCH_TICKS - 1
            screen.tick()
            await settle(pilot)

        await five_seconds()  # the first check learns the version
        reads: list[bool] = []
        real = screen._read_again
        screen._read_again = lambda **kw: (reads.append(True), real(**kw))[1]  # type: ignore[method-assign]
        await five_seconds()
        await five_seconds()
        assert reads == [], "nothing changed: nothing read again"
        other = Repository.open(db_path)
        try:
            item = screen.live.current_item()
            other.log_set(screen.live.id, SetEntry(item.exercise_id, SetType.WORKING, 90, 5, item_id=item.id,
                                                   logged_at=clock()))
        finally:
            other.close()
        await five_seconds()
        await wait_for(pilot, lambda: len(screen.live.state.sets) == 2, "the other window's set")
        assert reads == [True]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_a_failed_write_line_is_never_cut(db_path, clock, monkeypatch, size):
    from sqlalchemy.exc import OperationalError

    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=size) as pilot:
        screen = await start_working(pilot)
        notes = notes_of(app)

        def locked(*a, **kw):
            raise OperationalError("INSERT INTO set_entries [SQL: x]", {}, Exception("database is locked"))

        monkeypatch.setattr(Repository, "log_set", locked)
        await press_each(pilot, "enter")
        said = lambda: str(screen.panel.query_one("#entry-msg").render())
        await wait_for(pilot, lambda: said().startswith("✗ Could not save the set"), "the failure line")
        assert said().endswith("Enter retries.") and shows(app, "retries.")  # its end is drawn
        reason = "the database is locked by another program"
        assert reason in said() or any(reason in n for n in notes)
