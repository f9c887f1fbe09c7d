"""The README stays true: its key map matches the bindings, .ci/run runs its test command,
and every screenshot it shows exists."""

from __future__ import annotations

import re
from pathlib import Path

from backlegs_tui.ui.keymap import markdown

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def test_key_map_matches_the_bindings() -> None:
    section = README.split("<!-- keymap:start -->\n", 1)[1].split("<!-- keymap:end -->", 1)[0]
    assert section == markdown(), "run: .venv/bin/python scripts/update_readme_keymap.py"


def test_two_commands_come_first() -> None:
    blocks = re.findall(r"```\n(.*?)\n```", README, re.S)
    assert blocks[0].endswith(".venv/bin/backlegs")
    assert "pip install -e '.[test]'" in blocks[1] and "pytest" in blocks[1]
    assert "<!-- test-command -->\n```\n" + blocks[1] in README


def test_ci_reads_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert "test-command" in ci and "README.md" in ci


def test_screenshots_exist() -> None:
    for name in re.findall(r"\(screenshots/([\w-]+\.svg)\)", README):
        assert (ROOT / "screenshots" / name).is_file(), name
