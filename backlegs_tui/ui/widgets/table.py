"""`Table`: Textual's DataTable, drawn again whole when its columns change width, with Home
and End going to the first and the last row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, RowKey


class Table(DataTable[CellType]):
    """A DataTable that repaints every row when new rows widen (or narrow) its columns.

    DataTable measures new rows when it is next idle, after they may have been painted at
    the old widths. It repaints only what changed size, so rows painted before the
    measure kept the old widths: "Face pul  38  2026" under "Barbell back squat  33
    2026-11-23", when a database job landed between the rows and the measure (seen with
    jittered jobs, and once in CI as plan names cut to four letters).

    Home and End go to the first and the last row (DataTable's own scroll a row table
    sideways and leave the cursor where it was: ux report 3); in the session list, End
    lands near its end and the next page loads, as for the arrows."""

    BINDINGS = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        before = self._widths()
        super()._update_dimensions(new_rows)
        if self._widths() != before:
            self._update_count += 1  # DataTable's own key for its cached lines
            self.refresh()

    def _widths(self) -> list[Any]:
        return [column.content_width for column in self.columns.values()]
