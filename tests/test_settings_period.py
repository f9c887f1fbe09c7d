"""Settings (issue 10): the mesocycle's length and a deload week every N weeks, validated with
one line; at 80x24 the form scrolls and Tab reaches (and shows) every field."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from backlegs_tui.domain.model import Settings
from backlegs_tui.domain.validation import InputError
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.settings_dialog import (
    SettingsDialog,
    _deload_every,
    _mesocycle,
    apply_settings,
    check_period,
)

from .session_helpers import press_each, settle, wait_for
from .ui_text import screen_text, shows


@pytest.mark.parametrize(("text", "weeks"), [("5", 5), (" 1 ", 1), ("16", 16)])
def test_mesocycle_is_whole_weeks(text: str, weeks: int) -> None:
    assert _mesocycle(text) == weeks


@pytest.mark.parametrize("text", ["0", "17", "4.5", "five", "", "-3", "٣"])
def test_a_bad_mesocycle_is_one_line(text: str) -> None:
    with pytest.raises(InputError, match=r"^Mesocycle: a whole number of weeks from 1 to 16$"):
        _mesocycle(text)


@pytest.mark.parametrize(("text", "every"), [("0", 0), ("", 0), ("off", 0), ("4", 4), ("12", 12)])
def test_deload_every_is_off_or_whole_weeks(text: str, every: int) -> None:
    assert _deload_every(text) == every


@pytest.mark.parametrize("text", ["1", "13", "2.5", "weekly"])
def test_a_bad_deload_rhythm_is_one_line(text: str) -> None:
    with pytest.raises(InputError) as err:
        _deload_every(text)
    assert str(err.value) == "Deload every: 0 (on demand only) or 2 to 12 weeks"


def test_a_deload_rhythm_longer_than_the_mesocycle_is_named() -> None:
    assert check_period({"mesocycle_weeks": 5, "deload_every_weeks": 5}) is None
    assert check_period({"mesocycle_weeks": 5, "deload_every_weeks": 0}) is None
    assert check_period({"mesocycle_weeks": 4, "deload_every_weeks": 6}) == (
        "Deload every 6 weeks is past the 4-week mesocycle: 4 at most"
    )


def test_apply_keeps_the_period_settings() -> None:
    new = apply_settings(Settings(), {"unit": Settings().unit, "bar": 20.0, "plates": (20.0,), "mesocycle_weeks": 6,
                                      "deload_every_weeks": 6, "mesocycle_start": "2026-11-23"})
    assert (new.mesocycle_weeks, new.deload_every_weeks, new.mesocycle_start) == (6, 6, "2026-11-23")


def _visible(dialog: SettingsDialog, field: Input) -> bool:
    """The field lies inside the scrolling part of the form as it is drawn now."""
    box = dialog.query_one("#form-fields").region
    return field.region.height > 0 and box.contains_region(field.region)


async def test_at_80x24_tab_reaches_and_shows_every_field_and_the_period_is_saved(migrated_db: Path, clock) -> None:
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="plan")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.repo is not None, "the store")
        await press_each(pilot, "ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsDialog), "settings")
        dialog = app.screen
        assert isinstance(dialog, SettingsDialog)
        fields = list(dialog.query(Input))
        assert [f.id for f in fields][-2:] == ["f-mesocycle_weeks", "f-deload_every_weeks"]
        assert not _visible(dialog, fields[-1])  # too many fields for 24 rows: the form scrolls
        for field in fields[1:]:
            await press_each(pilot, "tab")
            await settle(pilot)
            assert app.focused is field, (app.focused, field.id)
            assert _visible(dialog, field), field.id
        assert shows(app, "Mesocycle: weeks", "Deload every N weeks")
        # a bad value: one line, the field keeps the focus, nothing saved
        fields[-1].value = "1"
        await press_each(pilot, "ctrl+s")
        await settle(pilot)
        assert shows(app, "Deload every: 0 (on demand only) or 2 to 12 weeks")
        fields[-2].value = "4"
        fields[-1].value = "5"
        await press_each(pilot, "ctrl+s")
        await settle(pilot)
        assert shows(app, "Deload every 5 weeks is past the 4-week mesocycle: 4 at most")
        assert app.focused is fields[-1] and _visible(dialog, fields[-1])
        # the first field is scrolled back into view when a message sends the focus there
        fields[0].value = "stone"
        await press_each(pilot, "ctrl+s")
        await settle(pilot)
        assert app.focused is fields[0] and _visible(dialog, fields[0])
        assert "Unit is kg or lb" in screen_text(app)
        fields[0].value = "kg"
        fields[-1].value = "4"
        await press_each(pilot, "ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, SettingsDialog), "the form to close")
        await wait_for(pilot, lambda: app.settings.deload_every_weeks == 4, "the settings saved")
    repo = Repository.open(migrated_db)
    try:
        saved = repo.settings()
    finally:
        repo.close()
    # the rhythm counts from this week's Monday (the fake clock: Tue 2026-11-24)
    assert (saved.mesocycle_weeks, saved.deload_every_weeks, saved.mesocycle_start) == (4, 4, "2026-11-23")
