"""Command line: `backlegs` runs the app; each subcommand is a module of this package.

A subcommand module has `add_parser(subparsers)` and `run(args) -> int`, imports
`errors` (never `main`), and imports what is slow (SQLAlchemy, the exchange formats) inside
`run`, so that building the parser stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """The `backlegs` entry point (see `entry.main`)."""
    from .entry import main as _main

    return _main(argv)


__all__ = ["main"]
