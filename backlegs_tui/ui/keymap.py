"""The key map as Markdown, built from the bindings themselves (the README embeds it, and a
test checks that the README's copy is current)."""

from __future__ import annotations

from textual.binding import Binding

NAMES = {
    "enter": "Enter", "escape": "Esc", "question_mark": "?", "left_square_bracket": "[",
    "right_square_bracket": "]", "pagedown": "PgDn", "pageup": "PgUp", "delete": "Del",
    "backspace": "Backspace", "up": "↑", "down": "↓", "left": "←", "right": "→", "tab": "Tab",
    "shift+tab": "shift+Tab", "plus": "+", "minus": "-", "equals_sign": "=",
}


def key_text(keys: str) -> str:
    out = []
    for k in keys.split(","):
        k = k.strip()
        out.append(NAMES.get(k, k.upper() if k.startswith("f") and k[1:].isdigit() else k))
    return " / ".join(f"`{k}`" for k in out)


def _rows(bindings: list) -> list[tuple[str, str]]:
    rows = []
    for b in bindings:
        if isinstance(b, Binding) and b.description:
            rows.append((key_text(b.key), b.description))
    return rows


def sections() -> list[tuple[str, list[tuple[str, str]]]]:
    from .app import BacklegsApp
    from .screens.history import HistoryScreen
    from .screens.plan import PlanScreen
    from .screens.plan_catalogue import CatalogueScreen
    from .screens.session import SessionScreen
    from .widgets.set_entry import SetEntry

    return [
        ("Everywhere", _rows(BacklegsApp.BINDINGS) + [("`ctrl+p`", "Command palette: every action by name")]),
        ("Session", _rows(SessionScreen.BINDINGS)),
        ("Session: the set entry", _rows(SetEntry.BINDINGS) + [("`0`-`9` `.`", "Type into the focused field (the first key replaces it)")]),
        ("Plan", _rows(PlanScreen.BINDINGS)),
        ("Plan: exercise catalogue", _rows(CatalogueScreen.BINDINGS)),
        ("History", _rows(HistoryScreen.BINDINGS)),
    ]


def markdown() -> str:
    lines = []
    for title, rows in sections():
        lines += [f"**{title}**", "", "| key | what it does |", "|---|---|"]
        lines += [f"| {k} | {d} |" for k, d in rows]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
