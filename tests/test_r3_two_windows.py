"""One session open in two windows (tester3 #3), headless: two Repository and LiveSession
objects on one SQLite file, as two `backlegs` windows or two `backlegs serve` tabs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from backlegs_tui.domain.model import SetType
from backlegs_tui.services.live_session import (
    EntryInput,
    LiveSession,
    load_open,
    start_session,
)
from backlegs_tui.services.session_start import (
    activity,
    discard_detail,
    gone_line,
    reread_session,
    resume_title,
)
from backlegs_tui.store.repository import Repository


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test's `db_path` starts as a copy of the migrated template."""


@pytest.fixture
def other(db_path: Path) -> Iterator[Repository]:
    """Window B: a second Repository on the same file."""
    r = Repository.open(db_path)
    yield r
    r.close()


def log(repo: Repository, live: LiveSession, weight: str = "100") -> None:
    out = live.commit(repo, live.enter(EntryInput(weight, "5", "", False, SetType.WORKING)))
    assert not out.error, out.message


def two_windows(repo: Repository, other: Repository, clock) -> tuple[LiveSession, LiveSession]:
    """A starts the sample plan (warm-ups off); B resumes it, as its resume offer would."""
    a = LiveSession(start_session(repo, repo.plans()[0].id, clock()), repo.settings(), clock)
    a.toggle_warmups()
    data = load_open(other)
    assert data is not None and data.state.id == a.id
    b = LiveSession(data, other.settings(), clock)
    b.toggle_warmups()
    return a, b


def test_a_set_logged_in_b_shows_in_a_on_its_next_read(repo: Repository, other: Repository, clock) -> None:
    a, b = two_windows(repo, other, clock)
    log(repo, a)
    log(repo, a)
    log(other, b)  # B's set goes after A's two on disk
    assert len(repo.session_state(a.id).sets) == 3
    assert len(a.state.sets) == 2  # A has not read yet
    again = reread_session(repo, a.id)
    assert again.gone == "" and again.state is not None
    current = a.state.current_item_id
    assert a.merge(again.state) is True
    assert [s.id for s in a.state.sets] == [s.id for s in repo.session_state(a.id).sets]
    assert a.state.current_item_id == current  # A stays on its own lift
    assert a.merge(reread_session(repo, a.id).state) is False  # nothing new: no redraw


def test_an_undo_in_b_goes_from_a_too(repo: Repository, other: Repository, clock) -> None:
    a, b = two_windows(repo, other, clock)
    log(repo, a)
    log(repo, a)
    b.merge(reread_session(other, b.id).state)
    b.commit(other, b.undo())
    a.merge(reread_session(repo, a.id).state)
    assert len(a.state.sets) == 1


def test_a_session_discarded_in_b_is_gone_for_a_with_one_whole_line(repo: Repository, other: Repository, clock) -> None:
    a, b = two_windows(repo, other, clock)
    log(repo, a)
    b.commit(other, b.discard())
    again = reread_session(repo, a.id)
    assert again.state is None and again.gone == "discarded"
    assert gone_line(again.gone) == "This session was discarded in another window: its sets are gone"


def test_a_session_finished_in_b_is_finished_for_a(repo: Repository, other: Repository, clock) -> None:
    a, b = two_windows(repo, other, clock)
    log(repo, a)
    b.commit(other, b.finish(8, clock()))
    again = reread_session(repo, a.id)
    assert again.state is None and again.gone == "finished"
    assert "finished in another window" in gone_line(again.gone)
    # a past session (finished already, entered afterwards) is no "finished elsewhere"
    assert reread_session(repo, a.id, past=True).state is not None


def test_the_resume_offer_says_when_the_session_was_last_active(repo: Repository, other: Repository, clock) -> None:
    a, _ = two_windows(repo, other, clock)
    log(repo, a)
    clock.advance(120)
    state = other.open_session()
    act = activity(state, clock())
    assert act.ago == "last set 2 min ago" and act.maybe_open
    title = resume_title(state, clock())
    assert "last set 2 min ago" in title and "may be open in another window" in title
    assert "open in another window" in discard_detail(state, clock())
    # an hour later it is a session left open, not one in use elsewhere
    clock.advance(3600)
    act = activity(state, clock())
    assert act.ago == "last set 1 h ago" and not act.maybe_open
    assert "another window" not in resume_title(state, clock())
    assert "another window" not in discard_detail(state, clock())


def test_a_session_with_no_set_yet_counts_from_its_start(repo: Repository, clock) -> None:
    state = start_session(repo, repo.plans()[0].id, clock()).state
    clock.advance(300)
    act = activity(state, clock())
    assert act.ago == "started 5 min ago, no set yet" and act.maybe_open


def test_finishing_a_session_discarded_in_b_fails_instead_of_saying_saved(repo: Repository, other: Repository, clock) -> None:
    from backlegs_tui.store.repository import NotFound

    a, b = two_windows(repo, other, clock)
    log(repo, a)
    b.commit(other, b.discard())
    with pytest.raises(NotFound):
        a.commit(repo, a.finish(8, clock()))
    assert reread_session(repo, a.id).gone == "discarded"


def test_an_undo_in_a_never_takes_the_set_b_logged_since(repo: Repository, other: Repository, clock) -> None:
    """B logs a set; before A reads it, `u` in A: A's own set stays, B's set stays, and A
    says why (it deleted B's set, then said "Nothing to undo": review 3)."""
    a, b = two_windows(repo, other, clock)
    log(repo, a, "100")
    log(other, b, "90")  # B's set, not shown in A yet
    out = a.commit(repo, a.undo())
    assert out.error and "another window logged a set" in out.message
    data = load_open(repo)
    assert data is not None and [s.weight_kg for s in data.state.sets] == [100, 90]
    # once A shows B's set, its undo takes the newest as before
    a.merge(data.state)
    out = a.commit(repo, a.undo())
    assert not out.error and "90" in out.message
    data = load_open(repo)
    assert data is not None and [s.weight_kg for s in data.state.sets] == [100]


def test_a_changed_time_or_distance_in_b_shows_in_a(repo: Repository, other: Repository, clock) -> None:
    """merge compared weight, reps, effort, notes and type only: a plank's seconds edited in
    B never showed in A (review 3)."""
    from dataclasses import replace

    a, b = two_windows(repo, other, clock)
    log(repo, a)
    data = load_open(other)
    assert data is not None
    changed = replace(data.state, sets=[replace(data.state.sets[0], duration_s=45)])
    assert a.merge(changed) and a.state.sets[0].duration_s == 45
    assert not a.merge(changed)  # the same again: nothing to redraw
