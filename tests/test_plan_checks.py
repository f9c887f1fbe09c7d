"""Plan checks: pure functions on plan items and exercises (no database)."""

from __future__ import annotations

from dataclasses import asdict, replace

import pytest

from backlegs_tui.domain.catalogue import ALTERNATING_PLAN, BACK_FIRST_PLAN, CATALOGUE, LEGS_FIRST_PLAN, SAMPLE_PLAN
from backlegs_tui.domain.model import Exercise, ExerciseKind, PlanItem, Settings, SpinalLoad
from backlegs_tui.domain.plan_checks import (
    CheckStatus,
    check_compounds_first,
    check_deadlift_before_squat,
    check_failure,
    check_isolation,
    check_plan,
    check_priority,
    check_spinal_back_to_back,
    check_volume,
    pattern,
)

EXERCISES = {
    i: Exercise(id=i, **{k: v for k, v in asdict(d).items() if k != "alternatives"})
    for i, d in enumerate(CATALOGUE, 1)
}
BY_NAME = {e.name: e for e in EXERCISES.values()}
LANDMARKS = Settings().landmarks


def ex(name: str) -> Exercise:
    return BY_NAME[name]


def item(name: str, sets: tuple[int, int] = (3, 3), rpe: float | None = 8.0, rir: float | None = None) -> PlanItem:
    return PlanItem(BY_NAME[name].id, name, sets[0], sets[1], 8, 12, rpe, rir)


def sample_items() -> list[PlanItem]:
    return [item(it.exercise, (it.sets_min, it.sets_max), it.target_rpe) for it in SAMPLE_PLAN.items]


def by_code(checks, code):
    return next(c for c in checks if c.code == code)


def test_the_article_sample_passes_every_order_check() -> None:
    checks = check_plan(sample_items(), EXERCISES, LANDMARKS, 2)
    for code in ("compounds-first", "spinal", "spinal-count", "deadlift-squat", "priority", "isolation", "failure"):
        assert by_code(checks, code).status is CheckStatus.OK, by_code(checks, code)
    assert [c for c in checks if c.status is CheckStatus.WARN] == []
    assert by_code(checks, "priority").message == "Priority: alternating leg and back, starting with legs (L B L B L)"


def test_the_article_sample_as_written_with_a_barbell_row_is_one_heavy_lumbar_lift_too_many() -> None:
    """Why the shipped sample rows with dumbbells (the article's own alternative)."""
    as_written = [item(n) for n in ("Barbell back squat", "Pull-up", "Romanian deadlift", "Barbell row",
                                    "Leg press", "Face pull")]
    checks = check_plan(as_written, EXERCISES, LANDMARKS, 2)
    # RDL then barbell row are both high spinal load but alternate a leg and a back pattern
    assert by_code(checks, "spinal").status is CheckStatus.OK
    assert "Romanian deadlift → Barbell row alternate leg and back" in by_code(checks, "spinal").message
    # ... and three heavy lumbar lifts in one session is one too many: the check names the swap
    assert by_code(checks, "spinal-count").status is CheckStatus.WARN
    assert "swap Barbell row for a low-load alternative" in by_code(checks, "spinal-count").message


def test_squat_then_deadlift_fails_back_to_back_and_names_a_spacer() -> None:
    plan = [ex("Barbell back squat"), ex("Conventional deadlift"), ex("Lat pulldown")]
    check = check_spinal_back_to_back(plan)
    assert check.status is CheckStatus.WARN
    assert check.message.startswith("Barbell back squat then Conventional deadlift: two heavy lumbar-loading")
    assert "move Lat pulldown between them" in check.message


def test_back_to_back_without_a_low_load_lift_suggests_alternating_patterns() -> None:
    check = check_spinal_back_to_back([ex("Front squat"), ex("Good morning")])
    assert check.status is CheckStatus.WARN
    assert "squat then lat pulldown, deadlift then leg press" in check.message


def test_squat_with_a_pull_between_passes() -> None:
    plan = [ex("Barbell back squat"), ex("Pull-up"), ex("Romanian deadlift")]
    check = check_spinal_back_to_back(plan)
    assert check.status is CheckStatus.OK
    assert check.message == "No two heavy lumbar-loading lifts back to back"


def test_deadlift_before_squat_warns_and_squat_first_passes() -> None:
    bad = check_deadlift_before_squat([ex("Conventional deadlift"), ex("Leg press"), ex("Front squat")])
    assert bad.status is CheckStatus.WARN
    assert bad.message.startswith("Conventional deadlift before Front squat")
    good = check_deadlift_before_squat([ex("Barbell back squat"), ex("Pull-up"), ex("Sumo deadlift")])
    assert good.status is CheckStatus.OK
    assert good.message.startswith("Barbell back squat before Sumo deadlift: the squat needs the fresher back")


