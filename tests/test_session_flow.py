"""Pilot flows of Session mode on real SQLite files with a fake clock: the safety net that
every key still does what it did. The rules themselves are unit-tested on the headless
`LiveSession` (test_live_session.py); these check what reaches the database and the screen."""

from __future__ import annotations

import io
import time
from datetime import timedelta
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

from backlegs_tui.domain.model import SetEntry, SetType
from backlegs_tui.services import session_start
from backlegs_tui.services.session_start import Overview
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import ConfirmDialog, FormDialog, InfoDialog, PickerDialog

from .patience import PATIENCE
from .session_helpers import (
    log_three_lifts,
    press_each,
    session_screen,
    settle,
    start_sample_session,
    start_working,
    type_keys,
    wait_for,
    wait_ready,
)
from .ui_text import notes_of

SIZE = (120, 36)


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test's `db_path` starts as a copy of the migrated template (no Alembic per test)."""


def db_sets(db_path: Path) -> list[tuple[str, float, int, str]]:
    repo = Repository.open(db_path)
    try:
        state = repo.open_session()
        assert state is not None
        return [(s.exercise_name, s.weight_kg, s.reps, s.set_type.value) for s in state.sets]
    finally:
        repo.close()


def shown(screen, selector: str) -> str:
    """The text a widget shows (a rich table too), as the lifter reads it."""
    widget = screen.query_one(selector)
    content = getattr(widget, "content", None)
    if content is not None and not isinstance(content, (str, Text)) and hasattr(content, "__rich_console__"):
        console = Console(width=max(20, widget.size.width), record=True, file=io.StringIO())
        console.print(content)
        return console.export_text()
    return str(widget.render())


async def test_start_panel_offers_todays_plan_and_knows_when_it_is_done(db_path, clock):
    repo = Repository.open(db_path)
    plan_id = repo.plans()[0].id
    repo.set_schedule(clock().weekday(), [plan_id])
    repo.close()
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        screen = session_screen(app)
        options = screen.query_one("#start-options")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[0].startswith("Today: Back & Legs") and labels[-1].startswith("Empty session")
        assert "today's plan is Back & Legs" in shown(screen, "#start-title")
        # the palette offers no Session action that cannot act without a session (tester2 #17)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert not {"Session: Log set", "Session: Undo last set", "Session: +15s", "Session: Finish"} & set(titles)
        assert "Session: Read the log again" in titles and "Settings…" in titles
        # finish a session of it: the panel then says it is done
        await start_working(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Session: Log set", "Session: Undo last set", "Session: Discard session"} <= set(titles)
        await press_each(pilot, "enter")
        await settle(pilot)
        clock.advance(30 * 60)
        await press_each(pilot, "f")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)  # planned lifts are left: it asks
        assert "planned lifts not started; Barbell back squat 1 of 3-4 sets?" in str(app.screen.query_one(".title").render())
        await press_each(pilot, "y")
        await settle(pilot)
        await press_each(pilot, "enter")  # the summary
        await settle(pilot)
        await press_each(pilot, "enter")  # no session RPE
        await settle(pilot)
        await wait_for(pilot, lambda: "is done (finished 18:30)" in shown(screen, "#start-title"), "the done plan")
        assert "done 18:30" in str(options.get_option_at_index(0).prompt)


async def test_readiness_check_in_is_saved_and_bad_input_answered_inline(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "readiness")
        await press_each(pilot, "5", ".", "5", "enter", "9", "enter", "enter")  # soreness 9: out of range
        await settle(pilot)
        assert "Soreness" in str(app.screen.query_one("#form-error").render())
        await press_each(pilot, "backspace", "²", "enter", "enter")
        assert "Soreness is a whole number" in str(app.screen.query_one("#form-error").render())
        await press_each(pilot, "backspace", "4", "enter", "2", "enter")
        await settle(pilot)
    repo = Repository.open(db_path)
    state = repo.open_session()
    assert (state.readiness.sleep_h, state.readiness.soreness, state.readiness.energy) == (5.5, 4, 2)
    repo.close()


