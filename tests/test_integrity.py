"""Database health: an integrity check at start and before every backup; a damaged file is
refused with one line naming the newest good backup and is never copied over a good one; a
full disk at start is said plainly and leaves no stray files."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from backlegs_tui.domain.model import SetType
from backlegs_tui.domain.records import SetRecord, WorkoutRecord
from backlegs_tui.store.backup import BACKUP_FOLDER, daily_backup, newest_good_backup
from backlegs_tui.store.bulk import insert_workouts
from backlegs_tui.store.repository import Repository
from backlegs_tui.store.schema import CorruptDatabase, StoreError, check_db

from .exchange_helpers import run

PAGE = 4096


def filled_db(path: Path, workouts: int = 60) -> Path:
    """A database with enough sets that its tables and indexes span many pages."""
    repo = Repository.open(path)
    try:
        start = datetime(2025, 1, 6, 18)
        records = [
            WorkoutRecord(
                started_at=start + timedelta(days=i),
                name=f"Day {i}",
                source="test",
                import_key=f"test:{i}",
                sets=[
                    SetRecord(exercise="Back squat", set_type=SetType.WORKING, weight_kg=100 + j, reps=5,
                              notes="x" * 40, logged_at=start + timedelta(days=i, minutes=j))
                    for j in range(12)
                ],
            )
            for i in range(workouts)
        ]
        insert_workouts(repo, records)
    finally:
        repo.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


def rootpage(path: Path, name: str) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    finally:
        con.close()


def aged(db: Path, seconds: float = 10) -> Path:
    """The file and its WAL as if last written `seconds` ago: a file changed within the last
    two seconds is checked every time (its mtime may not tell a later change), an older one
    once."""
    then = time.time() - seconds
    for f in (db, db.with_name(db.name + "-wal")):
        if f.exists():
            os.utime(f, (then, then))
    return db


def smash(path: Path, page: int) -> None:
    """Overwrite one page with garbage, as a failing disk would."""
    with open(path, "r+b") as fh:
        fh.seek((page - 1) * PAGE)
        fh.write(bytes(range(256)) * (PAGE // 256))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """A database with a good daily backup beside it, then a corrupt data page."""
    db = filled_db(tmp_path / "gym.db")
    assert daily_backup(db, today=date(2026, 11, 20)) is not None
    smash(db, rootpage(db, "set_entries"))
    return db


def test_a_corrupt_data_page_is_refused_at_start_naming_the_newest_good_backup(damaged: Path) -> None:
    good = damaged.parent / BACKUP_FOLDER / "gym-daily-2026-11-20.db"
    before = digest(good)
    with pytest.raises(CorruptDatabase) as info:
        Repository.open(damaged)
    message = str(info.value)
    assert "\n" not in message and "damaged" in message
    assert str(good) in message and "backlegs restore" in message
    assert digest(good) == before
    assert newest_good_backup(damaged) == good


@pytest.mark.parametrize("index", ["ix_set_entries_logged_at", "ix_set_entries_exercise_logged"])
def test_a_corrupt_index_page_is_noticed_at_start(tmp_path: Path, index: str) -> None:
    db = filled_db(tmp_path / "gym.db")
    smash(db, rootpage(db, index))
    with pytest.raises(CorruptDatabase):
        check_db(db)


def test_the_daily_backup_never_copies_a_damaged_file_nor_rotates_good_backups_out(tmp_path: Path) -> None:
    db = filled_db(tmp_path / "gym.db")
    for d in range(7):
        assert daily_backup(db, today=date(2026, 11, 1) + timedelta(days=d)) is not None
    folder = tmp_path / BACKUP_FOLDER
    before = {p.name: digest(p) for p in folder.iterdir()}
    smash(db, rootpage(db, "set_entries"))
    with pytest.raises(CorruptDatabase):
        daily_backup(db, today=date(2026, 11, 30))
    assert {p.name: digest(p) for p in folder.iterdir()} == before


def test_an_index_that_disagrees_with_its_table_is_caught_before_a_backup(tmp_path: Path) -> None:
    """The quick check at start does not compare indexes with tables; the full check before
    every backup does, so such a file is never copied."""
    db = filled_db(tmp_path / "gym.db")
    con = sqlite3.connect(db)
    # the index now claims to hold another column than the one its pages hold
    con.execute("PRAGMA writable_schema = ON")
    con.execute(
        "UPDATE sqlite_master SET sql = replace(sql, '(logged_at)', '(notes)') WHERE name = 'ix_set_entries_logged_at'"
    )
    con.commit()
    con.close()
    assert check_db(db).revision is not None  # the quick check at start lets it through
    with pytest.raises(CorruptDatabase):
        daily_backup(db, today=date(2026, 11, 30))
    assert not (tmp_path / BACKUP_FOLDER / "gym-daily-2026-11-30.db").exists()


def test_export_of_a_corrupt_file_is_one_line_not_a_traceback(capsys, damaged: Path) -> None:
    for fmt in ("csv", "json", "strong"):
        code, out, err = run(capsys, "export", "--format", fmt, "--db", str(damaged))
        assert code == 2 and out == ""
        assert "damaged" in one_line(err)


def test_backup_of_a_corrupt_file_exits_2_and_writes_nothing(capsys, damaged: Path, tmp_path: Path) -> None:
    code, out, err = run(capsys, "backup", str(tmp_path / "copy.db"), "--db", str(damaged))
    assert code == 2
    assert "damaged" in one_line(err)
    assert not (tmp_path / "copy.db").exists()
    assert not list(tmp_path.glob(".copy.db*"))


def test_tables_that_do_not_match_the_recorded_version_are_one_line_for_every_command(capsys, tmp_path: Path) -> None:
    """A file stamped with the newest revision but missing a column (made by a development
    build): every command says so in one line, exit 2, the file untouched."""
    db = tmp_path / "odd.db"
    Repository.open(db).close()
    with sqlite3.connect(db) as con:
        con.execute("ALTER TABLE exercises DROP COLUMN notes")
    con.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for argv in (["report", "fatigue", "--db", str(db), "--as-of", "2026-01-01"],
                 ["export", "--format", "json", "--db", str(db)],
                 ["plan", "list", "--db", str(db)]):
        code, out, err = run(capsys, *argv)
        assert code == 2, argv
        assert "do not match its recorded version" in one_line(err) and "exercises.notes" in err, argv
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_start_of_a_corrupt_file_from_the_command_line_is_one_line(damaged: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "backlegs_tui", "--db", str(damaged)],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert "backlegs restore" in one_line(proc.stderr)


# ---- a full disk at start ------------------------------------------------------------------

FULL_DISK = textwrap.dedent(
    """
    import resource, shutil, signal, sys
    from pathlib import Path
    from backlegs_tui.store.repository import Repository
    from backlegs_tui.store.schema import StoreError
    # a full disk: every write past a few bytes fails, and the file system reports no space
    shutil.disk_usage = lambda p: shutil._ntuple_diskusage(10**9, 10**9 - 2048, 2048)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), int(sys.argv[2])))
    try:
        Repository.open(Path(sys.argv[1])).close()
    except StoreError as exc:
        sys.stderr.write(f"backlegs: {exc}\\n")
        sys.exit(2)
    """
)


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="RLIMIT_FSIZE on Linux")
@pytest.mark.parametrize(("existing", "limit"), [(False, 3), (False, 40_000), (True, 3)])
def test_a_full_disk_at_start_says_so_and_leaves_no_stray_files(tmp_path: Path, existing: bool, limit: int) -> None:
    db = tmp_path / "gym.db"
    if existing:
        Repository.open(db).close()
        for side in tmp_path.glob("gym.db-*"):
            side.unlink()
    before = sorted(p.name for p in tmp_path.iterdir())
    proc = subprocess.run([sys.executable, "-c", FULL_DISK, str(db), str(limit)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "is full" in one_line(proc.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_store_error_is_the_base_of_corrupt_database() -> None:
    assert issubclass(CorruptDatabase, StoreError)


# ---- restore -------------------------------------------------------------------------------


def sessions_in(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM sessions").fetchone()[0]
    finally:
        con.close()


def test_restore_brings_the_newest_good_backup_back_over_a_damaged_file(capsys, damaged: Path) -> None:
    good = newest_good_backup(damaged)
    assert good is not None
    damaged_bytes = damaged.read_bytes()
    code, out, err = run(capsys, "restore", str(good), "--db", str(damaged), "--yes")
    assert code == 0, err
    (aside,) = damaged.parent.glob("gym.db.replaced-*")
    assert aside.read_bytes() == damaged_bytes  # set aside, never deleted
    assert str(aside) in out
    assert oct(damaged.stat().st_mode & 0o777) == oct(0o600)
    repo = Repository.open(damaged)  # opens cleanly again
    try:
        assert repo.stats()["sessions"] == sessions_in(good) == 60
    finally:
        repo.close()


def test_restore_without_a_terminal_and_without_yes_refuses(capsys, damaged: Path, monkeypatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    good = newest_good_backup(damaged)
    before = digest(damaged)
    code, _, err = run(capsys, "restore", str(good), "--db", str(damaged))
    assert code == 2 and "--yes" in one_line(err)
    assert digest(damaged) == before and not list(damaged.parent.glob("*.replaced-*"))


def test_restore_asks_and_no_changes_nothing(capsys, damaged: Path, monkeypatch) -> None:
    import io

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Tty("n\n"))
    monkeypatch.setattr(sys, "stderr", Tty())
    before = digest(damaged)
    code = __import__("backlegs_tui.cli", fromlist=["main"]).main(
        ["restore", str(newest_good_backup(damaged)), "--db", str(damaged)]
    )
    assert code == 1
    assert "Replace" in sys.stderr.getvalue() and "[y/N]" in sys.stderr.getvalue()
    assert digest(damaged) == before


@pytest.mark.parametrize("bad", ["damaged", "not sqlite", "not backlegs", "missing", "the db itself", "newer schema"])
def test_restore_refuses_a_bad_backup_with_one_line(capsys, tmp_path: Path, bad: str) -> None:
    db = filled_db(tmp_path / "gym.db", workouts=20)
    before = digest(db)
    candidate = tmp_path / "candidate.db"
    if bad == "damaged":
        filled_db(candidate, workouts=20)
        smash(candidate, rootpage(candidate, "set_entries"))
    elif bad == "not sqlite":
        candidate.write_text("hello")
    elif bad == "not backlegs":
        sqlite3.connect(candidate).execute("CREATE TABLE t(x)").connection.commit()
    elif bad == "the db itself":
        candidate = db
    elif bad == "newer schema":
        filled_db(candidate, workouts=2)
        con = sqlite3.connect(candidate)
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
        con.commit()
        con.close()
    code, _, err = run(capsys, "restore", str(candidate), "--db", str(db), "--yes")
    assert code == 2
    one_line(err)
    assert digest(db) == before and not list(tmp_path.glob("*.replaced-*"))


def test_restore_refuses_while_the_database_is_open(capsys, tmp_path: Path) -> None:
    db = filled_db(tmp_path / "gym.db", workouts=5)
    good = tmp_path / "good.db"
    __import__("backlegs_tui.store.backup", fromlist=["backup_to"]).backup_to(db, good)
    holder = sqlite3.connect(db)
    holder.execute("BEGIN")
    holder.execute("SELECT count(*) FROM sessions").fetchone()  # a reader holds the WAL
    try:
        code, _, err = run(capsys, "restore", str(good), "--db", str(db), "--yes")
    finally:
        holder.close()
    assert code == 2 and "open in another program" in one_line(err)
    assert not list(tmp_path.glob("*.replaced-*"))


# ---- upgrades from every schema version ----------------------------------------------------

SCHEMAS = Path(__file__).parent / "data" / "schemas"


def table_rows(db: Path) -> dict[str, list[dict[str, object]]]:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('alembic_version', 'sqlite_sequence')"
        )]
        return {t: [dict(r) for r in con.execute(f"SELECT * FROM {t} ORDER BY 1, 2")] for t in tables}
    finally:
        con.close()


@pytest.mark.parametrize("fixture", sorted(SCHEMAS.glob("*.db")), ids=lambda p: p.stem)
def test_every_schema_version_upgrades_on_open_with_every_row_intact_and_a_backup_beside_it(
    tmp_path: Path, fixture: Path
) -> None:
    from backlegs_tui.store.schema import HEAD, read_revision

    db = tmp_path / "backlegs.db"
    db.write_bytes(fixture.read_bytes())
    old_revision = read_revision(db)
    before = table_rows(db)
    assert all(before[t] for t in ("exercises", "plans", "plan_items", "sessions", "set_entries", "settings"))
    repo = Repository.open(db)
    try:
        assert repo.stats()["sessions"] == 2
        open_session = repo.open_session()
        assert open_session is not None and len(open_session.sets) == 1  # the open session resumes
    finally:
        repo.close()
    assert read_revision(db) == HEAD
    after = table_rows(db)
    for table, rows in before.items():
        kept = [{k: r[k] for k in rows[0]} for r in after[table]] if rows else after[table]
        if table == "exercises":  # 0004 adds the catalogue's new lifts to a database that has exercises
            kept = kept[: len(rows)]
        assert kept == rows, table  # every row and every old column as it was
    backups = list(tmp_path.glob("backlegs.db.pre-*.bak"))
    if old_revision == HEAD:
        assert backups == []
    else:
        (backup,) = backups
        assert f".pre-{old_revision}-" in backup.name
        assert table_rows(backup) == before and read_revision(backup) == old_revision
        assert oct(backup.stat().st_mode & 0o777) == oct(0o600)


def test_there_is_a_fixture_for_every_schema_version() -> None:
    from backlegs_tui.store.schema import KNOWN_REVISIONS

    assert sorted(p.stem for p in SCHEMAS.glob("*.db")) == [r[:4] for r in KNOWN_REVISIONS]


def test_the_quick_check_runs_once_for_the_cli_check_and_the_apps_open(tmp_path: Path, monkeypatch) -> None:
    from backlegs_tui.store import schema

    db = filled_db(tmp_path / "gym.db", workouts=3)
    calls: list[bool] = []
    real = schema.integrity_problem
    monkeypatch.setattr(schema, "integrity_problem", lambda con, full=False: calls.append(full) or real(con, full=full))
    check_db(db)
    check_db(db)
    assert calls == [False, False]  # written a moment ago: a change within its mtime's tick would not show
    aged(db)
    check_db(db)
    check_db(db)
    assert calls == [False, False, False]  # as it was 10 s ago: checked once
    smash(db, rootpage(db, "set_entries"))  # the file changed: checked again, and refused
    with pytest.raises(CorruptDatabase):
        check_db(db)


def test_restore_never_replaces_a_file_that_is_not_a_database(capsys, tmp_path: Path) -> None:
    """`--db /etc/passwd restore BACKUP --yes` must not set the system file aside."""
    good = filled_db(tmp_path / "good.db", workouts=2)
    precious = tmp_path / "passwd"
    precious.write_text("root:x:0:0:root:/root:/bin/bash\n")
    code, _, err = run(capsys, "restore", str(good), "--db", str(precious), "--yes")
    assert code == 2 and "not a SQLite database" in one_line(err)
    assert precious.read_text() == "root:x:0:0:root:/root:/bin/bash\n"
    assert not list(tmp_path.glob("passwd.replaced-*"))
