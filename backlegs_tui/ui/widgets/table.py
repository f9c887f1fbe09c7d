"""`Table`: Textual's DataTable, drawn again whole when its columns change width."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.widgets import DataTable
from textual.widgets.data_table import CellType, RowKey


class Table(DataTable[CellType]):
    """A DataTable that repaints every row when new rows widen (or narrow) its columns.

    DataTable measures new rows when it is next idle, after they may have been painted at
    the old widths. It repaints only what changed size, so rows painted before the
    measure kept the old widths: "Face pul  38  2026" under "Barbell back squat  33
    2026-11-23", when a database job landed between the rows and the measure (seen with
    jittered jobs, and once in CI as plan names cut to four letters)."""

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        before = self._widths()
        super()._update_dimensions(new_rows)
        if self._widths() != before:
            self._update_count += 1  # DataTable's own key for its cached lines
            self.refresh()

    def _widths(self) -> list[Any]:
        return [column.content_width for column in self.columns.values()]
