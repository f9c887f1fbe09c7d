"""Copies of the database file through SQLite's online backup API (safe with WAL and with
another connection open)."""

from __future__ import annotations

import glob
import os
import sqlite3
import tempfile
from datetime import date, datetime
from pathlib import Path

# where copies are kept and how to find the newest good one live with the start-up check
# (schema.py), which names it when it refuses a damaged file; re-exported here
from .schema import (  # noqa: F401
    BACKUP_FOLDER,
    PRIVATE_FILE,
    PRIVATE_FOLDER,
    SQLITE_HEADER,
    CorruptDatabase,
    backup_base,
    backups_of,
    busy_timeout_ms,
    corrupt_error,
    file_kind,
    integrity_problem,
    is_good_copy,
    is_locked,
    make_private,
    newest_good_backup,
    read_only_uri,
)

SERVER_BACKUP_ADVICE = "use backlegs export --format json -o backlegs.json, or pg_dump"
_said_server_backup = False


def create_private_file(path: Path) -> bool:
    """Create `path` empty with mode 0600 whatever the umask (SQLite then gives its journal
    files the same mode). False when it exists already: another program starting on the same
    new file made it a moment ago, and its contents are never truncated."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), PRIVATE_FILE)
    except FileExistsError:
        return False
    os.close(fd)
    os.chmod(path, PRIVATE_FILE)
    return True


def _private_scratch_file(dest: Path) -> Path:
    """A new empty file beside `dest`, mode 0600 whatever the umask (SQLite then gives its
    journal files the same mode), with a name no other copy uses: two programs opening one
    database in the same instant both make today's backup, and each writes its own scratch
    file (a shared one was truncated under the other's copy)."""
    fd, name = tempfile.mkstemp(prefix=".backup-", suffix=".part", dir=dest.parent)
    os.close(fd)
    os.chmod(name, PRIVATE_FILE)
    return Path(name)


def private_folder(folder: Path) -> None:
    """Create `folder` (and its missing parents) 0700; an existing one is left as it is."""
    if not folder.exists():
        folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        make_private(folder, PRIVATE_FOLDER)


def backup_to(db_path: Path, dest: Path, *, check: bool = True, immutable: bool = False) -> Path:
    """Copy the database at `db_path` to `dest` (a consistent snapshot), mode 0600.

    With `check` (always, but for tests) the source must pass SQLite's full integrity check
    first: a damaged file raises CorruptDatabase and is never copied, so it can never take a
    good backup's place. The copy is written beside `dest` and renamed into place, so `dest`
    is never half a file.
    """
    private_folder(dest.parent)
    tmp: Path | None = None
    # `immutable`: a backup being restored, which nothing writes (no lock, no -shm beside it)
    src = sqlite3.connect(read_only_uri(db_path, immutable=immutable), uri=True, timeout=busy_timeout_ms() / 1000)
    try:
        if check:
            problem = integrity_problem(src, full=True)
            if problem is not None:
                raise corrupt_error(db_path, problem)
        tmp = _private_scratch_file(dest)
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
        finally:
            out.close()
        os.replace(tmp, dest)
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return dest


def rotate(folder: Path, pattern: str, keep: int) -> list[Path]:
    """Delete all but the `keep` newest files matching `pattern`; return those deleted."""
    files = sorted(folder.glob(pattern), key=lambda p: p.name, reverse=True)
    doomed = files[keep:]
    for f in doomed:
        f.unlink(missing_ok=True)
    return doomed


def pre_migration_backup(db_path: Path, revision: str | None, keep: int = 3) -> Path:
    """Back up the file next to itself before a migration; keep the newest `keep`."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base = backup_base(db_path.name)
    dest = db_path.with_name(f"{base}.pre-{revision or 'empty'}-{stamp}.bak")
    backup_to(db_path, dest)
    rotate(db_path.parent, f"{glob.escape(base)}.pre-*.bak", keep)
    return dest


def manual_backup_path(db_path: Path, now: datetime | None = None) -> Path:
    """Where `backlegs backup` writes by default: backups/<name>-<YYYYmmdd-HHMMSS>.db."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return db_path.parent / BACKUP_FOLDER / f"{backup_base(db_path.stem)}-{stamp}.db"


def daily_backup(db_path: Path, keep: int = 7, today: date | None = None) -> Path | None:
    """At most one backup a day in backups/<name>-daily-<YYYY-mm-dd>.db, the newest `keep`
    kept. Returns the new file, or None when today's exists or the copy failed (a backup
    must never stop the app from starting). A database that fails the full integrity check
    raises CorruptDatabase: it is not copied and no good backup is rotated out."""
    folder = db_path.parent / BACKUP_FOLDER
    base = backup_base(db_path.stem)
    dest = folder / f"{base}-daily-{(today or date.today()).isoformat()}.db"
    if dest.exists():
        return None
    made = not folder.exists()
    try:
        backup_to(db_path, dest)
        rotate(folder, f"{glob.escape(base)}-daily-*.db", keep)
    except (OSError, sqlite3.OperationalError):
        return None
    except (sqlite3.DatabaseError, CorruptDatabase) as exc:  # a refused file keeps nothing new beside it
        if made:
            try:
                folder.rmdir()  # only an empty folder this call made
            except OSError:
                pass
        if isinstance(exc, CorruptDatabase):
            raise
        raise corrupt_error(db_path, str(exc)) from None
    return dest


def replaced_path(db_path: Path, now: datetime | None = None) -> Path:
    """Where `restore` sets the current file aside: <name>.replaced-YYYYmmdd-HHMMSS."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return db_path.with_name(f"{backup_base(db_path.name)}.replaced-{stamp}")


def check_restorable(backup: Path, db_path: Path) -> int:
    """The number of sessions in `backup` when it can replace `db_path`; StoreError with one
    line when it cannot: not a regular file, not SQLite, damaged (full integrity check), not
    a backlegs database or of a newer schema, the database file itself, or a target that is
    not a file (a folder, a FIFO, a device) or is open in another program."""
    from .schema import KNOWN_REVISIONS, StoreError, printable_path

    shown = printable_path(backup)
    try:
        kind = file_kind(backup)
        if not backup.exists():
            raise StoreError(f"there is no backup at {shown}")
        if kind is not None:
            raise StoreError(f"{shown} is {kind}, not a backup file")
        with open(backup, "rb") as fh:
            if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise StoreError(f"{shown} is not a SQLite database, so not a backlegs backup")
        target_kind = file_kind(db_path)
        if target_kind is not None:
            raise StoreError(f"{printable_path(db_path)} is {target_kind}, not a database file")
        if db_path.exists() and db_path.stat().st_size > 0:
            with open(db_path, "rb") as fh:
                if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:  # /etc/passwd as --db: never replaced
                    raise StoreError(
                        f"{printable_path(db_path)} is not a SQLite database; restore only replaces a backlegs database"
                    )
        if not db_path.parent.is_dir():
            raise StoreError(f"the folder {printable_path(db_path.parent)} does not exist")
        if db_path.exists() and os.path.samefile(backup, db_path):
            raise StoreError(f"{shown} is the database itself; name a backup")
    except OSError as exc:
        raise StoreError(f"cannot use {shown}: {exc.strerror or exc}") from None
    try:
        con = sqlite3.connect(read_only_uri(backup, immutable=True), uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {shown}: {exc}") from None
    try:
        problem = integrity_problem(con, full=True)
        if problem is not None:
            raise StoreError(f"{shown} is damaged ({printable_path(problem)[:100]}); choose another backup")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"alembic_version", "sessions", "set_entries"} <= tables:
            raise StoreError(f"{shown} is a SQLite database, but not a backlegs backup")
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None or row[0] not in KNOWN_REVISIONS:
            raise StoreError(f"{shown} was written by a newer backlegs; upgrade backlegs to restore it")
        return int(con.execute("SELECT count(*) FROM sessions").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{shown} is damaged ({exc}); choose another backup") from None
    finally:
        con.close()


def _in_use(db_path: Path) -> bool:
    """True when another connection holds the database: an exclusive lock cannot be had
    (every connection that has read a WAL database keeps a shared lock on it). The WAL is
    checkpointed into the file on the way, so a file set aside is whole on its own."""
    try:
        con = sqlite3.connect(db_path, timeout=0.5, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        con.execute("PRAGMA locking_mode = EXCLUSIVE")
        con.execute("BEGIN EXCLUSIVE")
        con.execute("COMMIT")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return False
    except sqlite3.OperationalError as exc:
        return is_locked(exc)
    except sqlite3.DatabaseError:
        return False  # a damaged file: set aside as it is
    finally:
        con.close()


def restore_from(backup: Path, db_path: Path, now: datetime | None = None) -> Path | None:
    """Bring `backup` back as `db_path`: the current file (and its WAL) is set aside as
    `replaced_path` and the backup copied in with SQLite's backup API, 0600. Returns where
    the old file went (None when there was none). The caller checks the backup first and
    makes sure no other program has the database open."""
    from .schema import ServerUrl, StoreError

    if isinstance(db_path, ServerUrl):
        raise StoreError(f"restore brings back a SQLite file; {db_path} is a PostgreSQL database: "
                         f"import a JSON export (backlegs --db URL import json FILE) or use pg_restore")
    from .schema import StoreError, printable_path

    aside: Path | None = None
    if db_path.exists():
        if _in_use(db_path):
            raise StoreError(f"{printable_path(db_path)} is open in another program (backlegs?); close it and try again")
        aside = replaced_path(db_path, now)
        n = 1
        while aside.exists():
            aside = aside.with_name(f"{replaced_path(db_path, now).name}-{n}")
            n += 1
        # (the check above checkpointed the WAL into the file: the set-aside copy is whole)
        os.replace(db_path, aside)
        wal, shm = (db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm"))
        if wal.exists() and wal.stat().st_size > 0:  # frames the checkpoint could not take: kept with it
            os.replace(wal, aside.with_name(aside.name + "-wal"))
            if shm.exists():
                os.replace(shm, aside.with_name(aside.name + "-shm"))
        else:  # an index of an empty log, which nobody holds (checked above): not left beside either
            wal.unlink(missing_ok=True)
            shm.unlink(missing_ok=True)
    backup_to(backup, db_path, check=False, immutable=True)  # checked by check_restorable
    make_private(db_path)
    return aside


def server_backup_skipped(target: object) -> bool:
    """The start-up and daily file backups are SQLite's; on a PostgreSQL server they are
    skipped, said once per process as a log line. True the time it is said."""
    global _said_server_backup
    if _said_server_backup:
        return False
    _said_server_backup = True
    import logging

    logging.getLogger("backlegs").info(
        "%s is a PostgreSQL database: no automatic file backups; %s", target, SERVER_BACKUP_ADVICE
    )
    return True
