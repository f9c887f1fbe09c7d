"""`backlegs backup [PATH]`: a consistent copy with SQLite's online backup API."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..store.schema import ServerUrl, StoreError
from .common import add_db_option, existing_db
from .errors import CliError


def add_parser(sub: Any) -> None:
    bak = sub.add_parser("backup", help="copy the database safely (SQLite online backup)")
    bak.add_argument("path", nargs="?", type=Path, help="backup file (default: backups/ next to the database)")
    add_db_option(bak, sub=True)


def run(args: argparse.Namespace) -> int:
    import sqlite3

    from ..store.backup import backup_to, manual_backup_path

    db = existing_db(args)
    if isinstance(db, ServerUrl):
        raise CliError(
            f"backup copies a SQLite file; {db} is a PostgreSQL database: "
            "use backlegs export --format json -o backlegs.json, or pg_dump"
        )
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
