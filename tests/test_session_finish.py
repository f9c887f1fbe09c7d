"""Finishing a session as the lifter sees it: at 80x24 the summary's keys stay in view
(UX report item 4), and one session shows one duration everywhere (item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import InfoDialog

from .session_helpers import (
    log_set,
    log_three_lifts,
    press_each,
    start_sample_session,
    type_keys,
    wait_for,
)
from .ui_text import screen_text, shows


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test's `db_path` starts as a copy of the migrated template (no Alembic per test)."""


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


async def test_one_session_has_one_duration_in_the_summary_toast_last_sessions_and_history(db_path, clock) -> None:
    """1 min 40 s is 2 min everywhere (it was 1 min in the summary and toast, load 7 x 1, and
    2 min in F2 and History), and its session load is RPE x those 2 minutes."""
    app = BacklegsApp(db_path=db_path, clock=clock)
    notes: list[str] = []
    toast = app.notify

    def noted(message: str, *args, **kwargs) -> None:
        notes.append(str(message))
        toast(message, *args, **kwargs)

    app.notify = noted  # the toasts, as the lifter reads them
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sample_session(pilot)
        await log_set(pilot, "60")
        clock.advance(100)
        await press_each(pilot, "f", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, InfoDialog), "the summary")
        assert str(app.screen.body).startswith("2 min ")
        await press_each(pilot, "enter")
        await type_keys(pilot, "7")
        await press_each(pilot, "enter")
        await wait_for(pilot, lambda: screen.live is None, "the session to end")
        await wait_for(pilot, lambda: any("Session saved" in n for n in notes), "the saved toast")
        last = screen.query_one("#start-last")
        await wait_for(pilot, lambda: "sRPE 7" in str(last.render()), "F2's last sessions")
        assert " 2 min " in str(last.render())
        await press_each(pilot, "f3")
        await wait_for(pilot, lambda: shows(app, "sRPE 7"), "History's session")
        text = screen_text(app)
        assert " 0:02 " in text and "0:01" not in text, text
    assert any("1 working set in 2 min, session load 14" in n for n in notes), notes
