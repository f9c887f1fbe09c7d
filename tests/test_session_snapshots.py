"""Snapshots of Session mode at 80x24 and 120x36 on fixed data and a fixed clock: the start
panel with its fatigue check, mid-session during warm-ups, and during a rest. Update with
`--snapshot-update` and look at the SVGs before committing them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from backlegs_tui.domain.model import SetEntry, SetType
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp

from .session_helpers import session_screen, settle, start_sample_session, type_keys, wait_for, wait_ready

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])


def with_history(db_path: Path, clock) -> BacklegsApp:
    """Two earlier sessions of the sample plan, the second one weaker (so things fire)."""
    repo = Repository.open(db_path)
    plan = repo.plans()[0]
    for days, reps, rpe in ((7, (8, 8, 8, 8), 8.0), (3, (8, 7, 6, 5), 9.0)):
        when = clock() - timedelta(days=days)
        state = repo.start_session(plan.id, when)
        for item in state.items[:3]:
            for i, r in enumerate(reps):
                repo.log_set(state.id, SetEntry(item.exercise_id, SetType.WORKING, 100 if i < 9 else 0, r, rpe=rpe,
                                                item_id=item.id, logged_at=when + timedelta(minutes=3 * i)))
        repo.finish_session(state.id, when + timedelta(minutes=70), rpe)
    repo.close()
    return BacklegsApp(db_path=db_path, clock=clock)


@SIZES
def test_session_start_panel(snap_compare, db_path: Path, clock, size) -> None:
    async def run_before(pilot) -> None:
        await wait_ready(pilot)
        screen = session_screen(pilot.app)
        await wait_for(pilot, lambda: "Sat 21 Nov" in str(screen.query_one("#start-last").render()), "overview")

    assert snap_compare(with_history(db_path, clock), terminal_size=size, run_before=run_before)


@SIZES
def test_session_mid_warmups(snap_compare, db_path: Path, clock, size) -> None:
    async def run_before(pilot) -> None:
        await start_sample_session(pilot)
        await pilot.press("enter")  # empty bar
        await settle(pilot)
        clock.advance(90)
        await pilot.press("enter")  # second warm-up
        await settle(pilot)

    assert snap_compare(with_history(db_path, clock), terminal_size=size, run_before=run_before)


@SIZES
def test_session_during_rest(snap_compare, db_path: Path, clock, size) -> None:
    async def run_before(pilot) -> None:
        screen = await start_sample_session(pilot)
        await pilot.press("w")
        await type_keys(pilot, "105")
        await pilot.press("right", "right", "8", "enter")
        await settle(pilot)
        clock.advance(150)
        await pilot.press("right", "right", "9", ".", "5", "enter")
        await settle(pilot)
        clock.advance(64)
        screen.tick()
        await settle(pilot)

    assert snap_compare(with_history(db_path, clock), terminal_size=size, run_before=run_before)
