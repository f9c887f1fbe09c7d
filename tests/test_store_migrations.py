"""The store: pragmas, migrations shipped in the package, the backup before a migration."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text

from backlegs_tui.store.db import MIGRATIONS_DIR, make_engine
from backlegs_tui.store.repository import Repository
from backlegs_tui.store.schema import HEAD, KNOWN_REVISIONS


def test_known_revisions_match_the_migrations() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_heads() == [HEAD]
    chain = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert tuple(chain) == KNOWN_REVISIONS


def test_connection_pragmas(repo: Repository) -> None:
    with repo.engine.connect() as con:
        assert con.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert con.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert con.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert con.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_an_older_database_is_backed_up_then_migrated_keeping_its_data(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    # a database as the first release left it: schema 0001 with a session in it
    from alembic import command

    engine = make_engine(db)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as con:
        cfg.attributes["connection"] = con
        command.upgrade(cfg, "0001_initial")
        con.execute(text("INSERT INTO sessions (name, started_at, notes, source) VALUES ('old', :t, '', 'app')"),
                    {"t": datetime(2025, 1, 6, 18)})
    engine.dispose()

    repo = Repository.open(db)
    try:
        with repo.engine.connect() as con:
            assert con.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
            names = {r[0] for r in con.execute(text("SELECT name FROM sqlite_master WHERE type='index'"))}
        assert "ix_set_entries_logged_at" in names
        assert [s.name for s in repo.sessions()] == [] and repo.stats()["sessions"] == 1
    finally:
        repo.close()
    (backup,) = tmp_path.glob("old.db.pre-0001_initial-*.bak")
    with sqlite3.connect(backup) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_initial"
        assert con.execute("SELECT name FROM sessions").fetchall() == [("old",)]


def test_a_new_database_needs_no_backup(tmp_path: Path) -> None:
    Repository.open(tmp_path / "new.db").close()
    assert list(tmp_path.glob("*.bak")) == []
