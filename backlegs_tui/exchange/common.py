"""What every importer needs: decoding a file, CSV rows with their line numbers, the
numbers, dates and durations real exports write, and the rows that could not be read."""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO

from ..domain import validation
from ..domain.model import SetType, Unit
from ..domain.records import SetRecord, WorkoutRecord
from ..domain.text import printable
from ..domain.units import to_kg

# the app's own limits (domain.validation): what an import stores, the TUI could have typed
MAX_LOAD_KG = validation.MAX_LOAD_KG
MAX_REPS = validation.MAX_REPS
PROGRESS_EVERY = 2000  # rows

Progress = Callable[[int, int], None]
"""progress(done, total), in lines of the file."""


class BadFile(Exception):
    """The file is not what it claims to be; one line says why. Nothing is imported."""


class NeedsUnit(BadFile):
    """The file has weights but does not say in which unit."""


class RowError(ValueError):
    """One row cannot be read; the message is the reason shown to the lifter."""


@dataclass(frozen=True, slots=True)
class Skipped:
    line: int | None
    reason: str
    error: bool = True  # False: a row that holds no set (Strong's rest timers); --strict lets it pass


def row_errors(skipped: list[Skipped]) -> list[Skipped]:
    """The skipped rows that could not be read (not the ones that hold no set)."""
    return [s for s in skipped if s.error]


@dataclass(slots=True)
class Parsed:
    """What a parser read: workouts oldest first, the rows it skipped, what it recognised."""

    workouts: list[WorkoutRecord]
    skipped: list[Skipped] = field(default_factory=list)
    variant: str = ""
    unit: str = ""  # "kg", "lb", "per row" or "" (no weights to convert)
    mapping: dict[str, str] = field(default_factory=dict)  # exercise as written -> as stored
    left_out: int = 0  # no longer used: timed and distance sets are stored (issue 9)
    recovered: list[Skipped] = field(default_factory=list)  # rows read after a repair, and how

    @property
    def set_count(self) -> int:
        return sum(len(w.sets) for w in self.workouts)


# ---- files -----------------------------------------------------------------------------


MAX_FILE_BYTES = 200 * 1024 * 1024  # ten years of sets is a few MB; more is not an export


