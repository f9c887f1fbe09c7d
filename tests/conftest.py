"""Shared fixtures: real SQLite files in tmp_path and a fixed clock."""

from __future__ import annotations

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


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "backlegs.db"


@pytest.fixture
def repo(db_path: Path) -> Iterator[Repository]:
    r = Repository.open(db_path)
    yield r
    r.close()
