"""What Plan mode shows, read in one job: the plans, the week, one plan in full and its
checks; and the messages the job posts back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from textual.message import Message

from ...domain.model import Exercise, Plan, PlanSummary
from ...domain.plan_checks import (
    PlanCheck,
    all_checks,
    deloaded,
    estimate_duration,
    week_sets,
)

if TYPE_CHECKING:
    from ...domain.plan_checks import Landmarks
    from ...store.repository import Repository


@dataclass(slots=True)
class PlanView:
    """What the screen shows, read by one job."""

    plans: list[PlanSummary]
    schedule: dict[int, list[int]]
    exercises: dict[int, Exercise]
    plan: Plan | None = None
    checks: list[PlanCheck] = field(default_factory=list)
    # the week: each scheduled plan's estimated minutes, and each muscle's hard sets
    minutes: dict[int, int] = field(default_factory=dict)
    week_sets: dict[str, tuple[float, float]] = field(default_factory=dict)
    deload_week: bool = False
    mesocycle_week: int | None = None


def read_plan_view(
    repo: Repository, plan_id: int | None, landmarks: Landmarks, today: date | None = None,
) -> PlanView:
    """Everything the screen shows, with `plan_id` (or the first plan) in full; its
    checks, the 48 h check across the scheduled week among them. `today` (the app's clock)
    places the week in the mesocycle and says whether it is a deload week."""
    from ...domain.progression import is_deload_week, mesocycle_week

    plans = repo.plans()
    settings = repo.settings()
    view = PlanView(plans, repo.schedule(), {e.id: e for e in repo.exercises()})
    today = today or date.today()
    view.deload_week, view.mesocycle_week = is_deload_week(today, settings), mesocycle_week(today, settings)
    scheduled = {pid: repo.plan(pid) for ids in view.schedule.values() for pid in ids}
    # the week as it runs: in a deload week, each plan with the deload's sets
    runs = {pid: deloaded(p, settings) for pid, p in scheduled.items()} if view.deload_week else scheduled
    view.minutes = {
        pid: estimate_duration(p, view.exercises, settings.default_rest_s).minutes
        for pid, p in runs.items()
    }
    view.week_sets = week_sets(view.schedule, runs, view.exercises)
    ids = [p.id for p in plans]
    if ids:
        chosen = plan_id if plan_id in ids else ids[0]
        view.plan = scheduled.get(chosen) or repo.plan(chosen)
        view.checks = all_checks(view.plan, view.exercises, landmarks, view.schedule, scheduled, settings.default_rest_s)
    return view


# A change to the plans: runs in the job worker, returns the id of the plan to show after
# it (a plan it made) or None to keep the selected one.
Change = Callable[["Repository"], "int | None"]


class MadeByJobs:
    """The plan the latest change made, as the job worker knows it. Only jobs read and
    write it (one at a time, in order), so a read queued behind a change shows the plan
    that change made, though the screen had not seen it when the read was asked for."""

    def __init__(self) -> None:
        self.plan_id: int | None = None


def change_then_read(
    made: MadeByJobs, change: Change | None, plan_id: int | None, selected: int | None, landmarks: Landmarks,
    today: Callable[[], date] | None = None,
) -> Callable[[Repository], PlanView]:
    """A job: make `change` (if any), then read the view showing the plan it made, or
    `plan_id` (a plan the lifter picked), or the plan an earlier change made, or `selected`."""

    def run(repo: Repository) -> PlanView:
        if change is not None:
            made.plan_id = change(repo)
        elif plan_id is not None:
            made.plan_id = None  # the lifter picked a plan since
        show = made.plan_id if made.plan_id is not None else (plan_id if plan_id is not None else selected)
        return read_plan_view(repo, show, landmarks, today() if today is not None else None)

    return run


@dataclass
class PlanLoaded(Message):
    """Posted when a Plan job has read the plans, the week and the selected plan (after
    its change, if it made one)."""

    view: PlanView
