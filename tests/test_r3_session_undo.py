"""UX report 3, finding 7: `u` brings the undone set's values (weight, reps, RPE or RIR, type)
back into the entry, so a lifter fixing a typo does not type them all again. The rule on
`LiveSession` headless; the entry itself once with the Pilot at 80x24."""

from __future__ import annotations

from pathlib import Path

import pytest

from backlegs_tui.domain.catalogue import PlanDraft, PlanItemDraft
from backlegs_tui.domain.model import SetType
from backlegs_tui.services.live_session import EntryInput, LiveSession, start_session
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp

from .session_helpers import (
    press_each,
    settle,
    start_sample_session,
    type_keys,
    wait_for,
)


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test's database starts as a copy of the migrated template."""


@pytest.fixture
def live(repo: Repository, clock) -> LiveSession:
    """The sample plan started now, warm-ups off for the squat."""
    live = LiveSession(start_session(repo, repo.plans()[0].id, clock()), repo.settings(), clock)
    live.commit(repo, live.toggle_warmups())
    return live


def test_undo_gives_back_the_sets_values(repo: Repository, live: LiveSession, clock) -> None:
    assert live.undone_entry() is None
    live.commit(repo, live.enter(EntryInput("100", "5", "8.5")))
    clock.advance(120)
    live.commit(repo, live.enter(EntryInput("102.5", "4", "2", effort_is_rir=True, set_type=SetType.FAILURE)))
    live.commit(repo, live.undo())
    assert live.undone_entry() == EntryInput("102.5", "4", "2", True, SetType.FAILURE, "", "")
    live.commit(repo, live.undo())
    assert live.undone_entry() == EntryInput("100", "5", "8.5", False, SetType.WORKING, "", "")
    live.commit(repo, live.enter(EntryInput("100", "5", "8")))
    assert live.undone_entry() is None, "a set logged since: the entry takes the prefill again"


def test_undo_after_the_move_on_gives_back_the_set_on_its_lift(repo: Repository, clock) -> None:
    """A superset round: the leg curl's set undone from the cable row comes back, values and all."""
    plan = repo.add_plan(PlanDraft(name="Pair", items=(
        PlanItemDraft("Leg curl", 2, 2, 10, 12, 8.0, rest_s=60, superset="A"),
        PlanItemDraft("Seated cable row", 2, 2, 10, 12, 8.0, rest_s=90, superset="A"),
    )))
    live = LiveSession(start_session(repo, plan.id, clock()), repo.settings(), clock)
    curl, row = live.state.items
    live.commit(repo, live.enter(EntryInput("45", "11", "9")))
    assert live.current_item().id == row.id
    live.commit(repo, live.undo())
    assert live.current_item().id == curl.id
    assert live.undone_entry() == EntryInput("45", "11", "9", False, SetType.WORKING, "", "")
    live.commit(repo, live.go_to(row.id))
    assert live.undone_entry() is None, "another lift: its own prefill"


async def test_u_puts_the_set_back_in_the_entry(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_sample_session(pilot)
        await press_each(pilot, "w")  # warm-ups off: the first Enter logs the working set
        await type_keys(pilot, "100")
        await press_each(pilot, "right")
        await type_keys(pilot, "5")
        await press_each(pilot, "right")
        await type_keys(pilot, "8.5")
        await press_each(pilot, "enter")
        await wait_for(pilot, lambda: len(screen.live.state.sets) == 1, "the set saved")
        await settle(pilot)
        await press_each(pilot, "u")
        await wait_for(pilot, lambda: not screen.live.state.sets, "the set undone")
        await settle(pilot)
        v = screen.entry.values()
        assert (v.weight, v.reps, v.effort, v.effort_is_rir, v.set_type) == ("100", "5", "8.5", False, SetType.WORKING)
