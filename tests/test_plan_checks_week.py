"""The plan checks issue 10 adds: heavy spinal lifts counted, the session's duration against
its time budget, heavy lumbar days less than 48 h apart across the week (the hours said
right), the week's hard sets counted as the Volume view counts them."""

from __future__ import annotations

from backlegs_tui.domain.model import Plan, PlanItem
from backlegs_tui.domain.plan_checks import (
    CheckStatus,
    Occurrence,
    check_duration,
    check_spinal_count,
    check_spinal_spacing,
    check_spinal_spacings,
    estimate_duration,
    format_hours,
    occurrences,
    week_sets,
)
from backlegs_tui.domain.volume import muscle_sets

from .test_plan_checks import BY_NAME, EXERCISES, ex


def it(name: str, sets: int = 3, reps: int = 8, rest: int | None = 120, pairing: str | None = None) -> PlanItem:
    return PlanItem(BY_NAME[name].id, name, sets, sets, reps, reps, 8.0, rest_s=rest, pairing=pairing)


def test_more_than_two_heavy_spinal_lifts_warns_and_names_the_fix() -> None:
    three = [ex("Barbell back squat"), ex("Lat pulldown"), ex("Conventional deadlift"), ex("Barbell row")]
    check = check_spinal_count(three)
    assert check.status is CheckStatus.WARN
    assert check.message.startswith("3 heavy lumbar-loading lifts (Barbell back squat, Conventional deadlift, Barbell row)")
    assert "swap Barbell row for a low-load alternative" in check.message
    assert check_spinal_count(three[:3]).status is CheckStatus.OK


def test_duration_counts_work_rest_warmup_and_a_superset_rests_after_the_pair() -> None:
    plan = Plan(1, "P", (it("Barbell back squat", 3, 5, 180), it("Leg curl", 3, 10, 60)), warmup_min=10)
    d = estimate_duration(plan, EXERCISES)
    assert d.work_s == 3 * (5 * 4 + 20) + 3 * (10 * 4 + 20)
    assert d.rest_s == 2 * 180 + 60 + 2 * 60 + 60 and d.warmup_s == 600
    paired = Plan(1, "P", (it("Leg curl", 3, 10, 60, "A"), it("Lat pulldown", 3, 10, 90, "A")))
    assert estimate_duration(paired, EXERCISES).rest_s == 2 * 90 + 60  # one rest a round, the longer one
    assert check_duration(plan, EXERCISES).status is CheckStatus.NOTE  # no budget: says how to set one
    tight = Plan(1, "P", plan.items, warmup_min=10, time_budget_min=20)
    check = check_duration(tight, EXERCISES)
    assert check.status is CheckStatus.WARN and "against a 20 min budget: drop a set of" in check.message
    ok = check_duration(Plan(1, "P", plan.items, warmup_min=10, time_budget_min=45), EXERCISES)
    assert ok.status is CheckStatus.OK and "within the 45 min budget" in ok.message


def test_spinal_spacing_says_the_hours_and_never_rounds_up_to_48() -> None:
    assert format_hours(47.8) == "47.8" and format_hours(47.96) == "47.9" and format_hours(48) == "48"
    week = [Occurrence(18, "Legs", ("Barbell back squat",)), Occurrence(18 + 47.8, "Back", ("Barbell row",))]
    check = check_spinal_spacing(week)
    assert check.status is CheckStatus.WARN
    assert check.message == (
        "Barbell row (Back, Wed) only 47.8 h after Barbell back squat (Legs, Mon): move one plan to leave at least 48 h"
    )
    apart = [Occurrence(18, "Legs", ("Barbell back squat",)), Occurrence(18 + 72, "Back", ("Barbell row",))]
    assert check_spinal_spacing(apart).status is CheckStatus.OK
    # the week wraps: Sunday then Monday is 24 h
    wrap = [Occurrence(18, "Legs", ("Barbell back squat",)), Occurrence(6 * 24 + 18, "Back", ("Barbell row",))]
    assert "only 24 h after" in check_spinal_spacing(wrap).message
    # a plan with no heavy lift is not a heavy day
    assert check_spinal_spacing([Occurrence(18, "Legs", ()), apart[1]]).status is CheckStatus.OK


def test_every_pair_under_48_h_is_listed_for_the_plan_and_the_same_day_is_said() -> None:
    """Finding 5 (tester2): Legs Heavy on Thu and Fri between a deadlift day (Wed) and the
    article sample (Sat): three pairs under 48 h involve it (Wed-Thu, Thu-Fri, Fri-Sat), each
    listed; Wed-Fri and Thu-Sat are 48 h, fine. Two plans on one day read "on the same day"."""
    day = 24.0
    week = [
        Occurrence(2 * day + 18, "Deadlift day", ("Conventional deadlift",)),
        Occurrence(3 * day + 18, "Legs Heavy", ("Barbell back squat", "Conventional deadlift")),
        Occurrence(4 * day + 18, "Legs Heavy", ("Barbell back squat", "Conventional deadlift")),
        Occurrence(5 * day + 18, "Sample", ("Barbell back squat",)),
    ]
    checks = check_spinal_spacings(week, "Legs Heavy")
    assert [c.status for c in checks] == [CheckStatus.WARN] * 3
    assert [c.message.split(":")[0] for c in checks] == [
        "Barbell back squat (Legs Heavy, Thu) only 24 h after Conventional deadlift (Deadlift day, Wed)",
        "Barbell back squat (Legs Heavy, Fri) only 24 h after Barbell back squat (Legs Heavy, Thu)",
        "Barbell back squat (Sample, Sat) only 24 h after Barbell back squat (Legs Heavy, Fri)",
    ]
    # the deadlift day's own checks: only its pair; the whole week: all three
    assert len(check_spinal_spacings(week, "Deadlift day")) == 1
    assert len(check_spinal_spacings(week)) == 3
    # two plans on Monday and the week wrapping Sunday to Monday
    same = [Occurrence(18, "Legs", ("Barbell back squat",)), Occurrence(18, "Back", ("Barbell row",)),
            Occurrence(6 * day + 18, "Sun", ("Conventional deadlift",))]
    lines = [c.message for c in check_spinal_spacings(same, "Legs")]
    assert lines == [
        "Barbell row (Back, Mon) on the same day as Barbell back squat (Legs, Mon): move one plan to leave at least 48 h",
        "Barbell back squat (Legs, Mon) only 24 h after Conventional deadlift (Sun, Sun): "
        "move one plan to leave at least 48 h",
    ]
    assert "0 h" not in check_spinal_spacing(same[:2]).message