async def test_first_time_target_warmups_working_sets_and_rest(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    bells: list[int] = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_sample_session(pilot)
        assert screen.entry.values().weight == ""  # a first-time lift waits for its target
        await type_keys(pilot, "100")
        await press_each(pilot, "enter")
        await settle(pilot)
        assert "Warm-ups for 100 kg: 20 x 10, 40 x 5, 60 x 3, 80 x 2" in shown(screen, "#entry-msg")
        loads = []
        while screen.entry.values().set_type is SetType.WARMUP:
            loads.append(screen.entry.values().weight)
            await press_each(pilot, "enter")
            await settle(pilot)
        assert loads == ["20", "40", "60", "80"]
        assert "Rest: starts after each working set" in shown(screen, "#rest-label")  # warm-ups start no rest
        await press_each(pilot, "enter")
        await settle(pilot)
        assert "✓ Set 1 saved: 100 kg x 5" in shown(screen, "#entry-msg")
        clock.advance(60)
        screen.tick()
        assert screen.query_one("#rest-digits").value == "2:00"
        await press_each(pilot, "right_square_bracket", "left_square_bracket", "left_square_bracket")  # +15 -30
        screen.tick()
        assert screen.query_one("#rest-digits").value == "1:45"
        clock.advance(105)
        screen.tick()
        screen.tick()
        assert bells == [1]  # once
        await press_each(pilot, "enter")  # prefilled: same weight, one keystroke
        await settle(pilot)
        await press_each(pilot, "s")  # skip this rest
        await settle(pilot)
        assert "Rest: starts after" in shown(screen, "#rest-label")
    assert db_sets(db_path) == [
        ("Barbell back squat", 20.0, 10, "warmup"),
        ("Barbell back squat", 40.0, 5, "warmup"),
        ("Barbell back squat", 60.0, 3, "warmup"),
        ("Barbell back squat", 80.0, 2, "warmup"),
        ("Barbell back squat", 100.0, 5, "working"),
        ("Barbell back squat", 100.0, 5, "working"),
    ]
    repo = Repository.open(db_path)
    assert repo.open_session().rest_until is None
    repo.close()


async def test_entry_keys_and_bad_input(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_working(pilot)
        await press_each(pilot, "up", "up", "down")  # +2.5 +2.5 -2.5
        assert screen.entry.values().weight == "102.5"
        await press_each(pilot, "right", "9", "up")  # reps 9 -> 10
        assert screen.entry.values().reps == "10"
        await press_each(pilot, "down", "down", "down", "down")
        assert screen.entry.values().reps == "6"
        await press_each(pilot, "right", "1", "1", "enter")
        await settle(pilot)
        assert "RPE goes from 1 to 10. Nothing saved." in shown(screen, "#entry-msg")
        await press_each(pilot, "backspace", "backspace", "8", ".", "5", "t")  # RPE 8.5, working -> drop
        assert screen.entry.values().set_type is SetType.DROP
        await press_each(pilot, "t", "t", "t")  # failure, warm-up, working
        assert "25 + 15 + 1.25 per side" in shown(screen, "#plates")
        await press_each(pilot, "enter")
        await settle(pilot)
        await press_each(pilot, "2", "0", "0", "0", "enter")
        await settle(pilot)
        assert "Weight over 1000 kg" in shown(screen, "#entry-msg")
    repo = Repository.open(db_path)
    (s,) = repo.open_session().sets
    assert (s.weight_kg, s.reps, s.rpe, s.set_type) == (102.5, 6, 8.5, SetType.WORKING)
    repo.close()


async def test_move_goto_add_swap_and_advance(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_working(pilot)
        for _ in range(4):
            await press_each(pilot, "enter")
            await settle(pilot)
        assert "Pull-up" in shown(screen, "#current")  # four sets done: on to the next lift
        assert screen.entry.values().weight == "0"  # bodyweight: added load 0
        await press_each(pilot, "k")
        await settle(pilot)
        assert "Barbell back squat" in shown(screen, "#current")
        await press_each(pilot, "g")
        await type_keys(pilot, "romanian")
        await press_each(pilot, "enter")
        await settle(pilot)
        assert "Romanian deadlift" in shown(screen, "#current")
        await press_each(pilot, "x")
        await settle(pilot)
        assert isinstance(app.screen, PickerDialog)
        await press_each(pilot, "enter")  # the first alternative
        await settle(pilot)
        assert "Swapped in" in shown(screen, "#entry-msg")
        await press_each(pilot, "a")
        await type_keys(pilot, "legext")
        await press_each(pilot, "enter")
        await settle(pilot)
        assert "Leg extension" in shown(screen, "#current")
        assert shown(screen, "#entry-msg") == "Added Leg extension"
    repo = Repository.open(db_path)
    state = repo.open_session()
    assert state.items[-1].exercise_name == "Leg extension" and state.current_item_id == state.items[-1].id
    assert state.items[2].exercise_name in ("Glute-ham raise", "Good morning", "Leg curl")
    repo.close()


async def test_edit_delete_undo_and_notes(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_working(pilot)
        for _ in range(3):
            await press_each(pilot, "enter")
            await settle(pilot)
            clock.advance(120)
        await press_each(pilot, "e")
        await settle(pilot)
        first = str(app.screen.query_one("#picker-list").get_option_at_index(0).prompt)
        assert first.split()[0] == "3"  # the set's number within its lift
        await press_each(pilot, "enter", "enter")
        await pilot.press("backspace", "4", "enter", "9", "enter", "enter", "enter")
        await type_keys(pilot, "grindy, bar forward")
        await press_each(pilot, "enter")
        await settle(pilot)
        assert "↳ grindy, bar forward" in shown(screen, "#today")  # the note in full, not cut to 9 characters
        await press_each(pilot, "delete", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await press_each(pilot, "n", "delete", "enter", "y")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert shown(screen, "#entry-msg").startswith("Undone: Barbell back squat")
        await press_each(pilot, "n")
        await type_keys(pilot, "belt [/] on [b]")
        await press_each(pilot, "enter", "N")
        await type_keys(pilot, "felt strong")
        await press_each(pilot, "enter")
        await settle(pilot)
    repo = Repository.open(db_path)
    state = repo.open_session()
    assert [(s.reps, s.notes) for s in state.sets] == [(5, "belt [/] on [b]")]
    assert state.notes == "felt strong"
    repo.close()


async def test_finish_summary_scrolls_and_saves_session_rpe(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_sample_session(pilot)
        await log_three_lifts(pilot)
        clock.advance(45 * 60)
        await press_each(pilot, "f", "y")
        await settle(pilot)
        assert isinstance(app.screen, InfoDialog)
        body = str(app.screen.body)
        assert "45 min" in body and "Records" in body and "quads" in body
        hint = app.screen.query_one(".hint")
        assert hint.region.bottom <= 24 and "Enter: next" in str(hint.render())  # never cut off
        await press_each(pilot, "enter")
        await type_keys(pilot, "11")
        await press_each(pilot, "enter")
        assert "0 to 10" in str(app.screen.query_one("#form-error").render())
        await press_each(pilot, "backspace", "backspace", "8", "enter")
        await settle(pilot)
        assert screen.live is None
    repo = Repository.open(db_path)
    (summary,) = repo.sessions()
    assert summary.session_rpe == 8 and summary.set_count == 3
    assert summary.ended_at - summary.started_at == timedelta(minutes=45)
    repo.close()


async def test_discard_asks_and_no_set_goes_into_an_ending_session(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_working(pilot)
        await press_each(pilot, "enter")
        await settle(pilot)
        await press_each(pilot, "D", "n")
        await settle(pilot)
        assert screen.live is not None
        await press_each(pilot, "D")
        await pilot.press("y", "enter", "enter", "u")  # keys while the discard is saving do nothing
        await settle(pilot)
        assert screen.live is None
    repo = Repository.open(db_path)
    assert repo.open_session() is None and repo.sessions() == []
    repo.close()


async def test_quit_waits_for_writes_and_resume_is_where_it_was(db_path, clock):
    repo = Repository.open(db_path)
    repo.log_body_weight(clock(), 80)  # the pull-up counts from it (else the app asks first)
    repo.close()
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await start_working(pilot)
        await pilot.press("enter", "enter", "u", "enter")  # no pauses: queued in order
        await settle(pilot)
        await press_each(pilot, "j")
        await settle(pilot)
        clock.advance(30)
        await pilot.press("enter", "ctrl+q")  # a pull-up, then quit at once
    assert [s[0] for s in db_sets(db_path)] == ["Barbell back squat", "Barbell back squat", "Pull-up"]
    clock.advance(30)
    app2 = BacklegsApp(db_path=db_path, clock=clock)
    async with app2.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app2.screen, PickerDialog), "the resume offer")
        assert "unfinished session" in str(app2.screen.query_one(".title").render())
        await press_each(pilot, "enter")  # resume
        await settle(pilot)
        screen = session_screen(app2)
        assert "Pull-up" in shown(screen, "#current")
        screen.tick()
        assert screen.query_one("#rest-digits").value == "2:00"


async def test_resume_offer_can_finish_it(db_path, clock):
    repo = Repository.open(db_path)
    state = repo.start_session(repo.plans()[0].id, clock())
    repo.close()
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerDialog), "the resume offer")
        await press_each(pilot, "down", "enter")  # "Finish it now": no question about lifts left
        await settle(pilot)
        assert isinstance(app.screen, InfoDialog)
        await press_each(pilot, "enter")
        await settle(pilot)
        await press_each(pilot, "enter")
        await settle(pilot)
    repo = Repository.open(db_path)
    assert repo.open_session() is None and [s.id for s in repo.sessions()] == [state.id]
    repo.close()


async def test_a_failed_write_is_one_line_keeps_the_entry_and_resyncs(db_path, clock, monkeypatch):
    from sqlalchemy.exc import OperationalError

    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_working(pilot)

        def locked(*a, **kw):
            raise OperationalError("UPDATE sessions SET rest_until=? [SQL: x]", {}, Exception("database is locked"))

        monkeypatch.setattr(Repository, "log_set", locked)
        notes = notes_of(app)
        await press_each(pilot, "enter")
        await settle(pilot)
        # one row for the message at 120x36: the line that fits, the whole one in a notification
        assert shown(screen, "#entry-msg") == "✗ Could not save the set. Enter retries."
        assert notes == ["Could not save the set: the database is locked by another program. Your entry is kept: Enter retries."]
        assert screen.entry.values().weight == "100" and "Nothing yet" in shown(screen, "#today")
        monkeypatch.undo()
        await press_each(pilot, "enter")  # retry
        await settle(pilot)
        assert "Set 1 saved" in shown(screen, "#entry-msg")
    assert len(db_sets(db_path)) == 1


async def test_a_failed_first_read_says_so_and_ctrl_r_retries(db_path, clock, monkeypatch):
    from sqlalchemy.exc import OperationalError

    locked = [True]
    real = Repository.open_session

    def flaky(self):
        if locked[0]:
            raise OperationalError("SELECT", {}, Exception("database is locked"))
        return real(self)

    monkeypatch.setattr(Repository, "open_session", flaky)
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        screen = session_screen(app)
        assert "Could not read your training log: the database is locked" in " ".join(shown(screen, "#start-title").split())
        locked[0] = False
        await press_each(pilot, "ctrl+r")
        await settle(pilot)
        assert screen.query_one("#start-options").option_count >= 2


async def test_the_live_view_is_entered_once_so_early_keys_are_kept(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_sample_session(pilot)
        entered = []
        original = screen._enter_live
        screen._enter_live = lambda data: (entered.append(1), original(data))  # type: ignore[method-assign]
        await press_each(pilot, "w", "1", "0", "0", "question_mark", "escape", "g", "escape")
        await settle(pilot)
        assert entered == [] and screen.entry.values().weight == "100"


async def test_deload_offer_starts_a_lighter_session(db_path, clock, monkeypatch):
    repo = Repository.open(db_path)
    plan = repo.plans()[0]
    when = clock() - timedelta(days=3)
    old = repo.start_session(plan.id, when)
    for _ in range(4):
        repo.log_set(old.id, SetEntry(old.items[0].exercise_id, SetType.WORKING, 100, 6, item_id=old.items[0].id, logged_at=when))
    repo.finish_session(old.id, when + timedelta(hours=1), 8)
    repo.close()

    def warning(repo, now, settings):
        return Overview([], "warning", "Fatigue: squat and row e1RM down 4 % over 3 sessions; deload next session",
                        [("warning", "Barbell back squat e1RM 117 -> 112 kg")], "Deload: 60 % of the sets at 90 %")

    monkeypatch.setattr(session_start, "read_overview", warning)
    monkeypatch.setattr("backlegs_tui.ui.screens.session.screen.read_overview", warning)
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        screen = session_screen(app)
        await wait_for(pilot, lambda: "deload version" in shown(screen, "#start-fatigue"), "the deload offer")
        await press_each(pilot, "d")
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "readiness")
        await press_each(pilot, "escape")
        await wait_for(pilot, lambda: screen.live is not None, "the deload session")
        await press_each(pilot, "w")
        assert screen.entry.values().weight == "90"
        assert "(deload)" in shown(screen, "#session-title") and "0/2" not in shown(screen, "#today")
    repo = Repository.open(db_path)
    state = repo.open_session()
    assert [it.sets_planned for it in state.items][:2] == [2, 2]  # 60 % of 4, rounded
    repo.close()


async def test_keys_typed_while_the_session_starts_go_to_it(db_path, clock, monkeypatch):
    import threading

    from backlegs_tui.ui.screens.session import screen as session_module

    real = session_module.start_session
    started, release = threading.Event(), threading.Event()

    def slow_start(*args, **kwargs):
        started.set()
        release.wait(PATIENCE)  # a busy disk: the lifter types before the session is on screen
        return real(*args, **kwargs)

    monkeypatch.setattr(session_module, "start_session", slow_start)
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "readiness")
        screen = session_screen(app)
        await pilot.press("escape")
        deadline = time.monotonic() + PATIENCE
        while not started.is_set() and time.monotonic() < deadline:  # not wait_for: it waits for
            await pilot.pause(0.01)  # the job runner, held here on purpose
        assert started.is_set() and screen.live is None  # still starting (the disk is slow)
        await pilot.press("w", "1", "0", "0")  # typed before the session appears
        await pilot.pause()
        release.set()
        await wait_for(pilot, lambda: screen.live is not None, "the session")
        await settle(pilot)
        assert screen.entry.values().weight == "100"
        assert screen.live.warmups_wanted(screen.live.current_item()) is False
