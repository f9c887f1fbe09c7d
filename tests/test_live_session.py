"""The live session as a headless object: its rules against a real Repository on a SQLite
file, with a fake clock and no Textual."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from backlegs_tui.domain.model import SetEntry, Settings, SetType, Unit
from backlegs_tui.services.live_session import (
    EntryInput,
    LiveSession,
    finish_question,
    load_open,
    read_start,
    start_session,
)
from backlegs_tui.store.repository import Repository

pytestmark = pytest.mark.both_backends  # once on SQLite, once on PostgreSQL (tests/pg.py)


@pytest.fixture(autouse=True)
def _from_template(migrated_db: Path) -> None:
    """Every test's `db_path` starts as a copy of the migrated template (no Alembic per test)."""


@pytest.fixture
def live(repo: Repository, clock) -> LiveSession:
    """The sample plan started now, nothing logged."""
    return LiveSession(start_session(repo, repo.plans()[0].id, clock()), repo.settings(), clock)


def entry(weight: str = "100", reps: str = "5", effort: str = "", set_type: SetType = SetType.WORKING) -> EntryInput:
    return EntryInput(weight, reps, effort, False, set_type)


def log(repo: Repository, live: LiveSession, values: EntryInput | None = None) -> str:
    """Enter with `values` (or the prefill) and commit what it asks for; the message."""
    if values is None:
        weight, reps, set_type, _, _ = live.entry_fields()
        values = entry(weight, reps, set_type=set_type)
    return live.commit(repo, live.enter(values)).message


def history(repo: Repository, clock, weight: float = 100, reps: int = 8, rpe: float = 8, days: int = 3) -> None:
    """One earlier session of the sample plan: four sets of every lift."""
    when = clock() - timedelta(days=days)
    old = repo.start_session(repo.plans()[0].id, when)
    for item in old.items:
        for _ in range(4):
            repo.log_set(old.id, SetEntry(item.exercise_id, SetType.WORKING, weight, reps, rpe=rpe,
                                          item_id=item.id, logged_at=when))
    repo.finish_session(old.id, when + timedelta(hours=1), 8)


def reopen(repo: Repository, clock) -> LiveSession:
    data = load_open(repo)
    assert data is not None
    return LiveSession(data, repo.settings(), clock)


# ---- prefill ----------------------------------------------------------------------------


def test_a_first_time_barbell_lift_waits_for_its_target(live: LiveSession) -> None:
    assert live.current_item().exercise_name == "Barbell back squat"
    assert live.next.needs_target
    assert live.entry_fields()[0] == ""


def test_double_progression_and_a_ramp_from_history(repo: Repository, clock) -> None:
    history(repo, clock)  # every set hit 8 at RPE 8: +2.5 kg
    live = LiveSession(start_session(repo, repo.plans()[0].id, clock()), repo.settings(), clock)
    assert live.working_weight() == 102.5
    loads = []
    while live.next.set_type is SetType.WARMUP:
        loads.append(live.entry_fields()[0])
        log(repo, live)
    assert loads == ["20", "40", "62.5", "82.5"]
    assert live.entry_fields()[:3] == ("102.5", "5", SetType.WORKING)  # new load: the bottom of 5-8


def test_a_kg_history_in_lb_prefills_a_load_the_plates_make(repo: Repository, clock) -> None:
    history(repo, clock, weight=112.5, reps=6)  # not every set at the top: same weight
    repo.save_settings(Settings(unit=Unit.LB))
    live = LiveSession(start_session(repo, repo.plans()[0].id, clock()), repo.settings(), clock)
    live.commit(repo, live.toggle_warmups())
    weight = live.entry_fields()[0]
    assert weight == "250"  # 112.5 kg is 248.0 lb; the plates make 250, not 248
    assert float(weight) % 5 == 0


# ---- Enter -------------------------------------------------------------------------------


