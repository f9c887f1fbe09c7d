"""Shared fixtures: real SQLite files in tmp_path, a fixed clock, and a database migrated
once per run and copied per test (Alembic runs once, not in every test)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from backlegs_tui.store.repository import Repository

# In CI (CI=true) the property tests draw the same examples every run, so a submission is
# judged on the code, not on the luck of the draw; by hand they keep exploring new ones.
# Hypothesis's own "ci" profile does this (derandomize, no deadline, no example database,
# no too-slow check); it is loaded explicitly, never redefined with fewer of those.
if os.environ.get("CI") == "true":
    hypothesis_settings.load_profile("ci")


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


@pytest.fixture(autouse=True)
def _job_jitter(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """`BACKLEGS_JOB_JITTER=0.3 pytest`: every database job waits up to 0.3 s first, at
    random (seeded by the test's name), so its result lands at another moment among the
    keys and redraws. A slow CI runner shuffles them so; this finds an order race here in
    minutes (a tab that took the screen back after `f` was found so). Off by default."""
    most = float(os.environ.get("BACKLEGS_JOB_JITTER", "0") or 0)
    if most <= 0:
        return
    import random
    import time

    from backlegs_tui.ui.jobs import JobRunner

    draw = random.Random(request.node.nodeid)
    run = JobRunner._run

    def late(self, job) -> None:  # noqa: ANN001 - JobRunner's own
        time.sleep(draw.random() * most)
        run(self, job)

    monkeypatch.setattr(JobRunner, "_run", late)


@pytest.fixture
def in_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """`backlegs` run in-process with its app replaced by a stand-in: as if typed in a
    terminal (pytest's input is not one, and the real command then refuses to draw)."""
    import backlegs_tui.cli.entry as entry

    monkeypatch.setattr(entry, "_has_terminal", lambda: True)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Path:
    """Where a test's database goes; nothing is there yet (the app creates and migrates it).
    On the PostgreSQL backend, the test's own database: its URL (`--db str(db_path)` works)."""
    if backend == "postgresql":
        return request.getfixturevalue("pg_url")
    return tmp_path / "backlegs.db"


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated and seeded once per test run (Alembic runs here only)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    Repository.open(path).close()
    return path


@pytest.fixture
def migrated_db(template_db: Path, db_path: Path, backend: str) -> Path:
    """A copy of the migrated template at `db_path`: a fresh, seeded database (the sample
    plan and the catalogue) without running Alembic. (PostgreSQL: a copy of its template.)"""
    if backend == "postgresql":
        return db_path
    shutil.copy(template_db, db_path)
    return db_path


@pytest.fixture
def repo(db_target: Path) -> Iterator[Repository]:
    """A fresh, seeded database: a SQLite file, or (in a test marked both_backends, once
    more) a PostgreSQL database on the throwaway server of tests/pg.py."""
    r = Repository.open(db_target)
    yield r
    r.close()


# PostgreSQL: a throwaway server per run (tests/pg.py, registered as a plugin for its fixtures
# backend, db_target, pg_server, pg_template, pg_url); `pytest.mark.both_backends` runs a test
# on SQLite and on PostgreSQL


def pytest_configure(config: pytest.Config) -> None:
    import tests.pg

    if not config.pluginmanager.is_registered(tests.pg):
        config.pluginmanager.register(tests.pg, "backlegs-pg")
    config.addinivalue_line("markers", "both_backends: run on SQLite and on PostgreSQL (tests/pg.py)")
    config.addinivalue_line("markers", "sqlite_only: in a both_backends module, SQLite only (reads the file)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    from tests.pg import parametrize_backends

    parametrize_backends(metafunc)


def pytest_terminal_summary(terminalreporter) -> None:
    """Say at the end of every run why the PostgreSQL tests were skipped, if they were."""
    from tests.pg import unavailable

    reason = unavailable()
    if reason is not None and terminalreporter.stats.get("skipped"):
        terminalreporter.write_line(f"PostgreSQL tests skipped: {reason}", yellow=True)
