"""The help screen: every key of the current screen, its panels (the set entry) and the app,
from their bindings, named as the lifter reads them (`j / PgDn`). Grouped under a heading
per place; each key's description wraps under itself so every word reads at 80 columns,
and the list scrolls (↑↓, PgUp/PgDn)."""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

KEY_MAX = 16  # a longer key goes on its own line, its description under it
INDENT = 2


def help_lines(rows: list[tuple[str, str, str]], width: int) -> list[Content]:
    """The help as lines of at most `width` cells: a heading per place, then each key with
    its description wrapped in a column beside it (continuation lines under the column)."""
    width = max(20, width)
    keys_w = min(KEY_MAX, max((len(key) for _w, key, _d in rows), default=4))
    desc_at = INDENT + keys_w + 2
    desc_w = max(10, width - desc_at)
    lines: list[Content] = [Content.styled(f"{'':<{INDENT}}{'Key':<{keys_w}}  What it does", "bold")]
    where_before = None
    for where, key, what in rows:
        if where != where_before:
            if where_before is not None:
                lines.append(Content(""))
            lines.append(Content.styled(where, "bold $accent"))
            where_before = where
        wrapped = textwrap.wrap(what, desc_w, break_on_hyphens=False) or [""]
        if len(key) > keys_w:
            lines.append(Content.styled(f"{'':<{INDENT}}{key}"[:width], "bold"))
            first, rest = None, wrapped
        else:
            first, rest = wrapped[0], wrapped[1:]
            lines.append(Content.styled(f"{'':<{INDENT}}{key:<{keys_w}}  ", "bold") + Content(first))
        lines.extend(Content(f"{'':<{desc_at}}{part}") for part in rest)
    return lines


class HelpKeys(Widget):
    """The grouped key list, wrapped to the widget's width (re-wrapped on resize)."""

    DEFAULT_CSS = """
    HelpKeys { height: auto; width: 1fr; }
    """

    def __init__(self, rows: list[tuple[str, str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = rows

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(help_lines(self.rows, width))

    def render(self) -> Content:
        return Content("\n").join(help_lines(self.rows, self.size.width))


class HelpScreen(ModalScreen[None]):
    """Lists (where, key, what) rows; Escape, q or ? closes it."""

    DEFAULT_CSS = """
    #help-scroll { height: 1fr; }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static("[b]Keys[/b]  ·  ctrl+p: every action by name  ·  keymap.toml remaps them", id="help-title")
            with VerticalScroll(id="help-scroll"):
                yield HelpKeys(self.rows, id="help-keys")
            yield Static("↑↓ PgUp PgDn scroll   Esc closes", id="help-foot")
