"""The set entry under fast typing: every key lands in the field that is current when that key
comes, in the order typed, however fast the keys arrive (a paste, tmux send-keys, a fast
typist). Textual hands a key to the focused widget first and only runs a binding (an
arrow's field move, the screen's r or t) once the key has bubbled up to the app, so before
the entry ran its own bindings in order a digit typed right after Right landed in the
previous field ('125', Right Right, '9' gave 'Weight 1259 kg').

Keys typed right after Enter belong to the next set (kept until its prefill is in); keys
typed right after one that opens a dialog belong to the dialog. Also: an input error
('✗ Weight over 1000 kg...') goes away once the entry is edited.

The keys go straight onto the app's queue (`burst`): Pilot's `press` waits for the app to
be idle after each key, so it never shows the race."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key, _get_unicode_name_from_key

from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp

from .session_helpers import press_each, settle, start_working

SIZE = (120, 36)


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test's `db_path` starts as a copy of the migrated template."""


def burst(app: BacklegsApp, *keys: str) -> None:
    """Put the keys on the app's queue all at once, as a terminal does with one read of a
    paste or of tmux send-keys: nothing runs between them."""
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app.post_message(event)


async def ready(pilot):
    """The sample plan started, warm-ups off, a set of 100 kg logged: the next one's fresh prefill."""
    screen = await start_working(pilot)
    await press_each(pilot, "enter")
    await settle(pilot)
    assert screen.entry.values().weight == "100"
    return screen


def fields(screen) -> tuple[str, str, str]:
    v = screen.entry.values()
    return v.weight, v.reps, v.effort


