"""The boundaries CI enforces: the import-linter contracts in pyproject.toml (layers
cli -> ui -> services -> exchange -> store -> domain, nothing below the UI imports Textual,
the domain is plain Python, no import cycles between sibling modules), and no private
Textual attributes read by the app."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is not installed: pip install -e '.[test]'"
    out = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert re.search(r"Contracts: [4-9] kept, 0 broken", out.stdout), out.stdout[-1000:]


def test_no_private_textual_attributes() -> None:
    """`app._screen_stacks`, `app._mode_screens` and the like change without notice between
    Textual releases; the app keeps its own records instead."""
    private = re.compile(r"\b(?:self|app|self\.app|screen)\._(?:screen_stacks|mode_screens|installed_screens|"
                         r"current_mode|registry|driver|compose_stacks|bindings)\b")
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted((ROOT / "backlegs_tui").rglob("*.py"))
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if private.search(line)
    ]
    assert not found, "\n".join(found)