def test_enter_sets_a_target_then_logs_the_ramp_and_the_working_sets(repo: Repository, live: LiveSession, clock) -> None:
    msg = log(repo, live, entry("100"))
    assert msg.startswith("Warm-ups for 100 kg: 20 x 10, 40 x 5, 60 x 3, 80 x 2")
    assert live.state.sets == []  # that Enter set the target, it logged nothing
    loads = []
    while live.next.set_type is SetType.WARMUP:
        loads.append(live.entry_fields()[0])
        log(repo, live)
    assert loads == ["20", "40", "60", "80"]
    assert live.timer is None  # warm-ups start no rest
    assert log(repo, live) == "✓ Set 1 saved: 100 kg x 5"
    assert live.timer is not None and live.timer.total_s == 180
    assert [(s.weight_kg, s.set_type) for s in repo.open_session().sets][-2:] == [
        (80.0, SetType.WARMUP), (100.0, SetType.WORKING)]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (entry(""), "Weight is blank"),
        (entry("2000"), "Weight over 1000 kg"),
        (entry("0"), "Weight must be above 0"),
        (entry(reps="0"), "Reps must be at least 1"),
        (entry(effort="11"), "RPE goes from 1 to 10"),
        (entry(effort="9.3"), "half steps"),
    ],
)
def test_enter_refuses_bad_input_with_a_reason(repo: Repository, live: LiveSession, values, message) -> None:
    live.commit(repo, live.toggle_warmups())
    out = live.enter(values)
    assert out.error and message in out.message and out.message.endswith("Nothing saved.")
    assert out.write is None and repo.open_session().sets == []


def test_enter_without_a_lift_refuses(repo: Repository, clock) -> None:
    live = LiveSession(start_session(repo, None, clock()), repo.settings(), clock)
    out = live.enter(entry())
    assert out.error and out.message == "Add an exercise first (a)"
    live.commit(repo, live.add(repo.exercise_by_name("Leg extension").id))
    assert not live.enter(entry("40", "12")).error


def test_reps_far_above_the_target_warn_but_save(repo: Repository, live: LiveSession) -> None:
    live.commit(repo, live.toggle_warmups())
    out = live.enter(entry("100", "56"))
    assert out.message.startswith("⚠ 56 reps is far above the target 5-8") and out.write is not None
    live.commit(repo, out)
    assert live.state.sets[-1].reps == 56


def test_a_set_is_in_the_state_only_once_committed(repo: Repository, live: LiveSession) -> None:
    live.commit(repo, live.toggle_warmups())
    out = live.enter(entry())
    assert live.state.sets == []
    live.apply(out.write.kind, out.write.run(repo))
    assert len(live.state.sets) == 1 and live.state.sets[0].id is not None


# ---- advance, move, swap, add ---------------------------------------------------------------


def test_done_lift_advances_to_the_next_with_sets_left(repo: Repository, live: LiveSession) -> None:
    live.commit(repo, live.toggle_warmups())
    for _ in range(4):
        log(repo, live, entry())
    assert live.current_item().exercise_name == "Pull-up"
    assert live.entry_fields()[0] == "0"  # bodyweight: added load 0
    assert repo.open_session().current_item_id == live.current_item().id


def test_move_and_go_to(repo: Repository, live: LiveSession) -> None:
    live.commit(repo, live.move(1))
    assert live.current_item().exercise_name == "Pull-up"
    live.commit(repo, live.move(-2))
    assert live.current_item().exercise_name == live.state.items[-1].exercise_name
    rdl = next(it for it in live.state.items if it.exercise_name == "Romanian deadlift")
    live.commit(repo, live.go_to(rdl.id))
    assert repo.open_session().current_item_id == rdl.id
    assert [c[0][:4] for c in live.goto_choices()][:2] == ["A  B", "B  P"]


def test_warmups_on_every_barbell_compound(repo: Repository, live: LiveSession) -> None:
    rdl = next(it for it in live.state.items if it.exercise_name == "Romanian deadlift")
    live.commit(repo, live.go_to(rdl.id))
    assert live.next.needs_target  # a barbell compound later in the session ramps too
    log(repo, live, entry("100", "8"))
    assert live.next.set_type is SetType.WARMUP and live.entry_fields()[0] == "20"
    out = live.commit(repo, live.toggle_warmups())
    assert out.message == "Warm-ups off for Romanian deadlift"
    assert live.next.set_type is SetType.WORKING and live.entry_fields()[0] == "100"
    live.commit(repo, live.toggle_warmups())
    assert live.next.set_type is SetType.WARMUP
    pull = next(it for it in live.state.items if it.exercise_name == "Pull-up")
    live.commit(repo, live.go_to(pull.id))
    assert "ramps are for barbell lifts" in live.toggle_warmups().message


