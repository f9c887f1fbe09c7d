"""`backlegs serve`: the app in a web browser, e.g. a phone's at the gym (the `web` extra)."""

from __future__ import annotations

import argparse
from typing import Any

from .common import add_db_option, open_repository
from .errors import CliError

INSTALL_HINT = "serve needs the web extra: pip install 'backlegs-tui[web]' (in a checkout: pip install '.[web]')"


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"a port is a whole number from 0 to 65535, not {text!r}")
    return int(text)


def _sessions(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"a whole number from 1 to 64, not {text!r}")
    return int(text)


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="the app in a web browser, with a secret link (needs the web extra)",
        description="Serve the app to a web browser. Every tab runs the app on the same database. "
        "The printed link holds a random token; without it every request is refused.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only; 0.0.0.0: every network)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000; 0: any free port)")
    p.add_argument("--max-sessions", type=_sessions, default=4, metavar="N", help="app processes at once (default 4)")
    add_db_option(p, sub=True)


def run(args: argparse.Namespace) -> int:
    try:
        import aiohttp  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError:
        raise CliError(INSTALL_HINT) from None
    from ..web.server import ServeError, serve

    # create and migrate the database once here, so that tabs opened together do not race
    repo = open_repository(args)
    path = repo.path
    repo.close()
    assert path is not None
    try:
        return serve(path, host=args.host, port=args.port, max_sessions=args.max_sessions)
    except ServeError as exc:
        raise CliError(str(exc)) from None
