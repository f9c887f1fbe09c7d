"""`backlegs restore BACKUP [--db PATH] [--yes]`: bring a backup back.

The backup must pass SQLite's full integrity check and be a backlegs database this version
can open. The lifter confirms (or passes --yes; with no terminal to ask and no --yes the
command refuses); the current file is set aside as `<name>.replaced-YYYYmmdd-HHMMSS`, never
deleted, and the backup copied in with SQLite's backup API, 0600.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..domain.text import printable
from .common import add_db_option, db_path
from .errors import CliError


def add_parser(sub: Any) -> None:
    res = sub.add_parser(
        "restore",
        help="bring a backup back (the current database is kept as <name>.replaced-<time>)",
    )
    res.add_argument("backup", type=str, help="the backup file (backups/ next to the database holds the daily ones)")
    res.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_db_option(res, sub=True)


def _confirm(question: str) -> bool:
    sys.stderr.write(question)
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline()
    except (OSError, KeyboardInterrupt):
        return False
    return answer.strip().lower() in ("y", "yes")


def run(args: argparse.Namespace) -> int:
    from ..store.backup import check_restorable, replaced_path, restore_from
    from ..store.schema import StoreError, user_path

    target, _ = db_path(args)
    if not isinstance(target, Path):
        raise CliError(f"restore copies a SQLite file; {target} is a database server (use import json)")
    backup = user_path(args.backup)
    sessions = check_restorable(backup, target)  # StoreError with one line when it cannot be
    shown_db, shown_backup = printable(str(target)), printable(str(backup))
    if not args.yes:
        if not (sys.stdin.isatty() and sys.stderr.isatty()):
            raise CliError(f"restore replaces {shown_db}; run it in a terminal to confirm, or add --yes")
        aside = "" if not target.exists() else f"; the current file is kept as {printable(str(replaced_path(target)))}"
        question = f"Replace {shown_db} with {shown_backup} ({sessions} session{'s' if sessions != 1 else ''}){aside}? [y/N] "
        if not _confirm(question):
            print("Nothing was changed.", file=sys.stderr)
            return 1
    try:
        aside_path = restore_from(backup, target)
    except OSError as exc:
        raise StoreError(f"cannot restore {shown_backup} to {shown_db}: {exc.strerror or exc}") from None
    kept = f"; the file it replaced is {printable(str(aside_path))}" if aside_path else ""
    print(f"Restored {shown_backup} to {shown_db}{kept}")
    return 0
