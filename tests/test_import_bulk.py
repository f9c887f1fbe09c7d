"""store.bulk.insert_workouts: the contract importers and the demo generator rely on."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from backlegs_tui.domain.model import SetEntry, SetType
from backlegs_tui.domain.records import SetRecord, WorkoutRecord
from backlegs_tui.store import bulk
from backlegs_tui.store.bulk import insert_workouts
from backlegs_tui.store.repository import Repository

pytestmark = pytest.mark.both_backends  # once on SQLite, once on PostgreSQL (tests/pg.py)

T0 = datetime(2026, 3, 2, 18, 0)


def workout(day: int, *names: str, key: str | None = None, **kw) -> WorkoutRecord:
    start = T0 + timedelta(days=day)
    sets = [
        SetRecord(name, SetType.WORKING, 100.0 + i, 5 + i % 3, logged_at=start + timedelta(minutes=3 * i))
        for i, name in enumerate(names)
    ]
    return WorkoutRecord(started_at=start, name=f"Day {day}", import_key=key, sets=sets, **kw)


def test_sessions_items_and_sets_are_written(repo: Repository) -> None:
    w = workout(0, "Barbell back squat", "Barbell back squat", "lat pulldown", "Barbell back squat", "Face pull")
    result = insert_workouts(repo, [w])
    assert (result.workouts, result.sets, result.duplicates) == (1, 5, 0)
    assert sorted(result.matched) == ["Barbell back squat", "Face pull", "Lat pulldown"]
    assert result.created == []
    [summary] = repo.sessions()
    assert summary.ended_at == T0 + timedelta(minutes=12)  # no end given: the last set
    state = repo.session_state(summary.id)
    assert [i.exercise_name for i in state.items] == ["Barbell back squat", "Lat pulldown", "Face pull"]
    squat = state.items[0]
    assert (squat.sets_planned, squat.reps_min, squat.reps_max) == (3, 5, 6)
    assert squat.rest_s == 180  # the exercise's default rest
    assert [s.position for s in state.sets] == [0, 1, 2, 3, 4]
    assert [s.item_id for s in state.sets] == [squat.id, squat.id, state.items[1].id, squat.id, state.items[2].id]
    assert state.sets[3].logged_at == T0 + timedelta(minutes=9)


def test_missing_exercises_are_created_once(repo: Repository) -> None:
    w1 = workout(0, "Frog pump", "frog  pump")
    w2 = workout(1, "FROG PUMP")
    w2.sets[0].weight_kg = 0.0
    result = insert_workouts(repo, [w1, w2])
    assert result.created == ["Frog pump"]
    ex = repo.exercise_by_name("frog pump")
    assert ex is not None and not ex.bodyweight  # some sets had a load
    assert repo.exercise_names()[ex.id] == "Frog pump"  # the name cache was refreshed


def test_draft_for_supplies_the_defaults(repo: Repository) -> None:
    from backlegs_tui.exchange.matching import draft_for

    insert_workouts(repo, [workout(0, "Nordic curl")], draft_for=draft_for)
    ex = repo.exercise_by_name("Nordic curl")
    assert ex is not None and ex.primary == ("hamstrings",) and ex.kind.value == "isolation"


def test_duplicate_keys_in_the_database_and_in_the_batch_are_skipped(repo: Repository) -> None:
    insert_workouts(repo, [workout(0, "Leg press", key="x:1")])
    result = insert_workouts(repo, [workout(0, "Leg press", key="x:1"), workout(1, "Leg press", key="x:2"),
                                    workout(2, "Leg press", key="x:2")])
    assert (result.workouts, result.duplicates) == (1, 2)
    assert repo.stats()["sessions"] == 2


def test_long_import_keys_still_deduplicate(repo: Repository) -> None:
    key = "strong:" + "x" * 400
    assert insert_workouts(repo, [workout(0, "Leg press", key=key)]).workouts == 1
    assert insert_workouts(repo, [workout(0, "Leg press", key=key)]).duplicates == 1
    assert len(bulk.stored_key(key)) <= bulk.IMPORT_KEY_MAX


def test_dry_run_writes_nothing_but_counts(repo: Repository) -> None:
    before = repo.stats()
    result = insert_workouts(repo, [workout(0, "Leg press", "Zercher squat")], dry_run=True)
    assert (result.workouts, result.sets, result.created, result.dry_run) == (1, 2, ["Zercher squat"], True)
    assert repo.stats() == before


def test_a_failure_part_way_writes_nothing(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    before = repo.stats()

    def boom(self, rows, progress):  # noqa: ANN001
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(bulk._SetWriter, "write", boom)
    with pytest.raises(RuntimeError):
        insert_workouts(repo, [workout(0, "Leg press", "New lift")])
    assert repo.stats() == before


def test_plan_name_links_the_plan_and_sets_default_to_the_start(repo: Repository) -> None:
    plan = repo.plans()[0]
    w = WorkoutRecord(
        started_at=T0, ended_at=T0 + timedelta(hours=1), name="A", plan_name=plan.name.upper(), session_rpe=7.5,
        sleep_h=7.0, soreness=2, energy=4, notes="good",
        sets=[SetRecord("Leg press", SetType.WARMUP, 60, 10, rpe=6, rir=4, rest_s=90, notes="easy")],
    )
    insert_workouts(repo, [w])
    [summary] = repo.sessions()
    state = repo.session_state(summary.id)
    assert state.plan_id == plan.id
    assert (state.session_rpe, state.readiness.sleep_h, state.readiness.soreness, state.readiness.energy) == (7.5, 7.0, 2, 4)
    assert state.ended_at == T0 + timedelta(hours=1) and state.notes == "good"
    s = state.sets[0]
    assert (s.set_type, s.weight_kg, s.reps, s.rpe, s.rir, s.rest_s, s.notes, s.logged_at) == (
        SetType.WARMUP, 60.0, 10, 6, 4, 90, "easy", T0,
    )


@pytest.mark.sqlite_only
def test_dates_are_stored_exactly_as_the_orm_stores_them(repo: Repository, db_path: Path) -> None:
    insert_workouts(repo, [workout(0, "Leg press")])
    state = repo.start_session(None, datetime(2026, 3, 9, 18, 0, 0, 250))
    repo.log_set(state.id, SetEntry(exercise_id=state.items[0].exercise_id if state.items else 1,
                                    set_type=SetType.WORKING, weight_kg=100, reps=5,
                                    logged_at=datetime(2026, 3, 9, 18, 5)))
    con = sqlite3.connect(db_path)
    stored = [r[0] for r in con.execute("SELECT logged_at FROM set_entries ORDER BY id")]
    starts = [r[0] for r in con.execute("SELECT started_at FROM sessions ORDER BY id")]
    con.close()
    assert stored == ["2026-03-02 18:00:00.000000", "2026-03-09 18:05:00.000000"]
    assert starts == ["2026-03-02 18:00:00.000000", "2026-03-09 18:00:00.000250"]


def test_15k_sets_go_in_one_transaction_with_a_few_statements(repo: Repository) -> None:
    """The bulk path at a tenth of the benchmark: one commit and a few batched statements, not a
    statement or a commit per set (the benchmark has the times; a timed test fails on a busy
    runner, a count does not)."""
    from sqlalchemy import event

    names = ["Barbell back squat", "Lat pulldown", "Romanian deadlift", "Barbell row", "Leg press"]
    ws = [workout(d, *(names[i % 5] for i in range(25)), key=f"t:{d}") for d in range(600)]
    statements: list[str] = []
    commits: list[int] = []
    event.listen(repo.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    event.listen(repo.engine, "commit", lambda con: commits.append(1))
    result = insert_workouts(repo, ws)
    assert result.sets == 15_000
    assert len(commits) == 1
    assert len(statements) < 100, len(statements)


def test_a_workout_already_logged_in_the_same_minute_with_the_same_sets_is_skipped(repo: Repository) -> None:
    """Finding 1: the app's own Strong export has no import key of the database's; it is
    recognised by its start (to the minute) and its sets, whatever their order and set types."""
    insert_workouts(repo, [workout(0, "Barbell back squat", "Leg press", "Face pull")])
    again = workout(0, "Barbell back squat", "Leg press", "Face pull", key="strong:other")
    again.started_at += timedelta(seconds=40)  # the same minute
    again.sets.reverse()
    again.sets[0].set_type = SetType.WARMUP
    again.sets[1].weight_kg += 0.001  # a lb load converted and read back
    for dry_run in (True, False):
        result = insert_workouts(repo, [again], dry_run=dry_run)
        assert (result.workouts, result.sets, result.duplicates) == (0, 0, 1)
        assert result.already == [again]
    assert repo.stats()["sessions"] == 1


@pytest.mark.parametrize("change", ["minute", "reps", "load", "exercise", "one set more"])
def test_a_different_workout_in_the_same_minute_or_at_another_time_is_imported(repo: Repository, change: str) -> None:
    insert_workouts(repo, [workout(0, "Barbell back squat", "Leg press")])
    other = workout(0, "Barbell back squat", "Leg press")
    if change == "minute":
        other.started_at += timedelta(minutes=1)
    elif change == "reps":
        other.sets[1].reps += 1
    elif change == "load":
        other.sets[1].weight_kg += 2.5
    elif change == "exercise":
        other.sets[1].exercise = "Leg curl"
    else:
        other.sets.append(SetRecord("Leg press", SetType.WORKING, 100.0, 5))
    result = insert_workouts(repo, [other])
    assert (result.workouts, result.duplicates) == (1, 0)
    assert repo.stats()["sessions"] == 2


def test_the_same_workout_twice_in_one_file_is_stored_once(repo: Repository) -> None:
    result = insert_workouts(repo, [workout(0, "Leg press", key="a"), workout(0, "Leg press", key="b")])
    assert (result.workouts, result.duplicates) == (1, 1)
