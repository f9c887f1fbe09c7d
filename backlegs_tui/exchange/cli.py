"""`backlegs import`, `backlegs export` and `backlegs backup`.

Every user error ends as one CliError line (exit 2, printed by backlegs.cli.main). The file
to import is read and checked before the database is opened, so a bad file writes nothing,
not even a new database.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import IO, Any, Iterator, TextIO

from ..cli import CliError, open_repository
from ..domain.model import Unit
from ..store.schema import StoreError, check_db, resolve_db_path
from .common import BadFile, Parsed, Progress
from .importing import ImportSummary, StrictFailure, read_file, read_json, write, write_json

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


# ---- import ---------------------------------------------------------------------------------


def run_import(args: argparse.Namespace) -> int:
    fmt: str = args.format
    path: Path = args.file
    unit = Unit(args.unit) if args.unit else None
    snapshot: dict[str, Any] | None = None
    parsed: Parsed | None = None
    try:
        if fmt == "json":
            snapshot = read_json(path)
        else:
            with _bar("Reading") as bar:
                parsed = read_file(fmt, path, unit, progress=bar)
            if args.strict and parsed.skipped:
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
    throwaway = args.dry_run and not path.exists()
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


# ---- export ---------------------------------------------------------------------------------


def _existing_db(args: argparse.Namespace) -> Path:
    path, _ = resolve_db_path(getattr(args, "db", None))
    if not path.exists():
        raise CliError(f"there is no database at {path}")
    check_db(path)
    return path


@contextmanager
def _output(target: Path | None) -> Iterator[IO[str]]:
    """stdout, or a file written beside its final name and renamed into place when done (a
    failed export never leaves half a file where the last good one was)."""
    if target is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    if target.is_dir():
        raise CliError(f"{target} is a directory; give a file name")
    if target.exists() and not target.is_file():  # a device or a pipe: written to, never replaced
        with open(target, "w", encoding="utf-8", newline="") as fh:
            yield fh
        return
    target = target.resolve() if target.is_symlink() else target  # replace the file, keep the link
    folder = target.parent
    if not folder.is_dir():
        raise CliError(f"the folder {folder} does not exist")
    tmp = folder / f".{target.name}.{os.getpid()}.part"
    try:
        fh = open(tmp, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise CliError(f"cannot write to {folder} ({exc.strerror})") from None
    try:
        with fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def run_export(args: argparse.Namespace) -> int:
    from .csvfmt import write_csv, write_strong
    from .jsonfmt import dumps

    _existing_db(args)
    repo = open_repository(args)
    try:
        with _writing(args.output), _output(args.output) as out:
            if args.format == "json":
                snapshot = repo.snapshot()
                out.write(dumps(snapshot))
                count = sum(len(s["sets"]) for s in snapshot["sessions"])
            elif args.format == "strong":
                count = write_strong(repo.logged_sets(), out)
            else:
                count = write_csv(repo.logged_sets(), out)
    finally:
        repo.close()
    if args.output is not None:
        print(f"Exported {count} set{'s' if count != 1 else ''} ({args.format}) to {args.output}", file=sys.stderr)
    return 0


@contextmanager
def _writing(target: Path | None) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        raise CliError(f"cannot write {target or 'to standard output'} ({exc.strerror or exc})") from None


# ---- backup ---------------------------------------------------------------------------------


def run_backup(args: argparse.Namespace) -> int:
    import sqlite3

    from ..store.backup import backup_to, manual_backup_path

    db = _existing_db(args)
    dest: Path = args.path if args.path is not None else manual_backup_path(db)
    if dest.is_dir():
        dest = dest / manual_backup_path(db).name
    if dest.exists():
        raise CliError(f"{dest} already exists; give a new file name")
    if not dest.parent.exists() and args.path is not None:
        raise CliError(f"the folder {dest.parent} does not exist")
    try:
        backup_to(db, dest)
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"cannot back up {db} to {dest}: {exc}") from None
    print(f"Backed up {db} to {dest}")
    return 0
