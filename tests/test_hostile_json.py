"""A hostile backlegs JSON file: nonsense values are refused with where and why (one line,
exit 2), nothing is stored, never a traceback; what is stored passes the app's own
validation."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from backlegs_tui.domain.model import SetEntry, SetType
from backlegs_tui.exchange.jsonfmt import dumps
from backlegs_tui.store.repository import Repository

from .exchange_helpers import run


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("src") / "src.db"
    repo = Repository.open(db)
    try:
        s = repo.start_session(None, datetime(2026, 3, 2, 18), name="Legs")
        ex = repo.exercises()[0]
        repo.log_set(s.id, SetEntry(exercise_id=ex.id, set_type=SetType.WORKING, weight_kg=100, reps=5, rpe=8,
                                    logged_at=datetime(2026, 3, 2, 18, 5)))
        repo.finish_session(s.id, datetime(2026, 3, 2, 19), 8.0)
        return repo.snapshot()
    finally:
        repo.close()


def first_set(snap: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in snap["sessions"] if s["sets"])["sets"][0]


def first_session(snap: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in snap["sessions"] if s["sets"])


def plan_item(snap: dict[str, Any]) -> dict[str, Any]:
    return next(p for p in snap["plans"] if p["items"])["items"][0]


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda snap: first_set(snap).__setitem__(key, value)


MUTATIONS: dict[str, Callable[[dict[str, Any]], None]] = {
    "weight -100": _set("weight_kg", -100),
    "weight 1e300": _set("weight_kg", 1e300),
    "reps 0": _set("reps", 0),
    "reps 5000 digits": _set("reps", 10**400),
    "RPE 11": _set("rpe", 11),
    "RIR -3": _set("rir", -3),
    "set type bogus": _set("set_type", "bogus"),
    "year 9999 (set)": _set("logged_at", "9999-01-01T00:00:00"),
    "year 9999 (session)": lambda snap: first_session(snap).__setitem__("started_at", "9999-12-31T23:59:00"),
    "NUL in an exercise name": lambda snap: snap["exercises"][0].__setitem__("name", "Squat\x00"),
    "ESC in an exercise name": lambda snap: snap["exercises"][0].__setitem__("name", "Squat\x1b[2J"),
    "blank exercise name": lambda snap: snap["exercises"][0].__setitem__("name", "  "),
    "NUL in a plan name": lambda snap: snap["plans"][0].__setitem__("name", "P\x00"),
    "lone surrogate in a note": lambda snap: first_session(snap).__setitem__("notes", "\ud800"),
    "dangling plan item": lambda snap: plan_item(snap).__setitem__("exercise_id", 987654),
    "dangling set exercise": _set("exercise_id", 987654),
    "a huge id": lambda snap: snap["exercises"][0].__setitem__("id", 2**70),
    "spinal load bogus": lambda snap: snap["exercises"][0].__setitem__("spinal_load", "extreme"),
    "weekday 9": lambda snap: snap["schedule"].append({"id": 99, "weekday": 9, "plan_id": snap["plans"][0]["id"]}),
    "plates of 1e-9": lambda snap: snap["settings"].__setitem__("settings", {"v": {"plates_kg": [1e-9]}}),
    "a setting nested too deep": lambda snap: snap["settings"].__setitem__("x", [[[[[[[[[1]]]]]]]]]),
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_a_nonsense_value_is_refused_and_nothing_is_stored(capsys, tmp_path: Path, snapshot, name: str) -> None:
    snap = copy.deepcopy(snapshot)
    MUTATIONS[name](snap)
    f = tmp_path / "in.json"
    f.write_text(dumps(snap), encoding="utf-8")
    db = tmp_path / "gym.db"
    Repository.open(db).close()
    before = Repository.open(db)
    try:
        counts = before.stats()
        names = [e.name for e in before.exercises()]
    finally:
        before.close()
    code, out, err = run(capsys, "import", "json", str(f), "--db", str(db))
    assert code == 2, (name, out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("backlegs: "), err
    after = Repository.open(db)
    try:
        assert after.stats() == counts and [e.name for e in after.exercises()] == names
    finally:
        after.close()


@pytest.mark.parametrize(
    "text",
    [
        '{"a": ' + "9" * 5000 + "}",
        '{"format": "backlegs", "x": "\\ud800"}',
        "[" * 100_000 + "]" * 100_000,
        '{"format": "backlegs", "version": 1e999}',
        '{"format": NaN}',
    ],
    ids=["5000-digit integer", "lone surrogate", "deep nesting", "1e999", "NaN"],
)
def test_malformed_json_is_one_line(capsys, tmp_path: Path, text: str) -> None:
    f = tmp_path / "in.json"
    f.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "import", "json", str(f), "--db", str(tmp_path / "gym.db"))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("backlegs: ")


def test_a_clean_snapshot_still_round_trips(capsys, tmp_path: Path, snapshot) -> None:
    f = tmp_path / "in.json"
    f.write_text(dumps(snapshot), encoding="utf-8")
    db = tmp_path / "gym.db"
    code, out, err = run(capsys, "import", "json", str(f), "--db", str(db))
    assert code == 0, err
    code, out, _ = run(capsys, "export", "--format", "json", "--db", str(db))
    assert json.loads(out)["sessions"] == json.loads(dumps(snapshot))["sessions"]
