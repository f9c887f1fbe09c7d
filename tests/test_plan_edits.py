"""Building plans: the input parsers (pure) and the PlanEdits writes on a real SQLite file."""

from __future__ import annotations

import pytest

from backlegs_tui.domain.plan_input import parse_plan_name, parse_reps, parse_sets, parse_target_rpe
from backlegs_tui.domain.validation import InputError
from backlegs_tui.store.repository import Repository
from backlegs_tui.store.schema import StoreError

pytestmark = pytest.mark.both_backends  # once on SQLite, once on PostgreSQL (tests/pg.py)


def test_ranges_read_one_number_or_low_dash_high() -> None:
    assert parse_sets("3") == (3, 3)
    assert parse_sets(" 3 - 4 ") == (3, 4)
    assert parse_reps("8-12") == (8, 12)


@pytest.mark.parametrize(
    "text,message",
    [("", "Sets: a number or a range, e.g. 3 or 3-4"), ("4-3", "Sets: from 1 to 10, the low end first"),
     ("0", "Sets: from 1 to 10, the low end first"), ("11", "Sets: from 1 to 10, the low end first"),
     ("3-", "Sets: a number or a range, e.g. 3 or 3-4"), ("three", "Sets: a number or a range, e.g. 3 or 3-4")],
)
def test_bad_set_ranges_say_why(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_sets(text)


def test_target_rpe_is_blank_or_6_to_10_in_half_steps() -> None:
    assert parse_target_rpe("") is None
    assert parse_target_rpe("8.5") == 8.5
    with pytest.raises(InputError, match="below 6 is a warm-up"):
        parse_target_rpe("5")
    with pytest.raises(InputError, match="half steps"):
        parse_target_rpe("8.3")


def test_plan_names_are_trimmed_and_unique_ignoring_case() -> None:
    assert parse_plan_name("  Legs   day ") == "Legs day"
    with pytest.raises(InputError, match="A plan needs a name"):
        parse_plan_name("   ")
    with pytest.raises(InputError, match="already a plan called 'legs day'"):
        parse_plan_name("legs day", ["Legs day"])


def test_copy_a_plan_then_reorder_remove_and_add(repo: Repository) -> None:
    sample = repo.plans()[0]
    copy = repo.new_plan("Sample B", copy_from=sample.id)
    original = repo.plan(sample.id)
    assert [i.exercise_name for i in copy.items] == [i.exercise_name for i in original.items]
    assert (copy.warmup, copy.cooldown) == (original.warmup, original.cooldown)
    assert {i.id for i in copy.items}.isdisjoint({i.id for i in original.items})

    repo.move_plan_item(copy.items[0].id, 2)  # squat after pull-up and RDL
    names = [i.exercise_name for i in repo.plan(copy.id).items]
    assert names[:3] == ["Pull-up", "Romanian deadlift", "Barbell back squat"]
    repo.move_plan_item(copy.items[0].id, -10)  # stops at the top
    assert repo.plan(copy.id).items[0].exercise_name == "Barbell back squat"

    repo.remove_plan_item(copy.items[-1].id)
    leg_curl = repo.exercise_by_name("Leg curl")
    assert leg_curl is not None
    plan = repo.add_plan_item(copy.id, leg_curl.id, (2, 3), (10, 12), 9.0)
    assert [i.exercise_name for i in plan.items][-2:] == ["Leg press", "Leg curl"]
    assert plan.items[-1].target_text == "2-3 x 10-12 @ RPE 9"
    # the original is untouched
    assert [i.exercise_name for i in repo.plan(sample.id).items][-1] == "Face pull"


def test_new_plans_refuse_blank_and_duplicate_names(repo: Repository) -> None:
    empty = repo.new_plan("Empty")
    assert empty.items == ()
    with pytest.raises(StoreError, match="already a plan called 'EMPTY'"):
        repo.new_plan("EMPTY")
    with pytest.raises(StoreError, match="needs a name"):
        repo.new_plan("  ")


def test_deleting_a_plan_clears_its_days_and_keeps_past_sessions(repo: Repository, clock) -> None:
    plan = repo.new_plan("Short-lived", copy_from=repo.plans()[0].id)
    repo.set_schedule(2, [plan.id])
    state = repo.start_session(plan.id, clock.now)
    repo.finish_session(state.id, clock.now, 7.0)
    repo.delete_plan(plan.id)
    assert plan.id not in {p.id for p in repo.plans()}
    assert repo.schedule() == {}
    assert repo.session_state(state.id).plan_id is None
    assert len(repo.session_state(state.id).items) == 6
