"""Deload sessions in the store: migration 0003, the repository, JSON export/import, settings."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from backlegs_tui.store.db import MIGRATIONS_DIR, make_engine
from backlegs_tui.store.repository import Repository
from backlegs_tui.store.schema import HEAD

pytestmark = pytest.mark.both_backends  # once on SQLite, once on PostgreSQL (tests/pg.py)


def test_migration_0003_adds_deload_false_to_existing_sessions(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    engine = make_engine(db)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as con:
        cfg.attributes["connection"] = con
        command.upgrade(cfg, "0002_logged_at_index")
        con.execute(text("INSERT INTO sessions (name, started_at, ended_at, notes, source) VALUES ('old', :t, :t, '', 'app')"),
                    {"t": datetime(2025, 1, 6, 18)})
    engine.dispose()
    repo = Repository.open(db)
    try:
        with repo.engine.connect() as con:
            assert con.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD  # 0003 and every later migration ran
            assert con.execute(text("SELECT deload FROM sessions")).scalar() == 0
        assert [s.deload for s in repo.sessions()] == [False]
    finally:
        repo.close()


def test_start_session_marks_a_deload(repo: Repository) -> None:
    state = repo.start_session(None, datetime(2026, 1, 5, 18), deload=True)
    assert state.deload is True
    repo.finish_session(state.id, datetime(2026, 1, 5, 19), 5.0)
    assert repo.session_state(state.id).deload is True
    assert repo.sessions()[0].deload is True


def test_settings_persist_sensitivity_and_deload(repo: Repository) -> None:
    from dataclasses import replace

    repo.save_settings(replace(repo.settings(), fatigue_sensitivity="high", deload_sets=0.5, deload_load=0.85))
    got = repo.settings()
    assert (got.fatigue_sensitivity, got.deload_sets, got.deload_load) == ("high", 0.5, 0.85)


def test_json_round_trip_carries_deload(tmp_path: Path) -> None:
    from backlegs_tui.exchange.jsonfmt import dumps, loads
    from backlegs_tui.store.bulk import restore_snapshot

    a = Repository.open(tmp_path / "a.db")
    try:
        st = a.start_session(None, datetime(2026, 1, 5, 18), deload=True)
        a.finish_session(st.id, datetime(2026, 1, 5, 19), 5.0)
        text_a = dumps(a.snapshot())
    finally:
        a.close()
    assert '"deload": true' in text_a
    b = Repository.open(tmp_path / "b.db")
    try:
        restore_snapshot(b, loads(text_a))
        assert b.sessions()[0].deload is True
        assert dumps(b.snapshot()) == text_a
    finally:
        b.close()
    # an export made before deload existed still imports (sessions read as not deload)
    old = text_a.replace('"deload": true, ', "").replace(', "deload": true', "")
    c = Repository.open(tmp_path / "c.db")
    try:
        restore_snapshot(c, loads(old))
        assert c.sessions()[0].deload is False
    finally:
        c.close()
