"""Every bad database path gets one clear line on stderr, exit code 2, no traceback, and the
file is left exactly as it was."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from backlegs_tui.cli import main
from backlegs_tui.store.repository import Repository


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backlegs_tui", *args],
        capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})},
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line_exit_2(proc: subprocess.CompletedProcess[str], needle: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("backlegs: ") and needle in lines[0], lines[0]
    assert "Traceback" not in proc.stderr


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("backlegs 0.")
    out = run("--help").stdout
    for word in ("--db", "--demo", "import", "export", "backup", "calc"):
        assert word in out


def test_folder_that_does_not_exist(tmp_path: Path) -> None:
    one_line_exit_2(run("--db", str(tmp_path / "nope" / "x.db")), "does not exist")
    assert not (tmp_path / "nope").exists()


def test_path_is_a_directory(tmp_path: Path) -> None:
    one_line_exit_2(run("--db", str(tmp_path)), "is a directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_folder_not_writable(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        one_line_exit_2(run("--db", str(folder / "x.db")), "cannot write")
    finally:
        folder.chmod(0o700)


def test_folder_not_writable_as_seen_by_the_check(tmp_path: Path, monkeypatch, capsys) -> None:
    """Root ignores permissions, so fake the answer os.access gives a normal user."""
    folder = tmp_path / "ro"
    folder.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder and mode & os.W_OK else real(p, mode))
    assert main(["--db", str(folder / "x.db")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("backlegs: cannot write to the folder") and err.count("\n") == 1


def test_read_only_file(tmp_path: Path, monkeypatch, capsys) -> None:
    db = tmp_path / "x.db"
    Repository.open(db).close()
    before = digest(db)
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == db and mode & os.W_OK else real(p, mode))
    assert main(["--db", str(db)]) == 2
    assert "read-only" in capsys.readouterr().err
    assert digest(db) == before


def test_not_a_sqlite_file(tmp_path: Path) -> None:
    f = tmp_path / "notes.txt"
    f.write_text("squat 100x5\n" * 50)
    before = digest(f)
    one_line_exit_2(run("--db", str(f)), "is not a SQLite database")
    assert digest(f) == before


def test_sqlite_database_of_another_program(tmp_path: Path) -> None:
    f = tmp_path / "other.db"
    with sqlite3.connect(f) as con:
        con.execute("CREATE TABLE t (x)")
    before = digest(f)
    one_line_exit_2(run("--db", str(f)), "not one of backlegs")
    assert digest(f) == before


def test_corrupt_database(tmp_path: Path) -> None:
    f = tmp_path / "broken.db"
    f.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    before = digest(f)
    one_line_exit_2(run("--db", str(f)), "corrupt")
    assert digest(f) == before


def test_newer_schema(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    Repository.open(db).close()
    with sqlite3.connect(db) as con:
        con.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    before = digest(db)
    one_line_exit_2(run("--db", str(db)), "newer backlegs")
    assert digest(db) == before
    for cmd in (["export"], ["backup"]):
        one_line_exit_2(run(*cmd, "--db", str(db)), "newer backlegs")
    assert digest(db) == before


def test_locked_database(tmp_path: Path) -> None:
    db = tmp_path / "locked.db"
    Repository.open(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        one_line_exit_2(run("--db", str(db), env={"BACKLEGS_BUSY_TIMEOUT_MS": "200"}), "locked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_env_variable_is_used(tmp_path: Path) -> None:
    one_line_exit_2(run("export", env={"BACKLEGS_DB": str(tmp_path / "missing" / "x.db")}), "no database")


def test_bad_cli_arguments_are_one_line_too() -> None:
    proc = run("calc", "heavy")
    one_line_exit_2(proc, "Weight must be a number")
    proc = run("export", "--format", "xml")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "invalid choice" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("argv", "needle"), [
    (["--bogus"], "backlegs: unrecognized arguments: --bogus (see backlegs --help)"),
    (["export", "--format", "xml"], "backlegs export: argument --format: invalid choice: 'xml'"),
    (["calc"], "backlegs calc: the following arguments are required: weight (see backlegs calc --help)"),
    (["plan", "frob"], "backlegs plan: argument COMMAND: invalid choice: 'frob'"),
])
def test_misused_arguments_are_one_line_without_the_usage(capsys, argv: list[str], needle: str) -> None:
    """argparse printed its usage lines before the reason: 2-3 lines for one mistake."""
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith(needle), err


def test_demo_with_a_db_is_refused_and_the_file_is_not_made(tmp_path: Path, capsys, monkeypatch) -> None:
    """--demo opened its throwaway database and dropped --db without a word: what was logged
    was gone after quitting. BACKLEGS_DB alone is no request, so the demo still opens with it."""
    mine = tmp_path / "mine.db"
    assert main(["--db", str(mine), "--demo"]) == 2
    assert capsys.readouterr().err == (
        "backlegs: --demo opens a throwaway database of its own; leave out --db to try it, or --demo to open PATH\n"
    )
    assert not mine.exists()
    monkeypatch.setenv("BACKLEGS_DB", str(mine))
    monkeypatch.setattr("backlegs_tui.cli.entry._has_terminal", lambda: False)  # stops there, past --db
    assert main(["--demo"]) == 2
    assert "needs a terminal" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["before", "after"])
def test_db_given_before_or_after_the_subcommand(tmp_path: Path, where: str) -> None:
    db = tmp_path / "mine.db"
    Repository.open(db).close()
    args = ["--db", str(db), "backup", str(tmp_path / "copy.db")] if where == "before" else [
        "backup", str(tmp_path / "copy.db"), "--db", str(db)]
    proc = run(*args, env={"BACKLEGS_DB": str(tmp_path / "elsewhere" / "x.db")})
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "copy.db").is_file()


@pytest.mark.parametrize("args", [["--demo", "export"], ["--demo", "backup"], ["export", "--format", "json", "--demo"]])
def test_demo_with_a_command_is_refused(tmp_path: Path, args: list[str]) -> None:
    """--demo only opens the app; with a command it must not fall through to the real database."""
    if args[-1] == "--demo":  # --demo belongs to the top-level parser: it cannot come after the command
        proc = run(*args)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr and "unrecognized arguments" in proc.stderr
        return
    real = tmp_path / "real.db"
    proc = run(*args, env={"BACKLEGS_DB": str(real)})
    assert proc.stderr == f"backlegs: --demo only opens the app; use --db PATH with {args[1]}\n"
    assert proc.returncode == 2 and proc.stdout == ""
    assert not real.exists() and not (tmp_path / "backups").exists()