def test_swap_keeps_each_lifts_sets_apart(repo: Repository, live: LiveSession) -> None:
    live.commit(repo, live.toggle_warmups())
    log(repo, live, entry("140"))
    log(repo, live, entry("140"))
    name, ex_id = live.alternatives()[0]
    assert live.commit(repo, live.swap(ex_id)).message == f"Swapped in {name}"
    assert live.current_item().exercise_name == name
    assert live.item_sets() == [] and live.entry_fields()[0] != "140"
    assert repo.open_session().item(live.current_item().id).exercise_id == ex_id


def test_swap_offers_the_plan_items_own_alternatives_first(repo: Repository, clock) -> None:
    """Alternatives set on a plan item (Plan shows them as the plan's own) are what a session
    offers for that lift; without them the catalogue's, as before."""
    plan = repo.plans()[0]
    squat = next(it for it in repo.plan(plan.id).items if it.exercise_name == "Barbell back squat")
    first = LiveSession(start_session(repo, plan.id, clock()), repo.settings(), clock)
    assert first.alternatives()[0][0] == "Front squat"  # the catalogue's
    repo.discard_session(repo.open_session().id)
    hack, press = repo.exercise_by_name("Hack squat"), repo.exercise_by_name("Leg press")
    repo.update_plan_item(squat.id, alternative_ids=[hack.id, press.id])
    live = LiveSession(start_session(repo, plan.id, clock()), repo.settings(), clock)
    assert live.current_item().exercise_name == "Barbell back squat"
    assert live.alternatives() == [("Hack squat", hack.id), ("Leg press", press.id)]
    live.commit(repo, live.swap(hack.id))
    squat_id = squat.exercise_id  # the rack is free again: back to the plan's lift, offered first
    assert live.alternatives() == [("Barbell back squat", squat_id), ("Leg press", press.id)]


def test_add_an_exercise(repo: Repository, live: LiveSession) -> None:
    ex = repo.exercise_by_name("Leg extension")
    assert live.commit(repo, live.add(ex.id)).message == "Added Leg extension"
    state = repo.open_session()
    assert state.items[-1].exercise_name == "Leg extension" and state.current_item_id == state.items[-1].id


# ---- rest ------------------------------------------------------------------------------------


def test_rest_is_a_deadline_on_the_clock(repo: Repository, live: LiveSession, clock) -> None:
    live.commit(repo, live.toggle_warmups())
    log(repo, live, entry())
    clock.advance(60)
    assert live.timer.remaining_s(clock()) == 120
    live.commit(repo, live.adjust_rest(15))
    live.commit(repo, live.adjust_rest(-30))
    assert live.timer.remaining_s(clock()) == 105
    assert repo.open_session().rest_until == live.timer.deadline
    clock.advance(104)
    assert live.tick() is None
    clock.advance(1)
    assert live.tick() == "Next: Barbell back squat, set 2 - 100 kg x 5"
    assert live.tick() is None  # rings once
    live.commit(repo, live.skip_rest())
    assert live.timer is None and repo.open_session().rest_until is None


# ---- undo, edit, delete, notes ----------------------------------------------------------------


def test_undo_is_one_transaction_with_its_rest(repo: Repository, live: LiveSession) -> None:
    live.commit(repo, live.toggle_warmups())
    log(repo, live, entry())
    log(repo, live, entry("102.5"))
    out = live.commit(repo, live.undo())
    assert out.message == "Undone: Barbell back squat set 2, 102.5 kg x 5"
    state = repo.open_session()
    assert [s.weight_kg for s in state.sets] == [100.0] and state.rest_until is None
    assert live.timer is None and [s.weight_kg for s in live.state.sets] == [100.0]
    live.commit(repo, live.undo())
    assert live.undo().message == "Nothing to undo"


