"""The ready plans (issue 10): the article's sample and its three priorities each pass their
own checks, scheduled 2 or 3 days a week, and followed as written for 16 weeks (the fatigue
engineer's scenario (a) generator) they trip no fatigue flag."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from backlegs_tui.domain.catalogue import CATALOGUE, READY_PLANS, PlanDraft
from backlegs_tui.domain.fatigue_engine import Verdict, assess_range
from backlegs_tui.domain.model import Exercise, Plan, PlanItem, Settings
from backlegs_tui.domain.plan_checks import (
    CheckStatus,
    check_plan,
    check_spinal_spacing,
    occurrences,
    week_sets,
)

from .fatigue_scenarios import EXERCISES as FATIGUE_EXERCISES
from .fatigue_scenarios import days_of, scenario

EXERCISES = {
    i: Exercise(id=i, **{k: v for k, v in asdict(d).items() if k != "alternatives"})
    for i, d in enumerate(CATALOGUE, 1)
}
IDS = {e.name: e.id for e in EXERCISES.values()}
COMPOUNDS = {e.name for e in FATIGUE_EXERCISES.values() if e.is_compound}


def as_plan(draft: PlanDraft, pid: int = 1) -> Plan:
    items = tuple(
        PlanItem(IDS[it.exercise], it.exercise, it.sets_min, it.sets_max, it.reps_min, it.reps_max, it.target_rpe,
                 it.target_rir, it.rest_s, tuple(IDS[a] for a in it.alternatives), it.superset, it.notes,
                 progression=it.progression)
        for it in draft.items
    )
    return Plan(pid, draft.name, items, draft.warmup, draft.cooldown, draft.notes, draft.warmup_min,
                draft.cooldown_min, draft.time_budget_min)


def _warnings(plans: dict[int, Plan], schedule: dict[int, list[int]], pid: int) -> list[str]:
    plan = plans[pid]
    days = sum(pid in ids for ids in schedule.values())
    weekly = week_sets(schedule, plans, EXERCISES)
    checks = check_plan(plan.items, EXERCISES, Settings().landmarks, days, plan=plan, weekly=weekly)
    checks.append(check_spinal_spacing(occurrences(schedule, plans, EXERCISES), plan.name))
    assert any(c.code == "duration" and c.status is CheckStatus.OK for c in checks)
    return [c.message for c in checks if c.status is CheckStatus.WARN]


@pytest.mark.parametrize("draft", READY_PLANS, ids=[p.name for p in READY_PLANS])
def test_each_ready_plan_twice_a_week_passes_its_own_checks(draft: PlanDraft) -> None:
    """The 2-day schedule the first start offers: the plan on Monday and Thursday."""
    assert _warnings({1: as_plan(draft)}, {0: [1], 3: [1]}, 1) == []


def test_a_whole_back_and_legs_plan_three_times_a_week_is_noted_at_the_top_of_its_range() -> None:
    """Three full back-and-legs sessions a week: the top of a range passes an MRV (back 25,
    quads 20) for every ready plan, which the volume check notes, but the bottom of the range
    does not, so nothing is a warning (glutes counted half in squats and RDLs: they used to
    sit 'above MRV 16' at the bottom of every plan's range, a warning always on)."""
    for draft in READY_PLANS:
        plans, schedule = {1: as_plan(draft)}, {0: [1], 2: [1], 4: [1]}
        assert _warnings(plans, schedule, 1) == []
        weekly = week_sets(schedule, plans, EXERCISES)
        checks = check_plan(plans[1].items, EXERCISES, Settings().landmarks, 3, plan=plans[1], weekly=weekly)
        notes = [c.message for c in checks if c.code.startswith("volume") and c.status is CheckStatus.NOTE]
        assert any("top of the range above MRV" in n for n in notes), (draft.name, notes)


def test_every_ready_plan_names_only_catalogue_lifts() -> None:
    for draft in READY_PLANS:
        for it in draft.items:
            assert it.exercise in IDS and all(a in IDS for a in it.alternatives), (draft.name, it.exercise)


@pytest.mark.parametrize("per_week", [2, 3])
@pytest.mark.parametrize("plans", ["sample", "legs first", "back first", "alternating"])
def test_followed_as_written_for_16_weeks_no_fatigue_flag(plans: str, per_week: int) -> None:
    sc = scenario("a", per_week=per_week, plans=plans, seed=1)
    first, last = days_of(sc)
    reports = assess_range(sc.sessions, FATIGUE_EXERCISES, Settings(), first, last)
    assert [r.as_of for r in reports if r.verdict is Verdict.WARNING] == []
    assert [
        r.as_of for r in reports
        if any(f.subject in COMPOUNDS or (f.subject is None and f.code == "decline") for f in r.flags)
    ] == []


def test_ready_plans_are_added_once_and_never_over_a_plan_of_the_same_name(tmp_path) -> None:
    from backlegs_tui.domain.catalogue import SAMPLE_PLAN
    from backlegs_tui.store.repository import Repository

    repo = Repository.open(tmp_path / "x.db")
    try:
        kept = repo.plan_id_by_name("Back & Legs - legs first")
        assert kept is None
        repo.new_plan("back & legs - LEGS first")  # the lifter's own, same name
        added = repo.add_ready_plans()
        assert SAMPLE_PLAN.name not in added and "Back & Legs - legs first" not in added
        assert added == ["Back & Legs - back first", "Back & Legs - alternating"]
        assert repo.add_ready_plans() == []
        alt = repo.plan(repo.plan_id_by_name("Back & Legs - alternating"))
        assert alt.items[0].progression == "topset 90" and alt.time_budget_min == 90
        assert repo.plan(repo.plan_id_by_name("back & legs - legs first")).items == ()
    finally:
        repo.close()
