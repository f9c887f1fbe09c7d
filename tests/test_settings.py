"""Settings: switch to lb, type weights in lb, store kg; the labels and the bar follow the
unit typed; bad values answered inline. Checked on the screen and on disk."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Input

from backlegs_tui.domain.model import Settings, Unit
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import FormDialog
from backlegs_tui.ui.settings_dialog import apply_settings

from .session_helpers import press_each, settle, start_sample_session, type_keys, wait_for
from .ui_text import notes_of, screen_text, shows


def saved_settings(db_path: Path) -> Settings:
    repo = Repository.open(db_path)
    try:
        return repo.settings()
    finally:
        repo.close()


async def test_switch_to_pounds_and_log_in_pounds(migrated_db: Path, clock) -> None:
    app = BacklegsApp(db_path=migrated_db, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        notes = notes_of(app)
        await start_sample_session(pilot)
        await press_each(pilot, "ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "settings")
        await type_keys(pilot, "stone")  # not a unit
        await press_each(pilot, "ctrl+s")  # save from the first field
        await settle(pilot)
        assert shows(app, "Unit is kg or lb")
        await press_each(pilot, *["backspace"] * 5)
        await type_keys(pilot, "pounds")
        await settle(pilot)
        assert shows(app, "Bar (lb)", "Plates you own (lb)")  # the labels follow the unit typed
        assert "(kg)" not in screen_text(app)
        await press_each(pilot, "ctrl+s")  # save from the first field
        await wait_for(pilot, lambda: "Settings saved: weights in lb, bar 45 lb" in notes, "saved")
        await press_each(pilot, "w")
        await type_keys(pilot, "225")
        await settle(pilot)
        assert shows(app, "45 + 45 per side")
        await press_each(pilot, "enter")
        await wait_for(pilot, lambda: shows(app, "225 lb x 5"), "the set in pounds")
    repo = Repository.open(migrated_db)
    state = repo.open_session()
    assert state is not None
    assert abs(state.sets[0].weight_kg - 102.058) < 0.01  # 225 lb, stored in kg
    assert repo.settings().unit is Unit.LB
    repo.close()


async def test_plate_inventory_is_validated_and_labels_keep_apart(migrated_db: Path, clock) -> None:
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="plan")
    async with app.run_test(size=(80, 24)) as pilot:
        notes = notes_of(app)
        await wait_for(pilot, lambda: app.repo is not None, "the store")
        await press_each(pilot, "ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "settings")
        shown = screen_text(app)
        assert "Bar (kg)" in shown and "Plates you own (kg)" in shown
        # a label never runs into its value, even at 80 columns
        assert "(kg)20" not in shown and "(kg)25" not in shown
        plates = app.screen.query_one("#f-plates", Input)
        plates.value = "20 ten"
        await press_each(pilot, "ctrl+s")
        await settle(pilot)
        assert shows(app, "Each plate must be a number")
        plates.value = "20 15 10 5 2.5"
        await press_each(pilot, "ctrl+s")
        await wait_for(pilot, lambda: any(n.startswith("Settings saved: weights in kg") for n in notes), "saved")
    assert saved_settings(migrated_db).plates_kg == (20, 15, 10, 5, 2.5)


def test_bar_and_plates_are_stored_for_the_unit_chosen() -> None:
    s = replace(Settings(), unit=Unit.KG, bar_kg=20, bar_lb=45)
    new = apply_settings(s, {"unit": Unit.LB, "bar": 35.0, "plates": (45.0, 25.0)})
    assert (new.unit, new.bar_lb, new.plates_lb, new.bar_kg) == (Unit.LB, 35.0, (45.0, 25.0), 20)
    back = apply_settings(new, {"unit": Unit.KG, "bar": 15.0, "plates": (20.0,)})
    assert (back.unit, back.bar_kg, back.plates_kg, back.bar_lb) == (Unit.KG, 15.0, (20.0,), 35.0)
