"""`backlegs`: the argument parser, running the app, and dispatch to the subcommands.

Every error a user can cause, misused arguments included, is one line on stderr, exit code 2,
never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from .. import __version__
from ..domain.text import printable
from ..store.schema import QuickCheck, ServerUrl, StoreError, check_db
from .common import add_db_option, db_path
from .errors import EXIT_USAGE, CliError

# subcommand name -> its module (add_parser(subparsers), run(args)); in the order of --help
SUBCOMMANDS = {
    "import": "importing",
    "export": "export",
    "backup": "backup",
    "restore": "restore",
    "calc": "calc",
    "plan": "plan",
    "report": "report",
    "serve": "serve",
}


def _command(name: str) -> ModuleType:
    return importlib.import_module(f".{SUBCOMMANDS[name]}", __package__)


def _wants_commands(argv: Sequence[str]) -> bool:
    """True when the arguments may name a subcommand or ask for help: then the subcommands'
    own parsers are built (opening the app imports none of their modules: start-up)."""
    return any(a in SUBCOMMANDS or a in ("-h", "--help") for a in argv)


class OneLineParser(argparse.ArgumentParser):
    """argparse whose errors are one line, as every other error of the CLI: what is wrong and
    where the help is (argparse prints its usage lines first, 2-3 lines before the reason)."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {printable(message)} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="backlegs",
        description="A keyboard-driven terminal workout logger for lifters who train back and legs.",
        epilog="Run without a command to open the app. Keys: F1 Plan, F2 Session, F3 History, ? help, ctrl+q quit.",
    )
    parser.add_argument("--version", action="version", version=f"backlegs {__version__}")
    add_db_option(parser)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a throwaway database filled with 16 weeks of demo training",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    full = _wants_commands(sys.argv[1:] if argv is None else argv)
    for name in SUBCOMMANDS:
        if full:
            _command(name).add_parser(sub)
        else:
            sub.add_parser(name)  # never parsed: no argument names it
    return parser


def _has_terminal() -> bool:
    """True when the app has a terminal to draw on: Textual reads keys from standard input and
    draws on standard error (or a driver of its own is named: `backlegs serve`'s browser)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    streams = (sys.__stdin__, sys.__stderr__)
    try:
        return all(s is not None and os.isatty(s.fileno()) for s in streams)
    except (OSError, ValueError):  # a closed or replaced stream
        return False


def _need_terminal(check: QuickCheck | None = None) -> None:
    """CliError unless there is a terminal: Textual would draw into a pipe or a log and read a
    closed input forever, at full CPU. A damaged database is still said first (`check`)."""
    if not _has_terminal():
        if check is not None:
            check.wait()
        raise CliError(
            "the app needs a terminal (its input or error output is not one); "
            "the commands work without one: see backlegs --help"
        )


def run_app(args: argparse.Namespace) -> int:
    check: QuickCheck | None = None
    first_start = False  # a database file created now: offer the first-start wizard
    if args.demo:
        if args.db is not None:  # given on the command line (BACKLEGS_DB alone is no request)
            raise CliError("--demo opens a throwaway database of its own; leave out --db to try it, "
                           "or --demo to open PATH")
        _need_terminal()
        from ..store.demo import make_demo_db

        path = make_demo_db()
        create_parent = False
    else:
        path, create_parent = db_path(args)
        # refuse a bad path before the screen is taken over (standard library only: fast);
        # SQLite's quick check (~100 ms on ten years of sets) runs in a thread meanwhile
        status = check_db(path, create_parent=create_parent, quick_check=False)
        if status.exists and not isinstance(path, ServerUrl):
            check = QuickCheck(path)
        _need_terminal(check)  # after the path's own errors, which say more
        # BACKLEGS_FIRST_START=skip: never (a script driving the app, the pty tests)
        first_start = not status.exists and os.environ.get("BACKLEGS_FIRST_START", "").strip().lower() != "skip"
    from ..ui.app import BacklegsApp

    app = BacklegsApp(db_path=path, create_parent=create_parent, first_start=first_start)
    if check is not None:
        check.wait()  # a damaged file: one line on stderr, exit 2, nothing painted
    app.run()
    if app.store_error:
        raise StoreError(app.store_error)
    return app.return_code or 0


def _database_error(exc: BaseException) -> bool:
    """An error raised by SQLAlchemy or a database driver (a file whose tables do not match
    its recorded version, a server gone): one line, never a traceback."""
    sqlalchemy_exc = sys.modules.get("sqlalchemy.exc")
    if sqlalchemy_exc is not None and isinstance(exc, sqlalchemy_exc.SQLAlchemyError):
        return True
    sqlite3 = sys.modules.get("sqlite3")
    return sqlite3 is not None and isinstance(exc, sqlite3.Error)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return run_app(args)
        if args.demo:
            # the demo database is only for the app; a command on it would touch the real one
            raise CliError(f"--demo only opens the app; use --db PATH with {args.command}")
        if args.command in SUBCOMMANDS:
            return _command(args.command).run(args)
    except (StoreError, CliError) as exc:
        print(f"backlegs: {printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("backlegs: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file-system refusal no check foresaw (a name too long): one line
        where = f"{printable(str(exc.filename))}: " if exc.filename else ""
        print(f"backlegs: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        if not _database_error(exc):
            raise
        from ..store.errors import describe_error

        print(f"backlegs: {printable(describe_error(exc))}", file=sys.stderr)
        return EXIT_USAGE
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
