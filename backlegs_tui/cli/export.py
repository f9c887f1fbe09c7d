"""`backlegs export`: every set as CSV, everything as JSON, or Strong's CSV for other apps."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..domain.text import printable
from .common import add_db_option, existing_db
from .errors import CliError


@contextmanager
def _output(target: Path | None) -> Iterator[IO[str]]:
    """stdout, or a regular file of ours written 0600 beside its final name and renamed into
    place when done (exchange.common.private_output: a FIFO, a device, a folder or another
    user's file is refused with one line)."""
    from ..exchange.common import BadFile, private_output

    if target is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    try:
        with private_output(target) as fh:
            yield fh
    except BadFile as exc:  # raised before the body runs: the target is refused
        raise CliError(f"{printable(str(target))} {exc}") from None


def add_parser(sub: Any) -> None:
    exp = sub.add_parser("export", help="export your data (csv, json or strong)")
    exp.add_argument(
        "--format", choices=["csv", "json", "strong"], default="csv",
        help="csv: every set, for spreadsheets (not read back by import); json: everything, to move or "
        "restore a log (import json); strong: Strong's CSV for other apps, weights in kg (default: csv)",
    )
    exp.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    add_db_option(exp, sub=True)


def run(args: argparse.Namespace) -> int:
    from ..exchange.csvfmt import write_csv, write_strong
    from ..exchange.jsonfmt import dumps
    from ..store.repository import Repository

    repo = Repository.open(existing_db(args))
    try:
        with open_output(args.output) as out:
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
        kg = "; weights in kg (import it with --unit kg)" if args.format == "strong" else ""
        print(f"Exported {count} set{'s' if count != 1 else ''} ({args.format}) to {args.output}{kg}", file=sys.stderr)
    return 0


@contextmanager
def open_output(target: Path | None) -> Iterator[IO[str]]:
    """Where `-o FILE` (or standard output) is written, for every command that writes a file:
    one line for a refused target or a failed write."""
    with _writing(target), _output(target) as out:
        yield out


@contextmanager
def _writing(target: Path | None) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        raise CliError(f"cannot write {target or 'to standard output'} ({exc.strerror or exc})") from None


