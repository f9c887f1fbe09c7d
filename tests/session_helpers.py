"""Helpers for driving the Session screen with Textual's Pilot."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.pilot import Pilot

from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.screens.session import SessionScreen

from .patience import PATIENCE


async def settle(pilot: Pilot) -> None:
    """Let workers finish and their messages land, a few rounds deep."""
    app = pilot.app
    jobs = getattr(app, "jobs", None)
    for _ in range(3):
        if jobs is not None:
            await jobs.drain(PATIENCE)
        await app.workers.wait_for_complete()
        await pilot.pause()


def session_screen(app: BacklegsApp) -> SessionScreen:
    for screen in app.screen_stack:
        if isinstance(screen, SessionScreen):
            return screen
    raise AssertionError("no session screen")


async def wait_for(pilot: Pilot, predicate: Callable[[], bool], what: str, timeout: float = PATIENCE) -> None:
    """Pause until `predicate()` holds; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.03)  # each look walks the screen's widgets: 10 ms cost a fifth of the CPU
    await settle(pilot)


async def wait_ready(pilot: Pilot) -> None:
    """Wait until the store is open and the session screen has loaded its data."""
    app = pilot.app
    await wait_for(pilot, lambda: app.repo is not None and session_screen(app)._loaded_once, "the store")
    await settle(pilot)


async def start_sample_session(pilot: Pilot) -> SessionScreen:
    """From the start panel: Enter on the first plan, skip the readiness check-in."""
    app = pilot.app
    await wait_ready(pilot)
    options = session_screen(app).query_one("#start-options")
    await wait_for(pilot, lambda: options.option_count > 0, "the start options")
    await pilot.press("enter")  # first option: the article sample plan
    await wait_for(pilot, lambda: type(app.screen).__name__ == "FormDialog", "the readiness check-in")
    await pilot.press("escape")  # skip readiness
    screen = session_screen(app)
    await wait_for(pilot, lambda: screen.live is not None, "the session to start")
    return screen


async def type_keys(pilot: Pilot, text: str) -> None:
    await pilot.press(*list(text))


async def press_each(pilot: Pilot, *keys: str) -> None:
    """Press keys one at a time, letting focus moves land between them (as a person types)."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def log_set(pilot: Pilot, weight: str) -> None:
    """Type a working weight from the entry's start (`w`) and log the set with Enter."""
    await press_each(pilot, "w")
    await type_keys(pilot, weight)
    await press_each(pilot, "enter")
    await settle(pilot)


async def log_three_lifts(pilot: Pilot) -> None:
    """Go to the squat, the RDL and the row in turn (`g` and a name) and log 60 kg on each."""
    for name in ("squat", "roman", "row"):
        await press_each(pilot, "g")
        await type_keys(pilot, name)
        await press_each(pilot, "enter")
        await log_set(pilot, "60")


async def start_working(pilot: Pilot, weight: str = "100") -> SessionScreen:
    """Start the sample plan, turn warm-ups off and type the first working weight."""
    screen = await start_sample_session(pilot)
    await pilot.press("w")
    await type_keys(pilot, weight)
    return screen
