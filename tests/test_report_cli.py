"""`backlegs report fatigue`: a real database in tmp_path, days given on the command line."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from backlegs_tui.cli import main
from backlegs_tui.domain.records import SetRecord, WorkoutRecord
from backlegs_tui.store.bulk import insert_workouts
from backlegs_tui.store.repository import Repository
from tests.fatigue_scenarios import EXERCISES, scenario


@pytest.fixture(scope="module")
def overreach_db(tmp_path_factory) -> tuple[Path, object]:
    """Scenario b (10 good weeks, 3 weeks overreaching) written to a database."""
    sc = scenario("b")
    path = tmp_path_factory.mktemp("report") / "b.db"
    repo = Repository.open(path)
    try:
        names = {e.id: e.name for e in EXERCISES.values()}
        workouts = [
            WorkoutRecord(
                started_at=x.started_at,
                name=x.name,
                ended_at=x.started_at + timedelta(minutes=x.minutes or 60),
                session_rpe=x.session_rpe,
                deload=x.deload,
                sets=[SetRecord(names[s.exercise_id], s.set_type, s.weight_kg, s.reps, s.rpe, logged_at=s.logged_at)
                      for s in x.sets],
            )
            for x in sc.sessions
        ]
        insert_workouts(repo, workouts)
    finally:
        repo.close()
    return path, sc


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_one_day_as_json(overreach_db, capsys) -> None:
    path, sc = overreach_db
    last = sc.sessions[-1].started_at.date()
    code, out, _ = run(capsys, "report", "fatigue", "--as-of", last.isoformat(), "--json", "--db", str(path))
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["as_of", "verdict", "summary", "flags"]
    assert data["as_of"] == last.isoformat() and data["verdict"] == "warning"
    assert data["flags"][0]["code"] == "decline" and data["flags"][0]["subject"] is None


def test_a_range_as_json_matches_single_days(overreach_db, capsys) -> None:
    path, sc = overreach_db
    start = sc.first_decline - timedelta(days=3)
    end = sc.first_decline + timedelta(days=10)
    code, out, _ = run(capsys, "report", "fatigue", "--from", start.isoformat(), "--to", end.isoformat(), "--json",
                       "--db", str(path))
    assert code == 0
    days = json.loads(out)
    assert [d["as_of"] for d in days] == [(start + timedelta(days=i)).isoformat() for i in range(14)]
    assert days[0]["verdict"] == "none"
    code, one, _ = run(capsys, "report", "fatigue", "--as-of", end.isoformat(), "--json", "--db", str(path))
    assert json.loads(one) == days[-1]


def test_plain_lines(overreach_db, capsys) -> None:
    path, sc = overreach_db
    last = sc.sessions[-1].started_at.date()
    code, out, _ = run(capsys, "report", "fatigue", "--as-of", last.isoformat(), "--db", str(path))
    assert code == 0 and out.startswith(f"{last.isoformat()} warning: Warning:")
    assert "  warning [decline] " in out


def test_no_data_yet(tmp_path: Path, capsys) -> None:
    db = tmp_path / "empty.db"
    Repository.open(db).close()
    code, out, _ = run(capsys, "report", "fatigue", "--as-of", "2026-01-05", "--json", "--db", str(db))
    assert code == 0 and json.loads(out)["verdict"] == "none"


@pytest.mark.parametrize(
    "args, said",
    [
        (["--as-of", "2026-02-30"], "is not a date"),
        (["--from", "2026-03-02", "--to", "2026-03-01"], "runs backwards"),
        (["--from", "2026-03-02"], "needs both"),
        (["--as-of", "2026-03-02", "--from", "2026-03-01", "--to", "2026-03-02"], "not both"),
    ],
)
def test_bad_days_are_one_line_and_exit_2(tmp_path: Path, capsys, args: list[str], said: str) -> None:
    db = tmp_path / "x.db"  # the days are checked before the database is opened
    code, out, err = run(capsys, "report", "fatigue", *args, "--db", str(db))
    assert code == 2 and out == "" and said in err and len(err.strip().splitlines()) == 1


def test_default_day_is_today(overreach_db, capsys, monkeypatch) -> None:
    path, _ = overreach_db
    monkeypatch.setattr("backlegs_tui.cli.report.today", lambda: date(2020, 1, 1))
    code, out, _ = run(capsys, "report", "fatigue", "--json", "--db", str(path))
    assert code == 0 and json.loads(out)["as_of"] == "2020-01-01"