def import_path(text: str) -> Path:
    """The file the lifter typed (`~` and `~user` expanded); BadFile with one line for an
    unknown user or a NUL byte. The import dialog and the CLI both call this."""
    from ..store.schema import StoreError, user_path

    try:
        return user_path(text.strip())
    except StoreError as exc:
        raise BadFile(str(exc)) from None


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; BadFile with one line for
    anything else. Opened without blocking, so a FIFO or a device is refused, never waited
    on, and at most `limit` + 1 bytes are read whatever the file claims its size is."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise BadFile("no such file") from None
    except IsADirectoryError:
        raise BadFile("is a directory, not a file") from None
    except OSError as exc:
        raise BadFile(f"cannot read it ({exc.strerror or exc})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise BadFile("is a directory, not a file")
        if not stat.S_ISREG(st.st_mode):
            kind = "a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else "a device or special file"
            raise BadFile(f"is {kind}, not a regular file")
        if st.st_size > limit:
            raise BadFile(f"is too large ({st.st_size // (1024 * 1024)} MB; the limit is {limit // (1024 * 1024)} MB)")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise BadFile(f"is too large (over {limit // (1024 * 1024)} MB)")
        return b"".join(chunks)
    except OSError as exc:
        raise BadFile(f"cannot read it ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


@contextmanager
def private_output(target: Path) -> Iterator[IO[str]]:
    """A text file written beside `target` (mode 0600 whatever the umask) and renamed into
    place when the block ends, so a failed export never leaves half a file where the last
    good one was. A character device (/dev/null, a terminal) is written into, never
    replaced; so is a named pipe that a reader holds open (one with none is refused: it
    would hang). BadFile with one line for what must not be written: a folder, a pipe with
    no reader, a block device or a socket, a file of another user's (a system file), a
    missing folder, a name the file system refuses. A link to a file is followed (the file
    is replaced, the link kept)."""
    try:
        kind = _kind_of(target)
        if kind == "a directory":
            raise BadFile("is a directory; give a file name")
        if kind is not None:
            fd = _open_special(target)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                yield fh
            return
        if target.is_symlink():
            target = target.resolve()
        if target.exists() and target.stat().st_uid != os.geteuid():
            raise BadFile("belongs to another user; backlegs will not replace it")
        if target.exists() and in_system_folder(target):
            raise BadFile("is a system file; backlegs will not replace it (write the export somewhere else)")
        folder = target.parent
        if not folder.is_dir():
            raise BadFile(f"cannot be written: the folder {printable(str(folder))} does not exist")
        tmp = folder / f".{target.name}.{os.getpid()}.part"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as exc:
        raise BadFile(f"cannot be written ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# folders whose files an export or a restore never replaces, even for root (who owns them)
SYSTEM_FOLDERS = ("/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/boot", "/dev", "/proc", "/sys",
                  "/var/lib", "/var/spool", "/run", "/opt", "/srv")


def in_system_folder(path: Path) -> bool:
    try:
        resolved = str(path.resolve())
    except (OSError, RuntimeError):
        return True
    return any(resolved == f or resolved.startswith(f + "/") for f in SYSTEM_FOLDERS)


def _open_special(target: Path) -> int:
    """A file descriptor to write into a character device or a pipe with a reader; BadFile
    for anything else. Never blocks: a pipe is opened non-blocking."""
    mode = os.stat(target).st_mode
    if stat.S_ISCHR(mode):
        return os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    if stat.S_ISFIFO(mode):
        try:
            fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno == errno.ENXIO:
                raise BadFile("is a named pipe (FIFO) with nothing reading it; backlegs will not wait") from None
            raise
        os.set_blocking(fd, True)
        return fd
    raise BadFile(f"is {_kind_of(target)}; backlegs only writes regular files (leave out -o for standard output)")


def _kind_of(path: Path) -> str | None:
    from ..store.schema import file_kind

    return file_kind(path)


def read_text(path: Path) -> str:
    """The text of an export, BOM removed. BadFile for a missing, empty, binary, oversized
    or special file (a FIFO, a device) and for a name the file system refuses."""
    return decode(read_bytes(path))


def decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise BadFile("is not a text file (binary data)") from None
    elif b"\x00" in data[:65536]:
        raise BadFile("is not a text file (binary data)")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:  # spreadsheets on Windows save in cp1252
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise BadFile("is not a text file (binary data)") from None
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise BadFile("is empty")
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > len(sample) // 100:
        raise BadFile("is not a text file (binary data)")
    return text


# ---- CSV ---------------------------------------------------------------------------------


def sniff_delimiter(text: str) -> str:
    """`,`, `;` or tab: whichever the header line has most of, outside quotes."""
    end = len(text)
    for stop in ("\n", "\r"):
        i = text.find(stop)
        if i != -1:
            end = min(end, i)
    header = re.sub(r'"[^"]*"', "", text[:end])
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def normalise(name: str) -> str:
    return " ".join(name.strip().strip('"').lower().split())


@dataclass(slots=True)
class CsvTable:
    """A CSV file's header (lower-cased) and an iterator of (line, fields) rows."""

    header: list[str]
    delimiter: str
    total_lines: int
    rows: Iterator[tuple[int, list[str]]]

    def index(self, *names: str) -> int:
        """The column of the first of `names` the header has; a missing column gives the
        index of the empty cell `collect` appends to every row."""
        for n in names:
            if n in self.header:
                return self.header.index(n)
        return len(self.header)

    def has(self, name: str) -> bool:
        return name in self.header


def read_csv(text: str, progress: Progress | None = None, header: list[str] | None = None) -> CsvTable:
    """The file's rows; `header` for a file without a header row (its first line is a row)."""
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    if header is not None:
        header = [normalise(h) for h in header]
    else:
        try:
            header = [normalise(h) for h in next(reader)]
        except (StopIteration, csv.Error) as exc:
            raise BadFile(f"has no readable header ({exc})") from None
    total = text.count("\n") + 1
    ends_cleanly = text.endswith(("\n", "\r"))

    def rows() -> Iterator[tuple[int, list[str]]]:
        start = reader.line_num + 1
        fields: list[str] = []
        n = 0
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise BadFile(f"cannot be read as CSV at line {start}: {exc}") from None
            if len(fields) > 1 or (fields and fields[0].strip()):
                yield start, fields
            start = reader.line_num + 1
            n += 1
            if progress is not None and n % PROGRESS_EVERY == 0:
                progress(reader.line_num, total)
        if not ends_cleanly and fields and len(fields) < len(header):
            raise BadFile(f"looks truncated: the last row (line {start - 1}) stops mid-row; export it again")
        if progress is not None:
            progress(total, total)

    return CsvTable(header, delimiter, total, rows())


Repair = Callable[[int, list[str]], "tuple[list[str], str] | None"]
"""repair(line, fields): a row with too many fields made whole, and what was done; or None."""


def collect(
    table: CsvTable,
    free_text: int | None,
    read_row: Callable[[int, list[str]], None],
    repair: Repair | None = None,
    recovered: list[Skipped] | None = None,
) -> tuple[list[Skipped], int]:
    """Feed every row, `width` cells plus one empty, to `read_row`; return the rows skipped
    (with why; every row is either read or listed) and 0 (nothing is left out any more).
    A row with too many fields goes to `repair` first (its note into `recovered`)."""
    width = len(table.header)
    if free_text is not None and free_text >= width:
        free_text = None
    skipped: list[Skipped] = []
    for line, fields in table.rows:
        try:
            note = None
            if len(fields) > width and repair is not None:
                fixed = repair(line, fields)
                if fixed is not None:
                    fields, note = fixed
            if len(fields) != width:
                fields = fit(fields, width, free_text, table.delimiter)
            fields.append("")
            read_row(line, fields)
            if note and recovered is not None:
                recovered.append(Skipped(line, printable(note)))
        except RowError as exc:
            skipped.append(Skipped(line, printable(str(exc))))
        except NotASet as exc:
            skipped.append(Skipped(line, printable(str(exc) or "not a set"), error=False))
    return skipped, 0


def fit(fields: list[str], width: int, free_text: int | None, delimiter: str) -> list[str]:
    """`fields` with exactly `width` cells. A row with a field too many is either a trailing
    delimiter (extra cells empty: dropped) or an unquoted delimiter in a note (joined back
    into the free-text column; prose puts a space after its commas, exporters do not)."""
    extra = len(fields) - width
    if extra == 0:
        return fields
    if extra < 0:
        raise RowError(f"has {len(fields)} fields, the header has {width}")
    in_prose = free_text is not None and fields[free_text + 1].startswith(" ")
    if not in_prose and not any(f.strip() for f in fields[width:]):
        return fields[:width]
    if free_text is None:
        raise RowError(f"has {len(fields)} fields, the header has {width}")
    joined = delimiter.join(fields[free_text : free_text + extra + 1])
    return fields[:free_text] + [joined] + fields[free_text + extra + 1 :]


# backlegs' own CSV export (csvfmt.CSV_COLUMNS) starts so: a table for spreadsheets, without the
# sessions' start, end, notes and check-ins, so it is not read back; the JSON export is
OWN_CSV_START = ["date", "session", "exercise", "set_index", "set_type", "weight_kg", "reps"]
OWN_CSV = ("is backlegs' CSV export, for spreadsheets: it lacks the sessions' start, end and notes, so "
           "import does not read it; to move a log, use backlegs export --format json and import that file")


def check_own_csv(header: list[str]) -> None:
    """BadFile with one line saying which export to use, for backlegs' own CSV."""
    if header[: len(OWN_CSV_START)] == OWN_CSV_START:
        raise BadFile(OWN_CSV)


def check_columns(header: list[str], required: dict[str, tuple[str, ...]], what: str) -> None:
    """BadFile naming the missing columns, and the format the file looks like if another."""
    missing = [label for label, names in required.items() if not any(n in header for n in names)]
    if not missing:
        return
    check_own_csv(header)
    message = f"is not {what}: no {', '.join(missing)} column"
    other = guess_format(header)
    if other:
        message += f" (it looks like a {other} export: backlegs import {other.lower()} FILE)"
    else:
        shown = ", ".join(h for h in header[:8] if h) or "none"
        message += f" (its columns: {shown})"
    raise BadFile(message)


def guess_format(header: list[str]) -> str | None:
    h = set(header)
    if {"exercise_title", "start_time"} <= h:
        return "Hevy"
    if {"exercise name", "workout name"} <= h:
        return "Strong"
    if {"exercise", "category"} <= h:
        return "FitNotes"
    return None


# ---- values ------------------------------------------------------------------------------

_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


def number(text: str, what: str) -> float | None:
    """A number as exports write it (`1.5`, `1,5`, `149.99999999999997`); None if blank."""
    try:
        value = float(text)
    except ValueError:
        t = text.strip()
        if not t:
            return None
        if not _DECIMAL_COMMA.match(t):
            raise RowError(f"{what} {t!r} is not a number") from None
        value = float(t.replace(",", "."))
    if value - value != 0:  # inf or nan
        raise RowError(f"{what} {text.strip()!r} is not a number")
    return value


def number_or_none(text: str) -> float | None:
    """`text` as a number, or None when blank or not a number."""
    try:
        return number(text, "value")
    except RowError:
        return None


def weight_kg(text: str, unit: Unit | None) -> float:
    """A load in kg (blank or 0 is bodyweight); float artefacts rounded away."""
    value = number(text, "weight") or 0.0
    if value < 0:
        raise RowError(f"weight {text.strip()} is negative")
    if value == 0:
        return 0.0
    if unit is None:
        raise NeedsUnit("does not say whether its weights are in kg or lb: pass --unit kg or --unit lb "
                        "(backlegs' own Strong export is in kg)")
    kg = round(to_kg(value, unit), 3)
    if kg > MAX_LOAD_KG:
        raise RowError(f"weight {text.strip()} is over {MAX_LOAD_KG:g} kg")
    return kg + 0.0


def reps(text: str) -> int | None:
    """Reps, or None when blank."""
    value = number(text, "reps")
    if value is None:
        return None
    if value < 0:
        raise RowError(f"reps {text.strip()} is negative")
    if value != int(value):
        raise RowError(f"reps {text.strip()} is not a whole number")
    if value > MAX_REPS:
        raise RowError(f"reps {text.strip()} is over {MAX_REPS}")
    return int(value)


def rpe(text: str) -> float | None:
    """RPE 1-10, or None when blank or 0 (some apps write 0 for none)."""
    value = number(text, "RPE")
    if not value:
        return None
    if not 1 <= value <= 10:
        raise RowError(f"RPE {text.strip()} is not between 1 and 10")
    return value


def unit_word(text: str) -> Unit | None:
    """`kg`, `kgs`, `lb`, `lbs` (any case) as a Unit; None for anything else."""
    t = text.strip().lower().rstrip("s").rstrip(".")
    return {"kg": Unit.KG, "lb": Unit.LB, "pound": Unit.LB, "kilogram": Unit.KG}.get(t)


_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d %b %Y, %H:%M",
    "%d %B %Y, %H:%M",
    "%b %d, %Y, %I:%M %p",
    "%B %d, %Y, %I:%M %p",
    "%d %b %Y %H:%M",
    "%b %d %Y %I:%M %p",
    "%b %d, %Y, %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
)


def parse_datetime(text: str) -> datetime:
    """The local date-times exports write: `2021-07-07 18:35:21`, `9 Apr 2026, 17:18`,
    `May 7, 2026, 6:13 AM`, ISO 8601 with or without a zone, or a bare date."""
    t = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())
    if not t:
        raise RowError("the date is blank")
    try:
        value = datetime.fromisoformat(t.replace("Z", "+00:00"))
    except ValueError:
        value = None
    if value is None:
        t = re.sub(r"\bSept\b", "Sep", t)
        for fmt in _DATE_FORMATS:
            try:
                value = datetime.strptime(t, fmt)
                break
            except ValueError:
                continue
    if value is None:
        raise RowError(f"date {text.strip()!r} is not a date this importer knows")
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    if not 1950 <= value.year <= 2100:
        raise RowError(f"date {text.strip()!r} is out of range")
    return value


class DateCache:
    """parse_datetime, remembered: exports repeat a workout's date on each of its rows."""

    def __init__(self) -> None:
        self._seen: dict[str, datetime] = {}

    def __call__(self, text: str) -> datetime:
        value = self._seen.get(text)
        if value is None:
            value = self._seen[text] = parse_datetime(text)
        return value


_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(h|m|s|min|sec)\b")


def parse_duration(text: str) -> timedelta | None:
    """`1h 5m`, `31m`, `45s`, `1:05:00`, or plain seconds; None when blank or unreadable."""
    t = text.strip().lower()
    if not t:
        return None
    try:
        seconds = float(t)
    except ValueError:
        seconds = None
    if seconds is None and re.fullmatch(r"\d+:\d{2}(:\d{2})?", t):
        parts = [int(p) for p in t.split(":")]
        if len(parts) == 2:
            parts.insert(0, 0)
        seconds = parts[0] * 3600 + parts[1] * 60 + parts[2]
    if seconds is None:
        found = _DURATION_PART.findall(t)
        if not found:
            return None
        scale = {"h": 3600, "m": 60, "min": 60, "s": 1, "sec": 1}
        seconds = sum(float(n) * scale[u] for n, u in found)
    return timedelta(seconds=seconds) if 0 < seconds < 48 * 3600 else None


def import_key(source: str, started_at: datetime, name: str) -> str:
    return f"{source}:{started_at.isoformat(timespec='seconds')}:{name}"


class Workouts:
    """Groups rows into workouts by a key, in order of first appearance."""

    def __init__(self) -> None:
        self._by_key: dict[object, WorkoutRecord] = {}

    def get(self, key: object, make: Callable[[], WorkoutRecord]) -> WorkoutRecord:
        w = self._by_key.get(key)
        if w is None:
            w = self._by_key[key] = make()
        return w

    def oldest_first(self) -> list[WorkoutRecord]:
        return sorted((w for w in self._by_key.values() if w.sets), key=lambda w: w.started_at)


class NotASet(Exception):
    """A row that records something else (Strong's rest timers): listed in skipped, with
    the message as its reason."""


# metres per unit, for the distance units exports write
_METRES = {
    "m": 1.0, "meter": 1.0, "meters": 1.0, "metre": 1.0, "metres": 1.0,
    "km": 1000.0, "kms": 1000.0, "kilometer": 1000.0, "kilometers": 1000.0,
    "mi": 1609.344, "mile": 1609.344, "miles": 1609.344,
    "ft": 0.3048, "feet": 0.3048, "foot": 0.3048,
    "yd": 0.9144, "yds": 0.9144, "yard": 0.9144, "yards": 0.9144,
}


def metres_per(unit_text: str, default: float | None = None) -> float | None:
    """Metres in one `unit_text` (m, km, mi, ft, yd, any case); `default` when unknown."""
    return _METRES.get(unit_text.strip().lower().rstrip("."), default)


def distance_m(text: str, per_unit: float | None) -> float | None:
    """A distance in metres (None when blank or 0); RowError when unreadable or too far."""
    value = number(text, "distance")
    if not value:
        return None
    if value < 0:
        raise RowError(f"distance {text.strip()} is negative")
    if per_unit is None:
        raise RowError(f"distance {text.strip()} has no unit")
    metres = round(value * per_unit, 2)
    if metres > validation.MAX_DISTANCE_M:
        raise RowError(f"distance {text.strip()} is over {validation.MAX_DISTANCE_M / 1000:g} km")
    return metres or None


def seconds(text: str) -> int | None:
    """A set's time in whole seconds (`90`, `90.0`, `0:01:30`, `1m 30s`); None when blank or 0."""
    t = text.strip()
    if not t:
        return None
    try:
        value = float(t.replace(",", "."))
    except ValueError:
        d = parse_duration(t)
        if d is None:
            if t.strip("0:. ") == "":
                return None
            raise RowError(f"time {t!r} is not a duration") from None
        value = d.total_seconds()
    if not 0 <= value < float("inf"):  # negative, nan or inf
        raise RowError(f"time {t!r} is not a duration")
    if value > validation.MAX_DURATION_S:
        raise RowError(f"time {t} s is over a day")
    return round(value) or None


def measures(n: int | None, duration: int | None = None, distance: float | None = None) -> tuple[int, int | None, float | None]:
    """(reps, duration_s, distance_m) of a row: a timed or distance set with no reps is one
    hold or one carry (reps 1); RowError when blank, or 0 reps with no time or distance."""
    if duration is not None or distance is not None:
        return (n or 1), duration, distance
    if n is None:
        raise RowError("reps are blank (and no time or distance)")
    if n == 0:
        # Strong and Hevy write 0 reps for a set that was planned but never done
        raise RowError("0 reps (a set that was not done)")
    return n, None, None


class Sets:
    """Makes SetRecords, remembering each exercise name as cleaned up once."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def __call__(self, exercise: str, set_type: SetType, kg: float, n_reps: int, line: int, **extra) -> SetRecord:
        name = self._names.get(exercise)
        if name is None:
            name = self._names[exercise] = " ".join(exercise.split())
        if not name:
            raise RowError("the exercise name is blank")
        return SetRecord(exercise=name, set_type=set_type, weight_kg=kg, reps=n_reps, line=line, **extra)


def detect_format(path: Path) -> str:
    """strong, hevy, fitnotes or json, from the file's first line (the names `backlegs import`
    takes); BadFile when it is none of them. The CLI and the TUI's import ask this."""
    text = read_text(path)
    head = text.lstrip()
    if head.startswith(("{", "[")):
        return "json"
    first = head.splitlines()[0] if head else ""
    try:
        header = [normalise(f) for f in next(csv.reader([first], delimiter=sniff_delimiter(text)))]
    except (csv.Error, StopIteration):
        header = []
    found = guess_format(header)
    if found is None and first.count(";") >= 5 and first.split(";", 1)[0].strip('"')[:4].isdigit():
        found = "Strong"  # Strong's semicolon layout without its header row
    if found is None:
        check_own_csv(header)
        raise BadFile("is not a Strong, Hevy or FitNotes export nor a backlegs JSON file: choose its format")
    return found.lower()
