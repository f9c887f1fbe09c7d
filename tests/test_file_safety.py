"""File safety: the database path is used exactly as given; the database, its WAL/SHM,
backups, pre-migration copies and exports are 0600 and the data folder 0700 whatever the
umask; text from files and databases is shown and exported with control characters
neutralised."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from backlegs_tui.domain.model import SetEntry, SetType
from backlegs_tui.domain.text import has_control, printable
from backlegs_tui.exchange.csvfmt import safe_text
from backlegs_tui.exchange.jsonfmt import dumps
from backlegs_tui.store.backup import backup_to, pre_migration_backup
from backlegs_tui.store.repository import Repository
from backlegs_tui.store.schema import check_db

from .exchange_helpers import run


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


# ---- the path, exactly ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["x%41.db", "q?x.db", "h#a.db", "sp ace%20.db", "file:odd.db", "a?mode=ro.db"])
def test_the_database_is_the_file_named_never_a_url_reading_of_it(tmp_path: Path, name: str) -> None:
    db = tmp_path / name
    repo = Repository.open(db)
    repo.close()
    assert db.is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [name]
    # and opening it again (the read-only revision check, the daily backup) finds the same file
    repo = Repository.open(db)
    try:
        assert repo.stats()["sessions"] == 0
    finally:
        repo.close()
    assert not (tmp_path / "xA.db").exists() and not (tmp_path / "q").exists()


def test_check_db_reads_the_revision_of_a_name_with_a_question_mark(tmp_path: Path) -> None:
    db = tmp_path / "q?x.db"
    Repository.open(db).close()
    assert check_db(db).revision is not None


# ---- permissions ---------------------------------------------------------------------------


def test_new_database_wal_shm_and_data_folder_are_private_under_umask_022(tmp_path: Path, umask_022) -> None:
    folder = tmp_path / "data" / "backlegs"
    db = folder / "backlegs.db"
    repo = Repository.open(db, create_parent=True)
    try:
        s = repo.start_session(None, datetime(2026, 11, 24, 18), name="Private")
        ex = repo.exercises()[0]
        repo.log_set(s.id, SetEntry(exercise_id=ex.id, set_type=SetType.WORKING, weight_kg=100, reps=5))
        assert mode(folder) == 0o700
        for f in (db, db.with_name("backlegs.db-wal"), db.with_name("backlegs.db-shm")):
            assert f.exists() and mode(f) == 0o600, f
    finally:
        repo.close()


def test_an_existing_world_readable_database_is_made_private(tmp_path: Path, umask_022) -> None:
    db = tmp_path / "old.db"
    Repository.open(db).close()
    db.chmod(0o644)
    Repository.open(db).close()
    assert mode(db) == 0o600


def test_daily_manual_and_pre_migration_backups_are_private(capsys, tmp_path: Path, umask_022) -> None:
    db = tmp_path / "gym.db"
    Repository.open(db).close()
    Repository.open(db).close()  # second start: the daily backup
    (daily,) = (tmp_path / "backups").glob("gym-daily-*.db")
    assert mode(tmp_path / "backups") == 0o700 and mode(daily) == 0o600
    assert mode(backup_to(db, tmp_path / "elsewhere" / "copy.db")) == 0o600
    assert mode(tmp_path / "elsewhere") == 0o700
    assert mode(pre_migration_backup(db, "0001_initial")) == 0o600
    code, out, _ = run(capsys, "backup", "--db", str(db))
    assert code == 0
    assert mode(Path(out.strip().rsplit(" to ", 1)[1])) == 0o600


@pytest.mark.parametrize("fmt", ["csv", "json", "strong"])
def test_exports_are_private(capsys, tmp_path: Path, umask_022, fmt: str) -> None:
    db = tmp_path / "gym.db"
    Repository.open(db).close()
    target = tmp_path / f"out.{fmt}"
    code, _, err = run(capsys, "export", "--format", fmt, "-o", str(target), "--db", str(db))
    assert code == 0, err
    assert mode(target) == 0o600


# ---- control characters --------------------------------------------------------------------

HOSTILE = "Squat\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil\x00"


def test_printable_escapes_every_control_character_and_keeps_the_rest() -> None:
    out = printable(HOSTILE)
    assert not has_control(out)
    assert out.startswith("Squat\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202eevil\\x00")
    assert printable("Rumänisches Kreuzheben 100 kg") == "Rumänisches Kreuzheben 100 kg"
    assert printable("a\nb\tc", keep_lines=True) == "a\nb\tc"
    assert printable("a\nb") == "a\\x0ab"
    # one line means one line to splitlines too (a file named U+2028 broke a CLI error in two)
    assert printable("gym\u2028log\u2029.csv") == "gym\\u2028log\\u2029.csv"
    assert len(printable("a\u2028b\x85c\x1cd").splitlines()) == 1
    assert printable("note\u2028line", keep_lines=True) == "note\u2028line"  # a note keeps its text


def test_csv_export_cells_carry_no_terminal_controls() -> None:
    assert not has_control(safe_text(HOSTILE), allow_lines=True)
    assert safe_text("note\nline two") == "note\nline two"


def test_json_export_escapes_del_c1_and_bidi_and_still_reads_back_the_same() -> None:
    text = dumps({"format": "x", "name": HOSTILE})
    assert not has_control(text, allow_lines=True)
    assert json.loads(text)["name"] == HOSTILE


def _hostile_csv(tmp_path: Path) -> Path:
    f = tmp_path / "strong.csv"
    f.write_text(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
        f'2026-01-05 18:00:00,Legs,1h,"{HOSTILE.replace(chr(0), "")}",1,100,5,0,0,"n\x1b[31m",,\n'
        "2026-01-05 18:00:00,Legs,1h,Squat,2,-5,5,0,0,,,\n"
        + "".join(f"2026-01-{d:02d} 18:00:00,Legs,1h,Romanian deadlift,1,80,8,0,0,,,\n" for d in range(6, 30)),
        encoding="utf-8",
    )
    return f


def test_import_summary_and_export_of_an_escape_laden_csv_send_no_escape_to_the_terminal(
    capsys, tmp_path: Path
) -> None:
    db = tmp_path / "gym.db"
    code, out, err = run(capsys, "import", "strong", str(_hostile_csv(tmp_path)), "--unit", "kg", "--db", str(db))
    assert code == 0, err
    assert "\x1b" not in out + err and "\x9b" not in out + err and "\u202e" not in out + err
    assert "\\x1b" in out
    for fmt in ("csv", "strong", "json"):
        code, out, err = run(capsys, "export", "--format", fmt, "--db", str(db))
        assert code == 0
        assert not has_control(out, allow_lines=True), fmt
    # stored as visible text, never as a live escape
    repo = Repository.open(db)
    try:
        assert all(not has_control(e.name) for e in repo.exercises())
    finally:
        repo.close()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a file to another user")
def test_export_will_not_replace_another_users_file(capsys, tmp_path: Path) -> None:
    db = tmp_path / "gym.db"
    Repository.open(db).close()
    target = tmp_path / "system.conf"
    target.write_text("keep me\n")
    os.chown(target, 1, 1)
    code, _, err = run(capsys, "export", "-o", str(target), "--db", str(db))
    assert code == 2 and "another user" in err and len(err.strip().splitlines()) == 1
    assert target.read_text() == "keep me\n"


def test_export_writes_into_a_character_device_without_replacing_it(capsys, tmp_path: Path) -> None:
    db = tmp_path / "gym.db"
    Repository.open(db).close()
    code, _, err = run(capsys, "export", "-o", "/dev/null", "--db", str(db))
    assert code == 0, err
    assert Path("/dev/null").is_char_device()


def test_export_never_replaces_a_file_in_a_system_folder(capsys, tmp_path: Path, monkeypatch) -> None:
    """Root owns /etc/passwd, so ownership alone does not protect it: a system folder does.
    (The folder list is pointed at tmp_path, so a failure cannot touch the real /etc.)"""
    from backlegs_tui.exchange import common

    system = tmp_path / "etc"
    system.mkdir()
    monkeypatch.setattr(common, "SYSTEM_FOLDERS", (str(system.resolve()),))
    db = tmp_path / "gym.db"
    Repository.open(db).close()
    target = system / "passwd"
    target.write_text("root:x:0:0:root:/root:/bin/bash\n")
    code, _, err = run(capsys, "export", "-o", str(target), "--db", str(db))
    assert code == 2 and "system file" in err and len(err.strip().splitlines()) == 1
    assert target.read_text() == "root:x:0:0:root:/root:/bin/bash\n"
