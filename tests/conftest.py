"""Shared fixtures: real SQLite files in tmp_path, a fixed clock, and a database migrated
once per run and copied per test (Alembic runs once, not in every test)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from backlegs_tui.store.repository import Repository


class FakeClock:
    """A clock tests move by hand; the app reads it instead of datetime.now."""

    def __init__(self, start: datetime = datetime(2026, 11, 24, 18, 0, 0)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture(autouse=True)
def _own_config_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app reads keymap.toml from the config folder: never the developer's own."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.getbasetemp() / "config"))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database goes; nothing is there yet (the app creates and migrates it)."""
    return tmp_path / "backlegs.db"


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated and seeded once per test run (Alembic runs here only)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    Repository.open(path).close()
    return path


@pytest.fixture
def migrated_db(template_db: Path, db_path: Path) -> Path:
    """A copy of the migrated template at `db_path`: a fresh, seeded database (the sample
    plan and the catalogue) without running Alembic."""
    shutil.copy(template_db, db_path)
    return db_path


@pytest.fixture
def repo(migrated_db: Path) -> Iterator[Repository]:
    r = Repository.open(migrated_db)
    yield r
    r.close()
