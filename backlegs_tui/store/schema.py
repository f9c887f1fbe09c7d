"""Open a backlegs database safely, with the standard library only.

Everything here runs before SQLAlchemy or Alembic are imported, so the CLI can refuse a bad
path in a few milliseconds and the TUI can paint its first frame before the heavy imports.
"""

from __future__ import annotations

import glob
import os
import re
import sqlite3
import stat
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

# Every Alembic revision this version of the app knows, oldest first. A test checks that the
# last one is the migrations' head.
KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial", "0002_logged_at_index", "0003_session_deload",
                                   "0004_load_kinds", "0005_plan_fields")
HEAD = KNOWN_REVISIONS[-1]

SQLITE_HEADER = b"SQLite format 3\x00"


def file_header(path: Path, shown: str) -> bytes:
    """The file's first bytes, where SQLite writes its header (b"" for an empty file);
    StoreError with one line when it cannot be read."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"cannot read {shown}: {exc.strerror or exc}") from None
# how long to wait for another program's lock before giving up (env: BACKLEGS_BUSY_TIMEOUT_MS)
BUSY_TIMEOUT_ENV = "BACKLEGS_BUSY_TIMEOUT_MS"
DEFAULT_BUSY_TIMEOUT_MS = 5000
MAX_BUSY_TIMEOUT_MS = 600_000


class StoreError(Exception):
    """A database that cannot be used, with one line that says why (for stderr)."""


class CorruptDatabase(StoreError):
    """The file fails SQLite's integrity check; the message names the newest good backup."""


def busy_timeout_ms() -> int:
    """BACKLEGS_BUSY_TIMEOUT_MS (default 5000); StoreError with one line when it is not a
    whole number of milliseconds from 0 to 600000."""
    raw = os.environ.get(BUSY_TIMEOUT_ENV)
    if raw is None or not raw.strip():
        return DEFAULT_BUSY_TIMEOUT_MS
    text = raw.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 7 or int(text) > MAX_BUSY_TIMEOUT_MS:
        shown = text[:20].encode("unicode_escape").decode("ascii")
        raise StoreError(
            f"{BUSY_TIMEOUT_ENV} must be a whole number of milliseconds from 0 to {MAX_BUSY_TIMEOUT_MS}, not '{shown}'"
        )
    return int(text)


def _busy_timeout_or_default() -> int:
    try:
        return busy_timeout_ms()
    except StoreError:
        return DEFAULT_BUSY_TIMEOUT_MS


# the value at import, for scripts; the app reads busy_timeout_ms() when it opens a database
BUSY_TIMEOUT_MS = _busy_timeout_or_default()
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


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
    """The database path and whether it is the default one (which may create its folder).
    StoreError with one line for a path that cannot be one (`~nouser/x.db`, a NUL)."""
    if cli_value:
        return db_target(cli_value), False
    env = os.environ.get("BACKLEGS_DB")
    if env:
        return db_target(env), False
    return default_db_path(), True


def user_path(text: str) -> Path:
    """A path as the lifter typed it, `~` and `~user` expanded; StoreError with one line for
    an unknown user or a NUL byte."""
    if "\x00" in text:
        raise StoreError("a path cannot contain a NUL byte")
    try:
        return Path(text).expanduser()
    except RuntimeError:  # ~nouser: no such user, or no home directory
        user = text.split("/", 1)[0]
        raise StoreError(f"cannot find the home folder of {printable_path(user)} (no such user?)") from None


def printable_path(path: object) -> str:
    """A path for a message: control characters escaped (domain.text.printable)."""
    from ..domain.text import printable

    return printable(str(path))


