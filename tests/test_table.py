"""`Table` (ui/widgets/table.py): rows painted before DataTable measured them are painted
again at the measured widths (a History snapshot showed "Face pul  38  2026" under a
whole "Barbell back squat" row, one run in a dozen with jittered database jobs)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from backlegs_tui.ui.widgets.table import Table


class OneTable(App[None]):
    def __init__(self, table: DataTable) -> None:
        super().__init__()
        self.table = table

    def compose(self) -> ComposeResult:
        yield self.table


async def painted_then_measured(table: DataTable) -> str:
    """Row 2 as painted after the measure, when it was first painted before it."""
    async with OneTable(table).run_test(size=(60, 8)) as pilot:
        table.add_column("Exercise", key="name")
        table.add_column("Sets", key="sets")
        await pilot.pause()
        table.add_row("Chest-supported row", "33", key="a")
        table.add_row("Face pull", "38", key="b")
        assert "Face pul " in table.render_line(2).text  # painted before the measure
        table._update_dimensions(list(table._new_rows))  # what DataTable does when next idle
        return table.render_line(2).text


async def test_rows_painted_before_the_measure_are_painted_again_at_its_widths() -> None:
    assert "Face pull            38" in await painted_then_measured(Table())


async def test_the_plain_datatable_keeps_the_old_widths() -> None:
    """Why `Table` exists: when this fails, Textual mends it and `Table` can go."""
    assert "Face pul  38" in await painted_then_measured(DataTable())


async def cursor_after(table: DataTable, *keys: str) -> int:
    async with OneTable(table).run_test(size=(40, 6)) as pilot:
        table.cursor_type = "row"
        table.add_column("Plan", key="plan")
        for n in range(12):
            table.add_row(f"plan {n}", key=str(n))
        table.focus()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        return table.cursor_row


async def test_end_and_home_go_to_the_last_and_the_first_row() -> None:
    assert await cursor_after(Table(), "end") == 11
    assert await cursor_after(Table(), "end", "home") == 0


async def test_the_plain_datatable_end_leaves_the_cursor() -> None:
    """Why `Table` binds them (ux report 3: End scrolled the sessions sideways)."""
    assert await cursor_after(DataTable(), "end") == 0
