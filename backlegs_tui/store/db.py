"""The SQLAlchemy engine for a database file: pragmas, migrations, start-up checks."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError

from .backup import pre_migration_backup
from .schema import BUSY_TIMEOUT_MS, HEAD, StoreError, check_db

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def make_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_con, _record):  # noqa: ANN001
        cur = dbapi_con.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    return engine


def migrate(engine: Engine, path: Path, revision: str | None) -> None:
    """Upgrade the schema to head, backing the file up first when it holds data."""
    if revision == HEAD:
        return
    if revision is not None and path.exists() and path.stat().st_size > 0:
        pre_migration_backup(path, revision)
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as con:
        cfg.attributes["connection"] = con
        command.upgrade(cfg, "head")


def open_engine(path: Path, *, create_parent: bool = False) -> Engine:
    """Check, open and migrate the database at `path`. Raises StoreError with one line."""
    status = check_db(path, create_parent=create_parent)
    engine = make_engine(path)
    try:
        migrate(engine, path, status.revision)
    except OperationalError as exc:
        engine.dispose()
        if "locked" in str(exc):
            raise StoreError(f"{path} is locked by another program; close it and try again") from None
        raise StoreError(f"cannot open {path}: {exc.orig}") from None
    except DatabaseError as exc:
        engine.dispose()
        raise StoreError(f"{path} is corrupt or not a database ({exc.orig})") from None
    return engine