def make_private(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Take group and other permissions off a file or folder of ours (never raises)."""
    try:
        st = os.stat(path)
        if st.st_mode & 0o077 and st.st_uid == os.geteuid():
            os.chmod(path, stat.S_IMODE(st.st_mode) & ~0o077 | (mode & 0o700))
    except OSError:
        pass


def file_kind(path: Path) -> str | None:
    """None for a regular file or a missing path; otherwise what it is ('a directory',
    'a named pipe (FIFO)', 'a device', ...). Never opens the path, so a FIFO cannot hang."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_db(path: Path, *, create_parent: bool = False, quick_check: bool = True) -> DbStatus:
    """Refuse a path that cannot hold a backlegs database; never change an existing file.

    Raises StoreError with one line for: a folder that does not exist or cannot be written,
    a path that is a folder, a file that is not SQLite, a read-only file, a database of a
    newer schema than this app knows, a locked or corrupt database; a FIFO, a device or a
    name the file system refuses (too long). Without `quick_check`, SQLite's quick check
    (~100 ms on ten years of sets) is left to the caller (`QuickCheck`).
    """
    if isinstance(path, ServerUrl):  # a server: connecting tells (store.db); nothing to check here
        return check_server(path)
    busy_timeout_ms()  # a bad BACKLEGS_BUSY_TIMEOUT_MS is one line, before anything is opened
    try:
        return _check_db(path, create_parent, quick_check)
    except OSError as exc:  # a name too long, a loop of links, ...
        raise StoreError(f"cannot use {printable_path(path)}: {exc.strerror or exc}") from None


class QuickCheck:
    """SQLite's quick check of an existing database file, run in a background thread.

    The CLI starts it before importing Textual and building the app (sqlite3 releases the
    GIL while the pragma runs, so the two overlap) and calls `wait()` before the first
    paint: a damaged file is still refused with one line and nothing drawn. A file that
    passes is remembered (`_PASSED`), so the app's own open does not check it again.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="backlegs-quick-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            read_revision(self.path, check=True)
        except BaseException as exc:  # noqa: BLE001 - handed to wait(), raised in the main thread
            self._error = exc

    def wait(self) -> None:
        """Return once the check is done; raise what it raised (CorruptDatabase, StoreError)."""
        self._thread.join()
        if self._error is not None:
            error, self._error = self._error, None
            raise error


def _check_db(path: Path, create_parent: bool, quick_check: bool = True) -> DbStatus:
    parent = path.parent
    kind = file_kind(path)
    if kind == "a directory":
        raise StoreError(f"{printable_path(path)} is a directory, not a database file")
    if kind is not None:
        raise StoreError(f"{printable_path(path)} is {kind}, not a database file")
    if not parent.exists():
        if create_parent:
            try:
                parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the data folder {parent}: {exc.strerror}") from None
        else:
            raise StoreError(f"the folder {printable_path(parent)} does not exist")
    if not parent.is_dir():
        raise StoreError(f"{printable_path(parent)} is not a directory")
    if create_parent:  # the default data folder is ours: nobody else reads a training log
        make_private(parent, PRIVATE_FOLDER)
    exists = path.exists()
    # SQLite keeps "-journal" beside a new file while it is made, "-wal" and "-shm" beside
    # every open one: a name with no room for them opens nothing ("unable to open")
    _name_leaves_room(path, len("-journal") if not exists or path.stat().st_size == 0 else len("-wal"))
    if not exists:
        if not os.access(parent, os.W_OK | os.X_OK):
            raise StoreError(f"cannot write to the folder {parent} (permission denied)")
        return DbStatus(path, False, None)
    if not os.access(path, os.R_OK):
        raise StoreError(f"cannot read {path} (permission denied)")
    header = file_header(path, str(path))
    if header == b"":
        # an empty file is a new database
        if not os.access(path, os.W_OK):
            raise StoreError(f"{path} is read-only; backlegs needs to write to it")
        return DbStatus(path, True, None)
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a SQLite database")
    if not os.access(path, os.W_OK) or not os.access(parent, os.W_OK | os.X_OK):
        raise StoreError(f"{path} is read-only; backlegs needs to write to it and its folder")
    for own in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        make_private(own)
    revision = read_revision(path, check=quick_check)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise StoreError(
            f"{path} was written by a newer backlegs (schema {revision}); upgrade backlegs to open it"
        )
    return DbStatus(path, True, revision)


def _name_leaves_room(path: Path, suffix: int) -> None:
    size = len(path.name.encode("utf-8", "surrogateescape"))
    if size + suffix > NAME_MAX:
        raise StoreError(
            f"the file name {printable_path(path.name)[:40]}... is too long ({size} bytes): SQLite needs room "
            f"for its side files, so name it in at most {NAME_MAX - suffix} bytes"
        )


FULL_DISK_BYTES = 16 * 1024 * 1024  # under this much free space, an I/O error means a full disk


def is_locked(error: BaseException) -> bool:
    """A database error that means another connection holds the lock (SQLITE_BUSY/LOCKED)."""
    text = str(getattr(error, "orig", None) or error)
    return "locked" in text or "busy" in text


def side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def existing_side_files(path: Path) -> set[Path]:
    """The side files of `path` that exist now (one whose name would be too long is not)."""
    found = set()
    for side in side_files(path):
        try:
            if side.exists():
                found.add(side)
        except OSError:
            pass
    return found


def full_disk_message(path: Path, exc: BaseException) -> str | None:
    """One plain line when a failed write was a full disk (SQLITE_FULL, or an I/O error with
    almost no space left); None otherwise."""
    import shutil

    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        free = None
    full = name == "SQLITE_FULL" or "disk is full" in text or (
        ("i/o" in text or name.startswith("SQLITE_IOERR")) and free is not None and free < FULL_DISK_BYTES
    )
    if not full:
        return None
    left = f" ({free // 1024} KB free)" if free is not None else ""
    return f"the disk holding {printable_path(path.parent)} is full{left}; free some space and start backlegs again"


def clean_up_failed_open(path: Path, before: set[Path], created: bool = False) -> None:
    """Remove what a failed open left: side files that were not there before it (a WAL with
    no frames, the SHM index) and the database file if this open created it."""
    for side in existing_side_files(path) - before:
        try:
            if side.name.endswith("-wal") and side.stat().st_size > 32:
                continue  # holds frames: never thrown away
            side.unlink()
        except OSError:
            pass
    if created:  # new, so nothing of the lifter's is in it: half a schema is not kept
        try:
            path.unlink()
        except OSError:
            pass


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """A `file:` URI that opens exactly `path` read-only (`%`, `?` and `#` escaped); with
    `immutable`, without locks or WAL side files (for backups, which nothing writes)."""
    return f"file:{quote(str(path.absolute()))}?mode=ro{'&immutable=1' if immutable else ''}"


def integrity_problem(con: sqlite3.Connection, *, full: bool = False) -> str | None:
    """None when SQLite's quick check (or, with `full`, the integrity check, which also
    compares every index with its table) passes; else its first complaint."""
    try:
        rows = con.execute("PRAGMA integrity_check(1)" if full else "PRAGMA quick_check(1)").fetchall()
    except sqlite3.OperationalError as exc:
        if is_locked(exc):
            raise
        return str(exc)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    first = rows[0][0] if rows else "no answer"
    return None if first == "ok" else str(first)


BACKUP_FOLDER = "backups"
# File names hold at most 255 bytes; a backup's name adds at most 40 to the database's
# (".pre-<revision>-<YYYYmmdd-HHMMSS>.bak", "-daily-<YYYY-mm-dd>.db"), so the part taken from
# the database's name is cut to the rest. Names up to 215 bytes are used whole.
NAME_MAX = 255
BACKUP_SUFFIX_MAX = 40


def backup_base(name: str) -> str:
    """`name` (a database's file name or stem) as the start of its backups' names: whole, or
    cut at a character boundary to leave room for the longest suffix."""
    room = NAME_MAX - BACKUP_SUFFIX_MAX
    raw = name.encode("utf-8", "surrogateescape")
    if len(raw) <= room:
        return name
    return raw[:room].decode("utf-8", "ignore")


def is_good_copy(path: Path) -> bool:
    """A regular file with the SQLite header that passes the quick check."""
    try:
        if file_kind(path) is not None or not path.is_file():
            return False
        with open(path, "rb") as fh:
            if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return False
        con = sqlite3.connect(read_only_uri(path, immutable=True), uri=True, timeout=1)
    except (OSError, sqlite3.Error):
        return False
    try:
        return integrity_problem(con) is None and con.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'"
        ).fetchone()[0] == 1
    except sqlite3.Error:
        return False
    finally:
        con.close()


def backups_of(db_path: Path) -> list[Path]:
    """Every copy backlegs made of `db_path`, newest first: backups/<name>-*.db, the
    pre-migration `.bak` files and the `.replaced-*` files `restore` set aside."""
    found: list[Path] = []
    folder = db_path.parent / BACKUP_FOLDER
    try:
        if folder.is_dir():
            found += folder.glob(f"{glob.escape(backup_base(db_path.stem))}-*.db")
        found += db_path.parent.glob(f"{glob.escape(backup_base(db_path.name))}.pre-*.bak")
        found += db_path.parent.glob(f"{glob.escape(backup_base(db_path.name))}.replaced-*")
    except OSError:
        return []

    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    return sorted(found, key=lambda p: (mtime(p), p.name), reverse=True)


def newest_good_backup(db_path: Path, limit: int = 20) -> Path | None:
    """The newest copy of `db_path` that passes SQLite's quick check (the newest `limit`
    looked at), or None."""
    for path in backups_of(db_path)[:limit]:
        if is_good_copy(path):
            return path
    return None


def corrupt_error(path: Path, detail: str) -> CorruptDatabase:
    """One line: the file is damaged, and the newest good backup to restore."""
    detail = printable_path(detail.splitlines()[0] if detail else "")[:120]
    good = newest_good_backup(path)
    if good is None:
        hint = "no good backup was found next to it"
    else:
        hint = f"the newest good backup is {printable_path(good)}: backlegs restore '{printable_path(good)}' --db '{printable_path(path)}'"
    return CorruptDatabase(f"{printable_path(path)} is damaged ({detail}); it was left as it is; {hint}")


# files that passed the quick check in this process, as they were then (name, size, mtime of
# the file and its WAL): the check costs ~100 ms on ten years of sets, and is not run twice
_PASSED: set[tuple[object, ...]] = set()


# A file changed less than this long ago may change again within its mtime's tick (coarse
# on some kernels: 4-10 ms) and keep the same key: it is checked, but not remembered as
# passed (git's rule for "racily clean" files).
RACY_NS = 2_000_000_000


def _file_key(path: Path) -> tuple[object, ...] | None:
    """The file as it is now, or None when it cannot be told apart from a later change."""
    try:
        st = os.stat(path)
        try:
            wal = os.stat(path.with_name(path.name + "-wal"))
            wal_key: tuple[int, int] = (wal.st_size, wal.st_mtime_ns)
        except FileNotFoundError:
            wal_key = (0, 0)
    except OSError:
        return None
    now = time.time_ns()
    # an empty WAL (a reader's open makes one) holds nothing: only its size says so
    if now - st.st_mtime_ns < RACY_NS or (wal_key[0] > 0 and now - wal_key[1] < RACY_NS):
        return None
    return (str(path.absolute()), st.st_ino, st.st_size, st.st_mtime_ns, *wal_key)


class DatabaseLocked(StoreError):
    """Another program holds the database's lock (its side files are its own)."""


