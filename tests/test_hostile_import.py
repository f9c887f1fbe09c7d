"""A hostile CSV export: rows with values the app would never accept typed are skipped with
their line and reason, never stored; names with terminal escapes are stored as visible
text; the summary sends no escape to the terminal."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from backlegs_tui.domain import validation
from backlegs_tui.domain.text import has_control

from .exchange_helpers import run

HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"


def test_values_outside_the_apps_own_validation_are_skipped_with_line_and_reason(capsys, tmp_path: Path) -> None:
    rows = [
        "2026-01-05 18:00:00,Legs,1h,Squat,1,100,5,0,0,,,8",  # fine
        "2026-01-05 18:00:00,Legs,1h,Squat,2,100,150,0,0,,,",  # reps over the app's 100
        "2026-01-05 18:00:00,Legs,1h,Squat,3,1500,5,0,0,,,",  # over 1000 kg
        "2026-01-05 18:00:00,Legs,1h,Squat,4,-100,5,0,0,,,",  # negative
        "2026-01-05 18:00:00,Legs,1h,Squat,5,100,5,0,0,,,11",  # RPE 11
        "9999-01-05 18:00:00,Legs,1h,Squat,1,100,5,0,0,,,",  # year 9999
        "2026-01-05 18:00:00,Legs,1h,Squat,6,1e300,5,0,0,,,",  # 1e300
        "2026-01-05 18:00:00,Legs,1h,Squat,7,nan,5,0,0,,,",  # not a number
    ] + [f"2026-01-{d:02d} 18:00:00,Legs,1h,Squat,1,100,5,0,0,,,8" for d in range(6, 20)]
    f = tmp_path / "strong.csv"
    f.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "gym.db"
    code, out, err = run(capsys, "import", "strong", str(f), "--unit", "kg", "--db", str(db))
    assert code == 0, err
    for line in (3, 4, 5, 6, 7, 8, 9):
        assert f"line {line}:" in out, (line, out)
    assert "15 sets" in out
    con = sqlite3.connect(db)
    try:
        for w, r, rpe, rir in con.execute("SELECT weight_kg, reps, rpe, rir FROM set_entries"):
            validation.check_set(w, r, rpe, rir)
        assert con.execute("SELECT count(*) FROM set_entries").fetchone()[0] == 15
    finally:
        con.close()


def test_an_escape_laden_name_and_note_are_stored_as_visible_text(capsys, tmp_path: Path) -> None:
    rows = ['2026-01-05 18:00:00,"Legs\x1b]0;owned\x07",1h,"Squat\x1b[31m",1,100,5,0,0,"n\x9bX",,'] + [
        f"2026-01-{d:02d} 18:00:00,Legs,1h,Squat,1,100,5,0,0,a note long enough to be prose,," for d in range(6, 28)
    ]
    f = tmp_path / "strong.csv"
    f.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "gym.db"
    code, out, err = run(capsys, "import", "strong", str(f), "--unit", "kg", "--db", str(db))
    assert code == 0, err
    assert not has_control(out, allow_lines=True) and not has_control(err, allow_lines=True)
    con = sqlite3.connect(db)
    try:
        texts = [t for row in con.execute(
            "SELECT e.name, s.name, s.notes, x.notes FROM set_entries x JOIN exercises e ON e.id = x.exercise_id "
            "JOIN sessions s ON s.id = x.session_id"
        ) for t in row]
    finally:
        con.close()
    assert texts and not any(has_control(t, allow_lines=True) for t in texts)
    assert any("\\x1b[31m" in t for t in texts)
