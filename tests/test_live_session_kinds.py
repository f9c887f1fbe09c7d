"""The live session by load kind, headless: holds, carries, body weight asked once, assisted
lifts, a record said at once, a standing note on a lift."""

from __future__ import annotations

from pathlib import Path

import pytest

from backlegs_tui.domain.model import LoadKind, SetType
from backlegs_tui.services.live_session import EntryInput, LiveSession, start_session
from backlegs_tui.store.repository import Repository

pytestmark = pytest.mark.both_backends


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test starts from the migrated template."""


def session_with(repo: Repository, clock, name: str) -> LiveSession:
    live = LiveSession(start_session(repo, None, clock()), repo.settings(), clock)
    live.commit(repo, live.add(repo.exercise_by_name(name).id))
    return live


def test_a_timed_set_needs_seconds_and_the_hold_timer_gives_them(repo: Repository, clock) -> None:
    live = session_with(repo, clock, "Plank")
    assert live.kind() is LoadKind.TIMED
    out = live.enter(EntryInput("", "", ""))
    assert out.error and "seconds" in out.message
    assert "stopwatch" in live.start_hold().message
    clock.advance(47)
    assert live.hold_text() == "Hold 0:47"
    assert live.start_hold().message == "Held 47 s: Enter logs it" and live.held == 47
    msg = live.commit(repo, live.enter(EntryInput("", "", "", duration=str(live.held)))).message
    assert msg == "✓ Set 1 saved: 47 s"
    saved = repo.session_state(live.id).sets[-1]
    assert (saved.duration_s, saved.weight_kg, saved.reps) == (47, 0.0, 1)
    # next time: a countdown from the last hold; a longer hold is a record
    assert live.kind_fields()[1] == "47"
    live.start_hold()
    clock.advance(10)
    assert live.hold_text() == "Hold 0:37 left" and live.hold_tick() is None
    clock.advance(40)
    assert live.hold_tick() == "Time! 47 s: h stops the hold, Enter logs it" and live.hold_tick() is None
    assert live.hold_text() == "Hold 0:50 (time!)"
    msg = live.commit(repo, live.enter(EntryInput("10", "", "", duration="1:00"))).message
    assert msg.split("\n") == ["✓ Set 2 saved: 60 s with 10 kg", "★ New record: Plank longest hold 60 s (was 47 s)"]


def test_a_carry_logs_metres_and_time(repo: Repository, clock) -> None:
    live = session_with(repo, clock, "Farmer carry")
    assert live.enter(EntryInput("24", "", "", distance="")).error
    msg = live.commit(repo, live.enter(EntryInput("24", "", "", duration="45", distance="40"))).message
    assert msg == "✓ Set 1 saved: 40 m in 0:45 with 24 kg"
    saved = repo.session_state(live.id).sets[-1]
    assert (saved.distance_m, saved.duration_s, saved.weight_kg) == (40.0, 45, 24.0)


def test_body_weight_is_asked_once_never_guessed(repo: Repository, clock) -> None:
    live = session_with(repo, clock, "Pull-up")
    assert live.kind_fields()[3] == "body weight ?"
    out = live.enter(EntryInput("0", "8", ""))
    assert out.error and out.ask == "body_weight" and out.write is None
    assert live.log_body_weight("abc").error
    assert live.commit(repo, live.log_body_weight("80")).message.startswith("✓ Body weight 80 kg logged")
    assert repo.body_weight_at(clock()) == 80.0 and live.kind_fields()[3] == "body 80 kg"
    assert live.commit(repo, live.enter(EntryInput("0", "8", ""))).message == "✓ Set 1 saved: BW x 8"
    confirmed, record = live.commit(repo, live.enter(EntryInput("10", "8", ""))).message.split("\n")
    assert confirmed == "✓ Set 2 saved: BW + 10 kg x 8"
    assert record.startswith("★ New record: Pull-up e1RM")  # 90 kg x 8 beats 80 kg x 8
    # a new session reads the logged body weight: no question
    live.commit(repo, live.finish(None, clock()))
    again = session_with(repo, clock, "Pull-up")
    assert again.body_kg == 80.0 and not again.enter(EntryInput("0", "5", "")).error


def test_an_assisted_lift_takes_assistance_below_body_weight(repo: Repository, clock) -> None:
    repo.log_body_weight(clock(), 80)
    live = session_with(repo, clock, "Assisted pull-up")
    assert live.kind() is LoadKind.ASSISTED and live.kind_fields()[3] == "body 80 kg"
    assert "whole body weight" in live.enter(EntryInput("80", "8", "")).message
    assert live.commit(repo, live.enter(EntryInput("25", "8", ""))).message == "✓ Set 1 saved: BW - 25 kg x 8"
    saved = repo.session_state(live.id).sets[-1]
    assert repo.effective_load(saved) == 55.0
    # less help is a heavier effective load: a record at once
    msg = live.commit(repo, live.enter(EntryInput("20", "8", ""))).message
    confirmed, record = msg.split("\n")
    assert confirmed == "✓ Set 2 saved: BW - 20 kg x 8"
    assert record.startswith("★ New record: Assisted pull-up e1RM") and "(was" in record


def test_a_weighted_record_is_said_at_once_not_a_warm_up(repo: Repository, clock) -> None:
    live = session_with(repo, clock, "Leg extension")
    assert "record" not in live.commit(repo, live.enter(EntryInput("50", "10", ""))).message  # first ever
    assert "record" not in live.commit(repo, live.enter(EntryInput("60", "10", "", set_type=SetType.WARMUP))).message
    msg = live.commit(repo, live.enter(EntryInput("55", "10", ""))).message
    confirmed, record = msg.split("\n")  # the confirmation first: a narrow screen never cuts it
    assert confirmed == "✓ Set 2 saved: 55 kg x 10"  # the warm-up between is no set of the count
    assert record.startswith("★ New record: Leg extension e1RM") and "(was" in record


def test_a_note_on_a_lift_carries_over(repo: Repository, clock) -> None:
    live = session_with(repo, clock, "Leg extension")
    assert live.commit(repo, live.exercise_note("  seat 4, pad low ")).message == "✓ Note on the lift saved"
    assert live.current_exercise().notes == "seat 4, pad low"
    live.commit(repo, live.discard())
    again = session_with(repo, clock, "Leg extension")
    assert again.current_exercise().notes == "seat 4, pad low"


def test_a_forgotten_session_is_logged_with_the_same_object(repo: Repository, clock) -> None:
    from datetime import timedelta

    from backlegs_tui.services.live_session import start_past_session

    when = clock() - timedelta(days=3, hours=2)
    live = LiveSession(start_past_session(repo, when, repo.plans()[0].id), repo.settings(), clock)
    sid = live.id
    assert live.past and live.current_item() is not None
    live.commit(repo, live.toggle_warmups())
    live.commit(repo, live.enter(EntryInput("100", "5", "")))
    msg = live.commit(repo, live.enter(EntryInput("100", "5", ""))).message
    assert msg.startswith("✓ Set 2 saved: 100 kg x 5") and live.timer is None
    sets = repo.session_state(sid).sets
    assert [s.logged_at for s in sets] == [when, when + timedelta(minutes=3)]
    assert repo.open_session() is None  # still a finished session, in History at its date
    assert repo.sessions()[0].id == sid and repo.sessions()[0].set_count == 2


def test_the_finish_summary_counts_a_pull_up_at_the_load_it_moved(repo: Repository, clock) -> None:
    repo.log_body_weight(clock(), 80)
    live = session_with(repo, clock, "Pull-up")
    live.commit(repo, live.enter(EntryInput("10", "8", "")))  # body 80 + 10 kg, 8 reps
    bests = live.bests().run(repo)
    report = live.summary(bests, clock())
    assert report.volume_kg == 90 * 8  # not 10 x 8, and never 0 x 8
    assert report.volume_by_muscle["back"] == 90 * 8
    assert any(r.kind == "heaviest" and r.value_kg == 90 for r in report.records)


def test_last_times_e1rm_uses_the_body_weight_of_that_day(repo: Repository, clock) -> None:
    from datetime import date, timedelta

    from backlegs_tui.domain.model import SetEntry

    pull = repo.exercise_by_name("Pull-up")
    then = clock() - timedelta(days=10)
    sid = repo.create_past_session(then, name="Pull")
    repo.log_past_set(sid, SetEntry(pull.id, SetType.WORKING, 10, 8, logged_at=then + timedelta(minutes=2)))
    live = session_with(repo, clock, "Pull-up")
    when = live.last_sets()[0].logged_at
    assert live.body_kg_on(when) is None  # nothing logged at all: no e1RM, as today
    repo.log_body_weight(clock().date(), 80.0)  # today
    live = session_with(repo, clock, "Pull-up")
    assert live.body_kg == 80.0 and live.body_kg_on(when) == 80.0  # none earlier: the earliest known
    repo.log_body_weight(then.date() - timedelta(days=30), 70.0)
    repo.log_body_weight(then.date() + timedelta(days=1), 75.0)  # the day after: not that day's
    live = session_with(repo, clock, "Pull-up")
    assert live.body_kg == 80.0 and live.body_kg_on(when) == 70.0  # the nearest earlier entry
    live.body_weights = [(date(2026, 1, 1), 70.0)]
    live.apply("body_weight", 81.0)  # logged during the session: today's entry follows
    assert live.body_kg_on(clock()) == 81.0 and live.body_kg_on(when) == 70.0


def test_pull_ups_done_before_the_first_weigh_in_count_for_records_as_for_last_time(repo: Repository, clock) -> None:
    """Found by hand on the demo: last time's BW + 10 x 7 showed an e1RM from the first
    weigh-in while the finish summary called today's weaker BW + 10 x 6 a first-time record.
    One rule: before the first weigh-in, the first weigh-in."""
    from datetime import timedelta

    from backlegs_tui.domain.model import SetEntry

    pull = repo.exercise_by_name("Pull-up")
    then = clock() - timedelta(days=3)
    sid = repo.create_past_session(then, name="Pull")
    repo.log_past_set(sid, SetEntry(pull.id, SetType.WORKING, 10, 7, 8.0, logged_at=then + timedelta(minutes=2)))
    repo.log_body_weight(clock().date(), 82.0)  # the first weigh-in: today
    live = session_with(repo, clock, "Pull-up")
    message = live.commit(repo, live.enter(EntryInput("10", "6", "8"))).message
    assert message == "✓ Set 1 saved: BW + 10 kg x 6 @8"  # 92 x 6 beats nothing: 92 x 7 came first
    report = live.summary(live.bests().run(repo), clock())
    assert not any(r.exercise == "Pull-up" for r in report.records), report.records
