"""Tester 3, finding 11: the live session's header at 80x24 was cut mid-word
(` Back & Legs - article sample  (deload)   lift 1/6   elapsed 0:02   0 working`). It now fits
its width, and what gives way is the plan's name (with "…"), then the start time; a number or
a word is never cut."""

from __future__ import annotations

import re

import pytest

from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.widgets.session_header import session_header

from .session_helpers import start_sample_session, wait_for

NAME = "Back & Legs - article sample"


def _line(width: int | None, **kw) -> str:
    args = {"deload": True, "where": "lift 1/6", "elapsed": "0:02", "working_sets": 0, "started": "16:25"}
    args.update(kw)
    return session_header(NAME, width=width, **args).plain


def test_with_room_the_whole_line_shows() -> None:
    assert _line(200) == f"{NAME}   (deload)   lift 1/6   elapsed 0:02   0 working sets   started 16:25"
    assert _line(None) == _line(200)


def test_at_80_columns_the_name_gives_way_and_every_number_shows() -> None:
    line = _line(78)  # 80 columns less the title's padding
    assert len(line) <= 78
    assert line.endswith("  lift 1/6  elapsed 0:02  0 working sets  started 16:25"), line
    assert line.startswith("Back & Legs") and "…" in line and "(deload)" in line
    plain = _line(78, deload=False)
    assert len(plain) <= 78 and "0 working sets" in plain and "started 16:25" in plain


@pytest.mark.parametrize("width", range(20, 120))
def test_no_width_cuts_a_word_or_a_number(width: int) -> None:
    """Whatever the width, each piece shows whole or not at all, in its order."""
    kw = {"deload": True, "where": "lift 12/16 (A2)", "elapsed": "1:02:03", "working_sets": 23, "started": "16:25"}
    line = _line(width, **kw)
    assert len(line) <= width, line
    pieces = ["(deload)", "lift 12/16 (A2)", "elapsed 1:02:03", "23 working sets", "started 16:25"]
    rest = re.split(r"\s{2,}", line)[1:]
    assert rest == [p for p in pieces if p in rest], line  # whole pieces, in order
    if width >= 35:  # the elapsed time and the sets count go last of all
        assert "elapsed 1:02:03" in rest and "23 working sets" in rest, line


async def test_the_live_header_fits_80x24(db_path, clock) -> None:
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_sample_session(pilot)
        title = screen.query_one("#session-title")
        await wait_for(pilot, lambda: "elapsed" in str(title.render()), "the header")
        shown = str(title.render())
        assert len(shown) <= title.content_size.width
        assert "0 working sets" in shown and "lift 1/" in shown, shown


def test_the_name_and_the_elapsed_time_are_bold_the_rest_plain() -> None:
    text = session_header(NAME, deload=False, where="lift 1/6", elapsed="0:02", working_sets=0, started="16:25", width=None)
    bold = "".join(text.plain[s.start:s.end] for s in text.spans if "bold" in str(s.style))
    assert bold == NAME + "0:02" and "bold" not in str(text.style)
