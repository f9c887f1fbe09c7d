"""What every subcommand raises and how the CLI reports it."""

from __future__ import annotations

EXIT_USAGE = 2  # argument misuse and every user error: one line on stderr


class CliError(Exception):
    """A user error with one line to print."""
