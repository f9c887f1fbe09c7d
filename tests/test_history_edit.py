"""Pilot flows of correcting the past from History: a typo'd set corrected (its best e1RM
follows), and a forgotten session entered at a past date with the Session keys."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from backlegs_tui.domain.model import SetEntry, SetType
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import FormDialog, InfoDialog, PickerDialog
from backlegs_tui.ui.screens.session.past import PastSessionScreen

from .session_helpers import settle, type_keys, wait_for
from .ui_text import shows


def seed_typo(db_path: Path, clock) -> int:
    """A finished session whose squat went in as 140 x 8 (it was 140 x 3)."""
    repo = Repository.open(db_path)
    try:
        when = clock() - timedelta(days=2)
        squat = repo.exercise_by_name("Barbell back squat").id
        state = repo.start_session(None, when)
        item = repo.add_item(state.id, squat)
        repo.log_set(state.id, SetEntry(squat, SetType.WORKING, 140, 8, item_id=item.id, logged_at=when))
        repo.finish_session(state.id, when + timedelta(minutes=40), 8)
        return state.id
    finally:
        repo.close()


async def history_ready(pilot) -> None:
    await wait_for(pilot, lambda: shows(pilot.app, "best e1RM"), "the session's detail")



async def open_forgotten_session_form(pilot) -> FormDialog:
    """History ready, then `n`: the form asking when the forgotten session was."""
    app = pilot.app
    await history_ready(pilot)
    await pilot.press("n")
    await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "the date form")
    return app.screen


async def open_session_form(pilot) -> FormDialog:
    """History ready, then `E` on the newest session: its form."""
    app = pilot.app
    await history_ready(pilot)
    await pilot.press("E")
    await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "the session form")
    return app.screen


async def test_a_typo_in_a_past_set_is_corrected_and_its_best_follows(migrated_db: Path, clock) -> None:
    sid = seed_typo(migrated_db, clock)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(100, 30)) as pilot:
        await history_ready(pilot)
        assert shows(app, "140 kg x 8", "best e1RM 177")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerDialog), "the set picker")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "the set form")
        await pilot.press("enter")  # weight stays 140
        await pilot.press("3", "ctrl+s")  # reps: 3
        await wait_for(pilot, lambda: shows(app, "140 kg x 3"), "the corrected set")
        assert shows(app, "best e1RM 154") and not shows(app, "best e1RM 177")
    repo = Repository.open(migrated_db)
    try:
        assert [(s.weight_kg, s.reps) for s in repo.session_state(sid).sets] == [(140.0, 3)]
    finally:
        repo.close()


async def test_a_forgotten_session_is_entered_at_its_date_with_the_session_keys(migrated_db: Path, clock) -> None:
    seed_typo(migrated_db, clock)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_forgotten_session_form(pilot)
        await type_keys(pilot, "2026-11-20")
        await pilot.press("space", "1", "7", "colon", "3", "0", "enter", "enter")  # no plan
        await wait_for(pilot, lambda: isinstance(app.screen, PastSessionScreen) and app.screen.live is not None,
                       "the past session")
        assert shows(app, "Fri 2026-11-20 17:30, afterwards")
        # ? lists the Session keys there (it listed only 'Esc Done' under History, and the charts')
        sections = {where for where, _, _ in app.help_rows()}
        assert {"Session", "Session: the set entry"} <= sections and not any(w.startswith("History") for w in sections)
        whats = {what for where, _, what in app.help_rows() if where == "Session"}
        assert {"Done", "Log set"} <= whats, whats
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerDialog), "the exercise picker")
        await type_keys(pilot, "Chin-up")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "the body-weight form")
        await type_keys(pilot, "80")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("tab", "6", "enter")  # BW x 6
        await settle(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, InfoDialog), "the summary")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "the session RPE")
        await pilot.press("7", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, (PastSessionScreen, FormDialog, InfoDialog)), "History again")
        await wait_for(pilot, lambda: shows(app, "2026-11-20"), "the past session in the list")
    repo = Repository.open(migrated_db)
    try:
        past = [s for s in repo.sessions() if s.started_at.date().isoformat() == "2026-11-20"]
        assert len(past) == 1 and past[0].set_count == 1 and past[0].session_rpe == 7
        assert repo.open_session() is None
        assert repo.body_weights()[-1] == (past[0].started_at.date(), 80.0)
    finally:
        repo.close()


async def test_a_forgotten_session_in_the_future_keeps_the_form_open_with_its_values(migrated_db: Path, clock) -> None:
    """A start after now is an inline error: the form stays open with what was typed, a
    second Enter does not close it, and a corrected date goes on to the past session."""
    seed_typo(migrated_db, clock)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_forgotten_session_form(pilot)
        await type_keys(pilot, "2026-12-31")
        await pilot.press("space", "1", "8", "colon", "0", "0", "enter", "enter")
        await settle(pilot)
        assert app.screen is form, "the form closed on a future start"
        assert shows(app, "2026-12-31 18:00", "Started is in the future")
        await pilot.press("enter", "enter")  # again: still the error, still open
        await settle(pilot)
        assert app.screen is form and shows(app, "2026-12-31 18:00")
        assert form.query_one("#f-when").value == "2026-12-31 18:00"
        await type_keys(pilot, "2026-11-20 17:30")  # the field with the error has the focus
        await pilot.press("enter", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PastSessionScreen) and app.screen.live is not None,
                       "the past session")
    repo = Repository.open(migrated_db)
    try:
        assert [s.started_at.isoformat(" ", "minutes") for s in repo.sessions()
                if s.started_at.year == 2026 and s.started_at.month == 12] == []
    finally:
        repo.close()


async def test_a_forgotten_session_with_an_unknown_plan_keeps_the_form_open(migrated_db: Path, clock) -> None:
    """A plan name that is not a plan is the form's inline error too (it was a toast after the
    form had closed); blank goes on without a plan."""
    seed_typo(migrated_db, clock)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_forgotten_session_form(pilot)
        await type_keys(pilot, "2026-11-20 17:30")
        await pilot.press("enter")
        await type_keys(pilot, "Leg day")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form, "the form closed on an unknown plan"
        assert shows(app, "No plan named 'Leg day'", "2026-11-20 17:30")
        assert form.query_one("#f-plan").value == "Leg day"
        await pilot.press(*["backspace"] * 7, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PastSessionScreen) and app.screen.live is not None,
                       "the past session")


async def test_editing_a_session_to_an_unknown_plan_keeps_the_form_open(migrated_db: Path, clock) -> None:
    sid = seed_typo(migrated_db, clock)
    repo = Repository.open(migrated_db)
    try:
        plan = repo.plans()[0]
    finally:
        repo.close()
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_session_form(pilot)
        await pilot.press("enter", "enter")  # to the plan
        await type_keys(pilot, "Nope")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and shows(app, "No plan named 'Nope'")
        assert form.query_one("#f-plan").value == "Nope"
        await pilot.press(*["backspace"] * 4)
        await type_keys(pilot, plan.name.upper())
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form, "the form to close")
        await settle(pilot)
    repo = Repository.open(migrated_db)
    try:
        assert repo.session_state(sid).plan_id == plan.id
    finally:
        repo.close()


async def test_editing_a_session_keeps_the_rule_of_a_forgotten_one_inline(migrated_db: Path, clock) -> None:
    """`E` shows the session's plan, and refuses a start in the future as `n` does: the form
    stays open with its values and the error inline (ux report 2, findings 3 and 20)."""
    sid = seed_typo(migrated_db, clock)
    repo = Repository.open(migrated_db)
    try:
        plan = repo.plans()[0]
        repo.edit_session(sid, plan_id=plan.id)
    finally:
        repo.close()
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_session_form(pilot)
        assert form.query_one("#f-plan").value == plan.name
        future = f"{clock() + timedelta(days=3):%Y-%m-%d} 09:00"
        await pilot.press(*["backspace"] * 16)
        await type_keys(pilot, future)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and shows(app, "Started is in the future")
        assert form.query_one("#f-when").value == future
        await pilot.press(*["backspace"] * 16)
        await type_keys(pilot, f"{clock() - timedelta(days=2):%Y-%m-%d} 17:00")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form, "the form to close")
        await wait_for(pilot, lambda: shows(app, "17:00"), "the session moved")
    repo = Repository.open(migrated_db)
    try:
        state = repo.session_state(sid)
        assert state.started_at.hour == 17 and state.plan_id == plan.id  # the plan shown is kept
    finally:
        repo.close()


async def test_a_forgotten_session_in_another_keeps_the_form_open(migrated_db: Path, clock) -> None:
    """A forgotten session that starts inside a logged one is the form's inline error naming
    that session (ux report 2, finding 9); a time later that day goes on."""
    seed_typo(migrated_db, clock)  # two days ago, 18:00-18:40
    day = clock() - timedelta(days=2)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_forgotten_session_form(pilot)
        await type_keys(pilot, f"{day:%Y-%m-%d} 18:20")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert app.screen is form and shows(app, f"18:20 overlaps your session {day:%a %d %b} 18:00-18:40")
        await type_keys(pilot, f"{day:%Y-%m-%d} 20:00")  # the field with the error has the focus
        await settle(pilot)
        assert form.query_one("#f-when").value == f"{day:%Y-%m-%d} 20:00"
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert app.screen is not form, str(form.query_one("#form-error").render())
        await wait_for(pilot, lambda: isinstance(app.screen, PastSessionScreen) and app.screen.live is not None,
                       "the past session")
