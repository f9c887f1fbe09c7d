"""Helpers for driving the Session screen with Textual's Pilot."""

from __future__ import annotations

from textual.pilot import Pilot

from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.screens.session import SessionScreen


async def settle(pilot: Pilot) -> None:
    """Let workers finish and their messages land, a few rounds deep."""
    app = pilot.app
    for _ in range(6):
        await app.workers.wait_for_complete()
        await pilot.pause()


def session_screen(app: BacklegsApp) -> SessionScreen:
    for screen in app.screen_stack:
        if isinstance(screen, SessionScreen):
            return screen
    raise AssertionError("no session screen")


async def start_sample_session(pilot: Pilot) -> SessionScreen:
    """From the start panel: Enter on the first plan, skip the readiness check-in."""
    await settle(pilot)
    await pilot.press("enter")  # first option: the article sample plan
    await settle(pilot)
    await pilot.press("escape")  # skip readiness
    await settle(pilot)
    screen = session_screen(pilot.app)
    assert screen.state is not None
    return screen


async def type_keys(pilot: Pilot, text: str) -> None:
    await pilot.press(*list(text))
