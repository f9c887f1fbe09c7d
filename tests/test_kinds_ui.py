"""Pilot flows of logging by load kind: a timed hold, a pull-up with body weight (asked once)
and an assisted pull-up. The rules are unit-tested headless (test_live_session_kinds.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import FormDialog, PickerDialog

from .session_helpers import (
    press_each,
    settle,
    start_sample_session,
    type_keys,
    wait_for,
)

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test starts from the migrated template."""


def open_sets(db_path: Path) -> list[tuple[str, float, int, int | None]]:
    repo = Repository.open(db_path)
    try:
        state = repo.open_session()
        return [(s.exercise_name, s.weight_kg, s.reps, s.duration_s) for s in state.sets]
    finally:
        repo.close()


async def add(pilot, name: str) -> None:
    app = pilot.app
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(app.screen, PickerDialog), "the exercise picker")
    await type_keys(pilot, name)
    await pilot.press("enter")
    screen = app.screen_stack[-1]
    await wait_for(pilot, lambda: screen.live.current_exercise().name == name, f"{name} to come up")


async def test_a_timed_hold_with_the_stopwatch(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_sample_session(pilot)
        await add(pilot, "Plank")
        assert "Hold" in str(screen.entry.render()) and "h: hold timer" in str(screen.query_one("#plates").render())
        await pilot.press("h")
        clock.advance(52)
        await wait_for(pilot, lambda: "Hold 0:52" in str(screen.query_one("#plates").render()), "the stopwatch at 0:52")
        await pilot.press("h")
        assert screen.entry.duration == "52"
        await pilot.press("enter")
        await settle(pilot)
        assert open_sets(db_path)[-1] == ("Plank", 0.0, 1, 52)
        assert "52 s" in str(screen.query_one("#entry-msg").render())


async def test_a_pull_up_asks_body_weight_once_then_an_assisted_one_counts_from_it(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_sample_session(pilot)
        await add(pilot, "Pull-up")
        assert "Body weight ?" in str(screen.query_one("#plates").render())
        await press_each(pilot, "1", "0", "tab", "8", "enter")  # 10 kg added x 8
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "the body-weight question")
        await type_keys(pilot, "80")
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(open_sets(db_path)) == 1, "the pull-up, logged after the body weight")
        assert open_sets(db_path) == [("Pull-up", 10.0, 8, None)]
        assert "BW + 10 kg x 8" in str(screen.query_one("#entry-msg").render())
        assert "Body 80 kg" in str(screen.query_one("#plates").render())
        await pilot.press("enter")  # asked once: the next set goes straight in
        await settle(pilot)
        assert not isinstance(app.screen, FormDialog) and len(open_sets(db_path)) == 2
        await add(pilot, "Assisted pull-up")
        assert "Assist" in str(screen.entry.render())
        await press_each(pilot, "2", "5", "tab", "8")
        assert "moves 55 kg" in str(screen.query_one("#plates").render())
        await pilot.press("enter")
        await settle(pilot)
        assert open_sets(db_path)[-1] == ("Assisted pull-up", 25.0, 8, None)
    repo = Repository.open(db_path)
    try:
        assert repo.body_weights()[-1][1] == 80.0
    finally:
        repo.close()


async def test_last_time_of_a_pull_up_shows_its_e1rm_on_that_days_body_weight(db_path, clock) -> None:
    from datetime import timedelta

    from backlegs_tui.domain.model import SetEntry, SetType

    repo = Repository.open(db_path)
    try:
        pull = repo.exercise_by_name("Pull-up")
        then = clock() - timedelta(days=10)
        sid = repo.create_past_session(then, name="Pull")
        repo.log_past_set(sid, SetEntry(pull.id, SetType.WORKING, 10, 8, logged_at=then + timedelta(minutes=2)))
        repo.log_body_weight(then.date() - timedelta(days=5), 70.0)  # then: 70 + 10 kg moved
        repo.log_body_weight(clock().date(), 90.0)  # today: 90
    finally:
        repo.close()
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sample_session(pilot)
        await add(pilot, "Pull-up")
        await settle(pilot)
        from .ui_text import screen_text

        shown = screen_text(app)
        assert "Last time · Sat 14 Nov" in shown and "BW+10 x 8" in shown
        assert "101.5" in shown and "126" not in shown  # e1RM of 80 kg x 8, not of today's 100 kg x 8
