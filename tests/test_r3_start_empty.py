"""Tester 3, finding 11: an empty session showed `No exercise selected` with the entry still
holding the last lift's set (`Weight 225 lb  Reps 10`). With no exercise the entry is empty."""

from __future__ import annotations

from backlegs_tui.domain.model import SetType
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.widgets.set_entry import SetEntry

from .session_helpers import press_each, session_screen, settle, wait_for, wait_ready


async def test_an_empty_session_starts_with_an_empty_entry(db_path, clock) -> None:
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        screen = session_screen(app)
        entry = screen.query_one("#entry", SetEntry)
        # what the last session's last lift left in it (the entry lives as long as the screen)
        entry.load("225", "10", SetType.WORKING, weight_step=5, bodyweight=False)
        options = screen.query_one("#start-options")
        await wait_for(pilot, lambda: options.option_count > 1, "the start options")
        await press_each(pilot, "end", "enter")  # the last option: an empty session
        await settle(pilot)
        if type(app.screen).__name__ == "FormDialog":
            await pilot.press("escape")  # skip the readiness check-in
        await wait_for(pilot, lambda: screen.live is not None, "the empty session")
        assert not screen.live.state.items
        assert "No exercise selected" in str(screen.query_one("#current").render())
        assert (entry.weight, entry.reps, entry.effort) == ("", "", "")
        # the last-time pane says what to do, not "First time on this exercise." of no exercise
        from .ui_text import screen_text

        await settle(pilot)
        text = screen_text(app)
        assert "First time on this exercise" not in text and "No exercise yet: a adds one." in text
