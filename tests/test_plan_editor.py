"""The plan editor (issue 10), keyboard only: Enter on an item opens every field of it;
`p` renames the plan and writes its warm-up, cool-down and time budget; `c` copies it;
`D` deletes it after a confirmation. What is checked is the screen and what is on disk."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import ConfirmDialog, FormDialog

from .session_helpers import settle, wait_for
from .test_plan_screen import SAMPLE, detail_title, ready, seed_plans
from .ui_text import shows


def _plan(db: Path, name: str):  # noqa: ANN202
    repo = Repository.open(db)
    try:
        pid = repo.plan_id_by_name(name)
        return None if pid is None else repo.plan(pid)
    finally:
        repo.close()


async def _form(pilot, title: str) -> FormDialog:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, FormDialog) and app.screen.title_text.startswith(title), title)
    return app.screen


async def test_enter_on_an_item_edits_every_field(migrated_db: Path, clock) -> None:
    seed_plans(migrated_db)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("down")
        await wait_for(pilot, lambda: detail_title(app) == "Heavy legs", "Heavy legs")
        await pilot.press("enter")  # to the items
        await settle(pilot)
        await pilot.press("down", "enter")  # the deadlift
        form = await _form(pilot, "Edit Conventional deadlift")
        values = {"sets": "3-4", "reps": "3-5", "effort": "2 rir", "rest": "3:30", "alternatives": "romanian deadlift",
                  "superset": "", "progression": "topset 85", "notes": "belt on"}
        form.query_one("#f-rest", Input).value = "3:75"  # a bad rest is refused inline
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: shows(app, "Rest: m:ss"), "the refusal")
        for key, value in values.items():
            form.query_one(f"#f-{key}", Input).value = value
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: shows(app, "3-4 x 3-5 @ 2 RIR · topset 85"), "the edited item")
        assert shows(app, "3:30", "Roma", "belt on")  # the alternative gives way to the target
    item = _plan(migrated_db, "Heavy legs").items[1]
    assert (item.sets_min, item.sets_max, item.reps_min, item.reps_max) == (3, 4, 3, 5)
    assert (item.target_rpe, item.target_rir, item.rest_s, item.progression) == (None, 2.0, 210, "topset 85")
    assert item.notes == "belt on" and len(item.alternative_ids) == 1


async def test_rename_warmup_copy_and_delete_a_plan(migrated_db: Path, clock) -> None:
    seed_plans(migrated_db)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="plan")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("down")
        await wait_for(pilot, lambda: detail_title(app) == "Heavy legs", "Heavy legs")
        await pilot.press("p")
        form = await _form(pilot, "Plan Heavy legs")
        form.query_one("#f-name", Input).value = SAMPLE.upper()  # taken: refused inline
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: shows(app, "There is already a plan called"), "the refusal")
        for key, value in {"name": "Heavy lower", "warmup": "bike; leg swings", "warmup_min": "10",
                           "cooldown": "hamstring stretch", "cooldown_min": "5", "time_budget_min": "60"}.items():
            form.query_one(f"#f-{key}", Input).value = value
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: detail_title(app) == "Heavy lower", "renamed")
        assert shows(app, "Warm-up (10 min)  bike; leg swings", "Cool-down (5 min)  hamstring stretch", "60 min")
        await pilot.press("c")
        await wait_for(pilot, lambda: detail_title(app) == "Heavy lower (2)", "the copy")
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the confirmation")
        await pilot.press("escape")  # no: kept
        await settle(pilot)
        assert _plan(migrated_db, "Heavy lower (2)") is not None
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the confirmation")
        await pilot.press("y")
        await wait_for(pilot, lambda: _plan(migrated_db, "Heavy lower (2)") is None, "deleted")
    plan = _plan(migrated_db, "Heavy lower")
    assert (plan.warmup, plan.warmup_min, plan.cooldown_min, plan.time_budget_min) == ("bike; leg swings", 10, 5, 60)
    assert len(plan.items) == 3
