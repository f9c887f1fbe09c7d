"""Settings: switch to lb, type weights in lb, store kg; bad values answered inline."""

from __future__ import annotations

from backlegs_tui.domain.model import Unit
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import FormDialog

from .session_helpers import press_each, settle, start_sample_session, type_keys, wait_for


async def test_switch_to_pounds_and_log_in_pounds(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_sample_session(pilot)
        await press_each(pilot, "ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "settings")
        await type_keys(pilot, "stone")  # not a unit
        await press_each(pilot, *["enter"] * 6)  # through the six fields
        await settle(pilot)
        assert "Unit is kg or lb" in str(app.screen.query_one("#form-error").render())
        await press_each(pilot, *["backspace"] * 5)
        await type_keys(pilot, "pounds")
        await press_each(pilot, *["enter"] * 6)  # through the six fields
        await settle(pilot)
        assert app.settings.unit is Unit.LB
        assert screen.entry.unit == "lb"
        await press_each(pilot, "w")
        await type_keys(pilot, "225")
        assert "45 + 45 per side" in str(screen.query_one("#plates").render())
        await press_each(pilot, "enter")
        await settle(pilot)
        assert "225 lb x 5" in str(screen.query_one("#entry-msg").render())
    repo = Repository.open(db_path)
    state = repo.open_session()
    assert state is not None
    assert abs(state.sets[0].weight_kg - 102.058) < 0.01  # 225 lb, stored in kg
    assert repo.settings().unit is Unit.LB
    repo.close()


async def test_plate_inventory_is_validated(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_sample_session(pilot)
        await press_each(pilot, "ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "settings")
        await press_each(pilot, "enter", "enter")
        await press_each(pilot, *["backspace"] * 40)
        await type_keys(pilot, "20 ten")
        await press_each(pilot, "ctrl+s")
        await settle(pilot)
        assert "Each plate must be a number" in str(app.screen.query_one("#form-error").render())
        await press_each(pilot, *["backspace"] * 3)
        await type_keys(pilot, "15 10 5 2.5")
        await press_each(pilot, "ctrl+s")
        await settle(pilot)
        assert app.settings.plates_kg == (20, 15, 10, 5, 2.5)
