"""The baseline for the start-up benchmark: the smallest Textual app with the same frame as
backlegs (Header, a DataTable, Footer), started the same way (`python benchmarks/minimal_app.py`)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

TITLE = "minimal-bench"


class MinimalApp(App[None]):
    TITLE = TITLE

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("exercise", "sets")
        table.add_row("Barbell back squat", "3")


if __name__ == "__main__":
    MinimalApp().run()
