"""What Plan mode shows, read in one job: the plans, the week, one plan in full and its
checks; and the messages the job posts back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

from ...domain.model import Exercise, Plan, PlanSummary
from ...domain.plan_checks import PlanCheck, check_plan

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


def read_plan_view(repo: Repository, plan_id: int | None, landmarks: Landmarks) -> PlanView:
    """Everything the screen shows, with `plan_id` (or the first plan) in full."""
    plans = repo.plans()
    view = PlanView(plans, repo.schedule(), {e.id: e for e in repo.exercises()})
    ids = [p.id for p in plans]
    if ids:
        chosen = plan_id if plan_id in ids else ids[0]
        view.plan = repo.plan(chosen)
        days = len(next(p.weekdays for p in plans if p.id == chosen))
        view.checks = check_plan(view.plan.items, view.exercises, landmarks, days)
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
) -> Callable[[Repository], PlanView]:
    """A job: make `change` (if any), then read the view showing the plan it made, or
    `plan_id` (a plan the lifter picked), or the plan an earlier change made, or `selected`."""

    def run(repo: Repository) -> PlanView:
        if change is not None:
            made.plan_id = change(repo)
        elif plan_id is not None:
            made.plan_id = None  # the lifter picked a plan since
        show = made.plan_id if made.plan_id is not None else (plan_id if plan_id is not None else selected)
        return read_plan_view(repo, show, landmarks)

    return run


@dataclass
class PlanLoaded(Message):
    """Posted when a Plan job has read the plans, the week and the selected plan (after
    its change, if it made one)."""

    view: PlanView
