"""The SQLAlchemy engine for a database file: pragmas, migrations, start-up checks."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.pool import NullPool, QueuePool

from .backup import create_private_file, pre_migration_backup
from .schema import (
    HEAD,
    KNOWN_REVISIONS,
    SQLITE_HEADER,
    ServerUrl,
    StoreError,
    busy_timeout_ms,
    check_db,
    clean_up_failed_open,
    corrupt_error,
    existing_side_files,
    file_header,
    file_kind,
    full_disk_message,
    is_locked,
    printable_path,
    read_only_uri,
)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _wal_mode(cur: sqlite3.Cursor, timeout_ms: int) -> None:
    """Put the file in WAL mode. SQLite answers "locked" at once, without waiting out the
    busy timeout, when another program is switching the same new file to WAL at that moment
    (two programs started on one new file): wait for it, up to the busy timeout."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        try:
            cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not is_locked(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def make_engine(path: Path) -> Engine:
    """An engine on exactly the file `path`: the path never goes through a URL's parsing
    (`%41`, `?`, `#` in a name stay as they are); SQLite opens it as a plain file name."""
    timeout_ms = busy_timeout_ms()
    filename = str(path)

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(filename, uri=False, check_same_thread=False, timeout=timeout_ms / 1000)

    engine = create_engine(
        URL.create("sqlite", database=filename), creator=connect, poolclass=QueuePool
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_con, _record):
        cur = dbapi_con.cursor()
        cur.execute(f"PRAGMA busy_timeout = {timeout_ms}")
        _wal_mode(cur, timeout_ms)
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    return engine


def open_read_only_engine(path: Path) -> Engine:
    """An engine that only reads the backlegs database at `path` (which exists) and leaves
    nothing beside it: never created, migrated, backed up or seeded. Read through its WAL
    when another program has it open (its -wal and -shm are there already), else as an
    immutable file (no locks, no side files). For a command that reads a setting (`calc`).
    StoreError with one line for a file that is not a backlegs database of a known schema."""
    shown = printable_path(path)
    kind = file_kind(path)
    if kind is not None:
        raise StoreError(f"{shown} is {kind}, not a database file")
    header = file_header(path, shown)
    if header == b"":
        raise StoreError(f"{shown} is empty: not a backlegs database")
    if header != SQLITE_HEADER:
        raise StoreError(f"{shown} is not a SQLite database")
    live = all(p.exists() for p in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")))
    uri = read_only_uri(path, immutable=not live)
    timeout_s = busy_timeout_ms() / 1000

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=timeout_s)

    engine = create_engine(URL.create("sqlite"), creator=connect, poolclass=NullPool)
    try:
        with engine.connect() as con:
            tables = {r[0] for r in con.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables:
                raise StoreError(f"{shown} is not a backlegs database")
            revision = con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except StoreError:
        engine.dispose()
        raise
    except (DatabaseError, sqlite3.Error) as exc:
        engine.dispose()
        orig = getattr(exc, "orig", None) or exc
        if is_locked(orig):
            raise StoreError(f"{shown} is locked by another program; close it and try again") from None
        raise StoreError(f"cannot read {shown}: {printable_path(str(orig).splitlines()[0] if str(orig) else '')}") from None
    if revision is None:
        engine.dispose()
        raise StoreError(f"{shown} is not a backlegs database")
    if revision not in KNOWN_REVISIONS:
        engine.dispose()
        raise StoreError(f"{shown} was written by a newer backlegs (schema {revision}); upgrade backlegs to open it")
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
    with engine.connect() as con:
        # Foreign keys off while the migrations run: SQLite alters a table by copying it and
        # dropping the old one, and with foreign keys on, that DROP cascades (sessions ->
        # session items and every set: migration 0003 emptied them). Checked after, in the
        # same transaction, and on again before the connection goes back to the pool.
        con.exec_driver_sql("PRAGMA foreign_keys = OFF")
        con.commit()
        try:
            with con.begin():
                # the write lock first: a second program starting on the same new file waits
                # here, then finds the schema at head (no "table already exists")
                con.exec_driver_sql("BEGIN IMMEDIATE")
                cfg.attributes["connection"] = con
                command.upgrade(cfg, "head")
                broken = con.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise StoreError(
                        f"upgrading {printable_path(path)} would break {len(broken)} reference(s) "
                        f"(first in {broken[0][0]}); nothing was changed"
                    )
        finally:
            con.exec_driver_sql("PRAGMA foreign_keys = ON")
            con.commit()


def open_engine(path: Path | ServerUrl, *, create_parent: bool = False) -> Engine:
    """Check, open and migrate the database at `path`. Raises StoreError with one line.

    A new file is created 0600 (its WAL and SHM follow); a failed first open (a full disk)
    removes the side files it created, so nothing stray is left behind."""
    if isinstance(path, ServerUrl):  # a PostgreSQL URL: the server's database
        return open_server_engine(path)
    status = check_db(path, create_parent=create_parent)
    before = existing_side_files(path)
    created = False
    if not status.exists:
        try:
            created = create_private_file(path)
        except OSError as exc:
            raise StoreError(f"cannot create {printable_path(path)}: {exc.strerror or exc}") from None
    engine = make_engine(path)
    try:
        migrate(engine, path, status.revision)
        # one connection of ours, kept in the pool: when the engine is disposed it is the last
        # one on the file, so SQLite removes the -wal and -shm (the checks' read-only opens
        # cannot) even when the file is refused after this (a damaged one, by the daily backup)
        with engine.connect():
            pass
    except (OperationalError, DatabaseError, sqlite3.Error, OSError) as exc:
        engine.dispose()
        orig = getattr(exc, "orig", None) or exc
        locked = is_locked(orig)
        if not locked:  # when locked, another program is in the file: its side files are its own
            clean_up_failed_open(path, before, created)
        full = full_disk_message(path, orig)
        if full:
            raise StoreError(full) from None
        if isinstance(exc, OSError):
            raise StoreError(f"cannot open {printable_path(path)}: {exc.strerror or exc}") from None
        if locked:
            raise StoreError(f"{printable_path(path)} is locked by another program; close it and try again") from None
        if isinstance(exc, OperationalError) or isinstance(orig, sqlite3.OperationalError):
            raise StoreError(f"cannot open {printable_path(path)}: {orig}") from None
        raise corrupt_error(path, str(orig)) from None
    return engine


# ---- PostgreSQL ------------------------------------------------------------------------------

# the key of the advisory lock under which one client at a time migrates a server's database
MIGRATION_LOCK_KEY = 0x6261636B6C656773 >> 1  # "backlegs", as a positive bigint


def make_server_engine(target: ServerUrl) -> Engine:
    """An engine on a PostgreSQL database; a connection the server dropped (a restart, a
    network that went away) is noticed before use and replaced (pool_pre_ping)."""
    from sqlalchemy.engine import make_url

    check_db(target)  # psycopg is installed
    try:
        url = make_url(target.url)
    except Exception:  # noqa: BLE001 - sqlalchemy's ArgumentError, ValueError on a bad port
        raise StoreError(f"{target} is not a database URL (postgresql+psycopg://user@host/dbname)") from None
    if not url.database:
        raise StoreError(f"{target} names no database (postgresql+psycopg://user@host/dbname)")
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def server_revision(con) -> str | None:
    """The Alembic revision of a server's database; None when it has no tables of ours yet."""
    from sqlalchemy import text

    if con.scalar(text("SELECT to_regclass('alembic_version')")) is None:
        return None
    return con.scalar(text("SELECT version_num FROM alembic_version"))


def migrate_server(engine: Engine) -> None:
    """Upgrade a server's database to head in one transaction, under an advisory lock: two
    clients starting at once wait for each other, and the second finds nothing to do."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    with engine.begin() as con:
        con.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        revision = server_revision(con)
        if revision == HEAD:
            return
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise StoreError(f"the database was written by a newer backlegs (schema {revision}); upgrade backlegs to open it")
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.attributes["connection"] = con
        command.upgrade(cfg, "head")


def open_server_engine(target: ServerUrl) -> Engine:
    """Connect to the PostgreSQL database `target` and migrate it. StoreError with one line
    (password masked) when the server cannot be reached or the database is not ours."""
    from sqlalchemy.exc import SQLAlchemyError

    from .errors import describe_error

    engine = make_server_engine(target)
    try:
        with engine.connect() as con:
            revision = server_revision(con)
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise StoreError(f"{target} was written by a newer backlegs (schema {revision}); upgrade backlegs to open it")
        if revision != HEAD:
            migrate_server(engine)
    except StoreError:
        engine.dispose()
        raise
    except (SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise StoreError(f"cannot open {target}: {describe_error(exc)}") from None
    return engine
