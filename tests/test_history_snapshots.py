"""Snapshots of History mode at 80x24 and 120x36 on the fixed training history and a fixed clock: the
session list with a detail, progress of the squat, weekly volume (History -> Fatigue:
test_fatigue_ui_snapshots.py).
Update with `--snapshot-update` and look at the SVGs before committing them."""

from __future__ import annotations

from pathlib import Path

from backlegs_tui.ui.app import BacklegsApp

import pytest

from .session_helpers import settle, wait_for
from .test_history_screen import ready, seed
from .ui_text import shows

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])


def make_app(db_path: Path, clock) -> BacklegsApp:
    seed(db_path, clock.now)
    return BacklegsApp(db_path=db_path, clock=clock, start_mode="history")


@SIZES
def test_history_sessions_and_detail(snap_compare, migrated_db: Path, clock, size) -> None:
    assert snap_compare(make_app(migrated_db, clock), terminal_size=size, run_before=ready)


@SIZES
def test_history_progress_of_the_squat(snap_compare, migrated_db: Path, clock, size) -> None:
    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("p")
        await wait_for(pilot, lambda: shows(pilot.app, "Exercises (6)"), "progress")
        for _ in range(6):
            if shows(pilot.app, "╭─ Barbell back squat"):
                break
            await pilot.press("]")
            await settle(pilot)
        panel = pilot.app.screen.progress_panel  # its records may be below the chart (80x24)
        await wait_for(
            pilot,
            lambda: panel.lines is not None and panel.progress is not None and panel.progress.name == "Barbell back squat",
            "the squat",
        )
        await settle(pilot)

    assert snap_compare(make_app(migrated_db, clock), terminal_size=size, run_before=run_before)


@SIZES
def test_history_volume_last_week(snap_compare, migrated_db: Path, clock, size) -> None:
    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("v", "left_square_bracket")
        await wait_for(pilot, lambda: shows(pilot.app, "(last week)"), "last week")
        await settle(pilot)

    assert snap_compare(make_app(migrated_db, clock), terminal_size=size, run_before=run_before)
