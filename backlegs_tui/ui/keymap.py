"""The key map as Markdown, built from the bindings themselves: the README embeds it and
tests/test_readme.py checks that the README's copy is current. Print it with
`python -m backlegs_tui.ui.keymap`."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding

from .keys import key_text, screen_binding_classes

SET_ENTRY_EXTRA = [
    ("`0`-`9` `.`", "Type into the focused field (the first key replaces it)", ""),
]


def _rows(bindings: Iterable[object]) -> list[tuple[str, str, str]]:
    return [
        (key_text(b.key), b.description, f"`{b.id}`" if b.id else "")
        for b in bindings
        if isinstance(b, Binding) and b.description
    ]


def sections() -> list[tuple[str, list[tuple[str, str, str]]]]:
    from .app import BacklegsApp

    out = [("Everywhere", _rows(BacklegsApp.BINDINGS) + [("`ctrl+p`", "Command palette: every action by name", "")])]
    for title, bindings in screen_binding_classes():
        rows = _rows(bindings)
        if title == "Session: the set entry":
            rows += SET_ENTRY_EXTRA
        out.append((title, rows))
    return out


def markdown() -> str:
    lines = []
    for title, rows in sections():
        lines += [f"**{title}**", "", "| key | what it does | id (keymap.toml) |", "|---|---|---|"]
        lines += [f"| {k} | {d} | {i} |" for k, d, i in rows]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
