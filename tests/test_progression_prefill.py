"""The live session's prefill follows the plan item's progression (issue 10) and says why:
fixed load, linear, an RPE top set with back-off sets from today's top set, double progression
by default; a deload session still takes its load factor. Headless, on a real Repository."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from backlegs_tui.domain.catalogue import PlanDraft, PlanItemDraft
from backlegs_tui.domain.model import SessionItem, SetEntry, Settings, SetType
from backlegs_tui.domain.session_progression import progression_prefill
from backlegs_tui.services.live_session import EntryInput, LiveSession, start_session
from backlegs_tui.store.repository import Repository

pytestmark = pytest.mark.both_backends


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test's database starts as a copy of the migrated template."""


def session(repo: Repository, clock, progression: str | None, *, last: tuple[float, int] = (100.0, 10),
            reps: tuple[int, int] = (8, 10), deload: bool = False) -> LiveSession:
    """A one-lift plan (leg press, no warm-up ramp) with `progression`, done once three days
    ago at `last` (weight, reps) for three sets at RPE 8, started now."""
    plan = repo.add_plan(PlanDraft(name=f"P {progression}", items=(
        PlanItemDraft("Leg press", 3, 3, reps[0], reps[1], 8.0, progression=progression),
    )))
    when = clock() - timedelta(days=3)
    old = repo.start_session(plan.id, when)
    item = old.items[0]
    for _ in range(3):
        repo.log_set(old.id, SetEntry(item.exercise_id, SetType.WORKING, last[0], last[1], rpe=8, item_id=item.id,
                                      logged_at=when))
    repo.finish_session(old.id, when + timedelta(hours=1), 8)
    return LiveSession(start_session(repo, plan.id, clock(), deload=deload, deload_load=0.9), repo.settings(), clock)


def test_double_progression_is_the_default(repo: Repository, clock) -> None:
    live = session(repo, clock, None)
    assert live.next.weight_kg > 100 and "double progression" not in live.next.reason  # the session's own rule


def test_fixed_load_keeps_the_weight_and_says_so(repo: Repository, clock) -> None:
    live = session(repo, clock, "fixed", last=(100.0, 9))
    assert (live.next.weight_kg, live.next.reps) == (100.0, 10)
    assert live.next.reason.startswith("fixed load: same 100 kg")


def test_linear_adds_its_increment_on_last_time(repo: Repository, clock) -> None:
    live = session(repo, clock, "linear 5", last=(100.0, 8))
    assert live.next.weight_kg == 105.0
    assert live.next.reason.startswith("linear: +5 kg") and "100 kg" in live.next.reason
    live.commit(repo, live.enter(EntryInput("105", "10")))
    assert live.next.weight_kg == 105.0, "one step a session, not a set"


def test_topset_then_back_off_sets_from_todays_top_set(repo: Repository, clock) -> None:
    live = session(repo, clock, "topset 90")
    assert live.next.reason.startswith("top set at RPE 8")
    live.commit(repo, live.enter(EntryInput("140", "8", "8")))  # heavier than suggested: today's counts
    assert live.next.weight_kg == 125.0  # 90 % of 140 = 126, down to the 5 kg step
    assert live.next.reason == "back-off: 90 % of today's top set 140 kg"
    assert live.entry_fields()[0] == "125"


def test_a_deload_still_takes_its_load_factor(repo: Repository, clock) -> None:
    live = session(repo, clock, "linear 10", last=(100.0, 8), deload=True)
    # nothing progresses in a deload: about 90 % of last time's 100 kg, not of the next step
    assert live.next.weight_kg == 90.0
    assert "deload" in live.next.reason


def test_an_unreadable_progression_falls_back_to_double_progression() -> None:
    item = SessionItem(1, 0, 1, "Leg press", 3, 8, 10, 8.0)
    from backlegs_tui.domain.model import Exercise

    ex = Exercise(1, "Leg press")
    last = [SetEntry(1, SetType.WORKING, 100, 10, rpe=8)]
    assert progression_prefill("sometimes", item, ex, [], last, Settings()) is None
    assert progression_prefill(None, item, ex, [], last, Settings()) is None
    assert progression_prefill("fixed", item, ex, [], [], Settings()) is None, "no history: the lifter picks"
