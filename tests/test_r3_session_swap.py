"""UX report 3, finding 2: a lift swapped out of its slot after sets were logged on it keeps
them in view and in the slot's count (pull-up bar taken after set 1: a lat pulldown goes on
in the same slot). Today shows them under `Pull-up, swapped out`; the lift list, go-to and
the finish count the slot's sets, whichever lift; an undo names the set it takes back as
Today shows it. Headless on `LiveSession`; one Pilot flow for what the screen shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from backlegs_tui.domain.model import LoadKind, SetType
from backlegs_tui.services import supersets as glue
from backlegs_tui.services.live_session import (
    EntryInput,
    LiveSession,
    finish_question,
    start_session,
)
from backlegs_tui.store.repository import Repository


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test's database starts as a copy of the migrated template."""


def pull_up_swapped(repo: Repository, clock) -> LiveSession:
    """The sample plan: a pull-up `BW x 6 @8` logged, then swapped for a lat pulldown."""
    live = LiveSession(start_session(repo, repo.plans()[0].id, clock()), repo.settings(), clock)
    pull = next(it for it in live.state.items if it.exercise_name == "Pull-up")
    live.commit(repo, live.go_to(pull.id))
    live.commit(repo, live.log_body_weight("80"))
    assert live.commit(repo, live.enter(EntryInput("0", "6", "8"))).message.startswith("✓ Set 1 saved: BW x 6 @8")
    clock.advance(150)
    pulldown = next(i for _, i in live.alternatives() if live.exercises[i].name == "Lat pulldown")
    live.commit(repo, live.swap(pulldown))
    assert live.current_item().exercise_name == "Lat pulldown"
    return live


def test_a_swapped_out_lifts_sets_stay_in_today_under_its_own_title(repo: Repository, clock) -> None:
    live = pull_up_swapped(repo, clock)
    view = glue.today_view(live)
    assert [(s.exercise_name, s.reps) for s in view.sets] == [("Pull-up", 6)]
    (pull_set,) = view.sets
    assert view.titles[pull_set.id] == "Pull-up, swapped out"
    assert view.kinds[pull_set.id] is LoadKind.BODYWEIGHT, "shown as BW x 6, not as a pulldown's 0 x 6"
    assert live.item_sets() == [], "the pulldown's own prefill starts from its own sets"

    live.commit(repo, live.enter(EntryInput("60", "10", "8")))
    view = glue.today_view(live)
    assert [s.exercise_name for s in view.sets] == ["Pull-up", "Lat pulldown"]
    assert [view.titles[s.id] for s in view.sets] == ["Pull-up, swapped out", "Lat pulldown"]


def test_the_slot_counts_the_swapped_out_lifts_sets(repo: Repository, clock) -> None:
    live = pull_up_swapped(repo, clock)
    slot = live.current_item()
    assert live.done(slot) == 1
    assert any(label.endswith("Lat pulldown  1/4") for label, _ in live.goto_choices()), live.goto_choices()
    msg = live.commit(repo, live.enter(EntryInput("60", "10", "8"))).message
    assert msg.startswith("✓ Set 1 saved: 60 kg x 10 @8"), "numbered within its lift, as Today numbers it"
    assert live.done(slot) == 2
    _, detail = finish_question(live.unfinished(), live.done, live.min_sets)
    assert "Part done: Lat pulldown 2 of 3-4 sets." in detail, detail
    clock.advance(120)
    live.commit(repo, live.enter(EntryInput("60", "9", "9")))
    assert slot not in live.unfinished(), "3 sets of a 3-4 slot: done"
    assert live.state.sets[0].set_type is SetType.WORKING and live.state.sets[0].exercise_name == "Pull-up"


def test_undo_names_the_set_it_takes_back(repo: Repository, clock) -> None:
    live = pull_up_swapped(repo, clock)
    live.commit(repo, live.enter(EntryInput("60", "10", "8")))
    assert live.commit(repo, live.undo()).message == "Undone: Lat pulldown set 1, 60 kg x 10 @8"
    out = live.commit(repo, live.undo())
    assert out.message == "Undone: Pull-up set 1 (swapped out), BW x 6 @8"
    assert glue.today_view(live).sets == [] and live.done(live.current_item()) == 0


def test_today_titles_the_swapped_out_sets_under_the_column_headers() -> None:
    """As the Today table draws it: the headers, then `Pull-up, swapped out` and its set (BW,
    numbered 1), then `Lat pulldown` and its own set 1."""
    import io

    from rich.console import Console

    from backlegs_tui.domain.model import SetEntry, Unit
    from backlegs_tui.ui.widgets.session_views import SetTable

    table = SetTable()
    shown: list[object] = []
    table.update = shown.append  # type: ignore[method-assign]  # what it would draw
    pull = SetEntry(1, SetType.WORKING, 0, 6, rpe=8, id=1, item_id=5, exercise_name="Pull-up")
    down = SetEntry(2, SetType.WORKING, 60, 10, rpe=8, id=2, item_id=5, exercise_name="Lat pulldown")
    titles = {1: "Pull-up, swapped out", 2: "Lat pulldown"}
    kinds = {1: LoadKind.BODYWEIGHT, 2: LoadKind.WEIGHTED}
    table.show([pull, down], Unit.KG, kind=LoadKind.WEIGHTED, body_kg=80,
               title_of=lambda s: titles[s.id], kind_of=lambda s: kinds[s.id])
    console = Console(width=40, record=True, file=io.StringIO())
    (content,) = shown
    console.print(content)
    lines = [line.strip() for line in console.export_text().splitlines() if line.strip()]
    assert lines[0].split()[:2] == ["#", "set"]
    assert lines[1] == "Pull-up, swapped out"
    assert lines[2].split()[:4] == ["1", "BW", "x", "6"]
    assert lines[3] == "Lat pulldown"
    assert lines[4].split()[:4] == ["1", "60", "x", "10"]


def test_a_swap_inside_a_superset_keeps_the_round_and_the_sets(repo: Repository, clock) -> None:
    """A pair: the cable row swapped out after its first set. Its set stays in Today (titled,
    still marked A2), the slot counts it, and the pair's rounds go on from there."""
    from backlegs_tui.domain.catalogue import PlanDraft, PlanItemDraft

    plan = repo.add_plan(PlanDraft(name="Pair", items=(
        PlanItemDraft("Leg curl", 2, 2, 10, 12, 8.0, rest_s=60, superset="A"),
        PlanItemDraft("Seated cable row", 2, 2, 10, 12, 8.0, rest_s=90, superset="A"),
    )))
    live = LiveSession(start_session(repo, plan.id, clock()), repo.settings(), clock)
    curl, row = live.state.items
    live.commit(repo, live.enter(EntryInput("40", "10", "8")))
    live.commit(repo, live.enter(EntryInput("50", "10", "8")))  # the round is over: back to the curl
    live.commit(repo, live.go_to(row.id))
    other = live.alternatives()[0][1]
    live.commit(repo, live.swap(other))
    assert live.done(live.current_item()) == 1
    view = glue.today_view(live)
    rowset = next(s for s in view.sets if s.item_id == row.id)
    assert view.titles[rowset.id] == "Seated cable row, swapped out" and view.marks[row.id] == "A2"
    assert view.sets[0] is rowset, "the swapped-out lift's sets come first, under their title"
    live.commit(repo, live.go_to(curl.id))
    live.commit(repo, live.enter(EntryInput("40", "10", "8")))
    assert live.current_item().id == row.id, "round 2 goes on to the swapped-in lift"
