"""Helpers the subcommands share: the database a command works on."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..store.schema import ServerUrl, check_db, printable_path, resolve_db_path
from .errors import CliError

if TYPE_CHECKING:
    from ..store.repository import Repository


def add_db_option(p: argparse.ArgumentParser, *, sub: bool = False) -> None:
    """`--db PATH`; a subcommand's --db must not overwrite one given before the subcommand."""
    p.add_argument(
        "--db",
        metavar="PATH|URL",
        default=argparse.SUPPRESS if sub else None,
        help="database file, or a PostgreSQL URL postgresql+psycopg://user@host/dbname "
        "(default: backlegs.db in the user data folder; env BACKLEGS_DB)",
    )


def db_path(args: argparse.Namespace) -> tuple[Path | ServerUrl, bool]:
    """The database path the command names (or the default) and whether it is the default."""
    return resolve_db_path(getattr(args, "db", None))


def open_repository(args: argparse.Namespace) -> Repository:
    """The command's database, opened and migrated (created where it is the default)."""
    from ..store.repository import Repository

    path, is_default = db_path(args)
    return Repository.open(path, create_parent=is_default)


def existing_db(args: argparse.Namespace) -> Path | ServerUrl:
    """The command's database, which must already exist and be ours (a PostgreSQL database
    is checked when the command connects to it). A missing file, an empty one and a SQLite
    file with no backlegs tables are refused with one line and left as they are: only the
    app and the commands that write (import, restore) make a new database. A database of an
    older backlegs is upgraded, after a backup, as the app upgrades it."""
    path, _ = db_path(args)
    if isinstance(path, ServerUrl):
        check_db(path)
        return path
    if not path.exists():
        raise CliError(f"there is no database at {printable_path(path)}")
    if path.is_file() and path.stat().st_size == 0:
        raise CliError(f"{printable_path(path)} is empty: not a backlegs database (it was left as it is)")
    status = check_db(path)
    if status.revision is None:
        raise CliError(f"{printable_path(path)} has no backlegs tables: not a backlegs database (it was left as it is)")
    return path
