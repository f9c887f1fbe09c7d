"""Snapshots of the first-start wizard at 80x24 (fixed data, fixed clock): the first step and
the week with three days. Update with `--snapshot-update` and look at the SVGs."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from backlegs_tui.ui.app import BacklegsApp

from .session_helpers import press_each, settle, wait_for


async def _shown(pilot) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: type(app.screen).__name__ == "FirstStartWizard", "the wizard")
    for field in app.screen.query(Input):
        field.cursor_blink = False
    await settle(pilot)


def test_wizard_first_step(snap_compare, migrated_db: Path, clock) -> None:
    app = BacklegsApp(db_path=migrated_db, clock=clock, first_start=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_shown)


def test_wizard_week_of_three_days(snap_compare, migrated_db: Path, clock) -> None:
    async def run_before(pilot) -> None:
        await _shown(pilot)
        await press_each(pilot, "ctrl+n", "down", "space", "ctrl+n", "enter", "down", "enter")
        await wait_for(pilot, lambda: "Friday" in str(pilot.app.screen.query_one("#w-wd-2").value) or
                       pilot.app.screen.query_one("#w-wd-2").value == 4, "three days")
        await settle(pilot)

    app = BacklegsApp(db_path=migrated_db, clock=clock, first_start=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