async def test_a_burst_of_digits_and_arrows_lands_in_the_right_fields(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        reps = screen.entry.values().reps
        burst(app, "1", "2", "5", "right", "right", "9")  # the tester's 'Weight 1259 kg'
        await settle(pilot)
        assert fields(screen) == ("125", reps, "9")
        burst(app, "left", "left", "2", "3", "0", "right", "6")  # 'Weight 92306': 230, then reps 6
        await settle(pilot)
        assert fields(screen) == ("230", "6", "9")
        burst(app, "left", "up", "right", "right", "8", ".", "5")  # '8.5 went into Reps'
        await settle(pilot)
        assert fields(screen) == ("232.5", "6", "8.5")
        burst(app, "left", "backspace", "backspace", "5", "down", "tab", "7")  # nudge and Tab in line
        await settle(pilot)
        assert fields(screen) == ("232.5", "4", "7")


async def test_screen_keys_in_a_burst_keep_their_place(db_path, clock):
    """r (RPE/RIR) clears the effort: a digit typed after it must survive it; t then a digit."""
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        burst(app, "right", "right", "r", "2")
        await settle(pilot)
        v = screen.entry.values()
        assert v.effort_is_rir and v.effort == "2"
        burst(app, "r", "8", "left", "left", "9", "0")
        await settle(pilot)
        v = screen.entry.values()
        assert not v.effort_is_rir and (v.weight, v.effort) == ("90", "8")


async def test_an_input_error_goes_once_the_entry_is_edited(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        msg = screen.query_one("#entry-msg")
        await press_each(pilot, "1", "2", "0", "0", "enter")
        await settle(pilot)
        assert "Weight over 1000 kg" in str(msg.render()) and msg.has_class("error")
        await press_each(pilot, "backspace")  # 120: corrected
        await settle(pilot)
        assert "Weight over 1000 kg" not in str(msg.render()) and not msg.has_class("error")
        await press_each(pilot, "enter")
        await settle(pilot)
        assert "saved: 120 kg x" in str(msg.render())
        # typed at once: the digits' own changes come after the error and must not wipe it
        burst(app, "1", "2", "0", "0", "enter")
        await settle(pilot)
        assert "Weight over 1000 kg" in str(msg.render()) and msg.has_class("error")
        burst(app, "t")  # any change by a key: the set type too
        await settle(pilot)
        assert str(msg.render()) == ""


async def test_keys_typed_right_after_enter_go_to_the_next_set(db_path, clock):
    """Enter logs the set and the save takes a moment; what is typed meanwhile is the next
    set's: not added to the set being saved, nor wiped when the next prefill comes."""
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        burst(app, "1", "0", "5", "enter", "1", "1", "0", "right", "3", "enter", "enter", "9", "5")
        await settle(pilot)
        assert screen.entry.values().weight == "95"
    repo = Repository.open(db_path)
    try:
        logged = [(s.weight_kg, s.reps) for s in repo.open_session().sets]
    finally:
        repo.close()
    assert logged[:3] == [(100, 5), (105, 5), (110, 3)]  # the typed ones, each whole
    assert len(logged) == 4 and logged[3][0] == 110  # the second Enter: the next prefill


async def test_a_note_typed_at_once_after_n_goes_into_its_dialog(db_path, clock):
    """n opens the note dialog; the note and Enter typed right after it are the dialog's
    (before, its digits went into the set entry and the rest was lost)."""
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        burst(app, "n", *"rpe 8", "enter", "1", "2", "0")
        await settle(pilot)
        assert type(app.screen).__name__ == "SessionScreen"
        assert [s.notes for s in screen.live.state.sets] == ["rpe 8"]
        assert screen.entry.values().weight == "120"  # after the dialog: the entry again


async def test_a_burst_into_an_open_dialog_is_typed_before_its_enter(db_path, clock):
    """With the note dialog already open, the note and Enter in one burst: the note is saved
    whole (the dialog's Enter ran before the letters queued for its field had landed, and
    saved an empty note), and what follows the Enter is the entry's again. Editing keys
    (backspace, arrows) in the burst keep their place too."""
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press_each(pilot, "n")
        await settle(pilot)
        assert type(app.screen).__name__ == "FormDialog"
        burst(app, *"god", "left", "o", "end", "x", "backspace", "enter", "1", "2", "0")
        await settle(pilot)
        assert type(app.screen).__name__ == "SessionScreen"
        assert [s.notes for s in screen.live.state.sets] == ["good"]
        assert screen.entry.values().weight == "120"


async def test_a_filter_and_enter_in_one_burst_pick_what_the_filter_shows(db_path, clock):
    """The lift picker's filter and Enter in one burst: Enter picks from the filtered list."""
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press_each(pilot, "a")
        await settle(pilot)
        assert type(app.screen).__name__ == "PickerDialog"
        burst(app, *"leg pre", "enter")
        await settle(pilot)
        assert "Leg press" in [item.exercise_name for item in screen.live.state.items]


async def test_a_far_load_typed_with_its_enter_in_one_burst_logs_on_the_second_enter(db_path, clock):
    """'250 Enter' in one burst asks (far above the heaviest); the next Enter logs it. The
    digits' own change notices came after the question and cancelled it, so it took a third."""
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        msg = screen.query_one("#entry-msg")
        burst(app, "2", "5", "0", "enter")
        await settle(pilot)
        assert "far above" in str(msg.render()) and len(screen.live.state.sets) == 1
        burst(app, "enter")
        await settle(pilot)
        assert [s.weight_kg for s in screen.live.state.sets] == [100, 250]
        burst(app, "5", "0", "0", "enter")  # 250 x 5 is about 292 kg: 500 is far above
        await settle(pilot)
        assert "far above your heaviest 250 kg" in str(msg.render())
        await press_each(pilot, "backspace", "0", "enter")  # edited after the question: asks again
        await settle(pilot)
        assert "far above" in str(msg.render()) and len(screen.live.state.sets) == 2


async def test_keys_that_come_while_the_entry_still_keeps_some_for_its_dialog_join_them(db_path, clock):
    """`n r p` in one burst, then `e space 8 Enter` as the dialog's field gets the focus: the
    later keys were typed into the field ahead of the kept ones ('er p8' for 'rpe 8')."""
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        entry = screen.entry
        entry.FOCUS_WAIT_S, entry._FOCUS_POLL_S = 5.0, 0.2  # the kept keys wait on the focus a while
        burst(app, "n", "r", "p")
        while type(app.screen).__name__ != "FormDialog" or app.focused is None:
            await pilot.pause(0.01)
        assert entry.keeps_keys()  # 'r p' are still kept: the next keys must queue behind them
        burst(app, "e", "space", "8", "enter")
        await settle(pilot)
        await pilot.pause(0.5)
        await settle(pilot)
        assert [s.notes for s in screen.live.state.sets] == ["rpe 8"]
