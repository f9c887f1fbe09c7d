"""Checks on what the lifter types in the Session's dialogs (tester2 #7, #11): RPE and RIR
given together must agree (the set edit form, shared with History's, and LiveSession.edit);
a body weight out of range keeps its dialog open with the error inline. The rules headless;
the dialogs with the Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest

from backlegs_tui.domain.model import SetType, Unit
from backlegs_tui.domain.validation import InputError, check_effort, parse_body_weight
from backlegs_tui.services.live_session import EntryInput, LiveSession, start_session
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import FormDialog

from .session_helpers import log_set, press_each, settle, start_sample_session, type_keys

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test's `db_path` starts as a copy of the migrated template."""


# ---- headless: the rules ----------------------------------------------------------------------


@pytest.mark.parametrize(("rpe", "rir"), [(9, 1), (9.5, 1), (8.5, 1), (10, 0), (None, 2), (9, None), (None, None)])
def test_rpe_and_rir_that_agree_or_stand_alone_pass(rpe, rir) -> None:
    check_effort(rpe, rir)


@pytest.mark.parametrize(("rpe", "rir"), [(9, 2), (7, 0), (10, 1)])
def test_rpe_and_rir_that_disagree_are_one_error_naming_both(rpe, rir) -> None:
    with pytest.raises(InputError) as err:
        check_effort(rpe, rir)
    text = str(err.value)
    assert f"RPE {rpe:g}" in text and f"RIR {rir:g}" in text and "\n" not in text


def test_editing_a_set_to_a_contradiction_saves_nothing(repo: Repository, clock) -> None:
    live = LiveSession(start_session(repo, repo.plans()[0].id, clock()), repo.settings(), clock)
    live.commit(repo, live.toggle_warmups())
    live.commit(repo, live.enter(EntryInput("100", "5", "", False, SetType.WORKING)))
    s = live.state.sets[-1]
    values = {"weight": 100.0, "reps": 5, "rpe": 9.0, "rir": 2.0, "type": SetType.WORKING, "notes": ""}
    out = live.edit(s, values)
    assert out.error and out.write is None and "RPE 9 and RIR 2" in out.message
    assert live.edit(s, {**values, "rir": 1.0}).write is not None


def test_a_body_weight_out_of_range_is_refused_in_the_lifters_unit() -> None:
    with pytest.raises(InputError, match="Body weight 8 kg is not from 20 to 400 kg"):
        parse_body_weight("8", Unit.KG)
    with pytest.raises(InputError, match="Body weight 30 lb is not from 44 to 882 lb"):
        parse_body_weight("30", Unit.LB)
    assert parse_body_weight("82.5", Unit.KG) == 82.5


# ---- the dialogs ------------------------------------------------------------------------------


async def test_the_dialogs_keep_a_bad_value_with_its_error_inline(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_sample_session(pilot)
        await log_set(pilot, "100")
        await press_each(pilot, "e", "enter")  # the newest set
        assert isinstance(app.screen, FormDialog)
        form = app.screen
        form.query_one("#f-rpe").value = "9"
        form.query_one("#f-rir").value = "2"
        await press_each(pilot, "ctrl+s")
        assert app.screen is form, "a contradiction keeps the form open"
        assert "RPE 9 and RIR 2 disagree" in str(form.query_one("#form-error").render())
        await press_each(pilot, "escape")
        await settle(pilot)
        assert screen.live.state.sets[-1].rir is None

        await press_each(pilot, "b")
        assert isinstance(app.screen, FormDialog)
        form = app.screen
        form.query_one("#f-kg").value = ""
        await type_keys(pilot, "8")
        await press_each(pilot, "enter")
        assert app.screen is form, "a body weight out of range keeps the dialog open"
        assert "Body weight 8 kg is not from 20 to 400 kg" in str(form.query_one("#form-error").render())