def test_goblet_squat_is_not_a_heavy_squat() -> None:
    check = check_deadlift_before_squat([ex("Conventional deadlift"), ex("Goblet squat")])
    assert check.status is CheckStatus.OK
    assert "not both" in check.message


def test_isolation_before_a_compound_for_the_same_muscle_warns() -> None:
    check = check_compounds_first([ex("Leg extension"), ex("Barbell back squat")])
    assert check.status is CheckStatus.WARN
    assert check.message == (
        "Leg extension (isolation) before Barbell back squat (compound), both quads: "
        "move Leg extension after Barbell back squat"
    )
    # another muscle's isolation first is no warning (a leg curl does not tire the quads)
    assert check_compounds_first([ex("Leg curl"), ex("Barbell back squat")]).status is CheckStatus.OK


def test_more_than_two_isolation_lifts_per_group_warns() -> None:
    plan = [ex("Barbell back squat"), ex("Leg extension"), ex("Leg curl"), ex("Leg extension")]
    check = check_isolation(plan)
    assert check.status is CheckStatus.WARN
    assert check.message.startswith("3 isolation exercises for legs")
    ok = check_isolation([ex("Barbell back squat"), ex("Leg curl"), ex("Face pull")])
    assert ok.status is CheckStatus.OK
    assert ok.message == "Isolation: legs 1 (Leg curl), back 1 (Face pull)"


def test_priority_reports_back_first_then_legs() -> None:
    plan = [ex("Pull-up"), ex("Barbell row"), ex("Barbell back squat"), ex("Leg press")]
    assert check_priority(plan).message == "Priority: back first, then legs (B B L L)"
    assert check_priority([ex("Biceps curl")]).status is CheckStatus.NOTE


def test_priority_calls_a_leg_and_back_in_turn_alternating_not_legs_first() -> None:
    """L B L B is the article's "alternating", whichever group opens; legs first is every
    leg lift before the back; anything else is said to be mixed."""
    turn = [ex("Barbell back squat"), ex("Pull-up"), ex("Romanian deadlift"), ex("Chest-supported row")]
    assert check_priority(turn).message == "Priority: alternating leg and back, starting with legs (L B L B)"
    block = [ex("Barbell back squat"), ex("Leg press"), ex("Pull-up"), ex("Chest-supported row")]
    assert check_priority(block).message == "Priority: legs first, then back (L L B B)"
    mixed = [ex("Barbell back squat"), ex("Leg press"), ex("Pull-up"), ex("Romanian deadlift"), ex("Lat pulldown")]
    assert check_priority(mixed).message == "Priority: mixed order of leg and back lifts (L L B L B)"


@pytest.mark.parametrize("draft", [LEGS_FIRST_PLAN, BACK_FIRST_PLAN, ALTERNATING_PLAN], ids=lambda d: d.name)
def test_each_priority_plan_is_ordered_as_its_name_and_notes_say(draft) -> None:
    """The wizard shows a ready plan's notes above its lifts: the plan check's priority line
    names the same priority as the plan's name ("legs first" puts every leg compound before
    the back, as its notes say)."""
    priority = draft.name.split(" - ")[1]
    items = [item(it.exercise, (it.sets_min, it.sets_max), it.target_rpe) for it in draft.items]
    line = by_code(check_plan(items, EXERCISES, LANDMARKS, 2), "priority").message
    expected = {"legs first": "Priority: legs first, then back",
                "back first": "Priority: back first, then legs",
                "alternating": "Priority: alternating leg and back"}[priority]
    assert line.startswith(expected), line
    if priority == "legs first":
        assert draft.notes.startswith("Legs are the priority") and "then the back" in draft.notes
        legs = [i for i, it in enumerate(draft.items) if pattern(BY_NAME[it.exercise]) == "legs"
                and BY_NAME[it.exercise].is_compound]
        back = [i for i, it in enumerate(draft.items) if pattern(BY_NAME[it.exercise]) == "back"
                and BY_NAME[it.exercise].is_compound]
        assert max(legs) < min(back)


@pytest.mark.parametrize("rpe,rir", [(10.0, None), (None, 0.0)])
def test_a_compound_planned_to_failure_warns(rpe, rir) -> None:
    slot = (item("Barbell back squat", rpe=rpe, rir=rir), ex("Barbell back squat"))
    assert check_failure([slot]).status is CheckStatus.WARN
    iso = (item("Face pull", rpe=10.0), ex("Face pull"))
    assert check_failure([iso]).status is CheckStatus.OK


