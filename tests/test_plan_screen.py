"""Plan mode driven by keys: pick a plan, put it on weekdays, clear a day, open the exercise
catalogue, add an exercise (a bad field answered inline), edit one (a duplicate name refused
inline), and go back; build a plan: copy one, add, move and remove exercises, delete it.

What is checked is what the lifter sees (the screen's text) and what is on disk."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from backlegs_tui.domain.catalogue import CATALOGUE, PlanDraft, PlanItemDraft
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import ConfirmDialog, FormDialog, PickerDialog
from backlegs_tui.ui.screens.plan import PlanScreen
from backlegs_tui.ui.screens.plan_catalogue import CatalogueScreen
from backlegs_tui.ui.widgets.plan_exercise_form import ExerciseForm

from .session_helpers import settle, type_keys, wait_for
from .ui_text import notes_of, screen_text, shows


SAMPLE = "Back & Legs - article sample"
HEAVY = PlanDraft(
    name="Heavy legs",
    items=(
        PlanItemDraft("Barbell back squat", 3, 3, 5, 5, 8.0),
        PlanItemDraft("Conventional deadlift", 2, 2, 3, 3, 10.0),
        PlanItemDraft("Leg curl", 2, 2, 10, 12, 9.0),
    ),
)


def seed_plans(db_path: Path, scheduled_on: tuple[int, ...] = ()) -> None:
    """The heavy plan beside the sample; the sample on the weekdays `scheduled_on` (0: Monday)."""
    repo = Repository.open(db_path)
    repo.add_plan(HEAVY)
    sample = repo.plans()[0].id
    for day in scheduled_on:
        repo.set_schedule(day, [sample])
    repo.close()


def on_disk(db_path: Path):  # noqa: ANN201 - a Repository the caller closes
    return Repository.open(db_path)


def plan_items(db_path: Path, name: str) -> list[str]:
    repo = on_disk(db_path)
    try:
        plan = next(p for p in repo.plans() if p.name == name)
        return [it.exercise_name for it in repo.plan(plan.id).items]
    finally:
        repo.close()


def schedule(db_path: Path) -> dict[int, list[int]]:
    repo = on_disk(db_path)
    try:
        return repo.schedule()
    finally:
        repo.close()


def plan_screen(app: BacklegsApp) -> PlanScreen:
    screen = app.screen_stack[0] if app.current_mode == "plan" else None
    assert isinstance(screen, PlanScreen)
    return screen


def detail_title(app: BacklegsApp) -> str:
    """The selected plan's name, as its panel's title shows it."""
    found = plan_screen(app).query("#plan-detail")
    return str(found.first().border_title or "") if found else ""


async def ready(pilot) -> PlanScreen:
    """The store is open and the plans are on screen."""
    app = pilot.app
    await wait_for(pilot, lambda: app.repo is not None and detail_title(app) not in ("", "Plan"), "the plans")
    return plan_screen(app)


async def test_navigate_plans_and_see_their_checks(migrated_db: Path, clock) -> None:
    seed_plans(migrated_db)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        # plans are sorted by name: the article sample first, then Heavy legs
        assert detail_title(app) == SAMPLE
        assert "⚠" not in screen_text(app).split("Checks")[1]
        await pilot.press("down")
        await wait_for(pilot, lambda: detail_title(app) == "Heavy legs", "the second plan")
        text = screen_text(app)
        assert "Conventional deadlift" in text and "2 x 3 @ RPE 10" in text
        assert "2 to fix" in text  # spinal order and a compound to failure
        assert "Barbell back squat then Conventional deadlift:" in text
        await pilot.press("up")
        await wait_for(pilot, lambda: detail_title(app) == SAMPLE, "the first plan again")


async def test_digits_put_the_plan_on_weekdays_and_x_clears_a_day(migrated_db: Path, clock) -> None:
    seed_plans(migrated_db)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("4")
        await wait_for(pilot, lambda: shows(app, "M··T···"), "Mon and Thu in the plans list")
        # the week shows it, and the checks now count two days a week
        assert shows(app, f"Mon●  {SAMPLE}", f"Thu●  {SAMPLE}", "at least 48 h apart: closest 72 h")
        await pilot.press("down")
        await wait_for(pilot, lambda: detail_title(app) == "Heavy legs", "the second plan")
        await pilot.press("4")
        await wait_for(pilot, lambda: len(schedule(migrated_db).get(3, [])) == 2, "two plans on Thursday")
        # two heavy plans on one day, each with its minutes (the names give way)
        assert shows(app, "Thu●  Back & Legs", "~81m, Heavy legs ~20m", "on the same day as")
        await pilot.press("4")  # again: takes it off
        await wait_for(pilot, lambda: shows(app, f"Thu   {SAMPLE}"), "Heavy legs off Thursday")
        seen = notes_of(app)
        # the schedule cursor is on Thursday, the last day pressed; from the plans list x asks
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "x asks from the plans list")
        assert shows(app, f"Clear Thursday ({SAMPLE})?")
        await pilot.press("n")
        await settle(pilot)
        assert len(schedule(migrated_db)[3]) == 1 and not seen  # nothing cleared, nothing said
        await pilot.press("x", "y")
        await wait_for(pilot, lambda: shows(app, "Thu   rest"), "Thursday cleared")
        assert seen == [f"Thursday cleared: {SAMPLE} taken off (now a rest day)"]
        # with the week focused x clears the day under its cursor at once, and says so
        plan_screen(app).query_one("#week").focus()
        await pilot.press("up", "up", "up", "x")
        await wait_for(pilot, lambda: shows(app, "Mon   rest"), "Monday cleared")
        assert not isinstance(app.screen, ConfirmDialog)
        assert seen[-1] == f"Monday cleared: {SAMPLE} taken off (now a rest day)"
        await pilot.press("x")
        await wait_for(pilot, lambda: len(seen) == 3, "a word on a rest day")
        assert seen[-1] == "Monday is a rest day already: nothing to clear"
    assert schedule(migrated_db) == {}


async def test_catalogue_add_and_edit_with_inline_errors(migrated_db: Path, clock) -> None:
    """Add an exercise with a bad field then fix it; edit one to a duplicate name (refused
    under the name), then to a new name; Esc on a form saves nothing."""
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        known = len(CATALOGUE)  # a fresh database holds the catalogue
        await pilot.press("e")
        await wait_for(pilot, lambda: shows(app, f"{known} exercises"), "the catalogue")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseForm), "the form")
        form = app.screen
        await type_keys(pilot, "Zercher squat")
        await pilot.press("tab")
        await type_keys(pilot, "quadz")
        await pilot.press("enter")
        await settle(pilot)
        assert shows(app, "unknown muscle 'quadz'")
        assert app.screen is form and app.focused is form.query_one("#field-primary")
        form.query_one("#field-primary", Input).value = "quads, glutes"
        form.query_one("#field-rest", Input).value = "2:30"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CatalogueScreen) and shows(app, f"{known + 1} exercises"), "saved")
        table = app.screen.query_one("#catalogue", DataTable)
        row = table.get_row_at(table.cursor_row)  # the cursor is on the new exercise
        assert row[0] == "Zercher squat" and row[5] == "2:30"

        names = [table.get_row_at(i)[0] for i in range(table.row_count)]
        table.move_cursor(row=names.index("Barbell back squat"))
        await pilot.press("enter")  # edit the squat
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseForm), "the edit form")
        form = app.screen
        name = form.query_one("#field-name", Input)
        assert name.value == "Barbell back squat"
        name.value = "leg extension"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: shows(app, "already an exercise called 'Leg extension'"), "the refusal")
        name.value = "Back squat"
        form.query_one("#field-increment", Input).value = "5"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CatalogueScreen) and shows(app, "Back squat"), "renamed")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseForm), "a new form")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CatalogueScreen), "the form to close")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen), "back to the plans")
    repo = on_disk(migrated_db)
    hack = repo.exercise_by_name("zercher squat")
    assert hack is not None and hack.primary == ("quads", "glutes") and hack.rest_s == 150
    squat = repo.exercise_by_name("Back squat")
    assert squat is not None and squat.increment_kg == 5.0
    assert len(repo.exercises()) == len(CATALOGUE) + 1
    repo.close()


async def test_reload_and_help_list_the_plan_keys(migrated_db: Path, clock) -> None:
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: shows(app, "What it does"), "the help")
        text = screen_text(app)
        for line in ("Put the plan on Monday / take it off", "Clear day", "Exercises", "Reload",
                     "Add exercise", "shift+↑", "Esc"):
            assert line in text, line
        await pilot.press("pagedown", "pagedown")  # the app's keys, at the bottom
        await settle(pilot)
        text += screen_text(app)
        for line in ("Previous mode", "ctrl+←", "ctrl+o", "Command palette"):
            assert line in text, line
        assert "left_square_bracket" not in text and "pagedown" not in text and "question_mark" not in text


async def test_new_plan_from_a_copy_then_add_move_and_remove_exercises(migrated_db: Path, clock) -> None:
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerDialog), "the start-from picker")
        await pilot.press("down", "enter")  # copy of the sample
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "the name form")
        name = app.screen.query_one("#f-name", Input)
        assert name.value == f"{SAMPLE} (copy)"
        name.value = "back & legs - ARTICLE sample"
        await pilot.press("enter")
        await settle(pilot)
        assert shows(app, "already a plan called")
        assert name.placeholder == "e.g. Legs heavy"  # an empty name field shows where to type
        name.value = "Legs first"
        await settle(pilot)
        assert not shows(app, "already a plan called")  # the error goes as the name is typed
        await pilot.press("enter")
        await wait_for(pilot, lambda: detail_title(app) == "Legs first", "the copy")
        assert len(plan_items(migrated_db, "Legs first")) == 6

        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerDialog), "the exercise picker")
        await type_keys(pilot, "leg curl")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "the targets form")
        app.screen.query_one("#f-sets", Input).value = "4-3"
        await pilot.press("enter", "enter", "enter")
        await settle(pilot)
        assert shows(app, "Sets: from 1 to 10, the low end first")
        app.screen.query_one("#f-sets", Input).value = "2-3"
        # the target as the Edit form takes it: an RPE or reps in reserve
        assert app.screen.query_one("#f-effort", Input).value == "RPE 8"
        app.screen.query_one("#f-effort", Input).value = "2 RIR"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: shows(app, "G  Leg curl"), "the added exercise")
        assert shows(app, "2-3 x 8-12 @ 2 RIR")

        items = screen.query_one("#plan-items", DataTable)
        items.focus()
        items.move_cursor(row=6)
        await pilot.press("shift+up")
        await wait_for(pilot, lambda: shows(app, "F  Leg curl"), "leg curl moved up")
        await pilot.press("shift+down")
        await wait_for(pilot, lambda: shows(app, "G  Leg curl"), "leg curl moved back")
        items.move_cursor(row=0)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the confirmation")
        await pilot.press("n")  # keep it
        await settle(pilot)
        assert len(plan_items(migrated_db, "Legs first")) == 7
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the confirmation")
        await pilot.press("y")
        await wait_for(pilot, lambda: shows(app, "A  Pull-up"), "the squat removed")
    assert plan_items(migrated_db, "Legs first") == [
        "Pull-up", "Romanian deadlift", "Chest-supported row", "Leg press", "Face pull", "Leg curl",
    ]


async def test_delete_plan_asks_first(migrated_db: Path, clock) -> None:
    seed_plans(migrated_db)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("down")
        await wait_for(pilot, lambda: detail_title(app) == "Heavy legs", "Heavy legs")
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the confirmation")
        await pilot.press("y")
        await wait_for(pilot, lambda: detail_title(app) == SAMPLE, "the sample shown")
        assert "Heavy legs" not in screen_text(app)
    repo = on_disk(migrated_db)
    assert [p.name for p in repo.plans()] == [SAMPLE]
    repo.close()


async def test_enter_goes_to_the_items_and_escape_back(migrated_db: Path, clock) -> None:
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        plans = screen.query_one("#plans", DataTable)
        items = screen.query_one("#plan-items", DataTable)
        assert app.focused is plans
        await pilot.press("enter")
        assert app.focused is items
        await pilot.press("down", "down", "shift+up")
        await wait_for(pilot, lambda: shows(app, "B  Romanian deadlift"), "RDL moved up")
        assert items.cursor_row == 1
        await pilot.press("escape")
        assert app.focused is plans
    assert plan_items(migrated_db, SAMPLE)[:3] == ["Barbell back squat", "Romanian deadlift", "Pull-up"]
