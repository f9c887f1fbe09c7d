"""Fatigue sensitivity and the deload settings in the Settings dialog (ctrl+o): parsed with
one clear message, saved, and the header badge checked again."""

from __future__ import annotations

from pathlib import Path

import pytest

from backlegs_tui.domain.model import Settings
from backlegs_tui.domain.validation import InputError
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import FormDialog
from backlegs_tui.ui.settings_dialog import apply_settings, settings_dialog

from .session_helpers import press_each, type_keys, wait_for
from .test_fatigue_ui import fixed_fatigue
from .test_history_screen import ready, seed


def parser(key: str):
    return next(f for f in settings_dialog(Settings()).fields if f.key == key).parse


def test_the_form_shows_the_fatigue_settings_as_percentages() -> None:
    values = {f.key: f.value for f in settings_dialog(Settings()).fields}
    assert (values["fatigue_sensitivity"], values["deload_sets"], values["deload_load"]) == ("normal", "60", "90")


@pytest.mark.parametrize("text, value", [("high", "high"), (" Low ", "low"), ("normal", "normal")])
def test_sensitivity_is_low_normal_or_high(text: str, value: str) -> None:
    assert parser("fatigue_sensitivity")(text) == value


@pytest.mark.parametrize("key, text, value", [
    ("deload_sets", "60", 0.6), ("deload_sets", "50 %", 0.5), ("deload_sets", "0.7", 0.7),
    ("deload_load", "85", 0.85), ("deload_load", "100", 1.0),
])
def test_deload_shares_are_percentages(key: str, text: str, value: float) -> None:
    assert parser(key)(text) == value


@pytest.mark.parametrize("key, text, message", [
    ("fatigue_sensitivity", "extreme", "Fatigue sensitivity is low, normal or high"),
    ("deload_sets", "sixty", "Deload sets is a percentage from 20 to 100, e.g. 60"),
    ("deload_sets", "10", "Deload sets is a percentage from 20 to 100, e.g. 60"),
    ("deload_load", "120", "Deload load is a percentage from 50 to 100, e.g. 60"),
])
def test_a_bad_value_is_one_clear_line(key: str, text: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        parser(key)(text)
    assert str(err.value) == message


def test_apply_keeps_the_fatigue_settings() -> None:
    values = {"unit": Settings().unit, "bar": 20.0, "plates": (20.0,), "fatigue_sensitivity": "high",
              "deload_sets": 0.5, "deload_load": 0.85}
    new = apply_settings(Settings(), values)
    assert (new.fatigue_sensitivity, new.deload_sets, new.deload_load) == ("high", 0.5, 0.85)


async def test_saving_fatigue_settings_stores_them_and_checks_the_badge_again(db_path: Path, clock, monkeypatch) -> None:
    asked = fixed_fatigue(monkeypatch)
    seed(db_path, clock.now, weeks=1)
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: app.fatigue.report is not None, "the first check")
        checks = sum(1 for who, _ in asked if who == "badge")
        await press_each(pilot, "ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, FormDialog), "settings")
        await press_each(pilot, "enter", "enter", "enter")  # to the sensitivity
        await type_keys(pilot, "extreme")
        await press_each(pilot, "ctrl+s")
        assert str(app.screen.query_one("#form-error").render()) == "Fatigue sensitivity is low, normal or high"
        await press_each(pilot, *["backspace"] * 7)
        await type_keys(pilot, "high")
        await press_each(pilot, "enter")
        await type_keys(pilot, "45")
        await press_each(pilot, "ctrl+s")
        await wait_for(pilot, lambda: app.settings.fatigue_sensitivity == "high", "the saved settings")
        await wait_for(pilot, lambda: sum(1 for who, _ in asked if who == "badge") > checks, "a new check")
    repo = Repository.open(db_path)
    try:
        stored = repo.settings()
        assert (stored.fatigue_sensitivity, stored.deload_sets, stored.deload_load) == ("high", 0.45, 0.9)
    finally:
        repo.close()
