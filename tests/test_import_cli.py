"""`backlegs import` end to end: real files, real SQLite databases, exit codes and output."""

from __future__ import annotations

import io
import itertools
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from backlegs_tui.cli.importing import ProgressBar
from backlegs_tui.store.repository import Repository

from .exchange_helpers import DATA, run


def counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("sessions", "session_items", "set_entries", "exercises")
        }
    finally:
        con.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "backlegs.db"


def test_strong_import_prints_a_summary_and_the_mapping(capsys, db: Path) -> None:
    code, out, err = run(capsys, "import", "strong", str(DATA / "strong_2020.csv"), "--unit", "kg", "--db", str(db))
    assert code == 0, err
    assert err == ""  # no progress bar when stderr is not a terminal
    assert "Read Strong 2020-2023, weights in kg." in out
    assert "Imported 2 workouts, 10 sets; exercises: 8 matched, 0 created." in out
    assert "Squat (Barbell)             -> Barbell back squat" in out
    assert "1 timed or distance set (holds, carries, cardio) stored with their time and distance." in out
    c = counts(db)
    assert (c["sessions"], c["set_entries"]) == (2, 10)
    repo = Repository.open(db)
    try:
        summary = repo.sessions()
        assert [s.name for s in summary] == ["Quick one", "Back and legs"]  # finished sessions
        state = repo.session_state(summary[1].id)
        assert [i.exercise_name for i in state.items] == [
            "Barbell back squat", "Lat pulldown", "Romanian deadlift", "Barbell row", "Leg press", "Face pull", "Plank",
        ]
        assert [s.position for s in state.sets] == list(range(8))
        (plank,) = [s for s in state.sets if s.exercise_name == "Plank"]
        assert (plank.duration_s, plank.reps) == (60, 1)
        assert state.sets_for_item(state.items[0].id)[1].rpe == 8.5
        assert repo.open_session() is None
    finally:
        repo.close()


def test_json_summary_has_exactly_the_documented_keys(capsys, db: Path) -> None:
    code, out, _ = run(
        capsys, "import", "strong", str(DATA / "strong_bad_rows.csv"), "--unit", "kg", "--json", "--db", str(db)
    )
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"workouts", "sets", "exercises_matched", "exercises_created", "skipped",
                         "already_imported", "timed_or_distance_sets", "recovered"}
    assert (data["workouts"], data["sets"], data["exercises_matched"], data["exercises_created"]) == (1, 2, 2, 0)
    assert [s["line"] for s in data["skipped"]] == [3, 4, 5, 6]
    assert all(isinstance(s["reason"], str) and s["reason"] for s in data["skipped"])


def test_skipped_rows_are_listed_and_the_rest_imported(capsys, db: Path) -> None:
    code, out, _ = run(capsys, "import", "strong", str(DATA / "strong_bad_rows.csv"), "--unit", "kg", "--db", str(db))
    assert code == 0
    assert "4 rows skipped" in out
    assert "line 4: reps -3 is negative" in out
    assert counts(db)["set_entries"] == 2


def test_strict_imports_nothing_when_a_row_fails(capsys, db: Path) -> None:
    code, out, err = run(
        capsys, "import", "strong", str(DATA / "strong_bad_rows.csv"), "--unit", "kg", "--strict", "--db", str(db)
    )
    assert code == 2
    assert out == ""
    assert "line 3:" in err and "line 6:" in err
    assert err.strip().splitlines()[-1].endswith("4 rows could not be read; nothing imported (--strict)")
    assert not db.exists()


def test_strict_with_json_still_prints_the_skipped_rows(capsys, db: Path) -> None:
    code, out, _ = run(
        capsys, "import", "strong", str(DATA / "strong_bad_rows.csv"), "--unit", "kg", "--strict", "--json",
        "--db", str(db),
    )
    assert code == 2
    data = json.loads(out)
    assert data["workouts"] == 0 and len(data["skipped"]) == 4


def test_strict_passes_a_clean_file(capsys, db: Path) -> None:
    code, _, _ = run(capsys, "import", "strong", str(DATA / "strong_2024.csv"), "--strict", "--db", str(db))
    assert code == 0
    assert counts(db)["set_entries"] == 6


