"""Plan mode (issue 10): L starts a deload week on demand (and takes it back), R adds the ready
plans once. Checked on the screen and in the database."""

from __future__ import annotations

from pathlib import Path

from backlegs_tui.domain.catalogue import READY_PLANS
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import ConfirmDialog

from .session_helpers import press_each, settle, wait_for
from .test_plan_screen import plan_screen, ready, seed_plans
from .ui_text import notes_of, screen_text, shows


def _on_disk(db: Path):  # noqa: ANN202
    repo = Repository.open(db)
    try:
        return repo.settings(), [p.name for p in repo.plans()]
    finally:
        repo.close()


def _week_title(app: BacklegsApp) -> str:
    from backlegs_tui.ui.widgets.plan_schedule import WeekSchedule

    return str(plan_screen(app).query_one(WeekSchedule).border_title or "")


def _week_subtitle(app: BacklegsApp) -> str:
    from backlegs_tui.ui.widgets.plan_schedule import WeekSchedule

    return str(plan_screen(app).query_one(WeekSchedule).border_subtitle or "")


async def test_l_starts_a_deload_week_this_week_and_takes_it_back(migrated_db: Path, clock) -> None:
    """One line says what L changed (not "Settings saved: weights in kg"), and the week's
    minutes and sets are the deload's while it lasts (finding 19, tester2)."""
    seed_plans(migrated_db, scheduled_on=(0,))
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        notes = notes_of(app)
        await ready(pilot)
        assert "DELOAD" not in screen_text(app)
        assert shows(app, "~81 min") and _week_subtitle(app) == "sets/wk back 8 quads 7 hams 5 glutes 5"
        await press_each(pilot, "L")
        await wait_for(pilot, lambda: "DELOAD WEEK" in _week_title(app), "the deload week")
        await wait_for(pilot, lambda: shows(app, "~54 min"), "the deload's minutes")
        assert notes == ["Deload week on: about 60 % of the sets at 90 % of the load (the week's minutes and sets show it)"]
        assert _week_subtitle(app) == "deload sets back 5 quad 4 hams 3 glut 3"
        # the fake clock's Tuesday 2026-11-24: the week of Monday 23rd, the mesocycle's first
        assert shows(app, "Week 1 of 5", "DELOAD WEEK")
        settings, _ = _on_disk(migrated_db)
        assert (settings.deload_week, settings.mesocycle_start) == ("2026-11-23", "2026-11-23")
        await press_each(pilot, "L")
        await wait_for(pilot, lambda: "DELOAD" not in _week_title(app), "the deload week taken back")
        await wait_for(pilot, lambda: shows(app, "~81 min"), "the plan's own minutes")
        assert notes[1:] == ["Deload week off: the week shows the plans' own sets and minutes again"]
        assert "DELOAD" not in screen_text(app) and shows(app, "Week 1 of 5")
    settings, _ = _on_disk(migrated_db)
    assert (settings.deload_week, settings.mesocycle_start) == ("", "2026-11-23")


async def test_r_adds_the_ready_plans_once(migrated_db: Path, clock) -> None:
    repo = Repository.open(migrated_db)
    repo.new_plan("Back & Legs - back first")  # the lifter's own of that name is kept
    repo.close()
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        notes = notes_of(app)
        await ready(pilot)
        assert not shows(app, "Back & Legs - legs first") and not shows(app, "Back & Legs - alternating")
        await press_each(pilot, "R")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        assert shows(app, "Add the ready plans?", "Legs first, back first, alternating")
        await press_each(pilot, "y")
        await wait_for(pilot, lambda: any(n.startswith("Added ") for n in notes), "the plans added")
        assert "Added Back & Legs - legs first, Back & Legs - alternating" in notes
        await wait_for(pilot, lambda: shows(app, "Back & Legs - legs first", "Back & Legs - alternating"), "the list")
        _, names = _on_disk(migrated_db)
        assert sorted(names) == sorted(p.name for p in READY_PLANS)
        # again: nothing added, nothing doubled
        await press_each(pilot, "R")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question again")
        await press_each(pilot, "y")
        await wait_for(pilot, lambda: any(n.startswith("Every ready plan is here") for n in notes), "the answer")
        await settle(pilot)
        assert "(2)" not in screen_text(app)
    _, again = _on_disk(migrated_db)
    assert sorted(again) == sorted(names)
    repo = Repository.open(migrated_db)
    try:
        assert repo.plan(repo.plan_id_by_name("Back & Legs - back first")).items == ()  # the lifter's, untouched
    finally:
        repo.close()
