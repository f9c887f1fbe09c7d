"""The first start (issue 10): headless rules (services.first_start) and the keyboard-only
wizard (ui/wizard.py), checked on the screen and in the database."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from backlegs_tui.domain.catalogue import ALTERNATING_PLAN, LEGS_FIRST_PLAN, SAMPLE_PLAN
from backlegs_tui.domain.model import SetEntry, SetType, Unit
from backlegs_tui.services.first_start import (
    FirstStart,
    apply_first_start,
    default_schedule,
    schedule_problem,
    skip_first_start,
    wants_first_start,
)
from backlegs_tui.store.repository import Repository


@pytest.fixture
def fresh(migrated_db: Path):
    repo = Repository.open(migrated_db)
    yield repo
    repo.close()


def test_default_schedule_takes_the_plans_in_turn() -> None:
    assert default_schedule(["A"], 2) == [(0, "A"), (3, "A")]
    assert default_schedule(["A", "B"], 3) == [(0, "A"), (2, "B"), (4, "A")]
    assert default_schedule(["A", "B", "C"], 2) == [(0, "A"), (3, "B")]
    assert default_schedule([], 3) == [] and default_schedule(["A"], 4) == []


def test_two_days_on_one_weekday_is_one_line() -> None:
    assert schedule_problem([(0, "A"), (3, "A")]) is None
    assert schedule_problem([(2, "A"), (2, "B")]) == (
        "Two training days on Wednesday: pick another weekday for one of them"
    )


def test_a_new_database_wants_it_once_skipped(fresh: Repository) -> None:
    assert wants_first_start(fresh)
    skip_first_start(fresh)
    assert not wants_first_start(fresh)
    assert [p.name for p in fresh.plans()] == [SAMPLE_PLAN.name]  # skipping changes nothing else


def test_a_database_with_a_session_never_wants_it(fresh: Repository) -> None:
    state = fresh.start_session(fresh.plans()[0].id, datetime(2026, 11, 23, 18))
    assert not wants_first_start(fresh)  # an open session is history too
    squat = fresh.exercise_by_name("Barbell back squat")
    fresh.log_set(state.id, SetEntry(squat.id, SetType.WORKING, 100, 5, 8.0, logged_at=datetime(2026, 11, 23, 18, 5)))
    fresh.finish_session(state.id, datetime(2026, 11, 23, 19), 7.0)
    assert not wants_first_start(fresh)


def test_answers_are_saved_plans_added_and_scheduled(fresh: Repository) -> None:
    answer = FirstStart(Unit.LB, 35.0, (45.0, 25.0, 10.0, 5.0), (LEGS_FIRST_PLAN.name, ALTERNATING_PLAN.name),
                        ((0, LEGS_FIRST_PLAN.name), (2, ALTERNATING_PLAN.name), (4, LEGS_FIRST_PLAN.name)))
    new = apply_first_start(fresh, answer)
    assert (new.unit, new.bar_lb, new.plates_lb, new.first_start) == (Unit.LB, 35.0, (45.0, 25.0, 10.0, 5.0), "done")
    assert fresh.settings() == new and not wants_first_start(fresh)
    # the sample was not chosen: the seeded copy goes (nothing was logged with it)
    assert [p.name for p in fresh.plans()] == [ALTERNATING_PLAN.name, LEGS_FIRST_PLAN.name]
    ids = {p.name: p.id for p in fresh.plans()}
    assert fresh.schedule() == {0: [ids[LEGS_FIRST_PLAN.name]], 2: [ids[ALTERNATING_PLAN.name]],
                                4: [ids[LEGS_FIRST_PLAN.name]]}
    assert len(fresh.plan(ids[ALTERNATING_PLAN.name]).items) == len(ALTERNATING_PLAN.items)


def test_the_sample_chosen_is_kept_not_added_twice(fresh: Repository) -> None:
    sample_id = fresh.plans()[0].id
    apply_first_start(fresh, FirstStart(Unit.KG, 20.0, (20.0, 10.0), (SAMPLE_PLAN.name,), ((1, SAMPLE_PLAN.name),)))
    assert [(p.id, p.name) for p in fresh.plans()] == [(sample_id, SAMPLE_PLAN.name)]
    assert fresh.schedule() == {1: [sample_id]}


def test_a_bad_answer_changes_nothing(fresh: Repository) -> None:
    with pytest.raises(ValueError, match="Two training days on Monday"):
        apply_first_start(fresh, FirstStart(Unit.KG, 20.0, (20.0,), (SAMPLE_PLAN.name,),
                                            ((0, SAMPLE_PLAN.name), (0, SAMPLE_PLAN.name))))
    assert wants_first_start(fresh) and fresh.schedule() == {}


# ---- the wizard, driven by keys at 80x24 --------------------------------------------------


def _wizard(app):
    from backlegs_tui.ui.wizard import FirstStartWizard

    screen = app.screen
    return screen if isinstance(screen, FirstStartWizard) else None


def _saved(db: Path):
    repo = Repository.open(db)
    try:
        return repo.settings(), [p.name for p in repo.plans()], repo.schedule(), {p.id: p.name for p in repo.plans()}
    finally:
        repo.close()


async def test_the_wizard_asks_unit_plans_and_week_and_saves_them(migrated_db: Path, clock) -> None:
    from backlegs_tui.ui.app import BacklegsApp

    from .session_helpers import press_each, type_keys, wait_for
    from .ui_text import screen_text, shows

    app = BacklegsApp(db_path=migrated_db, clock=clock, first_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: _wizard(app) is not None, "the wizard")
        assert shows(app, "step 1 of 3: Your gym", "Bar (kg)", "25 20 15 10 5 2.5 1.25")
        await type_keys(pilot, "lb")  # the unit field is focused, its text selected
        await wait_for(pilot, lambda: shows(app, "Bar (lb)"), "the lb inventory")
        assert shows(app, "45 35 25 10 5 2.5") and "(kg)" not in screen_text(app)
        await press_each(pilot, "enter", "enter")  # bar, plates
        await press_each(pilot, "enter")  # Enter in the last field: the next step
        await wait_for(pilot, lambda: shows(app, "step 2 of 3: Ready plans"), "the plans")
        # ticked and not read without colour (not Textual's X in every box)
        assert shows(app, f"▐✓▌ {SAMPLE_PLAN.name}", f"▐ ▌ {LEGS_FIRST_PLAN.name}", f"▐ ▌ {ALTERNATING_PLAN.name}")
        await press_each(pilot, "space", "down", "space", "down", "down", "space")  # sample off, legs first, alternating
        assert shows(app, "A heavy leg lift, then a back lift")  # the highlighted plan's notes
        assert shows(app, f"▐ ▌ {SAMPLE_PLAN.name}", f"▐✓▌ {LEGS_FIRST_PLAN.name}", f"▐✓▌ {ALTERNATING_PLAN.name}")
        await press_each(pilot, "ctrl+n")
        await wait_for(pilot, lambda: shows(app, "step 3 of 3: Your week"), "the week")
        assert shows(app, "Monday", "Thursday", "legs first", "alternating")
        await press_each(pilot, "enter", "down", "enter")  # 3 days a week
        await wait_for(pilot, lambda: shows(app, "Wednesday", "Friday"), "three days")
        # a mistake: two days on Monday is one line, nothing saved
        wd = app.screen.query_one("#w-wd-1")
        wd.value = 0
        await press_each(pilot, "ctrl+n")
        await wait_for(pilot, lambda: shows(app, "Two training days on Monday"), "the clash")
        assert _saved(migrated_db)[0].first_start == ""
        wd.value = 2
        await press_each(pilot, "ctrl+n")
        await wait_for(pilot, lambda: _wizard(app) is None, "the wizard to close")
        await wait_for(pilot, lambda: app.settings.first_start == "done", "the settings")
        assert app.settings.unit is Unit.LB
    settings, names, schedule, by_id = _saved(migrated_db)
    assert (settings.unit, settings.bar_lb, settings.plates_lb, settings.first_start) == (
        Unit.LB, 45.0, (45.0, 35.0, 25.0, 10.0, 5.0, 2.5), "done")
    assert names == [ALTERNATING_PLAN.name, LEGS_FIRST_PLAN.name]
    assert {wd: [by_id[p] for p in ids] for wd, ids in schedule.items()} == {
        0: [LEGS_FIRST_PLAN.name], 2: [ALTERNATING_PLAN.name], 4: [LEGS_FIRST_PLAN.name]}


async def test_esc_skips_for_good(migrated_db: Path, clock) -> None:
    from backlegs_tui.ui.app import BacklegsApp

    from .session_helpers import press_each, settle, wait_for
    from .ui_text import screen_text

    app = BacklegsApp(db_path=migrated_db, clock=clock, first_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: _wizard(app) is not None, "the wizard")
        await press_each(pilot, "ctrl+n")  # on to the plans, then skip from there
        await press_each(pilot, "escape")
        await wait_for(pilot, lambda: _wizard(app) is None, "the wizard to close")
        await settle(pilot)
    settings, names, schedule, _ = _saved(migrated_db)
    assert (settings.first_start, names, schedule, settings.unit) == ("skipped", [SAMPLE_PLAN.name], {}, Unit.KG)
    again = BacklegsApp(db_path=migrated_db, clock=clock, first_start=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: again.repo is not None, "the store")
        await settle(pilot)  # the check is a job: done when the jobs are
        assert _wizard(again) is None and "Welcome to backlegs" not in screen_text(again)


async def test_never_over_a_history_nor_unless_asked(migrated_db: Path, clock) -> None:
    from backlegs_tui.ui.app import BacklegsApp

    from .session_helpers import settle, wait_for
    from .ui_text import screen_text

    # the app not asked (tests, --demo, a file that existed): no wizard on an empty database
    app = BacklegsApp(db_path=migrated_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.repo is not None, "the store")
        await settle(pilot)
        assert _wizard(app) is None
    # asked, but the database holds a session (an imported history): no wizard either
    repo = Repository.open(migrated_db)
    repo.start_session(repo.plans()[0].id, datetime(2026, 11, 23, 18))
    repo.close()
    asked = BacklegsApp(db_path=migrated_db, clock=clock, first_start=True)
    async with asked.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: asked.repo is not None, "the store")
        await settle(pilot)
        assert not any(type(x).__name__ == "FirstStartWizard" for x in asked.screen_stack)
        assert "Welcome to backlegs" not in screen_text(asked)
    assert _saved(migrated_db)[0].first_start == ""


@pytest.mark.parametrize(("exists", "env", "asked"), [(False, "", True), (True, "", False), (False, "skip", False)])
@pytest.mark.usefixtures("in_a_terminal")
def test_the_cli_asks_only_for_a_database_file_it_creates(tmp_path: Path, monkeypatch, exists, env, asked) -> None:
    from backlegs_tui.cli.entry import main
    from backlegs_tui.ui.app import BacklegsApp

    seen = []
    monkeypatch.setattr(BacklegsApp, "run", lambda self, *a, **k: seen.append(self.first_start))
    monkeypatch.setenv("BACKLEGS_FIRST_START", env)
    db = tmp_path / "gym.db"
    if exists:
        Repository.open(db).close()
    assert main(["--db", str(db)]) == 0
    assert seen == [asked]


@pytest.mark.usefixtures("in_a_terminal")
def test_the_demo_is_never_asked(monkeypatch) -> None:
    from backlegs_tui.cli import entry
    from backlegs_tui.ui.app import BacklegsApp

    seen = []
    monkeypatch.setattr(BacklegsApp, "run", lambda self, *a, **k: seen.append(self.first_start))
    monkeypatch.setattr("backlegs_tui.store.demo.make_demo_db", lambda: Path("/nonexistent/demo.db"))
    assert entry.main(["--demo"]) == 0
    assert seen == [False]


def test_the_real_command_on_a_new_file_asks_once(tmp_path: Path) -> None:
    """`backlegs --db NEW` in a terminal: the wizard, Esc, the start panel; the second start
    goes straight to the start panel."""
    from .pty_app import PtyApp

    db = tmp_path / "new.db"
    app = PtyApp(["--db", str(db)], env={"BACKLEGS_FIRST_START": ""})
    app.wait_for("Welcome to backlegs")
    app.send("escape")
    app.wait_for("Skipped: Settings")
    assert app.quit() == 0  # the skip is written before the app ends
    assert _saved(db)[0].first_start == "skipped"
    again = PtyApp(["--db", str(db)], env={"BACKLEGS_FIRST_START": ""})
    again.wait_for("Enter: start")
    again.wait_for("Fatigue check")
    assert "Welcome to backlegs" not in again.text()
    assert again.quit() == 0


async def test_a_failed_save_is_one_line_and_the_answers_stay(migrated_db: Path, clock, monkeypatch) -> None:
    from backlegs_tui.ui import wizard
    from backlegs_tui.ui.app import BacklegsApp

    from .session_helpers import press_each, wait_for
    from .ui_text import shows

    def refuse(repo, answer):
        raise OSError("disk full")

    monkeypatch.setattr(wizard, "apply_first_start", refuse)
    app = BacklegsApp(db_path=migrated_db, clock=clock, first_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: _wizard(app) is not None, "the wizard")
        await press_each(pilot, "ctrl+n", "ctrl+n", "ctrl+n")
        await wait_for(pilot, lambda: shows(app, "Could not save the first-start answers"), "the failure")
        assert _wizard(app) is not None and shows(app, "step 3 of 3", "Monday", "Thursday")
    assert _saved(migrated_db)[0].first_start == ""


async def test_keys_typed_ahead_of_enter_in_the_wizard_go_to_the_next_field(migrated_db: Path, clock) -> None:
    """As in every form: `kg Enter 25` typed before the app has handled the first key puts
    25 in the bar field, not 'kg25' in the unit field."""
    from textual import events
    from textual.widgets import Input

    from backlegs_tui.ui.app import BacklegsApp

    from .session_helpers import wait_for

    app = BacklegsApp(db_path=migrated_db, clock=clock, first_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: _wizard(app) is not None and app.focused is not None, "the wizard")
        for key, char in [("k", "k"), ("g", "g"), ("enter", "\r"), ("2", "2"), ("5", "5")]:
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)  # no wait between keys, as a terminal sends them
        wizard = _wizard(app)
        await wait_for(pilot, lambda: wizard.query_one("#w-bar", Input).value == "25", "25 in the bar field")
        assert wizard.query_one("#w-unit", Input).value == "kg"