def read_revision(path: Path, *, check: bool = True) -> str | None:
    """The Alembic revision stored in the file; None for a database with no tables yet.
    With `check`, a file that fails SQLite's quick check raises CorruptDatabase.

    A file refused here is left as it was: the -wal and -shm that SQLite's read-only open
    made beside it are removed again (only those this open made; never when another program
    holds the lock, whose side files they are)."""
    before = existing_side_files(path)
    try:
        return _read_revision(path, check)
    except DatabaseLocked:
        raise
    except StoreError:
        clean_up_failed_open(path, before)
        raise


def _read_revision(path: Path, check: bool) -> str | None:
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True, timeout=busy_timeout_ms() / 1000)
    except sqlite3.Error as exc:
        raise StoreError(full_disk_message(path, exc) or f"cannot open {printable_path(path)}: {exc}") from None
    try:
        tables = {
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if "alembic_version" not in tables:
            if tables - {"sqlite_sequence"}:
                raise StoreError(f"{printable_path(path)} is a SQLite database, but not one of backlegs")
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if check:
            key = _file_key(path)
            if key is None or key not in _PASSED:  # the CLI's check, then the app's open: once
                problem = integrity_problem(con)
                if problem is not None:
                    raise corrupt_error(path, problem)
                if key is not None:
                    _PASSED.add(key)
        return row[0] if row else None
    except sqlite3.OperationalError as exc:
        if is_locked(exc):
            raise DatabaseLocked(f"{printable_path(path)} is locked by another program; close it and try again") from None
        con.close()
        raise StoreError(full_disk_message(path, exc) or f"cannot read {printable_path(path)}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        if "file is not a database" in str(exc):
            raise StoreError(f"{printable_path(path)} is corrupt or not a database ({exc})") from None
        raise corrupt_error(path, str(exc)) from None
    finally:
        con.close()


# ---- a PostgreSQL server instead of a file ---------------------------------------------------

SERVER_DRIVER = "postgresql+psycopg"
POSTGRES_HINT = "install the PostgreSQL driver: pip install 'backlegs-tui[postgres]' (psycopg 3)"
_SERVER_SCHEME = re.compile(r"^(postgresql)(\+[A-Za-z0-9_]+)?://", re.IGNORECASE)
_URL_PASSWORD = re.compile(r"(://[^/?#@]*?:)[^/?#]*@")
_QUERY_PASSWORD = re.compile(r"((?:^|[?&\s])password=)[^&\s]*", re.IGNORECASE)


def mask_url(text: str) -> str:
    """`text` with every password of a database URL in it replaced by `***`
    (`postgresql://me:secret@host/db`, `?password=secret`, `password=secret` in a message)."""
    return _QUERY_PASSWORD.sub(r"\1***", _URL_PASSWORD.sub(r"\1***@", text))


class ServerUrl:
    """A PostgreSQL database named by its URL (`postgresql+psycopg://user@host/dbname`).

    `str()` and `repr()` mask the password, so a message can name the database safely;
    `url` is the real URL (the driver always psycopg 3), for the engine only."""

    __slots__ = ("url",)

    def __init__(self, url: str) -> None:
        self.url = url

    def __str__(self) -> str:
        return printable_path(mask_url(self.url))

    def __repr__(self) -> str:
        return f"ServerUrl({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ServerUrl) and other.url == self.url

    def __hash__(self) -> int:
        return hash(self.url)


DbTarget = Path | ServerUrl


def is_server_url(text: str) -> bool:
    """True for a PostgreSQL URL: recognised by its `postgresql` scheme only, so any other
    text (`x%41.db`, `data/postgres.db`) stays a file name."""
    return bool(_SERVER_SCHEME.match(text))


def db_target(text: str) -> Path | ServerUrl:
    """What `--db`/`BACKLEGS_DB` name: a PostgreSQL URL, or else a file path as typed.
    `postgresql://` means psycopg 3; another driver is refused with one line."""
    m = _SERVER_SCHEME.match(text)
    if m is None:
        return user_path(text)
    if "\x00" in text:
        raise StoreError("a database URL cannot contain a NUL byte")
    driver = (m.group(2) or "+psycopg").lower()
    if driver != "+psycopg":
        raise StoreError(
            f"backlegs talks to PostgreSQL through psycopg 3: write {SERVER_DRIVER}:// instead of "
            f"{printable_path(m.group(0))}"
        )
    return ServerUrl(SERVER_DRIVER + "://" + text[m.end():])


def check_server(target: ServerUrl) -> DbStatus:
    """The checks a server allows without connecting: the driver is installed."""
    import importlib.util

    if importlib.util.find_spec("psycopg") is None:
        raise StoreError(f"{target} is a PostgreSQL database; {POSTGRES_HINT}")
    return DbStatus(target, True, None)  # type: ignore[arg-type]
