"""`backlegs export`: every set as CSV, everything as JSON, or Strong's CSV for other apps."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator

from .common import add_db_option, existing_db, open_repository
from .errors import CliError


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


def add_parser(sub: Any) -> None:
    exp = sub.add_parser("export", help="export your data (csv, json or strong)")
    exp.add_argument("--format", choices=["csv", "json", "strong"], default="csv")
    exp.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    add_db_option(exp, sub=True)


def run(args: argparse.Namespace) -> int:
    from ..exchange.csvfmt import write_csv, write_strong
    from ..exchange.jsonfmt import dumps

    existing_db(args)
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


