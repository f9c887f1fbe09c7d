"""The first start (issue 10): the lifter's unit, bar and plates, the ready plans they pick and
a weekly schedule of 2 or 3 days. Headless: the wizard (ui/wizard.py) asks, these functions run
in the job worker and do the database work.

The wizard is offered once: on a database with no session (finished or open) whose settings
record no answer (`Settings.first_start` is ""). Done or skipped, the answer is saved and the
wizard never comes back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..domain.catalogue import READY_PLANS, SAMPLE_PLAN
from ..domain.model import Settings, Unit
from ..domain.plan_checks import SPINAL_GAP_RULE

if TYPE_CHECKING:
    from ..store.repository import Repository

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# the days a new lifter is offered: heavy lumbar lifts at least 48 h apart on either
# (plan_checks.SPINAL_GAP_H, the plan check's rule)
DEFAULT_DAYS: dict[int, tuple[int, ...]] = {2: (0, 3), 3: (0, 2, 4)}
# the week step's help: the rule in the plan check's own words and number
WEEK_HELP = f"Training days: {SPINAL_GAP_RULE}. Enter opens a choice."
READY_NAMES = tuple(p.name for p in READY_PLANS)


@dataclass(frozen=True, slots=True)
class FirstStart:
    """What the lifter answered. Bar and plates are in `unit`; `plans` are names of
    READY_PLANS; `schedule` is (weekday 0 = Monday, plan name) for each training day."""

    unit: Unit
    bar: float
    plates: tuple[float, ...]
    plans: tuple[str, ...]
    schedule: tuple[tuple[int, str], ...] = ()


def defaults_for(unit: Unit) -> tuple[float, tuple[float, ...]]:
    """The bar and plates a gym in `unit` usually has (Settings' defaults)."""
    s = Settings()
    return (s.bar_lb, s.plates_lb) if unit is Unit.LB else (s.bar_kg, s.plates_kg)


def default_schedule(plans: Sequence[str], days: int) -> list[tuple[int, str]]:
    """`days` (2 or 3) training days, the chosen plans taken in turn: with one plan it is on
    every day, with two they alternate (A B, or A B A)."""
    if not plans or days not in DEFAULT_DAYS:
        return []
    return [(wd, plans[i % len(plans)]) for i, wd in enumerate(DEFAULT_DAYS[days])]


def schedule_problem(schedule: Sequence[tuple[int, str]]) -> str | None:
    """One line when two training days fall on one weekday, else None."""
    seen: set[int] = set()
    for wd, _ in schedule:
        if wd in seen:
            return f"Two training days on {WEEKDAYS[wd]}: pick another weekday for one of them"
        seen.add(wd)
    return None


def schedule_warning(schedule: Sequence[tuple[int, str]]) -> str | None:
    """One line when the week breaks the 48 h rule, else None: the Plan screen's check
    (plan_checks.occurrences and spinal_pairs, the pairs closer than SPINAL_GAP_H) on the ready
    plans as the wizard schedules them, so the first Plan screen flags nothing the wizard did
    not. Finish still saves such a week: it is the lifter's choice, and the line says so."""
    from ..domain.catalogue import CATALOGUE
    from ..domain.model import Exercise, Plan, PlanItem
    from ..domain.plan_checks import (
        SPINAL_GAP_H,
        WEEKDAY_SHORT,
        format_hours,
        occurrences,
        spinal_pairs,
    )

    ids = {d.name: i for i, d in enumerate(CATALOGUE)}
    exercises = {i: Exercise(i, d.name, d.primary, d.secondary, d.spinal_load, d.kind) for i, d in enumerate(CATALOGUE)}
    plans = {
        pid: Plan(pid, draft.name, tuple(
            PlanItem(ids[it.exercise], it.exercise, it.sets_min, it.sets_max, it.reps_min, it.reps_max)
            for it in draft.items if it.exercise in ids
        ))
        for pid, draft in enumerate(READY_PLANS)
    }
    by_name = {p.name: pid for pid, p in plans.items()}
    week: dict[int, list[int]] = {}
    for wd, name in schedule:
        if name in by_name:
            week.setdefault(wd, []).append(by_name[name])
    close = [p for p in spinal_pairs(occurrences(week, plans, exercises)) if p[0] < SPINAL_GAP_H]
    if not close:
        return None

    def span(a, b) -> str:
        return f"{WEEKDAY_SHORT[int(a.hour // 24) % 7]} to {WEEKDAY_SHORT[int(b.hour // 24) % 7]}"

    if len(close) == 1:
        gap, a, b = close[0]
        return f"! {span(a, b)} is only {format_hours(gap)} h, under {SPINAL_GAP_H:g} h. Finish keeps it (your choice)"
    pairs = ", ".join(span(a, b) for _, a, b in close)
    return f"! Under {SPINAL_GAP_H:g} h: {pairs}. Finish keeps it (your choice)"


def wants_first_start(repo: Repository) -> bool:
    """Whether to offer the wizard: nothing logged yet and no answer recorded."""
    return repo.settings().first_start == "" and repo.session_count() == 0 and repo.open_session() is None


def skip_first_start(repo: Repository) -> Settings:
    """Esc: record the answer (the wizard never returns); nothing else changes."""
    new = replace(repo.settings(), first_start="skipped")
    repo.save_settings(new)
    return new


def apply_first_start(repo: Repository, answer: FirstStart) -> Settings:
    """Save the unit, bar and plates, add the chosen ready plans (a plan of the same name is
    kept as it is), put them on the schedule and record the answer. The seeded article sample
    is removed when it was not chosen and nothing was logged yet. Returns the new settings."""
    unknown = [n for n in answer.plans if n not in READY_NAMES]
    if unknown:
        raise ValueError(f"not a ready plan: {unknown[0]}")
    problem = schedule_problem(answer.schedule)
    if problem is not None:
        raise ValueError(problem)
    ids: dict[str, int] = {}
    for draft in READY_PLANS:
        found = repo.plan_id_by_name(draft.name)
        if draft.name in answer.plans:
            ids[draft.name] = found if found is not None else repo.add_plan(draft).id
        elif draft is SAMPLE_PLAN and found is not None and repo.session_count() == 0 and repo.open_session() is None:
            repo.delete_plan(found)
    for wd, name in answer.schedule:
        if name not in ids:
            raise ValueError(f"{name} is on the schedule but not among the plans chosen")
        repo.set_schedule(wd, [ids[name]])
    s = repo.settings()
    if answer.unit is Unit.LB:
        s = replace(s, bar_lb=answer.bar, plates_lb=answer.plates)
    else:
        s = replace(s, bar_kg=answer.bar, plates_kg=answer.plates)
    new = replace(s, unit=answer.unit, first_start="done")
    repo.save_settings(new)
    return new
