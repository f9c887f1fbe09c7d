"""Pilot-driven flows of the Session screen on real SQLite files, with a fake clock."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from backlegs_tui.domain.model import SetType
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import ConfirmDialog, FormDialog, InfoDialog, PickerDialog

from .session_helpers import press_each, settle, start_sample_session, start_working, type_keys, wait_for, wait_ready


def fresh_repo(db_path: Path) -> Repository:
    return Repository.open(db_path)


def db_sets(db_path: Path) -> list[tuple[str, float, int, str]]:
    repo = Repository.open(db_path)
    try:
        state = repo.open_session()
        assert state is not None
        return [(s.exercise_name, s.weight_kg, s.reps, s.set_type.value) for s in state.sets]
    finally:
        repo.close()


async def test_start_offers_plans_and_empty(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_ready(pilot)
        options = app.screen.query_one("#start-options")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[0].startswith("Back & Legs - article sample")
        assert labels[-1].startswith("Empty session")


async def test_todays_scheduled_plan_is_offered_first(db_path, clock):
    repo = fresh_repo(db_path)
    plan_id = repo.plans()[0].id
    repo.set_schedule(clock().weekday(), [plan_id])
    repo.close()
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_ready(pilot)
        options = app.screen.query_one("#start-options")
        assert str(options.get_option_at_index(0).prompt).startswith("Today: Back & Legs")


async def test_readiness_check_in_is_saved(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_ready(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "readiness")
        await press_each(pilot, "5", ".", "5", "enter", "9", "enter", "enter")  # soreness 9: out of range
        await settle(pilot)
        assert "Soreness" in str(app.screen.query_one("#form-error").render())
        await press_each(pilot, "backspace", "4", "enter", "2", "enter")
        await settle(pilot)
    repo = fresh_repo(db_path)
    state = repo.open_session()
    assert state is not None
    assert (state.readiness.sleep_h, state.readiness.soreness, state.readiness.energy) == (5.5, 4, 2)
    repo.close()


async def test_log_warmups_and_working_sets_with_enter(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sample_session(pilot)
        # no history: the entry waits for today's working weight, so warm-ups can lead to it
        assert screen.next_prefill.needs_target and screen.entry.values().weight == ""
        await type_keys(pilot, "100")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.state.sets == []  # that Enter set the target, it logged nothing
        assert "Warm-ups for 100 kg: 20 x 10, 40 x 5, 60 x 3, 80 x 2" in str(screen.query_one("#entry-msg").render())
        loads = []
        while screen.entry.values().set_type is SetType.WARMUP:
            loads.append(screen.entry.values().weight)
            await pilot.press("enter")
            await settle(pilot)
        assert loads == ["20", "40", "60", "80"]
        assert screen.timer is None  # warm-ups start no rest timer
        assert screen.entry.values().weight == "100"
        await pilot.press("enter")
        await settle(pilot)
        assert screen.timer is not None and screen.timer.total_s == 180
        for _ in range(2):
            clock.advance(190)
            await pilot.press("enter")  # prefilled: same weight, one keystroke
            await settle(pilot)
    assert db_sets(db_path) == [
        ("Barbell back squat", 20.0, 10, "warmup"),
        ("Barbell back squat", 40.0, 5, "warmup"),
        ("Barbell back squat", 60.0, 3, "warmup"),
        ("Barbell back squat", 80.0, 2, "warmup"),
        ("Barbell back squat", 100.0, 5, "working"),
        ("Barbell back squat", 100.0, 5, "working"),
        ("Barbell back squat", 100.0, 5, "working"),
    ]


async def test_warmup_ramp_from_history(db_path, clock):
    repo = fresh_repo(db_path)
    plan = repo.plans()[0]
    old = repo.start_session(plan.id, clock() - timedelta(days=3))
    item = old.items[0]
    from backlegs_tui.domain.model import SetEntry

    for _ in range(4):
        repo.log_set(old.id, SetEntry(item.exercise_id, SetType.WORKING, 100, 8, rpe=8, item_id=item.id,
                                      logged_at=clock() - timedelta(days=3)))
    repo.finish_session(old.id, clock() - timedelta(days=3, hours=-1), 8)
    repo.close()
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sample_session(pilot)
        # all sets hit 8 reps at RPE 8 last time: +2.5 kg, and a ramp to 102.5
        assert screen._compute_working_weight(screen.current_item()) == 102.5
        loads = []
        while screen.entry.values().set_type is SetType.WARMUP:
            loads.append(screen.entry.values().weight)
            await pilot.press("enter")
            await settle(pilot)
        assert loads == ["20", "40", "62.5", "82.5"]  # 40 %, 60 %, 80 % of 102.5, to the plates
        assert screen.entry.values().weight == "102.5"
        assert len(screen.last[screen.current_item().exercise_id]) == 4
        assert screen.query_one("#last").border_title == "Last time · Sat 21 Nov"


async def test_arrows_and_digits_edit_the_entry(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sample_session(pilot)
        await pilot.press("w")  # warm-ups off
        await type_keys(pilot, "100")
        await pilot.press("up", "up", "down")  # +2.5 +2.5 -2.5
        assert screen.entry.values().weight == "102.5"
        await pilot.press("right", "up")  # reps 5 -> 6
        assert screen.entry.values().reps == "6"
        await pilot.press("right", "8", ".", "5")  # RPE 8.5
        assert screen.entry.values().effort == "8.5"
        await pilot.press("t")  # working -> drop
        assert screen.entry.values().set_type is SetType.DROP
        await pilot.press("t", "t")  # -> failure -> warmup
        await pilot.press("t")  # -> working
        assert "25 + 15 + 1.25 per side" in str(screen.query_one("#plates").render())
        await pilot.press("enter")
        await settle(pilot)
    repo = fresh_repo(db_path)
    state = repo.open_session()
    assert state is not None
    (s,) = state.sets
    assert (s.weight_kg, s.reps, s.rpe, s.set_type) == (102.5, 6, 8.5, SetType.WORKING)
    repo.close()


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ("abc", None),  # letters are not typed into the entry at all
        ("2000", "Weight over 1000 kg"),
        ("0", "Weight must be above 0"),
    ],
)
async def test_bad_weight_is_answered_inline(db_path, clock, keys, message):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sample_session(pilot)
        await pilot.press("w")
        if message is None:
            await pilot.press("backspace", "backspace", "backspace")
            await pilot.press("enter")
            await settle(pilot)
            assert "Weight is blank" in str(screen.query_one("#entry-msg").render())
        else:
            await type_keys(pilot, keys)
            await pilot.press("enter")
            await settle(pilot)
            assert message in str(screen.query_one("#entry-msg").render())
        assert screen.state is not None and screen.state.sets == []


async def test_bad_reps_and_rpe_are_answered_inline(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot)
        await pilot.press("right", "0", "enter")
        await settle(pilot)
        assert "Reps must be at least 1" in str(screen.query_one("#entry-msg").render())
        await pilot.press("backspace", "5", "right", "1", "1", "enter")
        await settle(pilot)
        assert "RPE goes from 1 to 10" in str(screen.query_one("#entry-msg").render())
        await pilot.press("backspace", "backspace", "9", ".", "3", "enter")
        await settle(pilot)
        assert "half steps" in str(screen.query_one("#entry-msg").render())
        assert screen.state is not None and screen.state.sets == []
        await pilot.press("backspace", "enter")
        await settle(pilot)
        assert len(screen.state.sets) == 1


async def test_rest_timer_counts_rings_and_names_next_set(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    bells = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    notes: list[str] = []
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        screen = await start_sample_session(pilot)
        orig = screen.notify
        screen.notify = lambda message, **kw: (notes.append(message), orig(message, **kw))  # type: ignore[assignment]
        await pilot.press("w")
        await type_keys(pilot, "100")
        await pilot.press("enter")
        await settle(pilot)
        clock.advance(60)
        screen.tick()
        assert screen.query_one("#rest-digits").value == "2:00"
        await pilot.press("right_square_bracket")  # +15 s
        assert screen.timer is not None and screen.timer.remaining_s(clock()) == 135
        await pilot.press("left_square_bracket", "left_square_bracket")  # -30 s
        assert screen.timer.remaining_s(clock()) == 105
        clock.advance(104)
        screen.tick()
        assert bells == []
        clock.advance(1)
        screen.tick()
        screen.tick()
        assert bells == [1]  # once
        assert notes == ["Next: Barbell back squat, set 2 - 100 kg x 5"]
        # the rest is in the database too
    repo = fresh_repo(db_path)
    state = repo.open_session()
    assert state is not None and state.rest_until is not None
    repo.close()


async def test_skip_rest(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.timer is not None
        await pilot.press("s")
        await settle(pilot)
        assert screen.timer is None
    repo = fresh_repo(db_path)
    state = repo.open_session()
    assert state is not None and state.rest_until is None
    repo.close()


async def test_plan_progress_advances_to_next_exercise(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot)
        for _ in range(4):
            await pilot.press("enter")
            await settle(pilot)
        item = screen.current_item()
        assert item is not None and item.exercise_name == "Pull-up"
        text = str(screen.query_one("#exercise-list").render())
        assert "4/4" in text and "0/4" in text
        # bodyweight: added load 0 is fine
        assert screen.entry.values().weight == "0"
        await pilot.press("enter")
        await settle(pilot)
        assert screen.state is not None and screen.state.sets[-1].exercise_name == "Pull-up"


async def test_move_goto_add_and_swap(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sample_session(pilot)
        await pilot.press("j")
        await settle(pilot)
        assert screen.current_item().exercise_name == "Pull-up"
        await pilot.press("k", "k")
        await settle(pilot)
        assert screen.current_item().exercise_name == "Face pull"
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, PickerDialog)
        await type_keys(pilot, "rdl")
        await pilot.press("escape")
        await settle(pilot)
        await press_each(pilot, "g")
        await type_keys(pilot, "romanian")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.current_item().exercise_name == "Romanian deadlift"
        # swap for an alternative
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, PickerDialog)
        await pilot.press("enter")  # first alternative
        await settle(pilot)
        assert screen.current_item().exercise_name in ("Glute-ham raise", "Good morning", "Leg curl")
        # add an unplanned exercise by fuzzy search
        await press_each(pilot, "a")
        await type_keys(pilot, "legext")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.current_item().exercise_name == "Leg extension"
        assert len(screen.state.items) == 7
    repo = fresh_repo(db_path)
    state = repo.open_session()
    assert state is not None
    assert [it.exercise_name for it in state.items][-1] == "Leg extension"
    assert state.item(state.current_item_id).exercise_name == "Leg extension"
    repo.close()


async def test_edit_delete_and_undo(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot)
        for _ in range(3):
            await pilot.press("enter")
            await settle(pilot)
            clock.advance(120)
        # edit the newest set: reps 5 -> 4 and a note
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("enter")  # newest set first
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await press_each(pilot, "enter")  # weight unchanged
        await press_each(pilot, "backspace", "4", "enter")
        await press_each(pilot, "9", "enter", "enter", "enter")  # RPE 9, RIR blank, type unchanged
        await type_keys(pilot, "grindy")
        await press_each(pilot, "enter")
        await settle(pilot)
        last = screen.state.sets[-1]
        assert (last.reps, last.rpe, last.notes) == (4, 9.0, "grindy")
        # a bad edit is answered inline and changes nothing
        await pilot.press("e", "enter")
        await settle(pilot)
        await press_each(pilot, "backspace", "backspace", "backspace", "x", "enter", "enter", "enter", "enter", "enter", "enter")
        await settle(pilot)
        assert "Weight must be a number" in str(app.screen.query_one("#form-error").render())
        await pilot.press("escape")
        await settle(pilot)
        # delete asks to confirm; n keeps it
        await press_each(pilot, "delete", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert len(screen.state.sets) == 3
        await press_each(pilot, "delete", "enter", "y")
        await settle(pilot)
        assert len(screen.state.sets) == 2
        # undo removes the last set at once
        await pilot.press("u")
        await settle(pilot)
        assert len(screen.state.sets) == 1
    assert db_sets(db_path) == [("Barbell back squat", 100.0, 5, "working")]


async def test_notes_on_set_and_session(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await press_each(pilot, "n")
        await type_keys(pilot, "belt on")
        await pilot.press("enter")
        await settle(pilot)
        await press_each(pilot, "N")
        await type_keys(pilot, "felt strong")
        await pilot.press("enter")
        await settle(pilot)
    repo = fresh_repo(db_path)
    state = repo.open_session()
    assert state is not None
    assert state.sets[0].notes == "belt on"
    assert state.notes == "felt strong"
    repo.close()


async def test_finish_shows_summary_and_saves_session_rpe(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot)
        await pilot.press("right", "right", "8", "enter")
        await settle(pilot)
        clock.advance(45 * 60)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, InfoDialog)
        body = str(app.screen.query_one(".title").render()) + str(app.screen.body)
        assert "45 min" in body and "Records" in body and "e1RM" in body
        assert "quads" in body
        await pilot.press("enter")
        await settle(pilot)
        await type_keys(pilot, "11")
        await pilot.press("enter")
        await settle(pilot)
        assert "0 to 10" in str(app.screen.query_one("#form-error").render())
        await pilot.press("backspace", "backspace", "8", "enter")
        await settle(pilot)
        assert screen.state is None
    repo = fresh_repo(db_path)
    assert repo.open_session() is None
    (summary,) = repo.sessions()
    assert summary.session_rpe == 8 and summary.set_count == 1
    assert (summary.ended_at - summary.started_at) == timedelta(minutes=45)
    repo.close()


async def test_discard_asks_to_confirm(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert screen.state is not None
        await press_each(pilot, "D", "y")
        await settle(pilot)
        assert screen.state is None
    repo = fresh_repo(db_path)
    assert repo.open_session() is None and repo.sessions() == []
    repo.close()


async def test_quit_and_resume_where_it_was(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("j")  # on to pull-ups
        await settle(pilot)
        clock.advance(30)
        await pilot.press("ctrl+q")
    clock.advance(30)  # a minute into the 3:00 rest
    app2 = BacklegsApp(db_path=db_path, clock=clock)
    async with app2.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app2.screen, PickerDialog), "the resume offer")
        assert isinstance(app2.screen, PickerDialog)
        assert "unfinished session" in str(app2.screen.query_one(".title").render())
        await pilot.press("enter")  # resume
        await settle(pilot)
        screen = app2.screen
        assert screen.state is not None and len(screen.state.sets) == 1
        assert screen.current_item().exercise_name == "Pull-up"
        assert screen.timer is not None and screen.timer.remaining_s(clock()) == 120
        assert screen.timer.total_s == 180


async def test_resume_offer_can_finish_it(db_path, clock):
    repo = fresh_repo(db_path)
    state = repo.start_session(repo.plans()[0].id, clock())
    repo.close()
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerDialog), "the resume offer")
        await press_each(pilot, "down", "enter")  # "Finish it now"
        await settle(pilot)
        assert isinstance(app.screen, InfoDialog)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # no session RPE
        await settle(pilot)
    repo = fresh_repo(db_path)
    assert repo.open_session() is None
    assert [s.id for s in repo.sessions()] == [state.id]
    repo.close()


async def test_fatigue_line_names_its_evidence(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot)
        await pilot.press("right", "right", "7", "enter")  # 100 x 5 @7
        await settle(pilot)
        assert str(screen.query_one("#fatigue").render()).strip() == ""
        await pilot.press("right", "right", "9", ".", "5", "enter")  # same load and reps @9.5
        await settle(pilot)
        text = str(screen.query_one("#fatigue").render())
        assert "F1" in text and "F2 RPE creep" in text and "from RPE 7 to 9.5" in text


async def test_palette_lists_session_actions(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_sample_session(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for needed in ("Plan mode", "Session mode", "History mode", "Session: Log set", "Session: Undo last set",
                       "Session: Finish", "Session: Swap for an alternative", "Session: Discard session"):
            assert needed in titles


async def test_nudging_reps_across_ten(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot, "60")
        await press_each(pilot, "right", "9", "up")
        assert screen.entry.values().reps == "10"
        await press_each(pilot, "up", "down", "down")
        assert screen.entry.values().reps == "9"
        await press_each(pilot, "left", "1", "0", "0", "up")  # weight 100 -> 102.5
        assert screen.entry.values().weight == "102.5"


async def test_square_brackets_in_notes_and_names_are_plain_text(db_path, clock):
    """User text is never markup: a note like `[/]` must not crash the screen (now or on resume)."""
    from backlegs_tui.domain.model import ExerciseDraft

    repo = fresh_repo(db_path)
    repo.add_exercise(ExerciseDraft(name="RDL [/] paused", primary=("hamstrings",)))
    repo.close()
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot)
        await press_each(pilot, "enter", "n")
        await type_keys(pilot, "belt [/] on [b]")
        await press_each(pilot, "enter")
        await settle(pilot)
        await press_each(pilot, "a")
        await type_keys(pilot, "rdl paused")
        await press_each(pilot, "enter")
        await settle(pilot)
        assert screen.current_item().exercise_name == "RDL [/] paused"
        await type_keys(pilot, "80")
        await press_each(pilot, "enter")  # a set of the bracketed lift: its name in the message
        await settle(pilot)
        assert screen.state.sets[-1].exercise_name == "RDL [/] paused"
        assert "Set 1 saved: 80 kg x 8" in str(screen.query_one("#entry-msg").render())
    app2 = BacklegsApp(db_path=db_path, clock=clock)
    async with app2.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app2.screen, PickerDialog), "the resume offer")
        await press_each(pilot, "enter", "k")
        await settle(pilot)
        assert app2.screen.state.sets[0].notes == "belt [/] on [b]"
        await press_each(pilot, "f")  # finish: the summary names the lift
        await settle(pilot)
        await press_each(pilot, "enter")
        await settle(pilot)
        await press_each(pilot, "enter")
        await settle(pilot)
        await press_each(pilot, "f3")  # and History shows the note and the name
        await settle(pilot)
        await press_each(pilot, "f1")
        await settle(pilot)


async def test_superscript_digits_in_the_check_in_are_answered_inline(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_ready(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "readiness")
        await press_each(pilot, "enter")
        await type_keys(pilot, "²")
        await press_each(pilot, "enter", "enter")
        await settle(pilot)
        assert "Soreness is a whole number" in str(app.screen.query_one("#form-error").render())


async def test_closing_a_dialog_does_not_reload_the_live_session(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot)
        loads = []
        original = screen.load
        screen.load = lambda: (loads.append(1), original())  # type: ignore[method-assign]
        await press_each(pilot, "question_mark", "escape", "g", "escape")
        await settle(pilot)
        assert loads == []


async def test_swapping_after_sets_keeps_each_lifts_sets_apart(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot, "140")
        await press_each(pilot, "enter")
        await settle(pilot)
        await press_each(pilot, "enter")
        await settle(pilot)
        await press_each(pilot, "x")
        await settle(pilot)
        await press_each(pilot, "enter")  # Front squat, the first alternative
        await settle(pilot)
        item = screen.current_item()
        assert item.exercise_name == "Front squat"
        assert screen._item_sets(item) == []
        assert screen.entry.values().weight != "140"  # not "same as your last set" of another lift
        assert "0/4" in str(screen.query_one("#exercise-list").render())


async def test_a_failed_write_is_one_line_keeps_the_entry_and_resyncs(db_path, clock, monkeypatch):
    from sqlalchemy.exc import OperationalError

    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot)

        def locked(*a, **kw):
            raise OperationalError("UPDATE sessions SET rest_until=? [SQL: x]", {}, Exception("database is locked"))

        monkeypatch.setattr(Repository, "log_set", locked)
        await press_each(pilot, "enter")
        await settle(pilot)
        msg = str(screen.query_one("#entry-msg").render())
        assert msg == "✗ Not saved: the database is locked by another program. Your entry is kept: Enter retries."
        assert screen.state.sets == [] and screen.entry.values().weight == "100"
        monkeypatch.undo()
        await press_each(pilot, "enter")  # retry
        await settle(pilot)
        assert len(screen.state.sets) == 1


async def test_undo_right_after_enter_removes_that_set(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot)
        await press_each(pilot, "enter")
        await settle(pilot)
        await pilot.press("enter", "u")  # no pause: the undo is queued behind the save
        await settle(pilot)
        assert len(screen.state.sets) == 1
    repo = fresh_repo(db_path)
    assert len(repo.open_session().sets) == 1
    repo.close()


async def test_no_set_is_logged_into_a_session_being_finished(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot)
        await press_each(pilot, "enter")
        await settle(pilot)
        await press_each(pilot, "f")
        await settle(pilot)
        await press_each(pilot, "enter")
        await settle(pilot)
        await pilot.press("enter", "enter", "u")  # save RPE, then keys while the finish is saving
        await settle(pilot)
        assert screen.state is None
    repo = fresh_repo(db_path)
    (summary,) = repo.sessions()
    assert summary.set_count == 1
    repo.close()


async def test_a_second_start_resumes_the_open_session(repo, clock):
    first = repo.start_session(repo.plans()[0].id, clock())
    again = repo.start_session(None, clock())
    assert again.id == first.id


async def test_quit_waits_for_queued_writes(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_working(pilot)
        await pilot.press("enter", "enter", "ctrl+q")
    repo = fresh_repo(db_path)
    assert len(repo.open_session().sets) == 2
    repo.close()


async def test_a_failed_first_read_says_so_and_ctrl_r_retries(db_path, clock, monkeypatch):
    from sqlalchemy.exc import OperationalError

    calls = []
    real = Repository.open_session

    def flaky(self):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("SELECT", {}, Exception("database is locked"))
        return real(self)

    monkeypatch.setattr(Repository, "open_session", flaky)
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_ready(pilot)
        from .session_helpers import session_screen

        screen = session_screen(app)
        assert "Could not read your training log: the database is locked" in str(screen.query_one("#start-title").render())
        await press_each(pilot, "ctrl+r")
        await settle(pilot)
        assert screen.query_one("#start-options").option_count >= 2


async def test_w_skips_the_first_time_target_and_logs_directly(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sample_session(pilot)
        await press_each(pilot, "w")
        assert not screen.next_prefill.needs_target
        await type_keys(pilot, "100")
        await press_each(pilot, "enter")
        await settle(pilot)
        assert [(s.weight_kg, s.set_type) for s in screen.state.sets] == [(100.0, SetType.WORKING)]
