"""The floor for a mode switch: the smallest Textual app with three modes (F1, F2, F3) whose
screens are about as big as backlegs' (Header; a 100-row, 6-column DataTable; a scrolling
column of 12 Statics; a Footer with 8 keys: about 30 widgets, backlegs' have 22-43). It reads
no database: what a switch costs here is Textual's own work (restyle the screen, lay it out,
repaint every cell of the terminal). Started like backlegs (`python benchmarks/minimal_modes.py`)
and timed the same way (`bench_interaction.py --modes`).

Each screen's table title names its mode ("Minimal plan", ...): the text the benchmark waits for.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

TITLE = "minimal-modes"


class ModeScreen(Screen):
    """One mode: a session list beside a detail, like History."""

    NAME = ""
    BINDINGS = [Binding(k, f"noop('{k}')", f"Key {k}") for k in "abcdefgh"]
    CSS = """
    DataTable { width: 1fr; border: round $accent; }
    VerticalScroll { width: 1fr; border: round $panel-lighten-2; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
            table.border_title = f"Minimal {self.NAME}"
            yield table
            with VerticalScroll():
                for i in range(12):
                    yield Static(f"{self.NAME} line {i}: 100 kg x 5 @8, 102.5 kg x 5 @8.5")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in (("Date", 14), ("Session", 24), ("Time", 4), ("Sets", 4), ("Volume", 10), ("sRPE", 4)):
            table.add_column(label, width=width)
        for i in range(100):
            table.add_row(f"Mon 2026-11-{i % 28 + 1:02}", f"Back & Legs {i}", "0:45", "18", "13,372 kg", "7.5")

    def action_noop(self, key: str) -> None:
        pass

    settled = False

    def on_screen_resume(self) -> None:
        # as backlegs does (ui/screens/base.py): Textual leaves a mode's screen marked stale
        # after its first show, and would re-read all CSS on the second; one refresh while
        # the screen is shown settles it, so the floor is that of a plain switch
        if not self.settled:
            self.settled = True
            self.set_timer(0.3, self._settle_css)

    def _settle_css(self) -> None:
        if self.app.screen is self:
            self.app.refresh_css(animate=False)
        else:
            self.settled = False


class PlanModeScreen(ModeScreen):
    NAME = "plan"


class SessionModeScreen(ModeScreen):
    NAME = "session"


class HistoryModeScreen(ModeScreen):
    NAME = "history"


class MinimalModes(App[None]):
    TITLE = TITLE
    MODES = {"plan": PlanModeScreen, "session": SessionModeScreen, "history": HistoryModeScreen}
    BINDINGS = [
        Binding("f1", "switch_mode('plan')", "Plan"),
        Binding("f2", "switch_mode('session')", "Session"),
        Binding("f3", "switch_mode('history')", "History"),
    ]

    def on_mount(self) -> None:
        self.theme = "gruvbox"
        self.switch_mode("session")


if __name__ == "__main__":
    MinimalModes().run()