def test_volume_counts_primary_one_and_secondary_half_times_the_days() -> None:
    slots = [(it, EXERCISES[it.exercise_id]) for it in sample_items()]
    lines = {c.code: c for c in check_volume(slots, LANDMARKS, 2)}
    # squat 3-4, pull-up 3-4, RDL 3, row 3, leg press 2-3, face pull 2-3 (back 0.5)
    assert lines["volume-back"].message == "Back: 7-8.5 sets x 2 days = 14-17/week, in MAV 14-22"
    assert lines["volume-back"].status is CheckStatus.OK
    # 9-10/week starts under MAV 10-16: not "in MAV", both ends named
    assert lines["volume-hamstrings"].message == "Hamstrings: 4.5-5 sets x 2 days = 9-10/week, from MEV 6 to MAV 10-16"
    assert lines["volume-hamstrings"].status is CheckStatus.OK
    assert lines["volume-quads"].message == "Quads: 5-7 sets x 2 days = 10-14/week, from MEV 8 to MAV 12-18"
    # glutes: second to quads or hamstrings in the squat, RDL and leg press, so half a set each
    # (their landmarks count direct work): 4-5 a day, in MAV, not "over MRV" every week
    assert lines["volume-glutes"].message == "Glutes: 4-5 sets x 2 days = 8-10/week, in MAV 4-12"
    assert lines["volume-glutes"].status is CheckStatus.OK


def test_the_sample_three_days_a_week_is_high_for_glutes_but_not_past_mrv() -> None:
    slots = [(it, EXERCISES[it.exercise_id]) for it in sample_items()]
    glutes = next(c for c in check_volume(slots, LANDMARKS, 3) if c.code == "volume-glutes")
    assert glutes.message == "Glutes: 4-5 sets x 3 days = 12-15/week, from MAV 4-12 to above MAV 12"
    assert glutes.status is not CheckStatus.WARN


def test_volume_past_mrv_even_at_the_bottom_of_the_range_warns() -> None:
    items = [*sample_items(), item("Hip thrust", sets=(4, 5))]  # direct glute work counts whole
    slots = [(it, EXERCISES[it.exercise_id]) for it in items]
    glutes = next(c for c in check_volume(slots, LANDMARKS, 3) if c.code == "volume-glutes")
    assert glutes.status is CheckStatus.WARN
    assert glutes.message == "Glutes: 8-10 sets x 3 days = 24-30/week, above MRV 16"


@pytest.mark.parametrize(
    ("sets", "days", "end", "status"),
    [
        ((4, 5), 2, "8-10/week, from MEV 6 to MAV 10-16", CheckStatus.OK),  # productive to MAV
        ((5, 6), 2, "10-12/week, in MAV 10-16", CheckStatus.OK),  # both ends in MAV
        ((7, 9), 2, "14-18/week, from MAV 10-16 to above MAV 16", CheckStatus.NOTE),  # the worse end
        ((2, 4), 1, "2-4/week, from below MV 4 to MV 4", CheckStatus.NOTE),
        ((2, 3), 2, "4-6/week, from MV 4 to MEV 6", CheckStatus.NOTE),  # the bottom is maintenance only
        ((9, 11), 2, "18-22/week, top of the range above MRV 20", CheckStatus.NOTE),  # unchanged
        ((11, 12), 2, "22-24/week, above MRV 20", CheckStatus.WARN),
    ],
)
def test_a_range_straddling_a_landmark_names_both_ends(sets, days, end, status) -> None:
    slots = [(item("Leg curl", sets), ex("Leg curl"))]
    ham = next(c for c in check_volume(slots, LANDMARKS, days) if c.code == "volume-hamstrings")
    assert ham.message.endswith(f" = {end}"), ham.message
    assert ham.status is status


def test_an_unscheduled_plan_counts_once_and_says_so() -> None:
    slots = [(item("Leg press", (4, 4)), ex("Leg press"))]
    quads = next(c for c in check_volume(slots, LANDMARKS, 0) if c.code == "volume-quads")
    assert quads.message == "Quads: 4 sets x 1 day (not scheduled) = 4/week, below MV 6"
    assert quads.status is CheckStatus.NOTE


def test_an_empty_plan_has_one_note() -> None:
    checks = check_plan([], EXERCISES, LANDMARKS, 2)
    assert [c.status for c in checks] == [CheckStatus.NOTE]


def test_items_with_an_unknown_exercise_are_skipped() -> None:
    stray = replace(item("Leg press"), exercise_id=9999)
    assert check_plan([stray], EXERCISES, LANDMARKS, 1)[0].code == "empty"


def test_pattern_reads_primary_muscles() -> None:
    assert pattern(ex("Conventional deadlift")) == "legs"
    assert pattern(ex("Barbell row")) == "back"
    assert pattern(ex("Face pull")) == "back"
    assert pattern(ex("Biceps curl")) == "other"
    custom = Exercise(0, "Hack squat", ("quads",), (), SpinalLoad.MODERATE, ExerciseKind.COMPOUND)
    assert pattern(custom) == "legs"


def test_the_spacer_suggested_is_a_compound_not_an_isolation_lift() -> None:
    check = check_spinal_back_to_back([ex("Barbell back squat"), ex("Conventional deadlift"), ex("Leg curl")])
    assert "move Leg curl" not in check.message
    assert "put a low-load lift between them" in check.message
