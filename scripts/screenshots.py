"""Regenerate screenshots/*.svg from the real app on demo data.

The demo database is built for a fixed day, the app's clock is frozen on that day, the
terminal is 120x36, and Rich's random ids in the SVGs are replaced by a fixed one, so
screens that did not change produce identical files.

    .venv/bin/python scripts/screenshots.py [--only NAME ...]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual.pilot import Pilot
from textual.widgets import Input

from backlegs_tui.store.demo import make_demo_db
from backlegs_tui.ui.app import BacklegsApp

SIZE = (120, 36)
DAY = date(2026, 11, 23)  # a Monday: plan A is scheduled
OUT = ROOT / "screenshots"


class FrozenClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


async def until(pilot: Pilot, predicate: Callable[[], bool], timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError("screen never reached the state to capture")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.02)
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def session(app: BacklegsApp):
    from backlegs_tui.ui.screens.session import SessionScreen

    for stack in app._screen_stacks.values():
        for s in stack:
            if isinstance(s, SessionScreen):
                return s
    raise LookupError("no session screen")


async def start_ready(pilot: Pilot, clock: FrozenClock) -> None:
    app = pilot.app
    await until(pilot, lambda: app.repo is not None and any("sRPE" in str(w.render()) for w in session(app).query("#start-last")))


async def in_session(pilot: Pilot, clock: FrozenClock) -> None:
    app = pilot.app
    await start_ready(pilot, clock)
    await pilot.press("enter")
    await until(pilot, lambda: type(app.screen).__name__ == "FormDialog")
    for key in "7.5":
        await pilot.press(key)
    await pilot.press("enter", "2", "enter", "4", "enter")
    await until(pilot, lambda: session(app).live is not None and app.screen is session(app))


async def warmups(pilot: Pilot, clock: FrozenClock) -> None:
    await in_session(pilot, clock)
    for _ in range(2):
        clock.advance(75)
        await pilot.press("enter")
        await until(pilot, lambda: True)


async def resting(pilot: Pilot, clock: FrozenClock) -> None:
    await in_session(pilot, clock)
    screen = session(pilot.app)
    for _ in range(4):  # the warm-ups
        clock.advance(80)
        await pilot.press("enter")
        await until(pilot, lambda: True)
    clock.advance(120)
    await pilot.press("right", "right", "8", "enter")
    await until(pilot, lambda: True)
    clock.advance(185)
    await pilot.press("right", "right", "9", ".", "5", "enter")
    await until(pilot, lambda: True)
    clock.advance(71)
    screen.tick()
    await until(pilot, lambda: True)


async def help_screen(pilot: Pilot, clock: FrozenClock) -> None:
    await in_session(pilot, clock)
    await pilot.press("question_mark")
    await until(pilot, lambda: type(pilot.app.screen).__name__ == "HelpScreen")


async def palette(pilot: Pilot, clock: FrozenClock) -> None:
    await in_session(pilot, clock)
    await pilot.press("ctrl+p")
    await until(pilot, lambda: type(pilot.app.screen).__name__ == "CommandPalette")
    for key in "swap":
        await pilot.press(key)
    await until(pilot, lambda: True)


async def mode_loaded(pilot: Pilot, clock: FrozenClock) -> None:
    from textual.widgets import DataTable

    app = pilot.app
    await until(pilot, lambda: app.repo is not None and any(t.row_count for t in app.screen.query(DataTable)))


def history_key(*keys: str) -> Callable[[Pilot, FrozenClock], Awaitable[None]]:
    async def steps(pilot: Pilot, clock: FrozenClock) -> None:
        await mode_loaded(pilot, clock)
        for key in keys:
            await pilot.press(key)
            await until(pilot, lambda: True)

    return steps


def progress_of(name: str) -> Callable[[Pilot, FrozenClock], Awaitable[None]]:
    """History -> Progress with `name` under the cursor, its chart and records drawn."""

    async def steps(pilot: Pilot, clock: FrozenClock) -> None:
        await mode_loaded(pilot, clock)
        await pilot.press("p")
        panel = pilot.app.screen.progress_panel
        await until(pilot, lambda: panel.lines is not None and panel.progress is not None)
        for _ in range(len(panel.names)):
            if panel.names.get(panel.exercise_id) == name:
                break
            await pilot.press("right_square_bracket")
            await until(pilot, lambda: True)
        await until(pilot, lambda: panel.progress is not None and panel.progress.name == name)

    return steps


@dataclass(frozen=True)
class Scene:
    name: str
    mode: str
    steps: Callable[[Pilot, FrozenClock], Awaitable[None]]
    at: datetime = datetime.combine(DAY, datetime.min.time()).replace(hour=18, minute=5)


SCENES = [
    Scene("session-start", "session", start_ready),
    Scene("session-warmups", "session", warmups),
    Scene("session-rest", "session", resting),
    Scene("plan", "plan", mode_loaded),
    Scene("history", "history", mode_loaded),
    Scene("history-progress", "history", progress_of("Barbell back squat")),
    Scene("history-calendar", "history", history_key("c")),
    Scene("history-volume", "history", history_key("v")),
    Scene("history-fatigue", "history", history_key("f")),
    Scene("help", "session", help_screen),
    Scene("palette", "session", palette),
]


def normalise(svg: str) -> str:
    """Rich names its CSS classes and clip paths after a random id: make it fixed."""
    ids = sorted(set(re.findall(r"terminal-(\d+)", svg)))
    for i, found in enumerate(ids):
        svg = svg.replace(f"terminal-{found}", f"terminal-backlegs{i or ''}")
    return svg


async def capture(scene: Scene, db_template: Path, work: Path) -> str:
    import shutil

    db = work / f"{scene.name}.db"
    shutil.copy(db_template, db)
    clock = FrozenClock(scene.at)
    app = BacklegsApp(db_path=db, clock=clock, start_mode=scene.mode)
    async with app.run_test(size=SIZE) as pilot:
        await scene.steps(pilot, clock)
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()
        return normalise(app.export_screenshot(title=f"backlegs: {scene.name}"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="scene names to capture")
    args = parser.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        template = make_demo_db(work / "demo.db", weeks=16, seed=7, end=DAY)
        for scene in SCENES:
            if args.only and scene.name not in args.only:
                continue
            svg = asyncio.run(capture(scene, template, work))
            target = OUT / f"{scene.name}.svg"
            changed = not target.exists() or target.read_text() != svg
            target.write_text(svg)
            print(f"{'wrote' if changed else 'same '} {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
