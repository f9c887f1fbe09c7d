"""Round 3, findings 4 and 11: the wizard's week step shows the Plan screen's 48 h check as
the days are chosen (Finish still allowed, and the line says so); step 1's error line goes as
a field is typed in again."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from backlegs_tui.domain.catalogue import READY_PLANS, SAMPLE_PLAN
from backlegs_tui.domain.plan_checks import CheckStatus, all_checks
from backlegs_tui.services.first_start import schedule_warning
from backlegs_tui.store.repository import Repository


def _wizard(app):
    from backlegs_tui.ui.wizard import FirstStartWizard

    return app.screen if isinstance(app.screen, FirstStartWizard) else None


def _error(app) -> str:
    from textual.widgets import Static

    return str(app.screen.query_one("#wizard-error", Static).content)


def _note(app) -> str:
    from textual.widgets import Static

    return str(app.screen.query_one("#w-week-note", Static).content)


def test_the_wizard_line_agrees_with_the_plan_screens_check(migrated_db: Path) -> None:
    """Every week of 2 or 3 days (one plan, or two in turn): a line exactly when the Plan
    screen's checks (plan_checks.all_checks on the stored plans and exercises, as Plan mode
    and `plan check` run it) warn of a gap under 48 h."""
    repo = Repository.open(migrated_db)
    try:
        repo.add_ready_plans()
        ids = {p.name: p.id for p in repo.plans()}
        plans = {pid: repo.plan(pid) for pid in ids.values()}
        exercises = {e.id: e for e in repo.exercises()}
        settings = repo.settings()
    finally:
        repo.close()
    weeks = [list(days) for n in (2, 3) for days in combinations(range(7), n)]
    seen = {True: 0, False: 0}
    for days in weeks:
        for a, b in [(a, b) for a in READY_PLANS for b in READY_PLANS][:: 3 if len(days) == 3 else 1]:
            schedule = [(wd, (a, b)[i % 2].name) for i, wd in enumerate(days)]
            week = {wd: [ids[name]] for wd, name in schedule}
            warned = any(c.code == "spinal-48h" and c.status is CheckStatus.WARN
                         for name in {n for _, n in schedule}
                         for c in all_checks(plans[ids[name]], exercises, settings.landmarks, week, plans,
                                             settings.default_rest_s))
            line = schedule_warning(schedule)
            assert (line is not None) == warned, (schedule, line)
            seen[warned] += 1
    assert seen[True] and seen[False]


def test_the_line_names_the_days_and_says_finish_keeps_it() -> None:
    line = schedule_warning([(0, SAMPLE_PLAN.name), (6, SAMPLE_PLAN.name)])
    assert line == "! Sun to Mon is only 24 h, under 48 h. Finish keeps it (your choice)"
    assert len(line) <= 72  # one line in the wizard's box at 80x24
    assert schedule_warning([(0, SAMPLE_PLAN.name), (2, SAMPLE_PLAN.name), (4, SAMPLE_PLAN.name)]) is None
    assert schedule_warning([(0, SAMPLE_PLAN.name), (1, SAMPLE_PLAN.name), (2, SAMPLE_PLAN.name)]) == (
        "! Under 48 h: Mon to Tue, Tue to Wed. Finish keeps it (your choice)")


async def test_week_step_shows_the_48h_conflict_as_the_days_are_chosen(migrated_db: Path, clock) -> None:
    from backlegs_tui.ui.app import BacklegsApp

    from .session_helpers import press_each, wait_for
    from .ui_text import shows

    app = BacklegsApp(db_path=migrated_db, clock=clock, first_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: _wizard(app) is not None, "the wizard")
        await press_each(pilot, "ctrl+n", "ctrl+n")
        await wait_for(pilot, lambda: shows(app, "step 3 of 3: Your week"), "the week")
        await press_each(pilot, "enter", "down", "enter")  # 3 days: Mon, Wed, Fri
        await wait_for(pilot, lambda: shows(app, "Wednesday", "Friday"), "three days")
        assert _note(app) == ""  # the offered days keep 48 h
        app.screen.query_one("#w-wd-2").value = 6  # day 3 on Sunday: Sunday to Monday is a day
        line = "! Sun to Mon is only 24 h, under 48 h. Finish keeps it (your choice)"
        await wait_for(pilot, lambda: shows(app, line), "the 48 h line")
        app.screen.query_one("#w-wd-2").value = 4  # back to Friday: the line goes
        await wait_for(pilot, lambda: _note(app) == "", "the line to go")
        app.screen.query_one("#w-wd-2").value = 6
        await wait_for(pilot, lambda: shows(app, line), "the 48 h line again")
        await press_each(pilot, "ctrl+n")  # Finish: the lifter's choice, saved
        await wait_for(pilot, lambda: _wizard(app) is None, "the wizard to close")
        await wait_for(pilot, lambda: app.settings.first_start == "done", "the settings")
    repo = Repository.open(migrated_db)
    try:
        assert sorted(repo.schedule()) == [0, 2, 6]
    finally:
        repo.close()


async def test_two_days_on_one_weekday_shows_as_chosen_and_goes(migrated_db: Path, clock) -> None:
    from backlegs_tui.ui.app import BacklegsApp

    from .session_helpers import press_each, wait_for
    from .ui_text import shows

    app = BacklegsApp(db_path=migrated_db, clock=clock, first_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: _wizard(app) is not None, "the wizard")
        await press_each(pilot, "ctrl+n", "ctrl+n")
        await wait_for(pilot, lambda: shows(app, "step 3 of 3: Your week"), "the week")
        app.screen.query_one("#w-wd-1").value = 0  # Monday twice
        await wait_for(pilot, lambda: _error(app).startswith("Two training days on Monday"), "the clash")
        assert _note(app) == ""  # one line, not the same thing twice
        app.screen.query_one("#w-wd-1").value = 3
        await wait_for(pilot, lambda: _error(app) == "", "the clash to go")
        app.screen.query_one("#w-wd-1").value = 0
        await wait_for(pilot, lambda: _error(app).startswith("Two training days"), "the clash again")
        app.screen.query_one("#w-days").value = 0  # no schedule: nothing clashes
        await wait_for(pilot, lambda: _error(app) == "" and shows(app, "No schedule"), "no schedule")


@pytest.mark.parametrize("field, bad, good", [("#w-unit", "stone", "lb"), ("#w-bar", "heavy", "20")])
async def test_step_one_error_goes_as_the_field_is_typed_in_again(
    migrated_db: Path, clock, field: str, bad: str, good: str
) -> None:
    from textual.widgets import Input

    from backlegs_tui.ui.app import BacklegsApp

    from .session_helpers import press_each, type_keys, wait_for

    app = BacklegsApp(db_path=migrated_db, clock=clock, first_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: _wizard(app) is not None, "the wizard")
        app.screen.query_one(field, Input).focus()
        await pilot.pause()
        await press_each(pilot, "ctrl+a", "ctrl+k")
        await type_keys(pilot, bad)
        await press_each(pilot, "ctrl+n")
        await wait_for(pilot, lambda: _error(app) != "", "the error line")
        assert app.screen.focused is app.screen.query_one(field, Input)
        await press_each(pilot, "ctrl+a", "ctrl+k")
        await type_keys(pilot, good)
        await press_each(pilot, "tab")
        await wait_for(pilot, lambda: _error(app) == "", "the error line to go")
        assert "step 1 of 3" in str(app.screen.query_one("#wizard-title").content)
