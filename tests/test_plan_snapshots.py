"""Snapshots of Plan mode at 80x24 and 120x36 on fixed data and a fixed clock: the sample
plan on the schedule, a plan that fails its checks, the exercise catalogue, the form with
inline errors. Update with `--snapshot-update` and look at the SVGs before committing them."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.screens.plan_catalogue import CatalogueScreen
from backlegs_tui.ui.widgets.plan_exercise_form import ExerciseForm

import pytest

from .session_helpers import settle, wait_for
from .test_plan_screen import detail_title, ready, seed_plans

SIZE = (120, 36)
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])


def make_app(db_path: Path, clock) -> BacklegsApp:
    seed_plans(db_path, scheduled_on=(0, 3))
    return BacklegsApp(db_path=db_path, clock=clock, start_mode="plan")


async def loaded(pilot) -> None:
    await ready(pilot)
    await settle(pilot)


async def still_cursors(pilot) -> None:
    """No blinking cursor in a snapshot."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await settle(pilot)


@SIZES
def test_plan_sample_on_the_schedule(snap_compare, migrated_db: Path, clock, size) -> None:
    assert snap_compare(make_app(migrated_db, clock), terminal_size=size, run_before=loaded)


@SIZES
def test_plan_with_failing_checks(snap_compare, migrated_db: Path, clock, size) -> None:
    async def run_before(pilot) -> None:
        await loaded(pilot)
        await pilot.press("down")
        await wait_for(pilot, lambda: detail_title(pilot.app) == "Heavy legs", "Heavy legs")

    assert snap_compare(make_app(migrated_db, clock), terminal_size=size, run_before=run_before)


def test_plan_exercise_catalogue(snap_compare, migrated_db: Path, clock) -> None:
    async def run_before(pilot) -> None:
        await loaded(pilot)
        await pilot.press("e")
        app = pilot.app
        await wait_for(pilot, lambda: isinstance(app.screen, CatalogueScreen) and bool(app.screen.exercises), "the catalogue")

    assert snap_compare(make_app(migrated_db, clock), terminal_size=SIZE, run_before=run_before)


@SIZES
def test_plan_exercise_form_with_inline_errors(snap_compare, migrated_db: Path, clock, size) -> None:
    """At 80x24 too: the border, the selects' arrows and the keys on the border all show
    (finding 15, tester2); the fields scroll under the title."""
    async def run_before(pilot) -> None:
        await loaded(pilot)
        app = pilot.app
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, CatalogueScreen) and bool(app.screen.exercises), "the catalogue")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseForm), "the form")
        form = app.screen
        form.query_one("#field-name", Input).value = "Hack squat"
        form.query_one("#field-primary", Input).value = "quadz"
        form.query_one("#field-rest", Input).value = "ninety"
        await pilot.press("ctrl+s")
        await still_cursors(pilot)

    assert snap_compare(make_app(migrated_db, clock), terminal_size=size, run_before=run_before)


@SIZES
def test_plan_item_editor_over_the_checks(snap_compare, migrated_db: Path, clock, size) -> None:
    """Enter on an item: every field of it in one form, the plan and its checks behind."""

    async def run_before(pilot) -> None:
        await loaded(pilot)
        await pilot.press("down")
        await wait_for(pilot, lambda: detail_title(pilot.app) == "Heavy legs", "Heavy legs")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "enter")
        app = pilot.app
        await wait_for(pilot, lambda: bool(app.screen.query("#f-progression")), "the item form")
        await still_cursors(pilot)

    assert snap_compare(make_app(migrated_db, clock), terminal_size=size, run_before=run_before)
