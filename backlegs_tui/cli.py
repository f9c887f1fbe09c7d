"""Command line: `backlegs` runs the app; subcommands import, export, backup and calc.

Misuse of the arguments prints argparse's usage line and error; every other error a user can
cause is one line on stderr. Exit code 2 either way, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .store.schema import StoreError, check_db, resolve_db_path

EXIT_USAGE = 2


class CliError(Exception):
    """A user error with one line to print."""


def _add_db(p: argparse.ArgumentParser, *, sub: bool = False) -> None:
    # a subcommand's --db must not overwrite one given before the subcommand
    p.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS if sub else None,
        help="database file (default: backlegs.db in the user data folder; env BACKLEGS_DB)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backlegs",
        description="A keyboard-driven terminal workout logger for lifters who train back and legs.",
        epilog="Run without a command to open the app. Keys: F1 Plan, F2 Session, F3 History, ? help, ctrl+q quit.",
    )
    parser.add_argument("--version", action="version", version=f"backlegs {__version__}")
    _add_db(parser)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a throwaway database filled with 16 weeks of demo training",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    imp = sub.add_parser("import", help="import another app's export (strong, hevy, fitnotes) or a backlegs json")
    imp.add_argument("format", choices=["strong", "hevy", "fitnotes", "json"])
    imp.add_argument("file", type=Path)
    imp.add_argument("--unit", choices=["kg", "lb"], help="weight unit of the file, where the file cannot tell")
    imp.add_argument("--dry-run", action="store_true", help="read and report, write nothing")
    imp.add_argument("--strict", action="store_true", help="import nothing if any row cannot be read")
    imp.add_argument("--json", action="store_true", help="print the summary as JSON")
    _add_db(imp, sub=True)

    exp = sub.add_parser("export", help="export your data (csv, json or strong)")
    exp.add_argument("--format", choices=["csv", "json", "strong"], default="csv")
    exp.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    _add_db(exp, sub=True)

    bak = sub.add_parser("backup", help="copy the database safely (SQLite online backup)")
    bak.add_argument("path", nargs="?", type=Path, help="backup file (default: backups/ next to the database)")
    _add_db(bak, sub=True)

    calc = sub.add_parser("calc", help="e1RM, plates per side and warm-up sets for a load")
    calc.add_argument("weight", type=str, help="load, in --unit")
    calc.add_argument("reps", nargs="?", type=str, default="1", help="reps done (for e1RM)")
    calc.add_argument("--rpe", type=str, help="RPE of the set, in half steps; the RTS chart is used from 7 up, else Epley")
    calc.add_argument("--unit", choices=["kg", "lb"], default="kg")
    return parser


def _db_path(args: argparse.Namespace) -> tuple[Path, bool]:
    return resolve_db_path(getattr(args, "db", None))


def open_repository(args: argparse.Namespace):  # -> Repository, imported lazily (slow)
    from .store.repository import Repository

    path, is_default = _db_path(args)
    return Repository.open(path, create_parent=is_default)


def run_app(args: argparse.Namespace) -> int:
    if args.demo:
        from .store.demo import make_demo_db

        path = make_demo_db()
        create_parent = False
    else:
        path, create_parent = _db_path(args)
        # refuse a bad path before the screen is taken over (standard library only: fast)
        check_db(path, create_parent=create_parent)
    from .ui.app import BacklegsApp

    app = BacklegsApp(db_path=path, create_parent=create_parent)
    app.run()
    if app.store_error:
        raise StoreError(app.store_error)
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return run_app(args)
        if args.demo:
            # the demo database is only for the app; a command on it would touch the real one
            raise CliError(f"--demo only opens the app; use --db PATH with {args.command}")
        if args.command == "calc":
            from .calc import run_calc

            return run_calc(args)
        if args.command == "backup":
            from .exchange.cli import run_backup

            return run_backup(args)
        if args.command == "export":
            from .exchange.cli import run_export

            return run_export(args)
        if args.command == "import":
            from .exchange.cli import run_import

            return run_import(args)
    except (StoreError, CliError) as exc:
        print(f"backlegs: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("backlegs: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
