"""A set that sets a record: the confirmation that it was saved and the record both readable
at 80 columns (the confirmation first, the record on its own line, shortened to fit)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from backlegs_tui.domain.model import SetEntry, SetType
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.screens.session.live_panel import fit_record, message_text

from .session_helpers import settle, start_working, wait_for

RECORD = "★ New record: Barbell back squat e1RM 140 kg (was 135 kg); heaviest 120 kg (was 115 kg)"


def test_a_record_line_that_fits_is_shown_whole() -> None:
    assert fit_record(RECORD, 120) == RECORD


def test_a_long_record_line_drops_what_it_was_then_the_lifts_name() -> None:
    assert fit_record(RECORD, 70) == "★ New record: Barbell back squat e1RM 140 kg; heaviest 120 kg"
    assert fit_record(RECORD, 52) == "★ New record: e1RM 140 kg; heaviest 120 kg"
    hold = "★ New record: Side plank longest hold 60 s (was 47 s)"
    assert fit_record(hold, 30) == "★ New record: longest hold 60 s"


def test_the_confirmation_stays_first_and_unwrapped() -> None:
    text = message_text(f"✓ Set 2 saved: 120 kg x 5\n{RECORD}", 52)
    assert text.plain.split("\n") == ["✓ Set 2 saved: 120 kg x 5", "★ New record: e1RM 140 kg; heaviest 120 kg"]
    assert text.no_wrap
    # a single-line message (an error) still wraps onto the second line
    assert not message_text("✗ the database is locked. Your entry is kept: Enter retries.", 40).no_wrap


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """`db_path` starts as a copy of the migrated template."""


def one_session_of_100_kg(db_path: Path, clock) -> None:
    repo = Repository.open(db_path)
    plan = repo.plans()[0]
    when = clock() - timedelta(days=4)
    state = repo.start_session(plan.id, when)
    item = state.items[0]
    for i in range(3):
        repo.log_set(state.id, SetEntry(item.exercise_id, SetType.WORKING, 100, 5, rpe=8.0, item_id=item.id,
                                        logged_at=when + timedelta(minutes=3 * i)))
    repo.finish_session(state.id, when + timedelta(minutes=40), 8.0)
    repo.close()


async def test_at_80x24_a_record_set_shows_that_it_was_saved_and_the_record(db_path: Path, clock) -> None:
    one_session_of_100_kg(db_path, clock)
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_working(pilot, "110")
        msg = screen.query_one("#entry-msg")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "★" in str(msg.render()), "the record after the set")
        await settle(pilot)
        lines = str(msg.render()).split("\n")
        width = msg.size.width
        assert len(lines) == 2 and msg.size.height == 2, lines
        assert lines[0].startswith("✓ Set 1 saved: 110 kg x ") and len(lines[0]) <= width
        assert lines[1].startswith("★ New record:") and "heaviest 110 kg" in lines[1] and len(lines[1]) <= width
