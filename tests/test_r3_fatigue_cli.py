"""Ux report 3, finding 5d: `report fatigue` on a day after today is refused in one line (exit
2), and a day with no session in the engine's horizon, in a file with older ones, says so
instead of "No sessions yet"."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from backlegs_tui.cli import main
from backlegs_tui.domain.model import SetType
from backlegs_tui.domain.records import SetRecord, WorkoutRecord
from backlegs_tui.services.fatigue import fatigue_today, fatigue_view
from backlegs_tui.store.bulk import insert_workouts
from backlegs_tui.store.repository import Repository

TODAY = date(2026, 12, 6)


@pytest.fixture
def db(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setattr("backlegs_tui.cli.report.today", lambda: TODAY)
    path = tmp_path / "one.db"
    repo = Repository.open(path)
    try:
        start = datetime(2026, 1, 5, 18)
        insert_workouts(repo, [
            WorkoutRecord(started_at=start + timedelta(days=3 * k), name="A",
                          ended_at=start + timedelta(days=3 * k, minutes=60),
                          sets=[SetRecord("Barbell back squat", SetType.WORKING, 100.0, 5, 8.0) for _ in range(3)])
            for k in range(4)
        ])
    finally:
        repo.close()
    return path


@pytest.mark.parametrize("args", [("--as-of", "2030-01-01"), ("--from", "2026-12-01", "--to", "2030-01-01")])
def test_a_day_after_today_is_refused_in_one_line(db: Path, capsys, args) -> None:
    code = main(["report", "fatigue", *args, "--db", str(db)])
    out = capsys.readouterr()
    assert code == 2 and out.out == ""
    assert out.err.strip().splitlines() == [
        f"backlegs: {args[-2]} 2030-01-01 is in the future (today is 2026-12-06): the verdict is for a day up to today"
    ]


def test_today_is_judged(db: Path, capsys) -> None:
    assert main(["report", "fatigue", "--as-of", TODAY.isoformat(), "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("2026-12-06 none: No sessions in the 34 weeks up to Sun 06 Dec 2026")


def test_no_session_in_the_horizon_is_not_no_sessions_yet(db: Path, tmp_path: Path) -> None:
    repo = Repository.open(db)
    try:
        day = date(2026, 12, 1)
        assert fatigue_today(repo, day).summary == "No sessions in the 34 weeks up to Tue 01 Dec 2026: nothing to judge."
        assert fatigue_view(repo, day)[0].summary == fatigue_today(repo, day).summary
        assert fatigue_today(repo, date(2026, 1, 4)).summary == "No sessions yet: nothing to judge."
    finally:
        repo.close()
    empty = Repository.open(tmp_path / "empty.db")
    try:
        assert fatigue_today(empty, TODAY).summary == "No sessions yet: nothing to judge."
    finally:
        empty.close()
