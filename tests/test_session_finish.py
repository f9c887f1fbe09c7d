"""Finishing a session as the lifter sees it: at 80x24 the summary's keys stay in view
(UX report item 4), and one session shows one duration everywhere (item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import InfoDialog

from .session_helpers import press_each, settle, start_sample_session, type_keys, wait_for
from .ui_text import screen_text


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test's `db_path` starts as a copy of the migrated template (no Alembic per test)."""


async def log_three_lifts(pilot) -> None:
    for name in ("squat", "roman", "row"):
        await press_each(pilot, "g")
        await type_keys(pilot, name)
        await press_each(pilot, "enter", "w")
        await type_keys(pilot, "60")
        await press_each(pilot, "enter")
        await settle(pilot)


async def test_at_80x24_the_summary_shows_how_to_go_on(db_path, clock) -> None:
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_sample_session(pilot)
        await log_three_lifts(pilot)
        clock.advance(45 * 60)
        await press_each(pilot, "f", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, InfoDialog), "the summary")
        text = screen_text(app)
        assert "Session summary" in text and "45 min" in text
        assert "Enter: next (session RPE)" in text and "Esc: back to the session" in text, text
        assert "Records" in str(app.screen.body)  # the rest is a scroll away
