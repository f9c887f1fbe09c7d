"""The help screen: every key of the current screen, its panels (the set entry) and the app,
from their bindings, named as the lifter reads them (`j / PgDn`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static


class HelpScreen(ModalScreen[None]):
    """Lists (where, key, what) rows; Escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static("[b]Keys[/b]  ·  ctrl+p: every action by name  ·  keymap.toml remaps them", id="help-title")
            table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
            table.add_columns("Where", "Key", "What it does")
            for row in self.rows:
                table.add_row(*row)
            yield table
            yield Static("Esc closes", id="help-foot")
