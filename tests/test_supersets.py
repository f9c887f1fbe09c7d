"""Supersets (issue 10): the pure rules (labels, which lift follows, the rest after the round)
and the live session following them against a real Repository, headless."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from backlegs_tui.domain.catalogue import PlanDraft, PlanItemDraft
from backlegs_tui.domain.supersets import (
    after_set,
    blocks,
    interleave,
    labels,
    round_rest,
)
from backlegs_tui.services import supersets as glue
from backlegs_tui.services.live_session import (
    EntryInput,
    LiveSession,
    load_open,
    start_session,
)
from backlegs_tui.store.repository import Repository

pytestmark = pytest.mark.both_backends

# ---- the rules -----------------------------------------------------------------------------

ORDER = [10, 11, 12, 13]
GROUPS = {11: "a", 12: " A "}  # one group whatever the case and spaces


def test_blocks_and_labels_number_the_lifts_of_a_superset() -> None:
    assert blocks(ORDER, GROUPS) == [[10], [11, 12], [13]]
    assert labels(ORDER, GROUPS) == {10: "A", 11: "B1", 12: "B2", 13: "C"}
    # members apart in the session still form one block, at the first one's place
    assert blocks([1, 2, 3], {1: "x", 3: "x"}) == [[1, 3], [2]]


def test_after_the_first_lift_of_a_round_the_second_follows_without_rest() -> None:
    step = after_set(11, ORDER, GROUPS, {11: 3, 12: 3}, {11: 1, 12: 0})
    assert step is not None and step.next_item == 12 and not step.rest and not step.round_over


def test_after_the_last_lift_of_a_round_the_rest_runs_and_the_first_comes_back() -> None:
    step = after_set(12, ORDER, GROUPS, {11: 3, 12: 3}, {11: 1, 12: 1})
    assert step is not None and step.next_item == 11 and step.rest and step.round_over


def test_the_last_round_ends_the_superset() -> None:
    step = after_set(12, ORDER, GROUPS, {11: 3, 12: 3}, {11: 3, 12: 3})
    assert step is not None and step.next_item is None and step.rest


def test_a_lift_with_fewer_sets_drops_out_of_the_later_rounds() -> None:
    planned = {11: 4, 12: 3}
    step = after_set(11, ORDER, GROUPS, planned, {11: 4, 12: 3})  # round 4: A1 alone
    assert step is not None and step.next_item is None and step.rest
    step = after_set(12, ORDER, GROUPS, planned, {11: 3, 12: 3})  # end of round 3
    assert step is not None and step.next_item == 11 and step.rest


def test_a_lift_done_out_of_turn_rests_then_the_one_behind_comes() -> None:
    step = after_set(12, ORDER, GROUPS, {11: 3, 12: 3}, {11: 0, 12: 1})
    assert step is not None and step.next_item == 11 and step.rest


def test_a_lift_outside_a_superset_has_no_step() -> None:
    assert after_set(10, ORDER, GROUPS, {10: 3}, {10: 1}) is None


def test_the_rest_after_a_round_is_the_longest_of_its_lifts() -> None:
    """A heavy lift paired with a light one: the round rests the heavy lift's rest, whichever
    comes last (was: the last lift's, 1:00 after a leg press planned at 2:30)."""
    rests = {11: 150, 12: 60}
    assert round_rest(11, ORDER, GROUPS, rests, {11: 3, 12: 3}, 1) == 150
    assert round_rest(12, ORDER, GROUPS, rests, {11: 3, 12: 3}, 2) == 150
    # round 4 has the second lift alone (the first planned 3 sets): its own rest
    assert round_rest(12, ORDER, GROUPS, rests, {11: 3, 12: 4}, 4) == 60
    assert round_rest(11, ORDER, GROUPS, {11: None, 12: None}, {11: 3, 12: 3}, 1) is None


def test_interleave_takes_a_round_at_a_time() -> None:
    assert interleave([[1, 2, 3], ["a", "b"]]) == [1, "a", 2, "b", 3]


# ---- the live session ------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test's database starts as a copy of the migrated template."""


def superset_plan(repo: Repository) -> int:
    draft = PlanDraft(
        name="Pair day",
        items=(
            PlanItemDraft("Leg curl", 2, 2, 10, 12, 8.0, rest_s=60, superset="A"),
            PlanItemDraft("Seated cable row", 2, 2, 10, 12, 8.0, rest_s=90, superset="A"),
            PlanItemDraft("Calf raise", 2, 2, 12, 15, 8.0, rest_s=45),
        ),
    )
    return repo.add_plan(draft).id


def log(repo: Repository, live: LiveSession, weight: str = "40", reps: str = "10") -> str:
    return live.commit(repo, live.enter(EntryInput(weight, reps))).message


def test_a_superset_alternates_and_rests_after_the_pair(repo: Repository, clock) -> None:
    live = LiveSession(start_session(repo, superset_plan(repo), clock()), repo.settings(), clock)
    curl, row, calf = live.state.items
    assert glue.labels(live) == {curl.id: "A1", row.id: "A2", calf.id: "B"}
    assert live.current_item().id == curl.id
    assert (live.planned_rest(), glue.planned_rest(live)) == (60, 90), "the rest to come is the pair's"
    assert [label.split()[0] for label, _ in live.goto_choices()] == ["A1", "A2", "B"]

    msg = log(repo, live)  # round 1, A1
    assert live.current_item().id == row.id, "the entry moves to A2"
    assert live.timer is None, "no rest between the lifts of a pair"
    assert "Seated cable row now" in msg
    clock.advance(30)
    log(repo, live, "50")  # round 1, A2: the round is over
    assert live.current_item().id == curl.id
    assert live.timer is not None and live.timer.total_s == 90, "the group's rest (its last lift's)"

    clock.advance(90)
    log(repo, live)  # round 2
    assert live.timer is None and live.current_item().id == row.id
    log(repo, live, "50")
    assert live.current_item().id == calf.id, "the pair done, on to the next lift"
    assert live.timer is not None and live.timer.total_s == 90
    assert [s.item_id for s in live.state.sets] == [curl.id, row.id, curl.id, row.id]

    # a resumed session still knows the pair and where the rest stands
    data = load_open(repo)
    assert data is not None and data.groups == {curl.id: "A", row.id: "A"}
    again = LiveSession(data, repo.settings(), clock)
    assert again.current_item().id == calf.id and again.timer is not None


def test_no_rest_survives_between_the_lifts_of_a_pair(repo: Repository, clock) -> None:
    live = LiveSession(start_session(repo, superset_plan(repo), clock()), repo.settings(), clock)
    log(repo, live)
    again = LiveSession(load_open(repo), repo.settings(), clock)
    assert again.timer is None and again.current_item().exercise_name == "Seated cable row"


def test_today_and_last_show_the_pair_together(repo: Repository, clock) -> None:
    plan_id = superset_plan(repo)
    when = clock() - timedelta(days=3)
    old = repo.start_session(plan_id, when)
    from backlegs_tui.domain.model import SetEntry, SetType

    for item in old.items[:2]:
        for _ in range(2):
            repo.log_set(old.id, SetEntry(item.exercise_id, SetType.WORKING, 30, 10, rpe=8, item_id=item.id,
                                          logged_at=when))
    repo.finish_session(old.id, when + timedelta(hours=1), 8)
    live = LiveSession(start_session(repo, plan_id, clock()), repo.settings(), clock)
    curl, row, _ = live.state.items
    last, marks = glue.last_rows(live)
    assert [s.exercise_id for s in last] == [curl.exercise_id, row.exercise_id] * 2
    assert marks == {curl.exercise_id: "A1", row.exercise_id: "A2"}
    log(repo, live)
    today, marks = glue.today_rows(live)  # the current lift is now A2: the pair's sets show
    assert [s.item_id for s in today] == [curl.id] and marks[curl.id] == "A1"


def test_history_shows_a_superset_with_its_labels(repo: Repository, clock) -> None:
    """A session logged as a superset keeps its group on the sets; History's detail labels
    the pair A1/A2 (as it does an imported Hevy superset)."""
    from backlegs_tui.ui.widgets.history_session_detail import superset_labels

    live = LiveSession(start_session(repo, superset_plan(repo), clock()), repo.settings(), clock)
    for weight in ("40", "50", "40", "50", "30"):
        log(repo, live, weight)
    live.commit(repo, live.finish(8, clock()))
    detail = repo.session_detail(live.id)
    assert [b.name for b in detail.blocks] == ["Leg curl", "Seated cable row", "Calf raise"]
    assert {s.superset for s in detail.blocks[0].sets} == {"A"}
    assert superset_labels(detail) == {0: "A1", 1: "A2", 2: "B"}


def test_history_without_supersets_has_no_labels(repo: Repository, clock) -> None:
    from backlegs_tui.domain.history import ExerciseBlock, SessionDetail
    from backlegs_tui.domain.model import SetEntry, SetType
    from backlegs_tui.ui.widgets.history_session_detail import superset_labels

    def block(ex: int, group: str | None) -> ExerciseBlock:
        return ExerciseBlock(ex, f"lift {ex}", (SetEntry(ex, SetType.WORKING, 50, 8, superset=group),))

    plain = SessionDetail(1, "s", clock(), None, (block(1, None), block(2, None)))
    assert superset_labels(plain) == {}
    hevy = SessionDetail(1, "s", clock(), None, (block(1, None), block(2, "0"), block(3, "0"), block(4, "1")))
    assert superset_labels(hevy) == {0: "A", 1: "B1", 2: "B2", 3: "C"}


def test_the_session_keeps_the_plans_groups_as_they_were_at_the_start(repo: Repository, clock) -> None:
    plan_id = superset_plan(repo)
    live = LiveSession(start_session(repo, plan_id, clock()), repo.settings(), clock)
    curl, row, _ = live.state.items
    for it in repo.plan(plan_id).items:  # the plan edited mid-session: no superset, a progression
        repo.update_plan_item(it.id, pairing_group=None, progression="fixed")
    log(repo, live)
    assert live._scratch()["groups"] == {str(curl.id): "A", str(row.id): "A"}, "a rewrite of the scratch keeps them"
    again = LiveSession(load_open(repo), repo.settings(), clock)
    assert again.groups == {curl.id: "A", row.id: "A"} and again.progressions == {}
    assert again.current_item().id == row.id


def test_a_heavy_lift_first_in_a_pair_sets_the_rounds_rest(repo: Repository, clock) -> None:
    """Leg press (2:30) then face pull (1:00): the timer after the round runs 2:30, and the
    Target line and the rest timer's planned rest say the same for both lifts."""
    plan = repo.add_plan(PlanDraft(name="Heavy pair", items=(
        PlanItemDraft("Leg curl", 2, 2, 10, 12, 8.0, rest_s=150, superset="A"),
        PlanItemDraft("Seated cable row", 2, 2, 10, 12, 8.0, rest_s=60, superset="A"),
    )))
    live = LiveSession(start_session(repo, plan.id, clock()), repo.settings(), clock)
    _, light = live.state.items
    assert glue.planned_rest(live) == 150 and glue.target_rest(live) == "rest 2:30 after the round"
    log(repo, live)
    assert live.current_item().id == light.id and live.timer is None
    assert glue.planned_rest(live) == 150 and glue.target_rest(live) == "rest 2:30 after the round"
    log(repo, live, "50")  # the round is over
    assert live.timer is not None and live.timer.total_s == 150, "the heavy lift's rest, not the last lift's 1:00"
    assert repo.open_session().rest_total_s == 150, "the rest kept for a resume is the same"


def test_the_round_a_heavy_lift_ends_in_still_rests_its_rest(repo: Repository, clock) -> None:
    """Leg curl 2 sets at 2:30 with a row 3 sets at 1:00: the timer after round 2 (the heavy
    lift's last) runs 2:30 on screen as on disk; round 3, the row alone, 1:00. The timer took
    the round after the one just ended (1:00) while the disk kept 2:30 (review 3)."""
    plan = repo.add_plan(PlanDraft(name="Uneven pair", items=(
        PlanItemDraft("Leg curl", 2, 2, 10, 12, 8.0, rest_s=150, superset="A"),
        PlanItemDraft("Seated cable row", 3, 3, 10, 12, 8.0, rest_s=60, superset="A"),
    )))
    live = LiveSession(start_session(repo, plan.id, clock()), repo.settings(), clock)
    for _ in range(3):  # round 1, then round 2's leg curl
        log(repo, live)
    log(repo, live, "50")  # round 2 ends: the leg curl's last round
    assert live.timer is not None and live.timer.total_s == 150
    assert repo.open_session().rest_total_s == 150
    log(repo, live, "50")  # round 3: the row alone
    assert live.timer is not None and live.timer.total_s == 60
