"""`backlegs export`: the exact CSV, Strong's CSV, the full JSON and its byte-identical
round trip, merging JSON into a database in use, formula neutralisation."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from backlegs_tui.domain.model import ExerciseDraft, LoadKind, Readiness, SetEntry, SetType, Settings, Unit
from backlegs_tui.exchange.csvfmt import CSV_COLUMNS, STRONG_COLUMNS, num, safe_text
from backlegs_tui.store.repository import Repository

from .exchange_helpers import DATA, run

pytestmark = pytest.mark.both_backends  # once on SQLite, once on PostgreSQL (tests/pg.py)

T0 = datetime(2026, 11, 24, 18, 0)


def log(repo: Repository, sid: int, name: str, kg: float, reps: int, minute: int, **kw) -> None:
    ex = repo.exercise_by_name(name)
    assert ex is not None
    kw.setdefault("set_type", SetType.WORKING)
    repo.log_set(sid, SetEntry(exercise_id=ex.id, weight_kg=kg, reps=reps, logged_at=T0 + timedelta(minutes=minute), **kw))


def fill(repo: Repository) -> None:
    """Two finished sessions and an open one, with every kind of set."""
    plan = repo.plans()[0]
    a = repo.start_session(plan.id, T0, Readiness(sleep_h=7.5, soreness=2, energy=4))
    log(repo, a.id, "Barbell back squat", 60, 8, 5, set_type=SetType.WARMUP)
    log(repo, a.id, "Barbell back squat", 102.5, 5, 9, rpe=8.0, rest_s=180)
    log(repo, a.id, "Pull-up", 0, 8, 14, rir=2.0, notes="strict, slow")
    log(repo, a.id, "Barbell back squat", 100, 3, 20, set_type=SetType.FAILURE, rpe=10.0)
    log(repo, a.id, "Leg press", 140, 12, 30, set_type=SetType.DROP, notes="drop from 180")
    repo.set_session_notes(a.id, "felt good")
    repo.finish_session(a.id, T0 + timedelta(minutes=65), 8.0)
    b = repo.start_session(None, T0 + timedelta(days=2), name="Back day")
    log(repo, b.id, "Conventional deadlift", 180, 3, 2 * 24 * 60 + 10, rpe=9.0)
    repo.finish_session(b.id, T0 + timedelta(days=2, minutes=40), None)
    c = repo.start_session(None, T0 + timedelta(days=4), name="Open one")
    log(repo, c.id, "Barbell row", 70, 8, 4 * 24 * 60 + 5)


@pytest.fixture
def filled(db_path: Path) -> Path:
    repo = Repository.open(db_path)
    fill(repo)
    repo.close()
    return db_path


EXPECTED_CSV = """\
date,session,exercise,set_index,set_type,weight_kg,reps,rpe,rir,rest_s,duration_s,distance_m,notes
2026-11-24T18:05:00,Back and legs (article),Barbell back squat,1,warmup,60,8,,,,,,
2026-11-24T18:09:00,Back and legs (article),Barbell back squat,2,working,102.5,5,8,,180,,,
2026-11-24T18:14:00,Back and legs (article),Pull-up,3,working,0,8,,2,,,,"strict, slow"
2026-11-24T18:20:00,Back and legs (article),Barbell back squat,4,failure,100,3,10,,,,,
2026-11-24T18:30:00,Back and legs (article),Leg press,5,drop,140,12,,,,,,drop from 180
2026-11-26T18:10:00,Back day,Conventional deadlift,1,working,180,3,9,,,,,
2026-11-28T18:05:00,Open one,Barbell row,1,working,70,8,,,,,,
"""


def test_csv_export_is_exact(capsys, filled: Path) -> None:
    repo = Repository.open(filled)
    plan_name = repo.plans()[0].name
    repo.close()
    code, out, err = run(capsys, "export", "--db", str(filled))
    assert code == 0 and err == ""
    assert out == EXPECTED_CSV.replace("Back and legs (article)", plan_name)
    assert tuple(out.splitlines()[0].split(",")) == CSV_COLUMNS


def test_csv_to_a_file(capsys, filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    code, out, err = run(capsys, "export", "--format", "csv", "-o", str(target), "--db", str(filled))
    assert code == 0 and out == ""
    assert err.strip() == f"Exported 7 sets (csv) to {target}"
    assert target.read_text(encoding="utf-8").count("\n") == 8
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.csv")] == []  # no temp file left


def test_export_refuses_a_missing_database_or_folder(capsys, tmp_path: Path, filled: Path) -> None:
    code, _, err = run(capsys, "export", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "no database" in err and not (tmp_path / "none.db").exists()
    code, _, err = run(capsys, "export", "-o", str(tmp_path / "no" / "x.csv"), "--db", str(filled))
    assert code == 2 and "does not exist" in err
    code, _, err = run(capsys, "export", "-o", str(tmp_path), "--db", str(filled))
    assert code == 2 and "is a directory" in err


def test_an_empty_database_exports_a_header(capsys, repo: Repository, db_path: Path) -> None:
    code, out, _ = run(capsys, "export", "--db", str(db_path))
    assert code == 0 and out == ",".join(CSV_COLUMNS) + "\n"


def test_strong_export_has_strongs_columns_and_imports_back(capsys, filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "strong.csv"
    assert run(capsys, "export", "--format", "strong", "-o", str(target), "--db", str(filled))[0] == 0
    rows = list(csv.reader(io.StringIO(target.read_text())))
    assert tuple(rows[0]) == STRONG_COLUMNS
    first = dict(zip(rows[0], rows[1]))
    assert first["Date"] == "2026-11-24 18:00:00" and first["Duration"] == "1h 5m"
    assert first["Workout Notes"] == "felt good"
    # Set Order counts each exercise's working sets; W, F, D mark a warm-up, a failure, a drop set
    assert [r[4] for r in rows[1:6]] == ["W", "1", "1", "F", "D"]
    assert rows[6][2] == "40m" and rows[7][2] == ""  # the open session has no duration
    other = tmp_path / "other.db"
    code, out, _ = run(capsys, "import", "strong", str(target), "--unit", "kg", "--json", "--db", str(other))
    assert code == 0
    data = json.loads(out)
    assert (data["workouts"], data["sets"], data["exercises_created"], data["skipped"]) == (3, 7, 0, [])


def test_formulas_are_neutralised_in_csv_and_strong(capsys, db_path: Path) -> None:
    repo = Repository.open(db_path)
    repo.add_exercise(ExerciseDraft(name="=cmd|' /C calc'!A0"))
    s = repo.start_session(None, T0, name="+SUM(A1:A9)")
    log(repo, s.id, "=cmd|' /C calc'!A0", 10, 5, 1, notes="@evil")
    log(repo, s.id, "Leg press", 10, 5, 2, notes="-1")
    log(repo, s.id, "Leg press", 10, 5, 3, notes="\tTAB")
    log(repo, s.id, "Leg press", 10, 5, 4, notes="-2+3")
    repo.set_session_notes(s.id, "=1+1")
    repo.close()
    _, out, _ = run(capsys, "export", "--db", str(db_path))
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1][1] == "'+SUM(A1:A9)" and rows[1][2] == "'=cmd|' /C calc'!A0" and rows[1][12] == "'@evil"
    assert [r[12] for r in rows[2:]] == ["-1", "'\tTAB", "'-2+3"]
    _, out, _ = run(capsys, "export", "--format", "strong", "--db", str(db_path))
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1][1] == "'+SUM(A1:A9)" and rows[1][3] == "'=cmd|' /C calc'!A0"
    assert rows[1][9] == "'@evil" and rows[1][10] == "'=1+1" and rows[2][9] == "-1"


@pytest.mark.parametrize(
    ("text", "safe"),
    [("=1", "'=1"), ("+1a", "'+1a"), ("-", "'-"), ("@x", "'@x"), ("\rx", "'\rx"), ("-1", "-1"), ("+2.5", "+2.5"),
     ("-1e3", "-1e3"), ("a=b", "a=b"), ("", "")],
)
def test_safe_text(text: str, safe: str) -> None:
    assert safe_text(text) == safe


def test_numbers_are_written_short() -> None:
    assert [num(100.0), num(102.5), num(149.99999999999997), num(None), num(0.0), num(7), num(-0.0)] == [
        "100", "102.5", "150", "", "0", "7", "0",
    ]


# ---- json ---------------------------------------------------------------------------------------


def rich(repo: Repository) -> None:
    """Everything the JSON must carry: custom exercises and alternatives, plans, schedule,
    settings, imported sessions, an open session with its live state."""
    repo.add_exercise(ExerciseDraft(name="Barbell hip thrust", primary=("glutes",), equipment="barbell",
                                    alternatives=("Romanian deadlift",)))
    plan = repo.plans()[0]
    repo.set_schedule(0, [plan.id])
    repo.set_schedule(3, [plan.id])
    repo.save_settings(replace(Settings(), unit=Unit.LB, default_rest_s=150))
    fill(repo)
    open_id = repo.open_session().id
    item = repo.add_item(open_id, repo.exercise_by_name("Barbell hip thrust").id, sets=4, target_rpe=8.5)
    repo.set_current_item(open_id, item.id)
    repo.set_rest(open_id, T0 + timedelta(days=4, seconds=30.5), T0 + timedelta(days=4, minutes=3))
    from backlegs_tui.exchange.importing import read_file, write

    write(repo, "hevy", read_file("hevy", DATA / "hevy_kg.csv"))
    # issue 9: load kinds, timed and distance sets, a superset, body weights
    done = repo.create_past_session(T0 - timedelta(days=3), name="Carries")
    plank, carry = repo.exercise_by_name("Plank"), repo.exercise_by_name("Farmer carry")
    repo.log_past_set(done, SetEntry(exercise_id=plank.id, set_type=SetType.WORKING, weight_kg=0, reps=1,
                                     duration_s=75, superset="1"))
    repo.log_past_set(done, SetEntry(exercise_id=carry.id, set_type=SetType.WORKING, weight_kg=32.5, reps=1,
                                     duration_s=41, distance_m=40.5, superset="1"))
    repo.set_load_kind(repo.exercise_by_name("Barbell hip thrust").id, LoadKind.BODYWEIGHT)
    repo.log_body_weight(T0.date(), 81.5)
    repo.log_body_weight((T0 - timedelta(days=30)).date(), 83.0)


def test_json_round_trip_is_byte_identical(capsys, db_path: Path, tmp_path: Path) -> None:
    repo = Repository.open(db_path)
    rich(repo)
    repo.close()
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    fresh = tmp_path / "fresh.db"
    assert run(capsys, "export", "--format", "json", "-o", str(first), "--db", str(db_path))[0] == 0
    code, out, err = run(capsys, "import", "json", str(first), "--db", str(fresh))
    assert code == 0, err
    assert "Imported 6 workouts" in out
    assert run(capsys, "export", "--format", "json", "-o", str(second), "--db", str(fresh))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text())
    assert set(data) == {"format", "version", "schema", "exercises", "plans", "schedule", "sessions", "settings",
                         "body_weights"}
    assert [(b["day"], b["weight_kg"]) for b in data["body_weights"]] == [("2026-10-25", 83.0), ("2026-11-24", 81.5)]
    carries = next(s for s in data["sessions"] if s["name"] == "Carries")
    assert [(x["duration_s"], x["distance_m"], x["superset"]) for x in carries["sets"]] == [
        (75, None, "1"), (41, 40.5, "1")]
    kinds = {e["name"]: e["load_kind"] for e in data["exercises"]}
    assert kinds["Plank"] == "timed" and kinds["Barbell hip thrust"] == "bodyweight"
    open_session = next(s for s in data["sessions"] if s["ended_at"] is None)
    assert open_session["current_item_id"] is not None and open_session["rest_until"]
    readiness = next(s for s in data["sessions"] if s["sleep_h"] is not None)
    assert (readiness["sleep_h"], readiness["soreness"], readiness["energy"]) == (7.5, 2, 4)
    hip = next(e for e in data["exercises"] if e["name"] == "Barbell hip thrust")
    assert hip["alternatives"] and hip["primary_muscles"] == ["glutes"]
    assert data["plans"][0]["items"] and len(data["schedule"]) == 2
    assert data["settings"]["settings"]["v"]["unit"] == "lb"
    # and the restored database works as the app reads it
    restored = Repository.open(fresh)
    try:
        assert restored.settings().unit is Unit.LB
        assert restored.open_session().current_item_id == item_id(restored)
        assert restored.schedule() == {0: [restored.plans()[0].id], 3: [restored.plans()[0].id]}
        assert restored.body_weight_at(T0) == 81.5
    finally:
        restored.close()


def item_id(repo: Repository) -> int:
    state = repo.open_session()
    return next(i.id for i in state.items if i.exercise_name == "Barbell hip thrust")


def test_json_into_a_database_in_use_merges(capsys, db_path: Path, tmp_path: Path) -> None:
    repo = Repository.open(db_path)
    rich(repo)
    repo.close()
    snap = tmp_path / "a.json"
    run(capsys, "export", "--format", "json", "-o", str(snap), "--db", str(db_path))
    other = tmp_path / "other.db"
    mine = Repository.open(other)
    mine.add_exercise(ExerciseDraft(name="barbell hip THRUST"))
    s = mine.start_session(None, T0 - timedelta(days=7), name="Mine")
    log(mine, s.id, "barbell hip THRUST", 80, 10, -7 * 24 * 60)
    mine.finish_session(s.id, T0 - timedelta(days=7, minutes=-30), None)
    mine.close()
    code, out, err = run(capsys, "import", "json", str(snap), "--db", str(other), "--json")
    assert code == 0, err
    data = json.loads(out)
    # Barbell hip thrust matched by name; the Hevy file's Treadmill (a distance lift) is new
    assert data["workouts"] == 6 and data["exercises_created"] == 1
    merged = Repository.open(other)
    try:
        assert merged.settings().unit is Unit.LB  # this database never saved settings: the file's
        assert merged.schedule() == {}  # the plan was already there: its schedule is the database's
        assert merged.stats()["sessions"] == 7
        assert merged.open_session().name == "Open one"
        assert merged.body_weights()[-1][1] == 81.5  # the body weights came along
    finally:
        merged.close()
    # and again: everything is already there
    code, out, _ = run(capsys, "import", "json", str(snap), "--db", str(other))
    assert code == 0 and "Imported 0 workouts" in out and "6 workouts already in the database" in out


def test_an_open_session_is_not_merged_next_to_another(capsys, filled: Path, tmp_path: Path) -> None:
    snap = tmp_path / "a.json"
    run(capsys, "export", "--format", "json", "-o", str(snap), "--db", str(filled))
    other = tmp_path / "other.db"
    mine = Repository.open(other)
    mine.start_session(None, T0 + timedelta(days=9), name="Mine, open")
    mine.close()
    code, out, _ = run(capsys, "import", "json", str(snap), "--db", str(other), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["workouts"] == 2
    assert data["skipped"] == [{"line": None, "reason": "sessions[2]: unfinished, and the database already has an open session"}]


def test_json_dry_run_writes_nothing(capsys, filled: Path, tmp_path: Path) -> None:
    snap = tmp_path / "a.json"
    run(capsys, "export", "--format", "json", "-o", str(snap), "--db", str(filled))
    other = tmp_path / "other.db"
    Repository.open(other).close()
    code, out, _ = run(capsys, "import", "json", str(snap), "--db", str(other), "--dry-run")
    assert code == 0 and "Would import 3 workouts" in out
    r = Repository.open(other)
    assert r.stats()["sessions"] == 0
    r.close()


def test_export_through_a_symlink_keeps_the_link(capsys, filled: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert run(capsys, "export", "-o", str(link), "--db", str(filled))[0] == 0
    assert link.is_symlink() and real.read_text().startswith("date,session")


def test_export_to_a_pipe_writes_into_it(capsys, filled: Path, tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    assert run(capsys, "export", "-o", str(fifo), "--db", str(filled))[0] == 0
    reader.join(5)
    assert got and got[0].startswith("date,session") and fifo.exists() and not fifo.is_file()


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="needs /dev/full")
def test_a_full_disk_is_one_line(capsys, filled: Path) -> None:
    code, _, err = run(capsys, "export", "-o", "/dev/full", "--db", str(filled))
    assert code == 2 and "No space left" in err
    assert Path("/dev/full").is_char_device()


def test_timed_and_distance_sets_in_csv_and_strong(capsys, db_path: Path, tmp_path: Path) -> None:
    repo = Repository.open(db_path)
    sid = repo.create_past_session(T0, name="Core", ended_at=T0 + timedelta(minutes=30))
    plank, carry = repo.exercise_by_name("Plank"), repo.exercise_by_name("Farmer carry")
    repo.log_past_set(sid, SetEntry(exercise_id=plank.id, set_type=SetType.WORKING, weight_kg=0, reps=1,
                                    duration_s=90, logged_at=T0 + timedelta(minutes=2)))
    repo.log_past_set(sid, SetEntry(exercise_id=carry.id, set_type=SetType.WORKING, weight_kg=40, reps=1,
                                    duration_s=35, distance_m=50, logged_at=T0 + timedelta(minutes=6)))
    repo.close()
    _, out, _ = run(capsys, "export", "--db", str(db_path))
    assert out.splitlines()[1:] == [
        "2026-11-24T18:02:00,Core,Plank,1,working,0,1,,,,90,,",
        "2026-11-24T18:06:00,Core,Farmer carry,2,working,40,1,,,,35,50,",
    ]
    target = tmp_path / "strong.csv"
    assert run(capsys, "export", "--format", "strong", "-o", str(target), "--db", str(db_path))[0] == 0
    rows = [dict(zip(STRONG_COLUMNS, r)) for r in list(csv.reader(io.StringIO(target.read_text())))[1:]]
    assert [(r["Exercise Name"], r["Distance"], r["Seconds"]) for r in rows] == [
        ("Plank", "0", "90"), ("Farmer carry", "0.05", "35")]  # km beside kg, as Strong writes it
    # and Strong's file reads back as the same timed and distance sets
    other = tmp_path / "other.db"
    code, out, _ = run(capsys, "import", "strong", str(target), "--unit", "kg", "--json", "--db", str(other))
    assert code == 0 and json.loads(out)["sets"] == 2 and json.loads(out)["skipped"] == []
    back = Repository.open(other)
    try:
        (sess,) = back.sessions()
        sets = back.session_state(sess.id).sets
        assert [(s.exercise_name, s.duration_s, s.distance_m) for s in sets] == [
            ("Plank", 90, None), ("Farmer carry", 35, 50.0)]
    finally:
        back.close()


def test_a_json_export_from_before_load_kinds_still_restores(capsys, filled: Path, tmp_path: Path) -> None:
    first = tmp_path / "a.json"
    assert run(capsys, "export", "--format", "json", "-o", str(first), "--db", str(filled))[0] == 0
    data = json.loads(first.read_text())
    data["schema"] = "0003_session_deload"
    del data["body_weights"]
    for e in data["exercises"]:
        del e["load_kind"], e["notes"]
    for s in data["sessions"]:
        for x in s["sets"]:
            del x["duration_s"], x["distance_m"], x["superset"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data))
    fresh = tmp_path / "fresh.db"
    code, out, err = run(capsys, "import", "json", str(old), "--db", str(fresh))
    assert code == 0, err
    repo = Repository.open(fresh)
    try:
        assert repo.exercise_by_name("Pull-up").load_kind.value == "bodyweight"  # from its bodyweight flag, as 0004
        assert repo.exercise_by_name("Leg press").load_kind.value == "weighted"
        assert repo.stats()["sessions"] == 3 and repo.body_weights() == []
    finally:
        repo.close()


def _set_types(db: Path) -> list[tuple[str, str, float, int]]:
    repo = Repository.open(db)
    try:
        return [(s.exercise, str(getattr(s.set_type, "value", s.set_type)), s.weight_kg, s.reps)
                for s in repo.logged_sets()]
    finally:
        repo.close()


def test_a_strong_round_trip_keeps_warm_ups_drop_sets_and_failures(capsys, filled: Path, tmp_path: Path) -> None:
    """Finding 2: every warm-up came back as a working set."""
    target = tmp_path / "strong.csv"
    assert run(capsys, "export", "--format", "strong", "-o", str(target), "--db", str(filled))[0] == 0
    other = tmp_path / "other.db"
    assert run(capsys, "import", "strong", str(target), "--unit", "kg", "--db", str(other))[0] == 0
    assert _set_types(other) == _set_types(filled)
    assert [t for _, t, _, _ in _set_types(other)][:5] == ["warmup", "working", "working", "failure", "drop"]


def test_the_apps_own_strong_export_imported_into_the_same_log_doubles_nothing(
    capsys, filled: Path, tmp_path: Path
) -> None:
    """Finding 1: each workout of the file starts in the minute a stored session starts in, with
    the same sets: listed as already imported, in a dry run too, and nothing is stored."""
    target = tmp_path / "strong.csv"
    assert run(capsys, "export", "--format", "strong", "-o", str(target), "--db", str(filled))[0] == 0
    before = _set_types(filled)
    for extra in (["--dry-run"], []):
        code, out, _ = run(capsys, "import", "strong", str(target), "--unit", "kg", "--json", *extra, "--db", str(filled))
        data = json.loads(out)
        assert code == 0 and (data["workouts"], data["sets"], data["skipped"]) == (0, 0, [])
        assert [r["line"] for r in data["already_imported"]] == list(range(2, 9))
    code, out, _ = run(capsys, "import", str(target), "--unit", "kg", "--db", str(filled))
    assert "Imported 0 workouts, 0 sets" in out and "7 rows already imported (3 workouts)" in out
    assert _set_types(filled) == before
    # a workout of the file at another time is new, and goes in; the rest still does not
    rows = target.read_text().splitlines()
    rows[-1] = rows[-1].replace("2026-11-28 18:00:00", "2026-11-29 07:30:00")
    target.write_text("\n".join(rows) + "\n")
    code, out, _ = run(capsys, "import", "strong", str(target), "--unit", "kg", "--json", "--db", str(filled))
    data = json.loads(out)
    assert (data["workouts"], data["sets"], len(data["already_imported"])) == (1, 1, 6)
