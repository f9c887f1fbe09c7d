"""Checks on what the lifter types in the Session (tester2 #6, #7, #11): a load far above the
lift's history waits for a second Enter; RPE and RIR given together must agree (the set edit
form, shared with History's, and LiveSession.edit); a body weight out of range keeps its
dialog open with the error inline. The rules headless; the dialogs with the Pilot."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from backlegs_tui.domain.model import SetEntry, SetType, Unit
from backlegs_tui.domain.validation import InputError, check_effort, parse_body_weight
from backlegs_tui.services.live_session import EntryInput, LiveSession, start_session
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import FormDialog

from .session_helpers import (
    log_set,
    press_each,
    settle,
    start_sample_session,
    type_keys,
)

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


def live_session(repo: Repository, clock) -> LiveSession:
    """The sample plan started now, warm-ups off for the squat, nothing logged."""
    live = LiveSession(start_session(repo, repo.plans()[0].id, clock()), repo.settings(), clock)
    live.commit(repo, live.toggle_warmups())
    return live


def enter(repo: Repository, live: LiveSession, weight: str, reps: str = "5"):
    out = live.enter(EntryInput(weight, reps, "", False, SetType.WORKING))
    live.commit(repo, out)
    return out


def test_a_load_far_above_the_lifts_history_waits_for_a_second_enter(repo: Repository, clock) -> None:
    live = live_session(repo, clock)
    enter(repo, live, "100")  # no history at all: nothing to judge by
    assert len(live.state.sets) == 1
    out = enter(repo, live, "610")
    assert out.write is None and len(live.state.sets) == 1
    assert out.message == "⚠ 610 kg is far above your heaviest 100 kg: Enter again to log it"
    assert enter(repo, live, "610").write is not None and len(live.state.sets) == 2, "the same values again log it"


def test_any_edit_asks_again_and_near_loads_pass(repo: Repository, clock) -> None:
    live = live_session(repo, clock)
    enter(repo, live, "100")
    assert enter(repo, live, "150").write is not None, "1.5 times is a jump, not a slip"
    assert enter(repo, live, "300").write is None  # 150 x 5 is about 175 kg: 300 is far above
    live.cancel_confirmation()  # the entry was edited (and typed back)
    assert enter(repo, live, "300").write is None, "asks again"
    assert enter(repo, live, "300", reps="3").write is None, "other values: asks again"
    assert enter(repo, live, "300", reps="3").write is not None


def test_the_slip_check_judges_strength_not_warm_ups_and_never_todays_target(repo: Repository, clock) -> None:
    """Found by review: a new lift's bar warm-up made the lifter's own target 'far above your
    heaviest 20 kg'; a single after a high-rep cycle (80 x 20: about 133 kg) was asked about."""
    from backlegs_tui.domain.model import LoadKind
    from backlegs_tui.domain.session_logic import far_above_history

    def working(w: float, reps: int) -> SetEntry:
        return SetEntry(1, SetType.WORKING, w, reps)

    bar = SetEntry(1, SetType.WARMUP, 20, 10)
    assert far_above_history(100, [bar], LoadKind.WEIGHTED, None, Unit.KG) is None  # warm-ups: no history
    assert far_above_history(125, [working(80, 20)], LoadKind.WEIGHTED, None, Unit.KG) is None
    assert far_above_history(250, [working(80, 20)], LoadKind.WEIGHTED, None, Unit.KG) is not None
    live = live_session(repo, clock)
    enter(repo, live, "100")
    live.targets[live.current_item().id] = 300.0  # the working weight the lifter set for today
    assert enter(repo, live, "300").write is not None, "today's own target is no slip"


def test_a_pull_ups_added_load_is_judged_on_what_it_moves(repo: Repository, clock) -> None:
    when = clock() - timedelta(days=3)
    repo.log_body_weight(when, 82.5)
    plan = repo.plans()[0]
    old = repo.start_session(plan.id, when)
    pull = next(it for it in old.items if it.exercise_name == "Pull-up")
    repo.log_set(old.id, SetEntry(pull.exercise_id, SetType.WORKING, 40.0, 5, item_id=pull.id, logged_at=when))
    repo.finish_session(old.id, when + timedelta(hours=1), 8)
    live = LiveSession(start_session(repo, plan.id, clock()), repo.settings(), clock)
    item = next(it for it in live.state.items if it.exercise_name == "Pull-up")
    live.commit(repo, live.go_to(item.id))
    out = enter(repo, live, "610", reps="8")
    assert out.message == "⚠ 610 kg added is far above your heaviest 40 kg: Enter again to log it"
    assert enter(repo, live, "60", reps="8").write is not None, "BW + 60 is not 1.5 times BW + 40"


# ---- the dialogs ------------------------------------------------------------------------------


async def test_the_dialogs_keep_a_bad_value_with_its_error_inline(db_path, clock):
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_sample_session(pilot)
        await log_set(pilot, "100")
        await log_set(pilot, "300")  # far above 100 kg: asks first
        assert len(screen.live.state.sets) == 1
        assert "300 kg is far above your heaviest 100 kg: Enter again" in str(screen.query_one("#entry-msg").render())
        await press_each(pilot, "backspace", "0")  # an edit, back to the same value: asks again
        await press_each(pilot, "enter")
        await settle(pilot)
        assert len(screen.live.state.sets) == 1
        await press_each(pilot, "enter")
        await settle(pilot)
        assert len(screen.live.state.sets) == 2
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
