"""Open a backlegs database safely, with the standard library only.

Everything here runs before SQLAlchemy or Alembic are imported, so the CLI can refuse a bad
path in a few milliseconds and the TUI can paint its first frame before the heavy imports.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

# Every Alembic revision this version of the app knows, oldest first. A test checks that the
# last one is the migrations' head.
KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial", "0002_logged_at_index", "0003_session_deload")
HEAD = KNOWN_REVISIONS[-1]

SQLITE_HEADER = b"SQLite format 3\x00"
# how long to wait for another program's lock before giving up (env: BACKLEGS_BUSY_TIMEOUT_MS)
BUSY_TIMEOUT_MS = int(os.environ.get("BACKLEGS_BUSY_TIMEOUT_MS", "5000"))


class StoreError(Exception):
    """A database that cannot be used, with one line that says why (for stderr)."""


@dataclass(frozen=True, slots=True)
class DbStatus:
    path: Path
    exists: bool
    revision: str | None

    @property
    def needs_migration(self) -> bool:
        return self.revision != HEAD


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("backlegs", appauthor=False) / "backlegs.db"


def resolve_db_path(cli_value: str | None) -> tuple[Path, bool]:
    """The database path and whether it is the default one (which may create its folder)."""
    if cli_value:
        return Path(cli_value).expanduser(), False
    env = os.environ.get("BACKLEGS_DB")
    if env:
        return Path(env).expanduser(), False
    return default_db_path(), True


def check_db(path: Path, *, create_parent: bool = False) -> DbStatus:
    """Refuse a path that cannot hold a backlegs database; never change an existing file.

    Raises StoreError with one line for: a folder that does not exist or cannot be written,
    a path that is a folder, a file that is not SQLite, a read-only file, a database of a
    newer schema than this app knows, a locked or corrupt database.
    """
    parent = path.parent
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    if not parent.exists():
        if create_parent:
            try:
                parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the data folder {parent}: {exc.strerror}") from None
        else:
            raise StoreError(f"the folder {parent} does not exist")
    if not parent.is_dir():
        raise StoreError(f"{parent} is not a directory")
    exists = path.exists()
    if not exists:
        if not os.access(parent, os.W_OK | os.X_OK):
            raise StoreError(f"cannot write to the folder {parent} (permission denied)")
        return DbStatus(path, False, None)
    if not os.access(path, os.R_OK):
        raise StoreError(f"cannot read {path} (permission denied)")
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
    if header == b"":
        # an empty file is a new database
        if not os.access(path, os.W_OK):
            raise StoreError(f"{path} is read-only; backlegs needs to write to it")
        return DbStatus(path, True, None)
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a SQLite database")
    if not os.access(path, os.W_OK) or not os.access(parent, os.W_OK | os.X_OK):
        raise StoreError(f"{path} is read-only; backlegs needs to write to it and its folder")
    revision = read_revision(path)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise StoreError(
            f"{path} was written by a newer backlegs (schema {revision}); upgrade backlegs to open it"
        )
    return DbStatus(path, True, revision)


def read_revision(path: Path) -> str | None:
    """The Alembic revision stored in the file; None for a database with no tables yet."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {path}: {exc}") from None
    try:
        tables = {
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if "alembic_version" not in tables:
            if tables - {"sqlite_sequence"}:
                raise StoreError(f"{path} is a SQLite database, but not one of backlegs")
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(f"{path} is locked by another program; close it and try again") from None
        raise StoreError(f"cannot read {path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is corrupt or not a database ({exc})") from None
    finally:
        con.close()
