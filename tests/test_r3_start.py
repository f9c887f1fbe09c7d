"""Tester 3, finding 11 (start panel): the plan list stops at its ends (Up on the first row
stayed nowhere: it wrapped to 'Empty session'), and a plan done twice today says the later end."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.app import App, ComposeResult
from textual.widgets import OptionList

from backlegs_tui.domain.model import SetEntry, SetType
from backlegs_tui.services.live_session import read_start
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.widgets.no_wrap_list import NoWrapOptionList

from .session_helpers import session_screen, wait_for, wait_ready


class _ListApp(App):
    def compose(self) -> ComposeResult:
        yield NoWrapOptionList("Today: Legs", "Push", "Pull", "Empty session")


async def test_the_cursor_stops_at_both_ends_of_the_list() -> None:
    app = _ListApp()
    async with app.run_test() as pilot:
        options = app.query_one(NoWrapOptionList)
        options.focus()
        options.highlighted = 0
        await pilot.press("up", "up", "up")
        assert options.highlighted == 0  # not "Empty session" (it wrapped to the last row)
        await pilot.press("down")
        assert options.highlighted == 1
        await pilot.press("up", "up", "up")
        assert options.highlighted == 0
        await pilot.press(*["down"] * 6)
        assert options.highlighted == 3
        await pilot.press("up")
        assert options.highlighted == 2


async def test_the_start_panel_list_does_not_wrap(db_path, clock) -> None:
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        options = session_screen(app).query_one("#start-options", OptionList)
        await wait_for(pilot, lambda: options.option_count > 1, "the start options")
        assert isinstance(options, NoWrapOptionList)
        options.highlighted = 0
        await pilot.press("up")
        assert options.highlighted == 0
        assert options.get_option_at_index(options.highlighted).id != "empty"


def _done_session(repo: Repository, start, minutes: int) -> None:
    state = repo.start_session(repo.plans()[0].id, start)
    item = state.items[0]
    repo.log_set(state.id, SetEntry(item.exercise_id, SetType.WORKING, 100, 5, item_id=item.id, logged_at=start))
    repo.finish_session(state.id, start + timedelta(minutes=minutes), 7)


@pytest.mark.usefixtures("migrated_db")
def test_a_plan_done_twice_today_says_the_later_end(repo: Repository, clock) -> None:
    today = clock().replace(hour=0, minute=0)
    _done_session(repo, today.replace(hour=16, minute=0), 25)  # ends 16:25
    _done_session(repo, today.replace(hour=16, minute=26), 2)  # ends 16:28
    name = repo.plans()[0].name
    assert read_start(repo, clock().date()).done_today[name] == today.replace(hour=16, minute=28)


async def test_a_disabled_option_is_stepped_over_and_none_highlighted_starts_at_an_end() -> None:
    app = _ListApp()
    async with app.run_test() as pilot:
        options = app.query_one(NoWrapOptionList)
        options.focus()
        options.disable_option_at_index(1)
        options.highlighted = 0
        await pilot.press("down")
        assert options.highlighted == 2
        options.disable_option_at_index(3)
        await pilot.press("down")
        assert options.highlighted == 2  # only a disabled one below: it stays
        options.highlighted = None
        await pilot.press("up")
        assert options.highlighted == 2  # the last enabled one
