"""Nothing is ever lost: `kill -9` the real app mid-rest, start it again, resume."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from backlegs_tui.store.repository import Repository

from .pty_app import run_backlegs


def export_rows(db: Path) -> list[dict[str, str]]:
    out = subprocess.run(
        [sys.executable, "-m", "backlegs_tui", "export", "--format", "csv", "--db", str(db)],
        capture_output=True, text=True, check=True,
    )
    return list(csv.DictReader(io.StringIO(out.stdout)))


def test_kill_9_during_rest_loses_nothing_and_resumes(tmp_path: Path) -> None:
    db = tmp_path / "gym.db"
    app = run_backlegs(db)
    app.wait_for("Enter: start")
    app.wait_for("article sample")
    app.send("enter")
    app.wait_for("How ready are you")
    app.send("escape")
    app.wait_for("Log set")
    app.send("w")  # warm-ups off: straight to working sets
    app.send("1", "0", "0", "enter")
    app.wait_for("Set 1 saved")
    app.send("enter")
    app.wait_for("Set 2 saved")
    app.kill9()  # mid-rest, no chance to clean up

    repo = Repository.open(db)
    state = repo.open_session()
    assert state is not None
    assert [(s.weight_kg, s.reps) for s in state.sets] == [(100.0, 5), (100.0, 5)]
    assert state.rest_until is not None  # the rest timer survives too
    repo.close()

    rows = export_rows(db)
    assert [(r["exercise"], r["set_index"], r["weight_kg"], r["reps"], r["set_type"]) for r in rows] == [
        ("Barbell back squat", "1", "100", "5", "working"),
        ("Barbell back squat", "2", "100", "5", "working"),
    ]

    again = run_backlegs(db)
    again.wait_for("unfinished session")
    again.wait_for("2 sets logged")
    again.send("enter")  # resume
    again.wait_for("2 working sets")
    again.send("enter")  # the prefilled third set, one keystroke
    again.wait_for("Set 3 saved")
    assert again.quit() == 0

    repo = Repository.open(db)
    state = repo.open_session()
    assert state is not None and len(state.sets) == 3
    repo.close()


def test_kill_9_during_a_first_time_lifts_warmups_resumes_with_its_target_and_ramp(tmp_path: Path) -> None:
    """The typed target of a lift with no history is on disk before the ramp starts."""
    db = tmp_path / "gym.db"
    app = run_backlegs(db)
    app.wait_for("article sample")
    app.send("enter")
    app.wait_for("How ready are you")
    app.send("escape")
    app.wait_for("first time: type your working weight")
    app.send("1", "0", "0", "enter")  # today's target: the ramp follows
    app.wait_for("Warm-ups for 100 kg")
    app.send("enter")  # warm-up 1: the empty bar
    app.wait_for("Warm-up saved")
    app.kill9()

    again = run_backlegs(db)
    again.wait_for("unfinished session")
    again.send("enter")  # resume
    again.wait_for("warm-up 2 of 4, then 100 kg x 5")
    again.send("enter")  # the prefilled second step: 40 kg
    again.wait_for("Warm-up saved")
    assert again.quit() == 0

    repo = Repository.open(db)
    state = repo.open_session()
    assert state is not None
    assert [(s.weight_kg, s.reps, s.set_type.value) for s in state.sets] == [(20.0, 10, "warmup"), (40.0, 5, "warmup")]
    repo.close()
