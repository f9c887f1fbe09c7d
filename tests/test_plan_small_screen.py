"""Plan mode at 80x24 (issue 8 item 6, issue 10): what a lifter needs is on screen. The
item form's keys (how to save) stay visible while its fields scroll; the checks to fix
come first and the box says more lines are below; all seven days show with each day's
minutes; targets and rest are never cut, the alternatives are cut after a word with "…"."""

from __future__ import annotations

from pathlib import Path

from backlegs_tui.domain.plan_checks import CheckStatus, PlanCheck
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import FormDialog, PickerDialog
from backlegs_tui.ui.widgets.plan_checks_view import ordered
from backlegs_tui.ui.widgets.plan_fit import clip
from backlegs_tui.ui.widgets.plan_schedule import day_text

from .session_helpers import settle, wait_for
from .test_plan_screen import SAMPLE, detail_title, ready, seed_plans
from .ui_text import screen_text, shows

SMALL = (80, 24)


def make_app(db_path: Path, clock) -> BacklegsApp:
    seed_plans(db_path, scheduled_on=(0, 5))
    return BacklegsApp(db_path=db_path, clock=clock, start_mode="plan")


def test_clip_cuts_after_a_word_with_an_ellipsis() -> None:
    assert clip("Front squat, Goblet squat", 25) == "Front squat, Goblet squat"
    assert clip("Front squat, Goblet squat", 20) == "Front squat, Goblet…"
    assert clip("Front squat, Goblet squat", 16) == "Front squat…"
    assert clip("Supercalifragilistic", 6) == "Super…"  # one long word: cut inside it


def test_a_day_keeps_its_minutes_and_gives_the_name_way() -> None:
    assert day_text([], 30) == "rest"
    assert day_text([("Back & Legs - article sample", 81)], 40) == "Back & Legs - article sample ~81 min"
    assert day_text([("Back & Legs - article sample", 81)], 30) == "Back & Legs - article… ~81 min"
    two = day_text([("Back & Legs - article sample", 81), ("Heavy legs", 40)], 30)
    assert "~81m" in two and "~40m" in two and len(two) <= 30


def test_checks_to_fix_come_first() -> None:
    ok, note, warn = (PlanCheck(c, s, c) for c, s in (("a", CheckStatus.OK), ("b", CheckStatus.NOTE), ("c", CheckStatus.WARN)))
    assert ordered([ok, note, warn, ok]) == [warn, note, ok, ok]


async def test_the_item_form_keeps_its_keys_in_view_at_80x24(migrated_db: Path, clock) -> None:
    app = make_app(migrated_db, clock)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("enter", "enter")  # into the items, then open the first
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "the item form")
        await settle(pilot)
        assert shows(app, "Edit Barbell back squat", "Sets (3 or 3-4)", "ctrl+s: save   Esc: cancel")
        await pilot.press(*["enter"] * 7)  # to the last field, Notes: scrolled into view
        await settle(pilot)
        assert app.screen.focused is app.screen.query_one("#f-notes")
        assert shows(app, "Notes", "ctrl+s: save   Esc: cancel")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, FormDialog), "the form saved")


async def test_the_checks_to_fix_show_first_and_more_is_said(migrated_db: Path, clock) -> None:
    app = make_app(migrated_db, clock)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("down")
        await wait_for(pilot, lambda: detail_title(app) == "Heavy legs", "Heavy legs")
        text = screen_text(app)
        checks = text[text.index("Checks"):]
        first = checks.splitlines()[1]
        assert first.startswith("│ ! Barbell back squat then Conventional deadlift"), first
        assert "2 to fix · ↓" in checks and "more" in checks


async def test_the_week_and_the_plan_fit_80_columns(migrated_db: Path, clock) -> None:
    app = make_app(migrated_db, clock)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await settle(pilot)
        text = screen_text(app)
        for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
            assert f"│ {day}" in text, day
        assert text.count("~81 min") == 2  # Monday and Saturday, with their minutes
        assert "Week  1-7 · x clear · L deload" in text and "L de…" not in text
        assert "hams 10" in text  # the week's sets, compact, not cut
        # targets and rest whole; the alternatives cut after a word, with "…"
        for target, rest in (("3-4 x 5-8 @ RPE 8", "3:00"), ("2-3 x 10-15 @ RPE 8.5", "2:30"),
                             ("2-3 x 12-15 @ RPE 9", "1:00")):
            assert any(target in line and rest in line for line in text.splitlines()), target
        assert "Front squat, Goblet…" in text and "Goblet sq " not in text
        assert detail_title(app) == SAMPLE


async def test_the_exercise_picker_keeps_its_keys_in_view_at_80x24(migrated_db: Path, clock) -> None:
    app = make_app(migrated_db, clock)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("a")  # the whole catalogue to pick from: the list scrolls
        await wait_for(pilot, lambda: isinstance(app.screen, PickerDialog), "the exercise picker")
        await settle(pilot)
        assert shows(app, "Add which exercise?", "Enter: pick   Esc: cancel")
