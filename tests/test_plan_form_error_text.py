"""Finding 18 (tester2): a form's error line is text, not markup: the progression error
read "linear , or topset [back-off %]" (the "[kg]" taken as a style tag)."""

from __future__ import annotations

from textual.app import App

from backlegs_tui.domain.progression import PROGRESSION_HELP, parse_progression
from backlegs_tui.ui.dialogs import FieldSpec, FormDialog

from .ui_text import shows


async def test_the_progression_error_shows_every_word() -> None:
    app = App()
    async with app.run_test(size=(100, 24)) as pilot:
        form = FormDialog("Edit", [FieldSpec("progression", "Progression", "wave",
                                             parse=lambda t: parse_progression(t).text)])
        app.push_screen(form)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "linear [kg], or topset" in PROGRESSION_HELP
        assert shows(app, f"Progression: {PROGRESSION_HELP}")
