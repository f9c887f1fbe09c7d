"""`backlegs backup` and the daily backups made on start-up."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from backlegs_tui.store.backup import BACKUP_FOLDER, backup_to, daily_backup
from backlegs_tui.store.repository import Repository

from .at_once import at_once
from .exchange_helpers import DATA, run


def dump(db: Path) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return [(t, con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()) for t in tables]
    finally:
        con.close()


@pytest.fixture
def with_data(capsys, db_path: Path) -> Path:
    assert run(capsys, "import", "hevy", str(DATA / "hevy_kg.csv"), "--db", str(db_path))[0] == 0
    return db_path


def test_backup_to_a_path_is_a_valid_copy(capsys, with_data: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    code, out, err = run(capsys, "backup", str(target), "--db", str(with_data))
    assert code == 0 and err == ""
    assert out.strip() == f"Backed up {with_data} to {target}"
    assert dump(target) == dump(with_data)
    restored = Repository.open(target)
    assert restored.stats()["sessions"] == 2
    restored.close()


def test_backup_while_the_database_is_open_and_written(capsys, with_data: Path, tmp_path: Path) -> None:
    repo = Repository.open(with_data)  # WAL mode, a connection open
    s = repo.start_session(None, repo.sessions()[0].started_at + timedelta(days=3), name="Live")
    code, _, _ = run(capsys, "backup", str(tmp_path / "live.db"), "--db", str(with_data))
    assert code == 0
    assert dump(tmp_path / "live.db") == dump(with_data)
    repo.discard_session(s.id)
    repo.close()


def test_default_backup_path_is_a_timestamped_file_in_backups(capsys, with_data: Path) -> None:
    code, out, _ = run(capsys, "backup", "--db", str(with_data))
    assert code == 0
    written = Path(out.strip().rsplit(" to ", 1)[1])
    assert written.parent == with_data.parent / BACKUP_FOLDER
    assert written.name.startswith("backlegs-") and written.suffix == ".db" and "daily" not in written.name
    assert dump(written) == dump(with_data)


def test_backup_into_a_folder_and_never_over_a_file(capsys, with_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    assert run(capsys, "backup", str(folder), "--db", str(with_data))[0] == 0
    assert len(list(folder.glob("backlegs-*.db"))) == 1
    taken = tmp_path / "taken.db"
    taken.write_text("precious")
    code, _, err = run(capsys, "backup", str(taken), "--db", str(with_data))
    assert code == 2 and "already exists" in err
    assert taken.read_text() == "precious"


def test_backup_errors_are_one_line(capsys, tmp_path: Path, with_data: Path) -> None:
    code, _, err = run(capsys, "backup", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "no database" in err and len(err.strip().splitlines()) == 1
    bad = tmp_path / "bad.db"
    bad.write_text("nope")
    code, _, err = run(capsys, "backup", "--db", str(bad))
    assert code == 2 and "not a SQLite database" in err
    code, _, err = run(capsys, "backup", str(tmp_path / "no" / "such" / "x.db"), "--db", str(with_data))
    assert code == 2 and "does not exist" in err


def test_daily_backup_keeps_seven_and_makes_one_a_day(with_data: Path) -> None:
    folder = with_data.parent / BACKUP_FOLDER
    start = date(2026, 1, 1)
    for n in range(10):
        day = start + timedelta(days=n)
        assert daily_backup(with_data, keep=7, today=day) is not None
        assert daily_backup(with_data, keep=7, today=day) is None  # at most one a day
    kept = sorted(p.name for p in folder.glob("backlegs-daily-*.db"))
    assert kept == [f"backlegs-daily-{start + timedelta(days=n)}.db" for n in range(3, 10)]
    assert dump(folder / kept[-1]) == dump(with_data)


def test_daily_rotation_leaves_manual_backups_alone(capsys, with_data: Path) -> None:
    run(capsys, "backup", "--db", str(with_data))
    for n in range(9):
        daily_backup(with_data, keep=7, today=date(2026, 1, 1) + timedelta(days=n))
    folder = with_data.parent / BACKUP_FOLDER
    assert len(list(folder.glob("backlegs-daily-*.db"))) == 7
    assert len([p for p in folder.glob("backlegs-*.db") if "daily" not in p.name]) == 1


def test_opening_an_existing_database_makes_todays_backup_once(db_path: Path) -> None:
    folder = db_path.parent / BACKUP_FOLDER
    Repository.open(db_path).close()  # a new file: nothing to back up
    assert not folder.exists()
    Repository.open(db_path).close()
    assert [p.name for p in folder.iterdir()] == [f"backlegs-daily-{date.today()}.db"]
    (made,) = folder.iterdir()
    before = made.stat()
    Repository.open(db_path).close()  # today's exists: skipped, not copied again
    assert len(list(folder.iterdir())) == 1
    after = made.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (before.st_ino, before.st_mtime_ns, before.st_size)


def test_a_failed_daily_backup_never_stops_start_up(db_path: Path) -> None:
    Repository.open(db_path).close()
    (db_path.parent / BACKUP_FOLDER).write_text("a file where the folder should be")
    Repository.open(db_path).close()  # no exception
    assert daily_backup(db_path) is None


def test_backup_to_never_leaves_half_a_file(with_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.db"

    class Boom(sqlite3.Connection):
        def backup(self, *a, **kw):
            raise sqlite3.OperationalError("disk I/O error")

    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **kw: real(*a, factory=Boom, **kw))
    with pytest.raises(sqlite3.OperationalError):
        backup_to(with_data, target)
    assert list(tmp_path.glob("*x.db*")) == []


def test_programs_starting_at_once_each_make_or_skip_todays_backup(with_data: Path) -> None:
    """Two tabs of `backlegs serve` (or the app and a CLI command) opening one file in the same
    instant both find no backup for today and both copy: each copy has a scratch file of its
    own, so neither writes into the other's and no good file is called damaged."""
    folder = with_data.parent / BACKUP_FOLDER
    for round_ in range(12):
        day = date(2026, 3, 1) + timedelta(days=round_)
        at_once(*[lambda day=day: daily_backup(with_data, today=day)] * 4)
        assert dump(folder / f"backlegs-daily-{day}.db") == dump(with_data)
    assert [p.name for p in folder.iterdir() if p.name.endswith(".part")] == []