def test_undo_of_a_set_still_being_saved(repo: Repository, live: LiveSession) -> None:
    live.commit(repo, live.toggle_warmups())
    pending = live.enter(entry())
    undo = live.undo(pending=True)  # Enter, then u before the save came back
    assert undo.write is not None
    live.apply(pending.write.kind, pending.write.run(repo))
    live.apply(undo.write.kind, undo.write.run(repo))
    assert live.state.sets == [] and repo.open_session().sets == []


def test_edit_delete_and_notes(repo: Repository, live: LiveSession) -> None:
    live.commit(repo, live.toggle_warmups())
    for _ in range(3):
        log(repo, live, entry())
    labels = [label for label, _ in live.set_choices()]
    assert [label.split()[0] for label in labels] == ["3", "2", "1"]  # set numbers, newest first
    newest = live.set_choices()[0][1]
    values = {"weight": 100.0, "reps": 4, "rpe": 9.0, "rir": None, "type": SetType.WORKING, "notes": "grindy and slow"}
    live.commit(repo, live.edit(newest, values))
    assert (repo.open_session().sets[-1].reps, repo.open_session().sets[-1].notes) == (4, "grindy and slow")
    first = live.set_choices()[-1][1]
    assert live.commit(repo, live.delete(first)).message == "Deleted: Barbell back squat set 1, 100 kg x 5"
    live.commit(repo, live.set_note("belt on [b]"))
    live.commit(repo, live.session_note("felt strong"))
    state = repo.open_session()
    assert len(state.sets) == 2 and state.sets[-1].notes == "belt on [b]" and state.notes == "felt strong"


# ---- finish, discard -------------------------------------------------------------------------


def test_finish_summary_and_planned_lifts_left(repo: Repository, live: LiveSession, clock) -> None:
    live.commit(repo, live.toggle_warmups())
    log(repo, live, entry("100", "5", "8"))
    assert [it.exercise_name for it in live.unfinished()][:2] == ["Barbell back squat", "Pull-up"]
    clock.advance(45 * 60)
    bests = live.bests()
    report = live.summary(bests.run(repo), live.end_time())
    assert report.minutes == 45 and report.working_sets == 1 and report.records
    out = live.commit(repo, live.finish(8, live.end_time()))
    assert out.notify == "Session saved"
    assert repo.open_session() is None
    (summary,) = repo.sessions()
    assert summary.session_rpe == 8 and summary.ended_at - summary.started_at == timedelta(minutes=45)
    done = read_start(repo, clock().date()).done_today
    assert "Back & Legs - article sample" in "".join(done)


def test_the_target_says_the_plans_range_of_sets(repo: Repository, live: LiveSession, clock) -> None:
    """The plan says 3-4 x 5-8; the session counts the top (4) but shows the range, not
    'Target 4 x 5-8' as if the 4 were chosen; a deload's count is shown alone."""
    squat = live.current_item()
    assert squat.sets_planned == 4
    assert live.target_text() == "3-4 x 5-8 @ RPE 8"
    assert reopen(repo, clock).target_text() == "3-4 x 5-8 @ RPE 8"  # resumed: the same
    live.commit(repo, live.discard())
    deload = LiveSession(start_session(repo, repo.plans()[0].id, clock(), deload=True), repo.settings(), clock)
    assert deload.target_text() == f"{deload.current_item().sets_planned} x 5-8 @ RPE 8"


def test_the_finish_question_tells_lifts_not_started_from_part_done(repo: Repository, live: LiveSession) -> None:
    """Not '6 planned lifts not done' when one of them was done 2 of 4 sets."""
    live.commit(repo, live.toggle_warmups())
    log(repo, live, entry("100", "5", "8"))
    log(repo, live, entry("100", "5", "8"))
    left = live.unfinished()
    others = [it.exercise_name for it in left[1:]]
    title, detail = finish_question(left, live.done)
    assert title == f"Finish with {len(others)} planned lifts not started; Barbell back squat 2 of 4 sets?"
    assert detail == f"Not started: {', '.join(others)}.\nPart done: Barbell back squat 2 of 4 sets."
    title, _ = finish_question(left[:2], live.done)
    assert title == "Finish with 1 planned lift not started; Barbell back squat 2 of 4 sets?"
    # with the plan's range (3-4 sets): said as the plan says it, and 3 sets is done
    title, detail = finish_question(left[:2], live.done, live.min_sets)
    assert title == "Finish with 1 planned lift not started; Barbell back squat 2 of 3-4 sets?"
    log(repo, live, entry("100", "5", "8"))
    assert "Barbell back squat" not in [it.exercise_name for it in live.unfinished()]


