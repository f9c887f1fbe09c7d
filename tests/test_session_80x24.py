"""Session at 80x24 on the demo history, as a newcomer met it (issue 8, item 6): the fatigue
check's flags readable in full (the panel scrolls and says so), the plan's range of sets in
the target, and last time's working sets beside today's once the warm-ups are done."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console

from backlegs_tui.domain.model import SetEntry, SetType, Unit
from backlegs_tui.store.demo import make_demo_db
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.widgets.session_views import SetTable

from .session_helpers import session_screen, settle, start_sample_session, wait_for, wait_ready
from .ui_text import screen_text


def _table_text(sets: list[SetEntry], **kw) -> str:
    table = SetTable()
    table.show(sets, Unit.KG, **kw)
    console = Console(width=40, record=True, file=io.StringIO())
    console.print(table.content)
    return console.export_text()


def test_last_times_warm_ups_fold_into_one_line_under_its_working_sets() -> None:
    sets = [SetEntry(1, SetType.WARMUP, w, r) for w, r in ((20, 10), (45, 5), (70, 3), (92.5, 2))]
    sets += [SetEntry(1, SetType.WORKING, 115, r, rpe=8) for r in (5, 5, 4)]
    text = _table_text(sets, fold_warmups=True)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert [line.split()[0] for line in lines] == ["#", "1", "2", "3", "+4"]
    assert lines[-1] == "+4 warm-ups" and "92.5" not in text
    assert "W  92.5 x 2" in _table_text(sets)  # unfolded: every warm-up


def test_a_folded_warm_ups_note_still_shows_on_the_warm_ups_line() -> None:
    sets = [SetEntry(1, SetType.WARMUP, 60, 5, notes="knee tight"), SetEntry(1, SetType.WARMUP, 90, 2)]
    working = [SetEntry(1, SetType.WORKING, 115, 5, rpe=8)]
    assert "+2 warm-ups  ↳ knee tight" in _table_text(sets + working, fold_warmups=True)
    assert "↳" not in _table_text([sets[1], *working], fold_warmups=True)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z-]{3,}", text))


async def test_at_80x24_the_fatigue_flags_the_target_and_both_set_tables_are_readable(tmp_path: Path, clock) -> None:
    db = make_demo_db(tmp_path / "demo.db", weeks=16, end=clock().date())
    app = BacklegsApp(db_path=db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        screen = session_screen(app)
        fatigue = screen.query_one("#start-fatigue")
        await wait_for(pilot, lambda: "Warning" in str(fatigue.render()), "the fatigue check")
        flags = str(fatigue.render())
        top = screen_text(app)
        assert not _words(flags) <= _words(top), "the demo's flags fill more than the panel"
        assert "more: Tab, ↓" in top  # it says there is more
        await pilot.press("tab")  # to the fatigue check, then down a page at a time
        seen = top
        for _ in range(8):
            await pilot.press("pagedown")
            await settle(pilot)
            seen += screen_text(app)
        assert _words(flags) - _words(seen) == set(), "a flag is cut off"

        await pilot.press("shift+tab")
        await settle(pilot)
        live_screen = await start_sample_session(pilot)
        live = live_screen.live
        assert live is not None
        shown = screen_text(app)
        assert "Target  3-4 x 5-8 @ RPE 8" in shown  # the plan's range, not the 4 the session counts
        last = live.last_sets()
        working = [s for s in last if s.is_working]
        warmups = len(last) - len(working)
        assert warmups and len(working) >= 3
        for _ in range(warmups + 2):  # today's warm-ups, then two working sets
            await pilot.press("enter")
            await settle(pilot)
        shown = screen_text(app)
        lines = shown.splitlines()
        split = next(line.index("─Last time") for line in lines if "─Last time" in line)
        row = re.compile(r"^\W*(\d) +(\d+(?:\.\d+)? x \d+)")
        today = [m.groups() for line in lines if (m := row.match(line[:split]))]
        last_rows = [m.groups() for line in lines if (m := row.match(line[split:]))]
        # today's working sets, its warm-ups folded into one line
        assert [n for n, _ in today] == ["1", "2"], shown
        # every one of last time's working sets, in order
        assert last_rows == [(str(i), f"{s.weight_kg:g} x {s.reps}") for i, s in enumerate(working, 1)], shown
        assert shown.count(f"+{warmups} warm-ups") == 2, shown  # today's and last time's


async def test_the_more_hint_follows_the_fatigue_checks_laid_out_height(tmp_path: Path, clock) -> None:
    """The hint was set after the refresh that follows an update, when the check's height
    may not be laid out yet: it stayed off (one run in a few, with jittered jobs). It now
    follows the laid-out content."""
    from textual.widgets import Static

    db = make_demo_db(tmp_path / "demo.db", weeks=16, end=clock().date())
    app = BacklegsApp(db_path=db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        screen = session_screen(app)
        fatigue = screen.query_one("#start-fatigue", Static)
        box = screen.query_one("#start-fatigue-box")
        await wait_for(pilot, lambda: "Warning" in str(fatigue.render()), "the fatigue check")
        fatigue.update("calm")
        await settle(pilot)
        await wait_for(pilot, lambda: box.border_subtitle == "", "no hint for one line")
        fatigue.update("\n".join(f"flag {n}" for n in range(40)))
        screen.query_one("StartPanel")._mark_more()  # before the layout: nothing to scroll yet
        await wait_for(pilot, lambda: box.border_subtitle == "more: Tab, ↓", "the hint")
