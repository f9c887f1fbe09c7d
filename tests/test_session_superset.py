"""Pilot flow (issue 10): a superset pair logged in the Session screen at 80x24, the entry
moving from A1 to A2 with no rest between them, the rest timer after the pair, the lift list
and Today showing the pair's labels."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

from backlegs_tui.domain.catalogue import PlanDraft, PlanItemDraft
from backlegs_tui.domain.model import SetEntry, SetType
from backlegs_tui.services.live_session import start_session
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import PickerDialog

from .session_helpers import press_each, session_screen, settle, wait_for


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test's `db_path` starts as a copy of the migrated template."""


def open_superset_session(db_path: Path, clock) -> None:
    """A plan with a leg curl / cable row pair and a calf raise, done once before; a session
    of it started now."""
    repo = Repository.open(db_path)
    try:
        plan = repo.add_plan(PlanDraft(name="Pair day", items=(
            PlanItemDraft("Leg curl", 2, 2, 10, 12, 8.0, rest_s=60, superset="A"),
            PlanItemDraft("Seated cable row", 2, 2, 10, 12, 8.0, rest_s=90, superset="A"),
            PlanItemDraft("Calf raise", 2, 2, 12, 15, 8.0, rest_s=45),
        )))
        when = clock() - timedelta(days=3)
        old = repo.start_session(plan.id, when)
        for item in old.items:
            for _ in range(2):
                repo.log_set(old.id, SetEntry(item.exercise_id, SetType.WORKING, 40, 10, rpe=8, item_id=item.id,
                                              logged_at=when))
        repo.finish_session(old.id, when + timedelta(hours=1), 8)
        start_session(repo, plan.id, clock())
    finally:
        repo.close()


def text_of(screen, selector: str) -> str:
    """The text a widget shows (a rich table too), as the lifter reads it."""
    widget = screen.query_one(selector)
    content = getattr(widget, "content", None)
    if content is not None and not isinstance(content, (str, Text)) and hasattr(content, "__rich_console__"):
        console = Console(width=max(20, widget.size.width), record=True, file=io.StringIO())
        console.print(content)
        return console.export_text()
    return str(widget.render())


async def test_a_superset_pair_rests_after_the_pair(db_path, clock):
    open_superset_session(db_path, clock)
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerDialog), "the resume offer")
        await press_each(pilot, "enter")  # resume
        await settle(pilot)
        screen = session_screen(app)
        await wait_for(pilot, lambda: screen.live is not None, "the session to resume")
        live = screen.live
        curl, row, calf = live.state.items
        listing = text_of(screen, "#exercise-list")
        assert "A1 Leg curl" in listing and "A2 Seated cable row" in listing and "B Calf raise" in listing

        async def enter(count: int) -> None:
            await pilot.press("enter")
            await wait_for(pilot, lambda: len(live.state.sets) == count, f"set {count} saved")

        for round_ in (1, 2):
            await enter(2 * round_ - 1)  # A1
            assert live.current_item().id == row.id, "the entry moves on to A2"
            assert live.timer is None, "no rest between the lifts of the pair"
            assert "Seated cable row now" in text_of(screen, "#entry-msg")
            assert "A1" in text_of(screen, "#today"), "Today shows the pair, A1's set marked"
            assert "lift 2/3 (A2)" in str(screen.query_one("#session-title").render())
            assert "Rest 1:30 planned" in text_of(screen, "#rest-compact"), "the pair's rest, to come after it"
            assert "rest 1:30 after the round" in text_of(screen, "#current"), "the Target line agrees with it"
            clock.advance(40)
            await enter(2 * round_)  # A2: the round is over
            assert live.timer is not None and live.timer.total_s == 90, "the rest runs after the pair"
            await settle(pilot)
            if round_ == 1:
                assert live.current_item().id == curl.id, "the next round starts at A1"
                clock.advance(90)
        assert live.current_item().id == calf.id, "two rounds done: on to the next lift"
        assert [s.item_id for s in live.state.sets] == [curl.id, row.id, curl.id, row.id]


async def test_the_plan_letters_its_lifts_as_the_session_does(db_path, clock):
    """Plan showed "1A 2A 3" for the pair and the calf raise, the session "A1 A2 B"."""
    from textual.widgets import DataTable

    open_superset_session(db_path, clock)
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="plan")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: any(t.row_count for t in app.screen.query("#plans").results(DataTable)), "the plans")
        screen = app.screen
        plans = screen.query_one("#plans", DataTable)
        row = next(i for i in range(plans.row_count) if "Pair day" in str(plans.get_row_at(i)[0]))
        plans.move_cursor(row=row, animate=False)
        items = screen.query_one("#plan-items", DataTable)
        await wait_for(pilot, lambda: items.row_count == 3, "the pair day's lifts")
        cells = [(str(items.get_row_at(i)[0]), str(items.get_row_at(i)[1])) for i in range(3)]
        assert cells == [("A1", "Leg curl"), ("A2", "Seated cable row"), ("B", "Calf raise")]
