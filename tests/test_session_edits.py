"""Changing what was logged without losing what is under way (UX report 2026-12-06, items
3, 6, S3, S4, S6): a delete keeps the entry being typed and the running rest, an undo goes
back to the lift of the set it takes back, a set's note shows under that set, the note and
delete dialogs write a set as everywhere else (`BW + 10 kg x 6`), and a new session starts
with no message left over from the last one. The rules headless on `LiveSession`; the few
flows that only the screen shows with the Pilot."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from backlegs_tui.domain.model import SetType
from backlegs_tui.services.live_session import EntryInput, LiveSession, start_session
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import ConfirmDialog, FormDialog, InfoDialog

from .session_helpers import (
    log_set,
    press_each,
    settle,
    start_sample_session,
    type_keys,
    wait_for,
)

SIZE = (120, 36)


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test's `db_path` starts as a copy of the migrated template (no Alembic per test)."""


@pytest.fixture
def live(repo: Repository, clock) -> LiveSession:
    """The sample plan started now, warm-ups off for the squat, nothing logged."""
    live = LiveSession(start_session(repo, repo.plans()[0].id, clock()), repo.settings(), clock)
    live.commit(repo, live.toggle_warmups())
    return live


def log(repo: Repository, live: LiveSession, weight: str = "100", reps: str = "5") -> None:
    live.commit(repo, live.enter(EntryInput(weight, reps, "", False, SetType.WORKING)))


# ---- headless: the rules ----------------------------------------------------------------------


def test_undo_after_the_move_on_goes_back_to_the_lift_of_the_undone_set(repo: Repository, live: LiveSession, clock) -> None:
    squat = live.current_item()
    for _ in range(squat.sets_planned):
        log(repo, live)
        clock.advance(120)
    assert live.current_item().exercise_name == "Pull-up"  # its planned sets done: moved on
    out = live.commit(repo, live.undo())
    assert out.message == "Undone: Barbell back squat set 4, 100 kg x 5"
    assert live.state.current_item_id == squat.id
    assert repo.open_session().current_item_id == squat.id  # kept on disk too (a crash resumes there)
    assert live.entry_fields()[0] == "100"  # the entry offers the squat again


def test_undo_on_the_same_lift_stays_there(repo: Repository, live: LiveSession) -> None:
    log(repo, live)
    out = live.undo()
    assert out.write is not None
    after = live.apply(out.write.kind, out.write.run(repo))
    assert after.write is None and live.current_item().exercise_name == "Barbell back squat"


def test_deleting_a_set_leaves_the_running_rest_alone(repo: Repository, live: LiveSession, clock) -> None:
    log(repo, live)
    clock.advance(150)
    log(repo, live, "102.5")
    clock.advance(30)
    running = live.timer
    assert running is not None and not running.done(clock())
    newest = live.set_choices()[0][1]
    assert live.commit(repo, live.delete(newest)).message == "Deleted: Barbell back squat set 2, 102.5 kg x 5"
    assert live.timer == running  # Del corrects the log; the lifter is still resting
    assert repo.open_session().rest_until == running.deadline
    assert [s.weight_kg for s in repo.open_session().sets] == [100.0]


def test_a_note_goes_on_the_set_it_was_written_for(repo: Repository, live: LiveSession) -> None:
    log(repo, live)
    first = live.state.sets[-1]
    log(repo, live)  # a second set landed while the note dialog was open
    live.commit(repo, live.set_note("forgot RPE, was about 8", first))
    assert [s.notes for s in repo.open_session().sets] == ["forgot RPE, was about 8", ""]
    gone = live.state.sets[0]
    live.commit(repo, live.delete(gone))
    out = live.set_note("too late", gone)
    assert out.error and out.write is None


# ---- the screen ------------------------------------------------------------------------------


def _lines(screen, selector: str) -> list[str]:
    """The lines a widget shows (a rich group of tables and notes), as the lifter reads them."""
    widget = screen.query_one(selector)
    console = Console(width=max(20, widget.size.width), record=True, file=io.StringIO())
    console.print(widget.content)
    return [line.rstrip() for line in console.export_text().splitlines() if line.strip()]


async def test_a_set_note_shows_under_its_set_and_dialogs_write_the_bodyweight_load(db_path, clock):
    repo = Repository.open(db_path)
    repo.log_body_weight(clock(), 80)  # the pull-up counts from it (else the app asks first)
    repo.close()
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_sample_session(pilot)
        await press_each(pilot, "j")  # Pull-up
        await settle(pilot)
        assert "Pull-up" in screen.live.current_item().exercise_name
        await type_keys(pilot, "10")
        await press_each(pilot, "right")
        await type_keys(pilot, "6")
        await press_each(pilot, "enter")
        await settle(pilot)
        clock.advance(120)
        await press_each(pilot, "n")
        assert isinstance(app.screen, FormDialog)
        assert app.screen.title_text == "Note on Pull-up BW + 10 kg x 6"  # as the log and the picker write it
        await type_keys(pilot, "forgot RPE, was about 8")
        await press_each(pilot, "enter")
        await settle(pilot)
        await type_keys(pilot, "10")
        await press_each(pilot, "right")
        await type_keys(pilot, "6")
        await press_each(pilot, "right", "8", "enter")
        await settle(pilot)
        rows = _lines(screen, "#today")
        first = next(i for i, line in enumerate(rows) if line.lstrip().startswith("1 "))
        assert "forgot RPE, was about 8" in rows[first + 1]  # right under set 1, not under set 2
        assert rows[first + 2].lstrip().startswith("2 ")
        await press_each(pilot, "delete", "enter")
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.detail.startswith("Pull-up: BW + 10 kg x 6 @8")
        await press_each(pilot, "n")


async def test_delete_keeps_the_typed_entry_and_the_rest(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_sample_session(pilot)
        await log_set(pilot, "225")
        clock.advance(150)
        await press_each(pilot, "enter")
        await settle(pilot)
        clock.advance(30)
        await type_keys(pilot, "235")  # the next set, typed while resting
        assert screen.live.timer is not None
        await press_each(pilot, "delete", "down", "enter", "y")  # the first set: a slip
        await settle(pilot)
        assert shown_msg(screen).startswith("Deleted: Barbell back squat set 1, 225 kg x 5")
        assert len(screen.live.state.sets) == 1
        assert screen.entry.values().weight == "235"  # what was typed stays
        assert screen.live.timer is not None  # and the rest runs on
        await press_each(pilot, "delete", "enter", "y")  # the newest set: still resting
        await settle(pilot)
        assert screen.entry.values().weight == "235" and screen.live.timer is not None


def shown_msg(screen) -> str:
    return str(screen.query_one("#entry-msg").render())


async def test_a_new_session_starts_without_the_last_ones_message(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_sample_session(pilot)
        await press_each(pilot, "N")
        await type_keys(pilot, "felt strong")
        await press_each(pilot, "enter")
        await settle(pilot)
        assert shown_msg(screen) == "✓ Session note saved"
        await press_each(pilot, "f", "y")
        await settle(pilot)
        assert isinstance(app.screen, InfoDialog)
        await press_each(pilot, "enter", "enter")  # summary, then no session RPE
        await settle(pilot)
        await wait_for(pilot, lambda: screen.live is None and screen.start_panel.display, "the start panel")
        await wait_for(pilot, lambda: screen.query_one("#start-options").option_count > 0, "the start options")
        await press_each(pilot, "enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "FormDialog", "the readiness check-in")
        await press_each(pilot, "escape")
        await wait_for(pilot, lambda: screen.live is not None, "the second session")
        assert shown_msg(screen) == ""
