"""Load kinds (issue 9): effective load, records during a session, body weight, the 0004
migration on a 0003 database, and corrections of past sessions, on both backends."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from backlegs_tui.domain.loads import Best, bests, effective_e1rm, effective_load, is_record, record_text
from backlegs_tui.domain.model import LoadKind, SetEntry, SetType
from backlegs_tui.store.corrections import CorrectionError
from backlegs_tui.store.repository import Repository

pytestmark = pytest.mark.both_backends

T0 = datetime(2026, 3, 2, 18, 0)
SCHEMAS = Path(__file__).parent / "data" / "schemas"


def entry(kg: float, reps: int, *, eid: int = 1, minute: int = 0, **kw) -> SetEntry:
    kw.setdefault("set_type", SetType.WORKING)
    return SetEntry(exercise_id=eid, weight_kg=kg, reps=reps, logged_at=T0 + timedelta(minutes=minute), **kw)


# ---- domain ------------------------------------------------------------------------------


def test_effective_load_by_kind() -> None:
    assert effective_load(LoadKind.WEIGHTED, 100, 80) == 100
    assert effective_load(LoadKind.BODYWEIGHT, 20, 80) == 100
    assert effective_load(LoadKind.BODYWEIGHT, 0, 80) == 80
    assert effective_load(LoadKind.ASSISTED, 25, 80) == 55
    assert effective_load(LoadKind.ASSISTED, 95, 80) == 0
    assert effective_load(LoadKind.TIMED, 10, None) == 10


def test_unknown_body_weight_is_unknown_never_a_guess() -> None:
    assert effective_load(LoadKind.BODYWEIGHT, 20, None) is None
    assert effective_load(LoadKind.ASSISTED, 20, None) is None
    assert effective_e1rm(LoadKind.BODYWEIGHT, entry(0, 8), None) is None
    # the old "e1RM 6.5 kg" of a pull-up with 0 kg logged is gone: with 80 kg known, 80 x 8
    assert effective_e1rm(LoadKind.BODYWEIGHT, entry(0, 8), 80) == pytest.approx(80 * (1 + 8 / 30))


def test_records_use_the_effective_load() -> None:
    earlier = [(entry(0, 8), 80.0), (entry(10, 5), 80.0)]
    b = bests(LoadKind.BODYWEIGHT, earlier)
    assert b.heaviest == 90
    text = is_record(LoadKind.BODYWEIGHT, entry(20, 5), 80.0, earlier)
    assert text is not None and "heaviest 100 kg (was 90 kg)" in text and "e1RM" in text
    assert is_record(LoadKind.BODYWEIGHT, entry(20, 5), None, earlier) is None  # unknown: no claim
    assert is_record(LoadKind.BODYWEIGHT, entry(5, 3), 80.0, earlier) is None
    assert is_record(LoadKind.WEIGHTED, entry(100, 5, set_type=SetType.WARMUP), None, [(entry(50, 5), None)]) is None
    assert record_text(LoadKind.WEIGHTED, entry(100, 5), None, Best()) is None  # a first set is no record


def test_assisted_less_help_is_a_record() -> None:
    earlier = [(entry(30, 8), 80.0)]
    assert "heaviest 55 kg (was 50 kg)" in (is_record(LoadKind.ASSISTED, entry(25, 8), 80.0, earlier) or "")
    assert is_record(LoadKind.ASSISTED, entry(35, 8), 80.0, earlier) is None


def test_timed_and_distance_records() -> None:
    assert is_record(LoadKind.TIMED, entry(0, 1, duration_s=90), None, [(entry(0, 1, duration_s=60), None)]) == (
        "record: longest hold 90 s (was 60 s)"
    )
    assert is_record(LoadKind.TIMED, entry(0, 1, duration_s=50), None, [(entry(0, 1, duration_s=60), None)]) is None
    assert is_record(LoadKind.DISTANCE, entry(40, 1, distance_m=60), None, [(entry(40, 1, distance_m=40), None)]) == (
        "record: farthest 60 m (was 40 m)"
    )
    assert effective_e1rm(LoadKind.TIMED, entry(20, 1, duration_s=60), None) is None


# ---- store -------------------------------------------------------------------------------


def test_catalogue_has_the_new_lifts_with_their_kinds(repo: Repository) -> None:
    kinds = {e.name: e.load_kind for e in repo.exercises()}
    assert kinds["Plank"] is LoadKind.TIMED and kinds["Dead hang"] is LoadKind.TIMED
    assert kinds["Farmer carry"] is LoadKind.DISTANCE and kinds["Assisted pull-up"] is LoadKind.ASSISTED
    assert kinds["Pull-up"] is LoadKind.BODYWEIGHT and kinds["Barbell back squat"] is LoadKind.WEIGHTED
    for name in ("Calf raise", "Bulgarian split squat", "Hack squat", "Hip thrust", "Good morning", "Glute-ham raise",
                 "Back extension", "Chin-up", "Seated cable row", "Chest-supported row", "T-bar row", "Pendlay row",
                 "Pull-through"):
        assert name in kinds


def test_body_weight_at_a_date_is_the_latest_on_or_before(repo: Repository) -> None:
    assert repo.body_weight_at(date(2026, 3, 1)) is None
    repo.log_body_weight(date(2026, 3, 1), 80.0)
    repo.log_body_weight(date(2026, 3, 10), 82.0)
    repo.log_body_weight(date(2026, 3, 10), 81.5)  # one per day: replaced
    assert repo.body_weight_at(date(2026, 2, 28)) is None
    assert repo.body_weight_at(date(2026, 3, 5)) == 80.0
    assert repo.body_weight_at(datetime(2026, 3, 10, 23)) == 81.5
    assert repo.body_weights() == [(date(2026, 3, 1), 80.0), (date(2026, 3, 10), 81.5)]
    with pytest.raises(CorrectionError):
        repo.log_body_weight(date(2026, 3, 11), 5.0)


def test_effective_load_and_live_record_from_the_store(repo: Repository) -> None:
    pull = repo.exercise_by_name("Pull-up")
    assert pull is not None
    sid = repo.start_session(None, T0).id
    first = repo.log_set(sid, entry(0, 8, eid=pull.id, minute=1))
    assert repo.effective_load(first) is None  # no body weight yet: unknown
    assert repo.set_record(first) is None
    repo.log_body_weight(T0.date(), 80.0)
    assert repo.effective_load(first) == 80.0
    second = repo.log_set(sid, entry(10, 8, eid=pull.id, minute=4))
    assert repo.set_record(second) == "record: e1RM 114 kg (was 101.5 kg); heaviest 90 kg (was 80 kg)"
    third = repo.log_set(sid, entry(5, 6, eid=pull.id, minute=7))
    assert repo.set_record(third) is None


def test_timed_and_distance_sets_are_stored(repo: Repository) -> None:
    plank = repo.exercise_by_name("Plank")
    carry = repo.exercise_by_name("Farmer carry")
    assert plank is not None and carry is not None
    sid = repo.start_session(None, T0).id
    repo.log_set(sid, entry(0, 1, eid=plank.id, duration_s=75))
    repo.log_set(sid, entry(32, 1, eid=carry.id, minute=3, duration_s=40, distance_m=50.0, superset="a"))
    sets = repo.session_state(sid).sets
    assert [(s.duration_s, s.distance_m, s.superset) for s in sets] == [(75, None, None), (40, 50.0, "a")]


def test_correcting_a_finished_session(repo: Repository) -> None:
    squat = repo.exercise_by_name("Barbell back squat")
    assert squat is not None
    sid = repo.start_session(None, T0).id
    typo = repo.log_set(sid, entry(140, 8, eid=squat.id, minute=5))
    other = repo.log_set(sid, entry(140, 3, eid=squat.id, minute=9))
    repo.finish_session(sid, T0 + timedelta(hours=1), 8.0)
    fixed = repo.edit_set(SetEntry(**{**{f: getattr(typo, f) for f in typo.__slots__}, "reps": 3}))
    assert fixed.reps == 3 and repo.session_state(sid).sets[0].reps == 3
    with pytest.raises(CorrectionError):
        repo.edit_set(SetEntry(**{**{f: getattr(typo, f) for f in typo.__slots__}, "reps": 0}))
    repo.remove_set(other.id)
    assert len(repo.session_state(sid).sets) == 1
    later = T0 + timedelta(days=1, hours=1)
    repo.edit_session(sid, started_at=later, notes="fixed", session_rpe=7.5)
    state = repo.session_state(sid)
    assert state.started_at == later and state.notes == "fixed" and state.session_rpe == 7.5
    assert state.ended_at == later + timedelta(hours=1)
    assert state.sets[0].logged_at == later + timedelta(minutes=5)  # the sets moved with the session
    with pytest.raises(CorrectionError):
        repo.edit_session(sid, ended_at=T0)
    repo.delete_session(sid)
    assert repo.stats()["sessions"] == 0
    with pytest.raises(CorrectionError):
        repo.delete_session(sid)


def test_back_dating_a_forgotten_session(repo: Repository) -> None:
    squat, row = repo.exercise_by_name("Barbell back squat"), repo.exercise_by_name("Barbell row")
    assert squat is not None and row is not None
    when = datetime(2026, 2, 20, 7, 30)
    sid = repo.create_past_session(when, name="Forgotten legs")
    a = repo.log_past_set(sid, SetEntry(exercise_id=squat.id, set_type=SetType.WORKING, weight_kg=100, reps=5))
    b = repo.log_past_set(sid, SetEntry(exercise_id=row.id, set_type=SetType.WORKING, weight_kg=60, reps=8))
    c = repo.log_past_set(sid, SetEntry(exercise_id=squat.id, set_type=SetType.WORKING, weight_kg=100, reps=5,
                                        logged_at=when + timedelta(hours=2)))
    assert a.logged_at == when and b.logged_at == when + timedelta(minutes=3)
    state = repo.session_state(sid)
    assert [i.exercise_name for i in state.items] == ["Barbell back squat", "Barbell row"]
    assert state.ended_at == c.logged_at  # the end moved past the last set
    assert repo.open_session() is None  # a back-dated session is finished, not live
    assert [s.name for s in repo.sessions()] == ["Forgotten legs"]


@pytest.mark.sqlite_only
def test_0003_database_migrates_keeping_rows_gaining_lifts_with_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "backlegs.db"
    shutil.copy(SCHEMAS / "0003.db", db)
    with sqlite3.connect(db) as con:  # a lifter's own hip thrust and a bodyweight lift
        con.execute("INSERT INTO exercises (name, primary_muscles, secondary_muscles, spinal_load, kind, equipment, "
                    "default_rest_s, load_increment_kg, bodyweight) VALUES ('Hip Thrust', '[]', '[]', 'low', "
                    "'compound', 'barbell', 90, 2.5, 1)")
    repo = Repository.open(db)
    try:
        kinds = {e.name: e.load_kind for e in repo.exercises()}
        assert kinds["Hip Thrust"] is LoadKind.BODYWEIGHT  # the bodyweight flag mapped into the kind
        assert "Hip thrust" not in kinds  # never doubled
        assert kinds["Back squat"] is LoadKind.WEIGHTED
        assert kinds["Plank"] is LoadKind.TIMED and kinds["Assisted pull-up"] is LoadKind.ASSISTED
        assert len(repo.open_session().sets) == 1
    finally:
        repo.close()
    (backup,) = tmp_path.glob("backlegs.db.pre-0003_session_deload-*.bak")
    with sqlite3.connect(backup) as con:
        assert con.execute("SELECT count(*) FROM exercises").fetchone()[0] == 3


def test_history_progress_of_a_pull_up_uses_body_weight(repo: Repository) -> None:
    pull = repo.exercise_by_name("Pull-up")
    assert pull is not None
    sid = repo.create_past_session(T0, name="Pull")
    repo.log_past_set(sid, entry(0, 8, eid=pull.id, minute=1))
    repo.log_past_set(sid, entry(5, 6, eid=pull.id, minute=4))
    unknown = repo.exercise_progress(pull.id)
    assert unknown.best_e1rm is None  # no body weight: no "e1RM 6.5 kg" from the 5 kg added
    repo.log_body_weight(T0.date(), 80.0)
    known = repo.exercise_progress(pull.id)
    assert known.best_e1rm is not None and known.best_e1rm[1] == pytest.approx(85 * (1 + 6 / 30))
    # the heaviest is picked on the load moved (85 kg) and kept as logged (+5 kg), shown by its kind
    assert known.heaviest is not None and known.heaviest.weight_kg == 5.0 and known.heaviest.reps == 6
    assert known.kind is LoadKind.BODYWEIGHT and known.points[0].volume_kg == 80 * 8 + 85 * 6


def test_body_weight_lookup() -> None:
    from backlegs_tui.domain.loads import body_weight_lookup, with_effective_loads

    at = body_weight_lookup([(date(2026, 1, 1), 80.0), (date(2026, 2, 1), 78.0)])
    # before the first weigh-in: the first weigh-in (one rule for records, last time, volume)
    assert at(datetime(2025, 12, 31)) == 80.0 and at(date(2026, 1, 15)) == 80.0 and at(datetime(2026, 3, 1)) == 78.0
    assert at(None) is None and body_weight_lookup([])(date(2026, 1, 15)) is None  # nothing logged: no guess
    out = with_effective_loads(LoadKind.ASSISTED, [entry(20, 8), replace_when(entry(20, 8), datetime(2025, 1, 1))], at)
    assert [s.weight_kg for s in out] == [58.0, 60.0]
    none = with_effective_loads(LoadKind.ASSISTED, [entry(20, 8)], body_weight_lookup([]))
    assert [s.weight_kg for s in none] == [0.0]


def replace_when(s: SetEntry, when: datetime) -> SetEntry:
    from dataclasses import replace

    return replace(s, logged_at=when)


def test_an_exercise_note_is_kept(repo: Repository) -> None:
    squat = repo.exercise_by_name("Barbell back squat")
    assert squat is not None and squat.notes == ""
    repo.set_exercise_note(squat.id, "  safeties on pin 7, belt  ")
    assert repo.exercise(squat.id).notes == "safeties on pin 7, belt" == repo.exercise_note(squat.id)
    with pytest.raises(CorrectionError):
        repo.set_exercise_note(squat.id, "x\x00y")
