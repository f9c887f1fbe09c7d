"""Hostile command lines, run in-process through `backlegs_tui.cli.main`: every one ends in
one plain line (or argparse's usage) and exit 2, never a traceback, never a hang (an alarm
fails the test instead), and never writes where it should not."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from backlegs_tui.cli import main
from backlegs_tui.store.repository import Repository

LONG = "n" * 300  # one name over the 255 bytes a file system takes


@contextmanager
def deadline(seconds: int = 10) -> Iterator[None]:
    def _hang(*_: object) -> None:
        raise TimeoutError("the command hung")

    old = signal.signal(signal.SIGALRM, _hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture
def place(tmp_path: Path) -> dict[str, str]:
    db = tmp_path / "gym.db"
    Repository.open(db).close()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    csv = tmp_path / "strong.csv"
    csv.write_text("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2026-01-05 18:00:00,A,Squat,1,100,5\n")
    return {"db": str(db), "fifo": str(fifo), "csv": str(csv), "dir": str(tmp_path),
            "long": str(tmp_path / LONG), "longdb": str(tmp_path / (LONG + ".db"))}


CASES: dict[str, tuple[list[str], str]] = {
    # name: (argv with {placeholders}, a word the one line must hold)
    "--db name too long, export": (["--db", "{longdb}", "export"], "too long"),
    "--db name too long, backup": (["--db", "{longdb}", "backup"], "too long"),
    "--db name too long, app": (["--db", "{longdb}"], "too long"),
    "--db name too long, import": (["--db", "{longdb}", "import", "strong", "{csv}", "--unit", "kg"], "too long"),
    "import file name too long": (["--db", "{db}", "import", "strong", "{long}.csv"], "too long"),
    "json file name too long": (["--db", "{db}", "import", "json", "{long}.json"], "too long"),
    "backup path too long": (["--db", "{db}", "backup", "{long}.db"], "too long"),
    "export -o too long": (["--db", "{db}", "export", "-o", "{long}.csv"], "too long"),
    "~nouser --db": (["--db", "~nosuchuser_backlegs/x.db", "export"], "no such user"),
    "~nouser --db, app": (["--db", "~nosuchuser_backlegs/x.db"], "no such user"),
    "~nouser import file": (["--db", "{db}", "import", "strong", "~nosuchuser_backlegs/x.csv"], "no such"),
    "/dev/zero import": (["--db", "{db}", "import", "strong", "/dev/zero"], "not a regular file"),
    "/dev/zero json": (["--db", "{db}", "import", "json", "/dev/zero"], "not a regular file"),
    "FIFO import": (["--db", "{db}", "import", "hevy", "{fifo}"], "FIFO"),
    "FIFO --db export": (["--db", "{fifo}", "export"], "FIFO"),
    "FIFO --db backup": (["--db", "{fifo}", "backup"], "FIFO"),
    "FIFO --db app": (["--db", "{fifo}"], "FIFO"),
    "FIFO -o": (["--db", "{db}", "export", "-o", "{fifo}"], "FIFO"),
    "FIFO backup target": (["--db", "{db}", "backup", "{fifo}"], "exists"),
    "/dev/null --db backup": (["--db", "/dev/null", "backup"], "device"),
    "/dev/null --db export": (["--db", "/dev/null", "export"], "device"),
    "/dev/null --db app": (["--db", "/dev/null"], "device"),
    "a folder as import": (["--db", "{db}", "import", "strong", "{dir}"], "directory"),
    "NUL in --db": (["--db", "x\x00y.db", "export"], "NUL"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_arguments_are_one_line_and_exit_2(capsys, place: dict[str, str], name: str) -> None:
    argv, word = CASES[name]
    with deadline():
        code = main([a.format(**place) for a in argv])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("backlegs: "), err
    assert word.lower() in lines[0].lower(), lines[0]
    assert "\x1b" not in err


@pytest.mark.parametrize("value", ["abc", "-5", "1e3", "99999999999", "5000\x1b[2J", " "])
def test_busy_timeout_env_is_validated_with_one_line(capsys, monkeypatch, place: dict[str, str], value: str) -> None:
    monkeypatch.setenv("BACKLEGS_BUSY_TIMEOUT_MS", value)
    for argv in (["--db", place["db"], "export"], ["--db", place["db"], "backup"]):
        code = main(argv)
        out, err = capsys.readouterr()
        if not value.strip():  # blank: the default
            assert code == 0
            continue
        assert code == 2 and len(err.strip().splitlines()) == 1
        assert "BACKLEGS_BUSY_TIMEOUT_MS" in err and "\x1b" not in err


def test_busy_timeout_env_in_range_is_used(monkeypatch, tmp_path: Path) -> None:
    from sqlalchemy import text

    monkeypatch.setenv("BACKLEGS_BUSY_TIMEOUT_MS", "1234")
    repo = Repository.open(tmp_path / "x.db")
    try:
        with repo.engine.connect() as con:
            assert con.execute(text("PRAGMA busy_timeout")).scalar() == 1234
    finally:
        repo.close()


@pytest.mark.parametrize("env", [{"BACKLEGS_DB": "~nosuchuser_backlegs/x.db"}, {"BACKLEGS_DB": "/tmp/" + LONG}])
def test_a_bad_backlegs_db_is_one_line(capsys, monkeypatch, env: dict[str, str]) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert main(["export"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("name", ["x%41.db", "q?x.db", "h#a.db"])
def test_odd_characters_in_db_write_exactly_that_file(capsys, place: dict[str, str], tmp_path: Path, name: str) -> None:
    code = main(["--db", str(tmp_path / name), "import", "strong", place["csv"], "--unit", "kg"])
    assert code == 0, capsys.readouterr().err
    assert (tmp_path / name).is_file()
    assert not (tmp_path / "xA.db").exists() and not (tmp_path / "q").exists() and not (tmp_path / "h").exists()


def test_an_oversized_import_file_is_refused_without_reading_it(capsys, place: dict[str, str], tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with open(big, "wb") as fh:
        fh.truncate(201 * 1024 * 1024)  # sparse: no disk used
    assert main(["--db", place["db"], "import", "strong", str(big)]) == 2
    assert "too large" in capsys.readouterr().err


def test_the_app_without_a_terminal_is_one_line_not_a_spinning_process(tmp_path: Path) -> None:
    """`backlegs < /dev/null 2> log` (a cron job, a pipe): Textual would draw into the log and
    read a closed input forever at full CPU. It says it needs a terminal; nothing is created."""
    import subprocess
    import sys

    for extra in (["--db", str(tmp_path / "gym.db")], ["--demo"]):
        env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
        done = subprocess.run(
            [sys.executable, "-m", "backlegs_tui", *extra],
            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30, env=env,
        )
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("backlegs: the app needs a terminal") and len(done.stderr.splitlines()) == 1
        assert done.stdout == ""
    assert list(tmp_path.iterdir()) == []
