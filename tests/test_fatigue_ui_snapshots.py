"""Snapshots of History -> Fatigue at 80x24 and 120x36: a warning with its flags and the
picture over twelve weeks (fixed report and picture, fixed clock), and the header badge.
Update with `--snapshot-update` and look at the SVGs before committing them."""

from __future__ import annotations

from pathlib import Path

import pytest

from backlegs_tui.ui.app import BacklegsApp

from .session_helpers import settle, wait_for
from .test_fatigue_ui import fixed_fatigue, text
from .test_history_screen import ready, seed


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
def test_history_fatigue_warning(snap_compare, db_path: Path, clock, monkeypatch, size) -> None:
    fixed_fatigue(monkeypatch)
    seed(db_path, clock.now)

    async def run_before(pilot) -> None:
        screen = await ready(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: "WARNING" in text(screen, "#fatigue-verdict"), "the verdict")
        await wait_for(pilot, lambda: pilot.app.fatigue.warning, "the badge")
        await settle(pilot)

    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="history")
    assert snap_compare(app, terminal_size=size, run_before=run_before)