def test_spacing_states_the_48_h_rule_the_wizard_states_and_the_closest_gap() -> None:
    """One rule, one number (SPINAL_GAP_H): the OK line says the rule, then the week's
    closest gap; the first-start wizard's week step says the same rule in the same words."""
    from backlegs_tui.domain.plan_checks import SPINAL_GAP_H, SPINAL_GAP_RULE
    from backlegs_tui.services.first_start import WEEK_HELP

    apart = [Occurrence(18, "Legs", ("Barbell back squat",)), Occurrence(18 + 72, "Back", ("Barbell row",))]
    check = check_spinal_spacing(apart)
    assert check.status is CheckStatus.OK
    assert check.message == "Heavy lumbar-loading sessions at least 48 h apart: closest 72 h (Mon to Thu)"
    assert SPINAL_GAP_H == 48 and SPINAL_GAP_RULE in WEEK_HELP and "48 h" in WEEK_HELP
    assert SPINAL_GAP_RULE[:1].upper() + SPINAL_GAP_RULE[1:] in check.message


def test_the_estimate_is_one_figure_rounded_up() -> None:
    """Plan mode's week, the duration check and `backlegs plan list` show Duration.minutes."""
    from backlegs_tui.domain.plan_checks import Duration

    assert Duration(68 * 60 + 10, 0, 0, 0).minutes == 69  # 68.2 min: 69, as the check says
    assert Duration(68 * 60, 0, 0, 0).minutes == 68
    plan = Plan(1, "P", (it("Barbell back squat", 3, 7, 180), it("Leg curl", 3, 10, 60)), warmup_min=10,
                time_budget_min=90)
    d = estimate_duration(plan, EXERCISES)
    assert (round(d.total_min, 1), d.minutes) == (25.4, 26)
    assert "About 26 min" in check_duration(plan, EXERCISES).message


def test_week_sets_count_each_scheduled_day_with_the_volume_count() -> None:
    legs = Plan(1, "Legs", (it("Barbell back squat", 3), it("Leg curl", 2)))
    back = Plan(2, "Back", (it("Lat pulldown", 4),))
    plans = {1: legs, 2: back}
    schedule = {0: [1], 3: [1, 2]}
    sets = week_sets(schedule, plans, EXERCISES)
    expected = muscle_sets([(ex("Barbell back squat"), 3.0), (ex("Leg curl"), 2.0)] * 2 + [(ex("Lat pulldown"), 4.0)])
    assert {m: v[1] for m, v in sets.items()} == expected
    occ = occurrences(schedule, plans, EXERCISES)
    assert [(o.hour, o.plan, o.heavy) for o in occ] == [
        (18.0, "Legs", ("Barbell back squat",)), (90.0, "Legs", ("Barbell back squat",)), (90.0, "Back", ()),
    ]


def test_landmarks_typed_in_settings_round_trip_and_refuse_a_falling_line() -> None:
    import pytest

    from backlegs_tui.domain.model import Settings
    from backlegs_tui.domain.plan_input import format_all_landmarks, parse_all_landmarks
    from backlegs_tui.domain.validation import InputError
    from backlegs_tui.ui.settings_dialog import apply_settings, settings_dialog

    s = Settings()
    field = next(f for f in settings_dialog(s).fields if f.key == "landmarks")
    assert parse_all_landmarks(field.value) == s.landmarks
    typed = parse_all_landmarks("back 8 10 14-20 24; quads 6 8 12-18 20; lower back 0 2 4-6 8")
    assert typed["lower back"] == (0, 2, 4, 6, 8)
    assert format_all_landmarks(typed).startswith("back 8 10 14-20 24; quads")
    new = apply_settings(s, {"unit": s.unit, "bar": 20.0, "plates": s.plates_kg, "landmarks": typed})
    assert new.landmarks == typed
    with pytest.raises(InputError, match="each landmark at least the one before"):
        parse_all_landmarks("back 10 8 14-22 25")


def test_a_deload_week_runs_each_plan_with_the_deloads_sets() -> None:
    """Finding 19 (tester2): the week's minutes and sets in a deload week are the deload's
    (about 60 % of the sets, as the session cuts them: at least one)."""
    from backlegs_tui.domain.model import Settings
    from backlegs_tui.domain.plan_checks import deloaded

    plan = Plan(1, "P", (it("Barbell back squat", 4, 5, 180), it("Leg curl", 1, 10, 60)))
    light = deloaded(plan, Settings())
    assert [(i.sets_min, i.sets_max) for i in light.items] == [(2, 2), (1, 1)]
    assert [(i.reps_min, i.rest_s) for i in light.items] == [(5, 180), (10, 60)]
    assert estimate_duration(light, EXERCISES).minutes < estimate_duration(plan, EXERCISES).minutes
