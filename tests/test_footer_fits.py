"""Every mode's footer at 80 and 120 columns shows how to reach Settings (ctrl+o), help and the other
modes (issue 8 item 7): the footer lists the screen's own keys first, so a screen that
offers too many pushes them off the right edge."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from backlegs_tui.ui.app import BacklegsApp

from .session_helpers import (
    session_screen,
    settle,
    start_sample_session,
    wait_for,
    wait_ready,
)


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """`db_path` starts as a copy of the migrated template."""


def footer_keys(app: BacklegsApp) -> dict[str, tuple[int, int]]:
    """What the footer shows, by key (as displayed): (first column, past the last column)."""
    footer = app.screen.query_one(Footer)
    return {k.key_display: (k.region.x, k.region.right) for k in footer.query(FooterKey)}


def assert_fits(app: BacklegsApp, where: str, *modes: str) -> None:
    keys = footer_keys(app)
    palette_x = keys["^p"][0]
    for key in ("^o", "?", *modes):
        assert key in keys, (where, key, keys)
        assert keys[key][1] <= palette_x, f"{where}: {key} cut off at {app.size.width} columns ({keys})"


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
async def test_every_modes_footer_shows_settings_help_and_the_other_modes(db_path: Path, clock, size) -> None:
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="plan")
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: app.repo is not None and app.current_mode == "plan", "the plan mode")
        await settle(pilot)
        assert_fits(app, "Plan", "f2", "f3")
        assert "f1" not in footer_keys(app)  # the mode's own key: it is there already
        await pilot.press("e")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CatalogueScreen", "the catalogue")
        await settle(pilot)
        assert_fits(app, "Plan: exercise catalogue", "f2", "f3")
        await pilot.press("escape")
        await pilot.press("f3")
        await wait_for(pilot, lambda: app.current_mode == "history", "History")
        for tab in ("s", "p", "v", "f", "c"):
            await pilot.press(tab)
            await settle(pilot)
            assert_fits(app, f"History ({tab})", "f1", "f2")
        await pilot.press("f2")
        await wait_ready(pilot)
        assert_fits(app, "Session: start", "f1", "f3")
        screen = await start_sample_session(pilot)
        await settle(pilot)
        assert screen is session_screen(app) and screen.live is not None
        assert_fits(app, "Session: live", "f1", "f3")
        assert {"s", "f"} <= set(footer_keys(app))  # skip rest, finish