def test_discard(repo: Repository, live: LiveSession) -> None:
    live.commit(repo, live.toggle_warmups())
    log(repo, live, entry())
    live.commit(repo, live.discard())
    assert repo.open_session() is None and repo.sessions() == []
    assert live.enter(entry()).error  # no set goes into a session being discarded


# ---- resume after a kill ------------------------------------------------------------------------


def test_resume_after_a_kill_keeps_target_ramp_rest_and_place(db_path: Path, clock) -> None:
    repo = Repository.open(db_path)
    live = LiveSession(start_session(repo, repo.plans()[0].id, clock()), repo.settings(), clock)
    log(repo, live, entry("100"))  # the first-time target
    log(repo, live)  # warm-up 1 of 4
    rdl = next(it for it in live.state.items if it.exercise_name == "Romanian deadlift")
    repo.close()  # a kill -9: nothing but what was committed survives

    repo = Repository.open(db_path)
    again = reopen(repo, clock)
    assert again.targets == live.targets
    assert again.next.set_type is SetType.WARMUP and again.entry_fields()[0] == "40"  # step 2 of the ramp
    while again.next.set_type is SetType.WARMUP:
        log(repo, again)
    log(repo, again)
    clock.advance(60)
    again.commit(repo, again.go_to(rdl.id))
    again.commit(repo, again.toggle_warmups())
    repo.close()

    repo = Repository.open(db_path)
    third = reopen(repo, clock)
    assert third.current_item().id == rdl.id
    assert third.timer is not None and third.timer.remaining_s(clock()) == 120 and third.timer.total_s == 180
    assert third.warmups_wanted(third.current_item()) is False
    assert [s.weight_kg for s in third.state.sets] == [20.0, 40.0, 60.0, 80.0, 100.0]
    third.commit(repo, third.finish(None, third.end_time()))
    assert repo.session_scratch(third.id) == {}  # the scratch goes with the session
    repo.close()


# ---- deload ----------------------------------------------------------------------------------


def test_a_deload_start_keeps_sixty_percent_of_sets_at_ninety_percent_load(repo: Repository, clock) -> None:
    history(repo, clock, weight=100, reps=6)  # same weight next time: 100
    plan = repo.plan(repo.plans()[0].id)
    live = LiveSession(start_session(repo, plan.id, clock(), deload=True), repo.settings(), clock)
    assert live.deload
    assert [it.sets_planned for it in live.state.items] == [max(1, round(it.sets_max * 0.6)) for it in plan.items]
    live.commit(repo, live.toggle_warmups())
    assert live.entry_fields()[0] == "90"
    assert "deload" in live.next.reason
    again = reopen(repo, clock)
    assert again.load_factor == 0.9 and again.entry_fields()[0] == "90"


# ---- the within-session fade ---------------------------------------------------------------


def test_the_fade_line_is_judged_against_the_lifters_usual_fade(repo: Repository, clock) -> None:
    for days in (9, 6, 3):
        history(repo, clock, weight=100, reps=8, rpe=8, days=days)  # no fade: 8, 8, 8, 8
    live = LiveSession(start_session(repo, repo.plans()[0].id, clock()), repo.settings(), clock)
    live.commit(repo, live.toggle_warmups())
    assert len(live.earlier[live.current_exercise().id]) == 3
    log(repo, live, entry("100", "8", "8"))
    assert live.fade_line() == ""
    log(repo, live, entry("100", "4", "10"))
    line = live.fade_line()
    assert line.startswith("Barbell back squat") and "usual" in line, line
