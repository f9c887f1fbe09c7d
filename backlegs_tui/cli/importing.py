"""`backlegs import FORMAT FILE`: another app's export, or a backlegs JSON export.

The file is read and checked before the database is opened, so a bad file writes nothing,
not even a new database.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, TextIO

from ..domain.model import Unit
from ..store.schema import resolve_db_path
from .common import add_db_option, open_repository
from .errors import CliError

if TYPE_CHECKING:
    from ..exchange.common import Progress
    from ..exchange.importing import ImportSummary

BAR_MIN_LINES = 5000  # smaller files import in a blink: no bar


class ProgressBar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    WIDTH = 30

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._last = -1
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < BAR_MIN_LINES:
            return
        pct = min(100, done * 100 // max(total, 1))
        if pct == self._last:
            return
        self._last = pct
        filled = pct * self.WIDTH // 100
        self.stream.write(f"\r{self.label:<8} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {pct:3d}%")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r" + " " * (self.WIDTH + 16) + "\r")
            self.stream.flush()
            self._drawn = False


@contextmanager
def _bar(label: str) -> Iterator[Progress]:
    bar = ProgressBar(label)
    try:
        yield bar
    finally:
        bar.close()


def _print_summary(summary: ImportSummary, as_json: bool, out: TextIO) -> None:
    if as_json:
        out.write(json.dumps(summary.as_json(), indent=2) + "\n")
    else:
        out.write("\n".join(summary.lines()) + "\n")


def add_parser(sub: Any) -> None:
    imp = sub.add_parser("import", help="import another app's export (strong, hevy, fitnotes) or a backlegs json")
    imp.add_argument(
        "format", nargs="?", choices=["strong", "hevy", "fitnotes", "json"],
        help="the file's layout (default: told from the file's first line); backlegs' own csv export is "
        "for spreadsheets and is not read back: move a log with export --format json",
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--unit", choices=["kg", "lb"],
                     help="weight unit of the file, where the file cannot tell (backlegs' strong export: kg)")
    imp.add_argument("--dry-run", action="store_true", help="read and report, write nothing")
    imp.add_argument("--strict", action="store_true", help="import nothing if any row cannot be read")
    imp.add_argument("--json", action="store_true", help="print the summary as JSON")
    add_db_option(imp, sub=True)


def run(args: argparse.Namespace) -> int:
    from ..exchange.common import BadFile, Parsed, detect_format, row_errors
    from ..exchange.importing import ImportSummary, StrictFailure, read_file, read_json, write, write_json

    path: Path = args.file
    unit = Unit(args.unit) if args.unit else None
    snapshot: dict[str, Any] | None = None
    parsed: Parsed | None = None
    try:
        fmt: str = args.format or detect_format(path)
        if fmt == "json":
            snapshot = read_json(path)
        else:
            with _bar("Reading") as bar:
                parsed = read_file(fmt, path, unit, progress=bar)
            if args.strict and row_errors(parsed.skipped):
                # refuse before the database is even opened
                raise StrictFailure(ImportSummary(fmt, parsed.variant, parsed.unit, skipped=list(parsed.skipped)))
    except StrictFailure as exc:
        if args.json:
            _print_summary(exc.summary, True, sys.stdout)
        else:
            print("\n".join(exc.summary.skipped_lines()), file=sys.stderr)
        raise CliError(f"{path}: {exc}") from None
    except BadFile as exc:
        raise CliError(f"{path}: {exc}") from None
    with _import_target(args) as repo:
        if snapshot is not None:
            from ..store.bulk import SnapshotError

            try:
                summary = write_json(repo, snapshot, dry_run=args.dry_run)
            except SnapshotError as exc:
                raise CliError(f"{path}: {exc}") from None
        else:
            assert parsed is not None
            with _bar("Writing") as bar:
                summary = write(repo, fmt, parsed, dry_run=args.dry_run, progress=bar)
    _print_summary(summary, args.json, sys.stdout)
    return 0


@contextmanager
def _import_target(args: argparse.Namespace) -> Iterator[Any]:
    """The repository to import into; for a dry run with no database yet, a throwaway one
    (seeded like a new database), so that a dry run creates nothing."""
    path, _ = resolve_db_path(getattr(args, "db", None))
    throwaway = args.dry_run and isinstance(path, Path) and not path.exists()
    with tempfile.TemporaryDirectory(prefix="backlegs-dry-run-") if throwaway else nullcontext() as tmp:
        if tmp is not None:
            from ..store.repository import Repository

            repo = Repository.open(Path(tmp) / "dry-run.db")
        else:
            repo = open_repository(args)
        try:
            yield repo
        finally:
            repo.close()