def test_importing_the_same_file_again_adds_nothing(capsys, db: Path) -> None:
    f = str(DATA / "hevy_kg.csv")
    assert run(capsys, "import", "hevy", f, "--db", str(db))[0] == 0
    before = counts(db)
    code, out, _ = run(capsys, "import", "hevy", f, "--db", str(db), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["workouts"] == 0 and data["sets"] == 0
    assert counts(db) == before
    # every row is accounted for, row by row: as already imported, not as skipped
    rows = len((DATA / "hevy_kg.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert data["skipped"] == []
    assert [s["line"] for s in data["already_imported"]] == list(range(2, rows + 2))
    assert {s["reason"] for s in data["already_imported"]} == {"already imported (same date, exercise, set)"}


def test_the_comma_and_semicolon_2024_exports_are_the_same_workouts(capsys, db: Path) -> None:
    run(capsys, "import", "strong", str(DATA / "strong_2024.csv"), "--db", str(db))
    code, out, _ = run(capsys, "import", "strong", str(DATA / "strong_2024_comma.csv"), "--db", str(db))
    assert code == 0
    lines = out.splitlines()
    assert "1 row skipped; 6 rows already imported (2 workouts)." in lines[1]
    # "1 row skipped" lists one row; the 6 already imported are said to be, by their lines
    assert lines[2:] == [
        "Skipped rows:",
        "  line 5: a rest timer, not a set",
        "2 workouts already in the database, left alone: lines 2-4, 6-8 (same date, exercise, set).",
    ]


def test_the_skipped_rows_listed_are_the_rows_counted_as_skipped(capsys, db: Path) -> None:
    """Importing the same Strong export twice: the count of skipped rows in the summary line
    is the number of rows under "Skipped rows:"; the already imported ones are not among them."""
    f = str(DATA / "strong_2024.csv")
    run(capsys, "import", "strong", f, "--db", str(db))
    code, out, _ = run(capsys, "import", "strong", f, "--db", str(db))
    assert code == 0
    lines = out.splitlines()
    skipped = lines[lines.index("Skipped rows:") + 1:]
    listed = [line for line in itertools.takewhile(lambda line: line.startswith("  "), skipped)]
    assert "; 1 row skipped;" in lines[1] and listed == ["  line 5: a rest timer, not a set"]
    assert not any("already imported" in line for line in listed)


def test_dry_run_writes_nothing(capsys, db: Path) -> None:
    code, out, _ = run(capsys, "import", "fitnotes", str(DATA / "fitnotes_kgs.csv"), "--dry-run", "--db", str(db))
    assert code == 0
    assert "Dry run: nothing was written." in out and "Would import 2 workouts, 6 sets" in out
    assert not db.exists()  # not even an empty database
    Repository.open(db).close()
    before = counts(db)
    code, out, _ = run(capsys, "import", "fitnotes", str(DATA / "fitnotes_kgs.csv"), "--dry-run", "--db", str(db))
    assert code == 0 and "Would import 2 workouts" in out
    assert counts(db) == before


def test_dry_run_counts_exercises_it_would_create(capsys, db: Path) -> None:
    code, out, _ = run(
        capsys, "import", "strong", str(DATA / "strong_2017.csv"), "--unit", "kg", "--dry-run", "--json", "--db", str(db)
    )
    assert code == 0
    data = json.loads(out)
    assert (data["exercises_matched"], data["exercises_created"]) == (4, 0)  # hack squat: catalogue since issue 9
    odd = db.parent / "odd.csv"
    odd.write_text((DATA / "strong_2017.csv").read_text().replace("Hack Squat (Machine)", "Sissy Squat (Machine)"))
    code, out, _ = run(capsys, "import", "strong", str(odd), "--unit", "kg", "--dry-run", "--json", "--db", str(db))
    assert code == 0
    data = json.loads(out)
    assert (data["exercises_matched"], data["exercises_created"]) == (3, 1)


def test_a_missing_unit_is_one_line_asking_for_it(capsys, db: Path) -> None:
    code, out, err = run(capsys, "import", "strong", str(DATA / "strong_2020.csv"), "--db", str(db))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "--unit kg or --unit lb" in err
    assert not db.exists()


def test_files_that_carry_their_unit_need_no_flag(capsys, db: Path) -> None:
    for fmt, name in [("strong", "strong_semicolon_units.csv"), ("strong", "strong_2024.csv"),
                      ("hevy", "hevy_lb.csv"), ("fitnotes", "fitnotes_lbs.csv"), ("fitnotes", "fitnotes_unit.csv")]:
        code, _, err = run(capsys, "import", fmt, str(DATA / name), "--db", str(db))
        assert code == 0, (name, err)


def test_without_a_format_the_file_says_what_it_is(capsys, tmp_path: Path, db: Path) -> None:
    for name, said in [("strong_semicolon_units.csv", "Read Strong"), ("strong_2024.csv", "Read Strong"),
                       ("hevy_lb.csv", "Read Hevy"), ("fitnotes_lbs.csv", "Read FitNotes")]:
        code, out, err = run(capsys, "import", str(DATA / name), "--db", str(db), "--dry-run")
        assert code == 0, (name, err)
        assert out.startswith(said), (name, out)
    assert run(capsys, "import", str(DATA / "hevy_lb.csv"), "--db", str(db))[0] == 0
    export = tmp_path / "all.json"
    assert run(capsys, "export", "--format", "json", "-o", str(export), "--db", str(db))[0] == 0
    assert run(capsys, "import", str(export), "--db", str(tmp_path / "other.db"))[0] == 0
    odd = tmp_path / "notes.csv"
    odd.write_text("when,what\n2024-01-01,squat\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(odd), "--db", str(db))
    assert code == 2 and out == ""
    assert "is not a Strong, Hevy or FitNotes export" in err and len(err.strip().splitlines()) == 1


def test_unknown_exercises_are_created_with_defaults(capsys, db: Path) -> None:
    odd = db.parent / "odd.csv"
    odd.write_text((DATA / "strong_2017.csv").read_text().replace("Hack Squat (Machine)", "Sissy Squat (Machine)"))
    code, out, _ = run(capsys, "import", "strong", str(odd), "--unit", "kg", "--db", str(db))
    assert code == 0
    assert "Sissy Squat (Machine) -> new exercise" in out
    repo = Repository.open(db)
    try:
        hack = repo.exercise_by_name("sissy squat (machine)")
        assert hack is not None
        assert hack.equipment == "machine" and hack.primary == ("quads", "glutes")
    finally:
        repo.close()


def test_names_match_the_users_own_exercises_case_insensitively(capsys, db: Path) -> None:
    from backlegs_tui.domain.model import ExerciseDraft

    repo = Repository.open(db)
    repo.add_exercise(ExerciseDraft(name="hack squat (machine)", equipment="machine"))
    repo.close()
    code, out, _ = run(capsys, "import", "strong", str(DATA / "strong_2017.csv"), "--unit", "kg", "--db", str(db))
    assert code == 0
    assert "exercises: 4 matched, 0 created" in out
    assert "Hack Squat (Machine) -> hack squat (machine)" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02\x03binary\x00\xff" * 50, "not a text file"),
        (b"name,age\nbob,3\n", "is not a Strong export"),
        (b"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
         b"2021-07-07 18:35:21,Legs,1h,Squat (Barbell),1,100,5,0,0,,,8\n2021-07-07 18:35:21,Legs,1h,Squ", "truncated"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_one_line_and_exit_2(
    capsys, tmp_path: Path, db: Path, content: bytes, message: str
) -> None:
    f = tmp_path / "export.csv"
    f.write_bytes(content)
    code, out, err = run(capsys, "import", "strong", str(f), "--unit", "kg", "--db", str(db))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert message in err and str(f) in err
    assert not db.exists()


def test_a_missing_file_or_a_folder(capsys, tmp_path: Path, db: Path) -> None:
    code, _, err = run(capsys, "import", "hevy", str(tmp_path / "nope.csv"), "--db", str(db))
    assert code == 2 and "no such file" in err
    code, _, err = run(capsys, "import", "hevy", str(tmp_path), "--db", str(db))
    assert code == 2 and "is a directory" in err


def test_the_wrong_format_names_the_right_one(capsys, db: Path) -> None:
    code, _, err = run(capsys, "import", "fitnotes", str(DATA / "hevy_kg.csv"), "--db", str(db))
    assert code == 2 and "looks like a Hevy export" in err


def test_a_bad_database_is_one_line_too(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("not sqlite")
    code, _, err = run(capsys, "import", "hevy", str(DATA / "hevy_kg.csv"), "--db", str(bad))
    assert code == 2 and "not a SQLite database" in err


# ---- json ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a backlegs JSON export"),
        ('{"format": "other"}', "not a backlegs JSON export"),
        ('{"format": "backlegs", "version": 99, "schema": "0099_future"}', "newer backlegs"),
        ('{"format": "backlegs", "version": 1, "schema": "0001_initial", "exercises": {}, "plans": [],'
         ' "schedule": [], "sessions": [], "settings": {}}', "no list of exercises"),
    ],
)
def test_bad_json_files(capsys, tmp_path: Path, db: Path, content: str, message: str) -> None:
    f = tmp_path / "x.json"
    f.write_text(content)
    code, out, err = run(capsys, "import", "json", str(f), "--db", str(db))
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_json_with_a_bad_row_names_where_and_writes_nothing(capsys, tmp_path: Path, db: Path) -> None:
    src = tmp_path / "src.db"
    run(capsys, "import", "hevy", str(DATA / "hevy_kg.csv"), "--db", str(src))
    out = tmp_path / "x.json"
    assert run(capsys, "export", "--format", "json", "-o", str(out), "--db", str(src))[0] == 0
    data = json.loads(out.read_text())
    data["sessions"][1]["sets"][2]["reps"] = "five"
    out.write_text(json.dumps(data))
    Repository.open(db).close()
    before = counts(db)
    code, _, err = run(capsys, "import", "json", str(out), "--db", str(db))
    assert code == 2
    assert "sessions[1].sets[2]: reps has the wrong type" in err
    assert counts(db) == before


# ---- progress -----------------------------------------------------------------------------------


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_draws_only_on_a_terminal_and_for_large_files() -> None:
    tty = FakeTty()
    bar = ProgressBar("Reading", tty)
    bar(10, 100)  # a small file: nothing
    assert tty.getvalue() == ""
    bar(5000, 10000)
    bar(5001, 10000)  # same percent: not redrawn
    bar(10000, 10000)
    bar.close()
    drawn = tty.getvalue()
    assert drawn.count("Reading") == 2 and " 50%" in drawn and "100%" in drawn
    assert drawn.endswith("\r")
    pipe = io.StringIO()
    quiet = ProgressBar("Reading", pipe)
    quiet(5000, 10000)
    quiet.close()
    assert pipe.getvalue() == ""


def test_a_large_import_reports_progress(tmp_path: Path, db: Path) -> None:
    from backlegs_tui.exchange.importing import read_file, write

    big = tmp_path / "big.csv"
    lines = (DATA / "fitnotes_kgs.csv").read_text().splitlines()
    body = [f"2020-01-{d % 28 + 1:02d},Barbell Squat,Legs,100,5,,," for d in range(6000)]
    big.write_text("\n".join([lines[0], *body]) + "\n")
    seen: list[tuple[int, int]] = []
    parsed = read_file("fitnotes", big, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]
    written: list[tuple[int, int]] = []
    repo = Repository.open(db)
    try:
        summary = write(repo, "fitnotes", parsed, progress=lambda d, t: written.append((d, t)))
    finally:
        repo.close()
    assert summary.sets == 6000 and written[-1] == (6000, 6000)


def test_import_leaves_a_copy_of_a_fixture_untouched(tmp_path: Path, capsys, db: Path) -> None:
    f = tmp_path / "copy.csv"
    shutil.copy(DATA / "strong_2024.csv", f)
    before = f.read_bytes()
    run(capsys, "import", "strong", str(f), "--db", str(db))
    assert f.read_bytes() == before


def test_zero_rep_rows_are_skipped_with_their_line(tmp_path) -> None:
    """Real Strong exports write `0.0,0` for a set that was planned but not done."""
    from backlegs_tui.cli import main

    f = tmp_path / "strong.csv"
    f.write_text(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
        '2023-10-11 20:49:23,"Push 2",1h 11m,"Chest Fly (Dumbbell)",1,20.0,9,0,0,,,0\n'
        '2023-10-11 20:49:23,"Push 2",1h 11m,"Chest Fly (Dumbbell)",2,0.0,0,0,0,,,0\n'
    )
    import io
    import json
    from contextlib import redirect_stdout

    out = io.StringIO()
    with redirect_stdout(out):
        rc = main(["import", "strong", str(f), "--unit", "kg", "--json", "--db", str(tmp_path / "x.db")])
    assert rc == 0
    summary = json.loads(out.getvalue())
    assert summary["sets"] == 1
    assert summary["skipped"] == [{"line": 3, "reason": "0 reps (a set that was not done)"}]
