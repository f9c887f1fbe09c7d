"""Plan mode driven by keys: pick a plan, put it on weekdays, clear a day, open the exercise
catalogue, add an exercise (a bad field answered inline), edit one (a duplicate name refused
inline), and go back; build a plan: copy one, add, move and remove exercises, delete it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from backlegs_tui.domain.catalogue import PlanDraft, PlanItemDraft
from backlegs_tui.domain.plan_checks import CheckStatus
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import ConfirmDialog, FormDialog, PickerDialog
from backlegs_tui.ui.screens.plan import PlanScreen
from backlegs_tui.ui.screens.plan_catalogue import CatalogueScreen
from backlegs_tui.ui.widgets.plan_exercise_form import ExerciseForm

from .session_helpers import settle, type_keys, wait_for

HEAVY = PlanDraft(
    name="Heavy legs",
    items=(
        PlanItemDraft("Barbell back squat", 3, 3, 5, 5, 8.0),
        PlanItemDraft("Conventional deadlift", 2, 2, 3, 3, 10.0),
        PlanItemDraft("Leg curl", 2, 2, 10, 12, 9.0),
    ),
)


def seed_plans(db_path: Path) -> None:
    repo = Repository.open(db_path)
    repo.add_plan(HEAVY)
    repo.close()


def plan_screen(app: BacklegsApp) -> PlanScreen:
    screen = app.screen_stack[0] if app.current_mode == "plan" else None
    assert isinstance(screen, PlanScreen)
    return screen


async def ready(pilot) -> PlanScreen:
    app = pilot.app
    await wait_for(pilot, lambda: app.repo is not None and plan_screen(app).view is not None, "the plans")
    return plan_screen(app)


async def test_navigate_plans_and_see_their_checks(db_path: Path, clock) -> None:
    seed_plans(db_path)
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        # plans are sorted by name: the article sample first, then Heavy legs
        assert screen.view.plan.name == "Back & Legs - article sample"
        assert all(c.status is not CheckStatus.WARN for c in screen.view.checks)
        await pilot.press("down")
        await wait_for(pilot, lambda: screen.view.plan.name == "Heavy legs", "the second plan")
        warned = {c.code for c in screen.view.checks if c.status is CheckStatus.WARN}
        assert warned == {"spinal", "failure"}
        items = screen.query_one("#plan-items", DataTable)
        assert items.row_count == 3
        assert items.get_row_at(1)[1] == "Conventional deadlift"
        text = str(screen.query_one("#plan-checks", Static).render())
        assert "Barbell back squat then Conventional deadlift: two heavy lumbar-loading lifts back to back" in text
        await pilot.press("up")
        await wait_for(pilot, lambda: screen.view.plan.name.startswith("Back & Legs"), "the first plan again")


async def test_digits_put_the_plan_on_weekdays_and_x_clears_a_day(db_path: Path, clock) -> None:
    seed_plans(db_path)
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        sample = screen.selected
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("4")
        await wait_for(pilot, lambda: screen.view.schedule == {0: [sample], 3: [sample]}, "Mon and Thu")
        # the checks now count two days a week
        assert any("x 2 days" in c.message for c in screen.view.checks)
        assert screen.query_one("#plans", DataTable).get_row_at(0)[1] == "M··T···"
        await pilot.press("down")
        await wait_for(pilot, lambda: screen.view.plan.name == "Heavy legs", "the second plan")
        await pilot.press("4")
        await wait_for(pilot, lambda: len(screen.view.schedule.get(3, [])) == 2, "two plans on Thursday")
        await pilot.press("4")  # again: takes it off
        await wait_for(pilot, lambda: screen.view.schedule.get(3) == [sample], "Heavy legs off Thursday")
        await pilot.press("x")  # the schedule cursor is on Thursday, the last day pressed
        await wait_for(pilot, lambda: screen.view.schedule == {0: [sample]}, "Thursday cleared")
    repo = Repository.open(db_path)
    assert repo.schedule() == {0: [sample]}
    repo.close()


async def test_catalogue_add_with_a_bad_field_then_fix_it(db_path: Path, clock) -> None:
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, CatalogueScreen) and bool(app.screen.exercises), "the catalogue")
        table = app.screen.query_one("#catalogue", DataTable)
        assert table.row_count == 23
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseForm), "the form")
        form = app.screen
        await type_keys(pilot, "Hack squat")
        await pilot.press("tab")
        await type_keys(pilot, "quadz")
        await pilot.press("enter")
        await settle(pilot)
        error = form.query_one("#error-primary", Static)
        assert error.display and "unknown muscle 'quadz'" in str(error.render())
        assert app.screen is form and app.focused is form.query_one("#field-primary")
        form.query_one("#field-primary", Input).value = "quads, glutes"
        form.query_one("#field-rest", Input).value = "2:30"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CatalogueScreen), "the form to close")
        await wait_for(pilot, lambda: any(e.name == "Hack squat" for e in app.screen.exercises), "the new exercise")
        row = table.get_row(str(next(e.id for e in app.screen.exercises if e.name == "Hack squat")))
        assert row[0] == "Hack squat" and row[5] == "2:30"
        assert table.cursor_row == table.get_row_index(str(next(e.id for e in app.screen.exercises if e.name == "Hack squat")))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen), "back to the plans")
    repo = Repository.open(db_path)
    hack = repo.exercise_by_name("hack squat")
    assert hack is not None and hack.primary == ("quads", "glutes") and hack.rest_s == 150
    repo.close()


async def test_catalogue_edit_refuses_a_duplicate_name_inline(db_path: Path, clock) -> None:
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, CatalogueScreen) and bool(app.screen.exercises), "the catalogue")
        catalogue = app.screen
        await pilot.press("enter")  # edit the first row: Barbell back squat
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseForm), "the form")
        form = app.screen
        name = form.query_one("#field-name", Input)
        assert name.value == "Barbell back squat"
        name.value = "leg extension"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: form.query_one("#error-name", Static).display, "the refusal")
        assert "already an exercise called 'Leg extension'" in str(form.query_one("#error-name", Static).render())
        name.value = "Back squat"
        form.query_one("#field-increment", Input).value = "5"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is catalogue, "the form to close")
        await wait_for(pilot, lambda: any(e.name == "Back squat" for e in catalogue.exercises), "the renamed exercise")
        # escape on a form cancels without saving
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseForm), "a new form")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is catalogue, "the form to close")
        assert len(catalogue.exercises) == 23
    repo = Repository.open(db_path)
    squat = repo.exercise_by_name("Back squat")
    assert squat is not None and squat.increment_kg == 5.0
    repo.close()


async def test_reload_and_help_list_the_plan_keys(db_path: Path, clock) -> None:
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert screen.view is not None and screen.view.plan is not None
        rows = app.help_rows()
        described = {what for where, _, what in rows if where == "Plan"}
        assert {"Put the plan on Monday / take it off", "Clear day", "Exercises", "Reload"} <= described


async def test_new_plan_from_a_copy_then_add_move_and_remove_exercises(db_path: Path, clock) -> None:
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerDialog), "the start-from picker")
        await pilot.press("down", "enter")  # copy of the sample
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "the name form")
        name = app.screen.query_one("#f-name", Input)
        assert name.value == "Back & Legs - article sample (copy)"
        name.value = "back & legs - ARTICLE sample"
        await pilot.press("enter")
        await settle(pilot)
        assert "already a plan called" in str(app.screen.query_one("#form-error", Static).render())
        name.value = "Legs first"
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.view.plan is not None and screen.view.plan.name == "Legs first", "the copy")
        assert len(screen.view.plan.items) == 6

        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerDialog), "the exercise picker")
        await type_keys(pilot, "leg curl")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "the targets form")
        app.screen.query_one("#f-sets", Input).value = "4-3"
        await pilot.press("enter", "enter", "enter")
        await settle(pilot)
        assert str(app.screen.query_one("#form-error", Static).render()) == "Sets: from 1 to 10, the low end first"
        app.screen.query_one("#f-sets", Input).value = "2-3"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(screen.view.plan.items) == 7, "the added exercise")
        assert screen.view.plan.items[-1].target_text == "2-3 x 8-12 @ RPE 8"

        items = screen.query_one("#plan-items", DataTable)
        items.focus()
        items.move_cursor(row=6)
        await pilot.press("shift+up")
        await wait_for(pilot, lambda: screen.view.plan.items[5].exercise_name == "Leg curl", "leg curl moved up")
        await pilot.press("shift+down")
        await wait_for(pilot, lambda: screen.view.plan.items[6].exercise_name == "Leg curl", "leg curl moved back")
        items.move_cursor(row=0)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the confirmation")
        await pilot.press("n")  # keep it
        await settle(pilot)
        assert len(screen.view.plan.items) == 7
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the confirmation")
        await pilot.press("y")
        await wait_for(pilot, lambda: len(screen.view.plan.items) == 6, "the squat removed")
        assert screen.view.plan.items[0].exercise_name == "Pull-up"


async def test_delete_plan_asks_first(db_path: Path, clock) -> None:
    seed_plans(db_path)
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("down")
        await wait_for(pilot, lambda: screen.view.plan.name == "Heavy legs", "Heavy legs")
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the confirmation")
        await pilot.press("y")
        await wait_for(pilot, lambda: [p.name for p in screen.view.plans] == ["Back & Legs - article sample"], "deleted")
        assert screen.view.plan is not None and screen.view.plan.name == "Back & Legs - article sample"


async def test_enter_goes_to_the_items_and_escape_back(db_path: Path, clock) -> None:
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        plans = screen.query_one("#plans", DataTable)
        items = screen.query_one("#plan-items", DataTable)
        assert app.focused is plans
        await pilot.press("enter")
        assert app.focused is items
        await pilot.press("down", "down", "shift+up")
        await wait_for(pilot, lambda: screen.view.plan.items[1].exercise_name == "Romanian deadlift", "RDL moved up")
        assert items.cursor_row == 1
        await pilot.press("escape")
        assert app.focused is plans
