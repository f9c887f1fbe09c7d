"""Snapshots of History mode at 120x36 on the fixed training history and a fixed clock: the
session list with a detail, progress of the squat, weekly volume (History -> Fatigue:
test_fatigue_ui_snapshots.py).
Update with `--snapshot-update` and look at the SVGs before committing them."""

from __future__ import annotations

from pathlib import Path

from backlegs_tui.ui.app import BacklegsApp

from .session_helpers import settle, wait_for
from .test_history_screen import history, ready, seed

SIZE = (120, 36)


def make_app(db_path: Path, clock) -> BacklegsApp:
    seed(db_path, clock.now)
    return BacklegsApp(db_path=db_path, clock=clock, start_mode="history")


def test_history_sessions_and_detail(snap_compare, db_path: Path, clock) -> None:
    assert snap_compare(make_app(db_path, clock), terminal_size=SIZE, run_before=ready)


def test_history_progress_of_the_squat(snap_compare, db_path: Path, clock) -> None:
    async def run_before(pilot) -> None:
        screen = await ready(pilot)
        await pilot.press("p")
        await wait_for(pilot, lambda: screen.progress is not None, "progress")
        while screen.progress.name != "Barbell back squat":
            await pilot.press("]")
            await settle(pilot)

    assert snap_compare(make_app(db_path, clock), terminal_size=SIZE, run_before=run_before)


def test_history_volume_last_week(snap_compare, db_path: Path, clock) -> None:
    async def run_before(pilot) -> None:
        screen = await ready(pilot)
        await pilot.press("v", "left_square_bracket")
        await wait_for(pilot, lambda: history(pilot.app).week is not None, "last week")
        await settle(pilot)
        assert screen.query_one("#volume-view")

    assert snap_compare(make_app(db_path, clock), terminal_size=SIZE, run_before=run_before)
