"""Write the key map generated from the bindings into README.md between its markers."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backlegs_tui.ui.keymap import markdown  # noqa: E402

START, END = "<!-- keymap:start -->", "<!-- keymap:end -->"


def main() -> int:
    readme = ROOT / "README.md"
    text = readme.read_text()
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n{markdown()}{END}{tail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
