"""Imports that keep every set (issue 9): timed and distance rows stored, every row stored or
listed in skipped (text and --json alike), FitNotes' unquoted commas, Strong's semicolon
layout without a header row, assisted lifts, Hevy's supersets, the lifter's own exercises."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from backlegs_tui.domain.model import LoadKind, Unit
from backlegs_tui.exchange import fitnotes, hevy, strong
from backlegs_tui.exchange.importing import read_file, write
from backlegs_tui.store.repository import Repository

from .exchange_helpers import DATA, run

pytestmark = pytest.mark.both_backends


def text(name: str) -> str:
    from backlegs_tui.exchange.common import decode

    return decode((DATA / name).read_bytes())


def data_rows(name: str) -> int:
    """Rows with a set or a reason in the file (header and blank lines aside)."""
    body = text(name)
    delimiter = ";" if body.split("\n", 1)[0].count(";") > body.split("\n", 1)[0].count(",") else ","
    rows = [r for r in csv.reader(io.StringIO(body), delimiter=delimiter) if any(c.strip() for c in r)]
    return len(rows) - (0 if "noheader" in name else 1)


def all_sets(p):
    return [s for w in p.workouts for s in w.sets]


@pytest.mark.parametrize(
    ("name", "parse", "unit"),
    [
        ("strong_2017.csv", strong.parse, Unit.KG),
        ("strong_2020.csv", strong.parse, Unit.KG),
        ("strong_2024.csv", strong.parse, None),
        ("strong_2024_comma.csv", strong.parse, None),
        ("strong_bad_rows.csv", strong.parse, Unit.KG),
        ("strong_semicolon_units.csv", strong.parse, None),
        ("strong_semicolon_noheader.csv", strong.parse, None),
        ("strong_semicolon_noheader_rpe.csv", strong.parse, None),
        ("strong_2024_notes.csv", strong.parse, None),
        ("hevy_kg.csv", hevy.parse, None),
        ("hevy_lb.csv", hevy.parse, None),
        ("hevy_superset_timed.csv", hevy.parse, None),
        ("fitnotes_kgs.csv", fitnotes.parse, None),
        ("fitnotes_lbs.csv", fitnotes.parse, None),
        ("fitnotes_unit.csv", fitnotes.parse, None),
        ("fitnotes_comma.csv", fitnotes.parse, None),
    ],
)
@pytest.mark.sqlite_only
def test_every_row_is_stored_or_listed_with_its_line(name: str, parse, unit) -> None:  # noqa: ANN001
    p = parse(text(name), unit=unit)
    stored = {s.line for s in all_sets(p)} | {r.line for r in p.recovered if "note" in r.reason}
    skipped = {s.line for s in p.skipped}
    assert not stored & skipped
    assert len(stored) + len(skipped) == data_rows(name), (sorted(stored), sorted(skipped))


@pytest.mark.sqlite_only
def test_fitnotes_names_with_an_unquoted_comma_are_joined_back_and_reported() -> None:
    p = fitnotes.parse(text("fitnotes_comma.csv"))
    names = [s.exercise for s in all_sets(p)]
    assert names[:3] == ["Squat, Pause", "Squat, Pause", "Row, Chest Supported, Dumbbell"]
    assert [r.line for r in p.recovered] == [2, 3, 4]
    assert "'Squat, Pause' holds an unquoted comma: joined back" in p.recovered[0].reason
    walk, hang, run_ = all_sets(p)[3:]
    assert (walk.weight_kg, walk.reps, walk.distance_m, walk.duration_s) == (32.0, 1, 40.0, 35)
    assert (hang.duration_s, hang.distance_m) == (60, None)
    assert (run_.distance_m, run_.duration_s) == (5000.0, 1500)
    assert [(s.line, "not a number" in s.reason) for s in p.skipped] == [(8, True)]


@pytest.mark.sqlite_only
def test_strong_semicolon_without_a_header_row() -> None:
    p = strong.parse(text("strong_semicolon_noheader.csv"))
    assert p.variant == "Strong 2020-2023 (no header row)" or p.variant.endswith("(no header row)")
    assert p.unit == "per row"
    sets = all_sets(p)
    assert [s.line for s in sets] == [1, 2, 3, 4, 5]
    assert sets[0].weight_kg == pytest.approx(102.058, abs=0.001) and sets[1].weight_kg == 102.5
    assert sets[1].rpe == 8.5
    assert (sets[3].exercise, sets[3].duration_s, sets[3].reps) == ("Plank", 75, 1)
    assert (sets[4].distance_m, sets[4].duration_s) == (2500.0, 900)


@pytest.mark.sqlite_only
def test_a_semicolon_file_whose_first_row_is_no_set_still_needs_its_header() -> None:
    from backlegs_tui.exchange.common import BadFile

    with pytest.raises(BadFile):
        strong.parse("hello;world\n1;2\n")


@pytest.mark.sqlite_only
def test_hevy_keeps_supersets_timed_and_distance_sets() -> None:
    p = hevy.parse(text("hevy_superset_timed.csv"))
    sets = all_sets(p)
    assert [s.superset for s in sets] == ["0", "0", None, "1", "1"]
    assert (sets[2].duration_s, sets[2].reps) == (60, 1)
    assert (sets[3].distance_m, sets[3].duration_s, sets[3].weight_kg) == (50.0, 45, 40.0)
    assert [(s.line, s.reason) for s in p.skipped] == [(7, "0 reps (a set that was not done)")]


def test_json_summary_lists_every_skipped_row_and_the_repairs(capsys, db_path: Path) -> None:
    code, out, err = run(capsys, "import", "fitnotes", str(DATA / "fitnotes_comma.csv"), "--json", "--db", str(db_path))
    assert code == 0, err
    data = json.loads(out)
    assert data["sets"] == 6 and data["timed_or_distance_sets"] == 3
    assert [s["line"] for s in data["skipped"]] == [8]
    assert [r["line"] for r in data["recovered"]] == [2, 3, 4]
    code, out, _ = run(capsys, "import", "fitnotes", str(DATA / "fitnotes_comma.csv"), "--dry-run",
                       "--db", str(db_path))
    assert "Rows read another way:" in out and "line 2: the exercise name 'Squat, Pause'" in out


def test_rest_timers_are_in_json_skipped(capsys, db_path: Path) -> None:
    code, out, _ = run(capsys, "import", "strong", str(DATA / "strong_2024.csv"), "--json", "--strict",
                       "--db", str(db_path))
    assert code == 0
    assert json.loads(out)["skipped"] == [{"line": 5, "reason": "a rest timer, not a set"}]


def test_stored_kinds_assisted_and_own_exercises(repo: Repository) -> None:
    from backlegs_tui.domain.model import ExerciseDraft

    repo.add_exercise(ExerciseDraft(name="Barbell Hip Thrusts", primary=("glutes",)))
    summary = write(repo, "hevy", read_file("hevy", DATA / "hevy_superset_timed.csv"))
    assert summary.mapping["Hip Thrust (Barbell)"] == "Barbell Hip Thrusts"  # the lifter's own, not a new one
    assert summary.mapping["Pull Up (Assisted)"] == "Assisted pull-up"
    assert summary.mapping["Farmers Walk"] == "Farmer carry" and summary.created == []
    (session,) = repo.sessions()
    sets = {s.exercise_name: s for s in repo.session_state(session.id).sets}
    assisted = sets["Assisted pull-up"]
    assert assisted.weight_kg == 20.0 and repo.load_kind(assisted.exercise_id) is LoadKind.ASSISTED
    assert repo.effective_load(assisted) is None  # no body weight known: unknown
    repo.log_body_weight(session.started_at.date(), 75.0)
    assert repo.effective_load(assisted) == 55.0
    assert repo.effective_load(sets["Chin-up"]) == 85.0
    assert sets["Farmer carry"].distance_m == 50.0 and sets["Farmer carry"].superset == "1"


def test_new_timed_and_distance_lifts_get_their_kind(repo: Repository) -> None:
    summary = write(repo, "fitnotes", read_file("fitnotes", DATA / "fitnotes_comma.csv"))
    assert "Running" in summary.created
    assert repo.exercise_by_name("Running").load_kind is LoadKind.DISTANCE
    assert repo.exercise_by_name("Squat, Pause").load_kind is LoadKind.WEIGHTED


@pytest.mark.sqlite_only
def test_strong_2024_note_rows_go_on_the_exercises_next_set() -> None:
    p = strong.parse(text("strong_2024_notes.csv"))
    sets = all_sets(p)
    assert [s.notes for s in sets] == ["Tri bar 7.5kg", "", ""]
    assert [(r.line, r.reason) for r in p.recovered] == [(2, "an exercise note: kept on the exercise's next set")]
    assert [(s.line, s.error) for s in p.skipped] == [(6, False)]  # a note with no set after it: listed
    assert (sets[2].distance_m, sets[2].duration_s, sets[2].weight_kg) == (40.0, 30, 30.0)


@pytest.mark.sqlite_only
def test_strong_semicolon_without_a_header_in_the_other_column_order() -> None:
    p = strong.parse(text("strong_semicolon_noheader_rpe.csv"))
    squat, plank = all_sets(p)
    assert (squat.weight_kg, squat.reps, squat.line) == (60.0, 8, 1)
    assert (plank.duration_s, plank.reps) == (45, 1)
    assert p.workouts[0].ended_at is not None and p.skipped == []
