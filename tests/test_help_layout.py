"""`?` help at 80x24 (issue 8): descriptions wrap in their column instead of being cut at
the edge, every word readable, and the list scrolls to its end."""

from __future__ import annotations

import re
from pathlib import Path

from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.help import HelpScreen, help_lines

from .session_helpers import settle, wait_for
from .ui_text import screen_text

LONG = "Focused field up (weight by the lift's step, reps by 1, RPE by 0.5)"
ROWS = [
    ("Session", "Enter", "Log set"),
    ("Session: the set entry", "↑ / + / =", LONG),
    ("Session: the set entry", "0-9 .", "Type into the focused field (the first key replaces it)"),
    ("Everywhere", "a very long key / another", "Command palette: every action by name"),
]


def words(text: str) -> str:
    return " ".join(text.split())


def test_help_lines_wrap_every_description_within_the_width() -> None:
    for width in (40, 74, 120):
        lines = [line.plain for line in help_lines(ROWS, width)]
        assert all(len(line) <= width for line in lines), (width, lines)
        flat = words("\n".join(lines))
        for where, key, what in ROWS:
            assert where in flat and key in flat and what in flat, (width, what)
    narrow = [line.plain for line in help_lines(ROWS, 40)]
    # the continuation sits under the description column, not at column 0
    at = next(i for i, line in enumerate(narrow) if "Focused field up" in line)
    assert narrow[at + 1].startswith(" " * 10) and narrow[at + 1].strip()


async def test_help_at_80x24_shows_whole_descriptions_and_scrolls(migrated_db: Path, clock) -> None:
    app = BacklegsApp(db_path=migrated_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.repo is not None and app.current_mode == "session", "Session")
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        await settle(pilot)
        seen = screen_text(app)
        for _ in range(12):
            await pilot.press("pagedown")
            await settle(pilot)
            seen += "\n" + screen_text(app)
        inside = "\n".join(  # the list's lines only: no border, title or foot between the pages
            re.sub(r"^[│ ]+|[│ ▁▂▃▄▅▆▇█▉]+$", "", line) for line in seen.splitlines()
            if "│" in line and "Esc closes" not in line and "keymap.toml remaps" not in line
        )
        flat = words(inside)
        assert "Command palette: every action by name" in flat  # the last row, reached by scrolling
        assert LONG in flat  # the set entry's keys, in Session's help
        for _where, _key, what in app.screen.rows:  # type: ignore[attr-defined]
            assert what in flat, what
