"""Round 3, findings 6 and 10: `calc` reads the database's unit, bar and plates without
changing it; read-only commands never create, migrate or leave a file beside a database
they refuse; the app's own commands that write still create a new one."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from backlegs_tui.cli import main
from backlegs_tui.domain.model import Unit
from backlegs_tui.store.repository import Repository

SCHEMAS = Path(__file__).parent / "data" / "schemas"
READ_ONLY = (["export"], ["export", "--format", "json"], ["plan", "list"], ["plan", "check", "x"],
             ["report", "fatigue", "--as-of", "2026-12-01"])


def lb_db(path: Path) -> Path:
    """A database set to lb, a 45 lb bar and no 35 lb plates (tester 3's new.db)."""
    repo = Repository.open(path)
    try:
        repo.save_settings(replace(repo.settings(), unit=Unit.LB, bar_lb=45.0, plates_lb=(45, 25, 10, 5, 2.5)))
    finally:
        repo.close()
    return path


def listing(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir" for p in folder.iterdir()}


def one_line(err: str, needle: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("backlegs: ") and needle in lines[0], err


# ---- finding 6: calc --------------------------------------------------------------------


def test_calc_answers_in_the_databases_unit_bar_and_plates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = lb_db(tmp_path / "new.db")
    capsys.readouterr()
    before = listing(tmp_path)
    assert main(["--db", str(db), "calc", "360", "12"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("360 lb x 12") and "(bar 45 lb)" in out and "kg" not in out
    # after the subcommand too, and the lifter's own plates: 25 + 10, never a 35 they do not own
    assert main(["calc", "115", "5", "--db", str(db)]) == 0
    assert "plates        25 + 10 per side (bar 45 lb)" in capsys.readouterr().out
    assert listing(tmp_path) == before  # read only: no WAL, SHM, backup or migration


def test_calc_unit_overrides_the_database_keeping_its_plates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = lb_db(tmp_path / "new.db")
    capsys.readouterr()
    assert main(["--db", str(db), "calc", "100", "5", "--unit", "kg"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("100 kg x 5") and "(bar 20 kg)" in out
    assert main(["--db", str(db), "calc", "115", "5", "--unit", "lb"]) == 0
    assert "25 + 10 per side" in capsys.readouterr().out


def test_calc_on_a_missing_database_uses_the_defaults_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.db"
    assert main(["--db", str(missing), "calc", "100", "5"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("100 kg x 5") and "(bar 20 kg)" in captured.out
    assert "no database at" in captured.err
    assert list(tmp_path.iterdir()) == []


def test_calc_on_an_empty_file_is_one_line_and_leaves_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "x.db"
    empty.write_bytes(b"")
    assert main(["--db", str(empty), "calc", "100"]) == 2
    one_line(capsys.readouterr().err, "is empty")
    assert listing(tmp_path) == {"x.db": hashlib.sha256(b"").hexdigest()}


def test_calc_reads_a_database_another_program_has_open(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = lb_db(tmp_path / "new.db")
    repo = Repository.open(db)  # the app, open: its WAL holds the change not yet checkpointed
    try:
        repo.save_settings(replace(repo.settings(), bar_lb=35.0))
        capsys.readouterr()
        assert main(["--db", str(db), "calc", "135"]) == 0
        assert "(bar 35 lb)" in capsys.readouterr().out
    finally:
        repo.close()


# ---- finding 10: read-only commands on odd files ----------------------------------------


@pytest.mark.parametrize("command", READ_ONLY, ids=lambda c: " ".join(c))
def test_read_only_command_on_an_empty_file_leaves_it_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    empty = tmp_path / "x.db"
    empty.write_bytes(b"")
    assert main([*command, "--db", str(empty)]) == 2
    one_line(capsys.readouterr().err, "x.db is empty: not a backlegs database")
    assert listing(tmp_path) == {"x.db": hashlib.sha256(b"").hexdigest()}  # no backups/, no WAL


@pytest.mark.parametrize("command", READ_ONLY, ids=lambda c: " ".join(c))
def test_read_only_command_on_a_missing_file_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    assert main([*command, "--db", str(tmp_path / "x.db")]) == 2
    one_line(capsys.readouterr().err, "there is no database at")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", READ_ONLY, ids=lambda c: " ".join(c))
def test_damaged_file_is_refused_with_nothing_left_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    good = tmp_path / "good" / "x.db"
    good.parent.mkdir()
    lb_db(good)
    trunc = tmp_path / "trunc.db"
    trunc.write_bytes(good.read_bytes()[:40_000])
    shutil.rmtree(good.parent)
    before = listing(tmp_path)
    assert main([*command, "--db", str(trunc)]) == 2
    one_line(capsys.readouterr().err, "is damaged")
    assert listing(tmp_path) == before  # no trunc.db-wal, no trunc.db-shm


def test_a_read_only_command_upgrades_an_older_database_after_a_backup(tmp_path: Path) -> None:
    """A lifter who updates backlegs and runs `plan list` first: the file is upgraded as the
    app upgrades it, a copy of the old one kept beside it (never refused: the file is ours)."""
    from backlegs_tui.store.schema import check_db

    db = tmp_path / "old.db"
    shutil.copy(SCHEMAS / "0003.db", db)
    assert check_db(db).needs_migration
    assert main(["plan", "list", "--db", str(db)]) == 0
    assert not check_db(db).needs_migration
    assert [p.name for p in tmp_path.rglob("old.db.pre-*.bak")]


def test_a_sqlite_file_with_no_tables_is_not_made_a_backlegs_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    db = tmp_path / "bare.db"
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 1")  # a SQLite header, no table
    con.close()
    before = listing(tmp_path)
    assert main(["export", "--db", str(db)]) == 2
    one_line(capsys.readouterr().err, "not a backlegs database")
    assert listing(tmp_path) == before


def test_write_commands_still_create_a_new_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "p.toml"
    db = tmp_path / "new.db"
    source = lb_db(tmp_path / "src.db")
    assert main(["plan", "export", "back & legs - article sample", "-o", str(plan), "--db", str(source)]) == 0
    assert main(["plan", "import", str(plan), "--db", str(db)]) == 0
    assert db.stat().st_size > 0
    capsys.readouterr()
    assert main(["plan", "list", "--db", str(db)]) == 0
    assert "article sample" in capsys.readouterr().out


def _index_out_of_step(path: Path) -> None:
    """Rows missing from an index: SQLite's quick check passes, the full integrity check
    (the daily backup's) does not."""
    import sqlite3

    con = sqlite3.connect(path)
    name, table, root, sql = con.execute(
        "SELECT name, tbl_name, rootpage, sql FROM sqlite_master WHERE name = 'ix_plan_items_plan_id'").fetchone()
    con.execute("PRAGMA writable_schema = ON")
    con.execute("DELETE FROM sqlite_master WHERE name = ?", (name,))
    con.commit()
    con.close()
    con = sqlite3.connect(path)
    con.execute(f"UPDATE {table} SET plan_id = plan_id + 100")
    con.execute("PRAGMA writable_schema = ON")
    con.execute("INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('index', ?, ?, ?, ?)",
                (name, table, root, sql))
    con.commit()
    con.close()
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)


@pytest.mark.parametrize("command", READ_ONLY[:3], ids=lambda c: " ".join(c))
def test_a_file_the_daily_backup_refuses_keeps_nothing_new_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    db = lb_db(tmp_path / "idx.db")
    _index_out_of_step(db)
    before = listing(tmp_path)
    assert main([*command, "--db", str(db)]) == 2
    one_line(capsys.readouterr().err, "missing from index")
    assert listing(tmp_path) == before  # no idx.db-wal, idx.db-shm, nor an empty backups/
