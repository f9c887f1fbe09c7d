"""Helpers for the import, export and backup tests: the fixture files and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from backlegs_tui.cli import main

DATA = Path(__file__).parent / "data" / "imports"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`backlegs ARGV`: exit code, stdout, stderr; never a traceback."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err