def test_a_long_database_name_still_gets_its_backups(capsys, tmp_path: Path) -> None:
    """File names hold 255 bytes: a database named near that still gets its daily, manual and
    pre-migration backups (the name's start, cut at a character boundary, then the suffix),
    and `restore` finds them; SQLite's own side files need 4-8 bytes, so a longer name is
    refused with one line that says so."""
    from backlegs_tui.store.backup import (
        manual_backup_path,
        pre_migration_backup,
        replaced_path,
    )
    from backlegs_tui.store.schema import backups_of

    db = tmp_path / ("é" * 100 + "x" * 44 + ".db")  # 247 bytes: the longest a new database may be
    assert run(capsys, "import", "hevy", str(DATA / "hevy_kg.csv"), "--db", str(db))[0] == 0
    assert daily_backup(db, today=date(2026, 3, 1)) is not None
    assert run(capsys, "backup", "--db", str(db))[0] == 0
    pre = pre_migration_backup(db, "0004")
    made = backups_of(db)
    assert len(made) == 3 and pre in made
    for path in [*made, manual_backup_path(db), replaced_path(db)]:
        assert len(path.name.encode()) <= 255
        assert path.name.startswith("é" * 100)  # 200 bytes, then 15 of x: cut whole
    assert dump(made[-1]) == dump(db)

    too_long = tmp_path / ("n" * 245 + ".db")
    code, _, err = run(capsys, "import", "hevy", str(DATA / "hevy_kg.csv"), "--db", str(too_long))
    assert code == 2 and "too long (248 bytes)" in err and "at most 247 bytes" in err
    assert not too_long.exists()


def test_restore_sets_the_old_file_aside_whole_with_nothing_beside_it(capsys, with_data: Path) -> None:
    """The replaced file is checkpointed before it is set aside: it is whole on its own, and
    no '-shm' index (nor an empty '-wal') is left next to it as clutter."""
    def backlegs(*argv: str) -> None:  # as typed, each command in its own process
        done = subprocess.run([sys.executable, "-m", "backlegs_tui", "--db", str(with_data), *argv],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr

    before = dump(with_data)
    backlegs("backup")
    backup = next(p for p in (with_data.parent / BACKUP_FOLDER).iterdir() if "daily" not in p.name)
    # the backup read the file read-only, which leaves SQLite's index file beside it
    assert with_data.with_name(with_data.name + "-shm").exists()
    backlegs("restore", str(backup), "--yes")
    beside = sorted(p.name for p in with_data.parent.iterdir() if p.name.startswith(with_data.name + ".replaced-"))
    assert len(beside) == 1 and not beside[0].endswith(("-shm", "-wal")), beside
    assert dump(with_data.parent / beside[0]) == before
