"""History's correction keys (issue 9): in the footer where there is room (120 columns), in
? help and the command palette at any width, and working at 80 columns too."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import PickerDialog

from .session_helpers import settle, wait_for

CORRECTIONS = {("e", "Edit a set"), ("Del", "Delete a set"), ("E", "Edit details"), ("D", "Delete session"),
               ("n", "Past session")}


def footer_keys(app: BacklegsApp) -> dict[str, tuple[int, int]]:
    footer = app.screen.query_one(Footer)
    return {k.key_display: (k.region.x, k.region.right) for k in footer.query(FooterKey)}


def fits(keys: dict[str, tuple[int, int]]) -> bool:
    return all(keys[k][1] <= keys["^p"][0] for k in keys if k != "^p")


async def test_the_correction_keys_in_the_footer_help_and_palette(migrated_db: Path, clock) -> None:
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: app.repo is not None and app.current_mode == "history", "History")
        await wait_for(pilot, lambda: "e" in footer_keys(app), "the correction keys in the footer")
        keys = footer_keys(app)
        assert {"e", "E", "n", "^o", "?", "f1", "f2"} <= set(keys) and fits(keys), keys
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: "e" not in footer_keys(app), "the footer at 80 columns")
        keys = footer_keys(app)
        assert {"^o", "?", "f1", "f2"} <= set(keys) and fits(keys), keys
        assert {(key, what) for where, key, what in app.help_rows() if where == "History"} >= CORRECTIONS
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {f"History: {what}" for _, what in CORRECTIONS} <= titles
        await pilot.press("n")  # the keys work at any width
        await settle(pilot)
        assert type(app.screen).__name__ == "FormDialog"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PickerDialog)
