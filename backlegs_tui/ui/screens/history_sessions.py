"""History -> Sessions: every finished session, newest first, paged so ten years open as
fast as ten sessions, and the one under the cursor in full beside (or under) the list.

Reads are jobs on the app's job runner with keys: paging fast through the list asks for
the newest detail only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable

from ...domain.durations import format_hours_minutes, session_minutes
from ...domain.history import SessionDetail
from ...domain.model import SessionSummary
from ...domain.units import format_volume
from ..jobs import JobFailed
from ..widgets.history_session_detail import DELOAD_MARK, SessionDetailView
from ..widgets.table import Table
from .base import AppAccess

PAGE = 100  # sessions read at a time; the next page loads near the end of the list
# fixed column widths (an auto width renders every cell to measure it: slow on a switch);
# the session's name gets what its longest name on the first page needs, up to NAME_MAX
COLUMNS = (("Date", "date", 14), ("Session", "name", 0), ("Time", "time", 4), ("Sets", "sets", 4),
           ("Volume", "volume", 10), ("sRPE", "srpe", 4))
NAME_MIN, NAME_MAX = 12, 36
EMPTY = "No finished sessions yet. Log one in Session mode (F2); it shows here when you finish it."


@dataclass
class SessionsPage(Message):
    """Posted when a job has read a page of sessions (`offset` is its first row) and how
    many there are in all."""

    rows: list[SessionSummary]
    offset: int
    total: int
    open_since: datetime | None = None  # a session in progress (not in History until finished)


@dataclass
class SessionDetailRead(Message):
    """Posted when a job has read one session in full (None: it is gone)."""

    session_id: int
    detail: SessionDetail | None


def cursor_key(table: DataTable) -> str | None:
    """The row key under the cursor now; a highlight queued while a reload rebuilt the table
    names a row the cursor has since left."""
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


class SessionsPanel(AppAccess, Horizontal):
    """The session list and the selected session's detail."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.session_id: int | None = None
        self.detail: SessionDetail | None = None
        self.more = False
        self.loading_page = False
        self._first_page: list[tuple[str, ...]] = []  # the first page as shown: unchanged, no redraw
        self._name_width = 0
        self.open_since: datetime | None = None  # the open session's start, named in the title

    def compose(self) -> ComposeResult:
        table: DataTable[str] = Table(id="session-list", cursor_type="row", zebra_stripes=True)
        table.border_title = "Sessions"
        yield table
        with VerticalScroll(id="session-detail-box"):
            yield SessionDetailView("Opening database…", id="session-detail", markup=False)

    def _columns(self, name_width: int) -> None:
        table = self.query_one("#session-list", DataTable)
        table.clear(columns=True)
        for label, key, width in COLUMNS:
            table.add_column(label, key=key, width=width or name_width)
        self._name_width = name_width

    # ---- jobs ----------------------------------------------------------------------------

    def load(self) -> None:
        """Read the first page again (and then the selected session)."""
        self.loading_page = True
        self._read_page(0)

    def _read_page(self, offset: int) -> None:
        self.blapp.jobs.submit(
            self, "read the sessions",
            lambda repo: SessionsPage(
                repo.sessions(limit=PAGE, offset=offset), offset, repo.session_count(),
                repo.open_session_start() if offset == 0 else None,
            ),
            lambda page: page, key="history-sessions",
        )

    def _read_detail(self, session_id: int) -> None:
        self.blapp.jobs.submit(
            self, "read the session",
            lambda repo: SessionDetailRead(session_id, repo.session_detail(session_id)),
            lambda read: read, key="history-detail",
        )

    def on_job_failed(self, message: JobFailed) -> None:
        message.stop()
        self.loading_page = False
        self.query_one(SessionDetailView).update(message.line)

    # ---- the list ------------------------------------------------------------------------

    def _cells(self, message: SessionsPage) -> list[tuple[str, ...]]:
        unit = self.blapp.settings.unit
        rows = []
        for s in message.rows:
            minutes = session_minutes(s.started_at, s.ended_at)
            rows.append((
                str(s.id),
                s.started_at.strftime("%a %Y-%m-%d"),
                f"{DELOAD_MARK}{s.name}" if s.deload else s.name,
                format_hours_minutes(minutes) if minutes is not None else "-",
                str(s.set_count),
                format_volume(s.volume_kg, unit),
                f"{s.session_rpe:g}" if s.session_rpe is not None else "-",
            ))
        return rows

    def on_sessions_page(self, message: SessionsPage) -> None:
        message.stop()
        table = self.query_one("#session-list", DataTable)
        cells = self._cells(message)
        if message.offset == 0:
            self.open_since = message.open_since
            if cells == self._first_page and table.row_count:
                # coming back to History with nothing new: leave the list as it is
                self.loading_page = False
                self._title(message.total)
                self._read_detail_shown()
                return
            self._first_page = cells
            width = min(NAME_MAX, max([NAME_MIN, *(len(c[2]) for c in cells)]))
            if width != self._name_width:
                self._columns(width)
            else:
                table.clear()
        for key, *row in cells:
            if key not in table.rows:
                table.add_row(*row, key=key)
        self.more = len(message.rows) == PAGE and table.row_count < message.total
        self.loading_page = False
        self._title(message.total)
        if message.offset == 0:
            self._read_detail_shown()

    def _title(self, total: int) -> None:
        """`Sessions (46)`, and the open session if there is one: it is Session's until
        finished (History reads finished sessions only)."""
        table = self.query_one("#session-list", DataTable)
        title = f"Sessions ({table.row_count} of {total})" if self.more else f"Sessions ({total})"
        if self.open_since is not None:
            title += f" · one in progress since {self.open_since:%a %H:%M}, in Session (F2)"
        table.border_title = title

    def _read_detail_shown(self) -> None:
        """After the first page: the selected session (kept if it is still there) in full."""
        table = self.query_one("#session-list", DataTable)
        if self.session_id is not None and str(self.session_id) in table.rows:
            table.move_cursor(row=table.get_row_index(str(self.session_id)), animate=False)
            self._read_detail(self.session_id)
        elif table.row_count:
            self.session_id = int(self._first_page[0][0])
            self._read_detail(self.session_id)
        else:
            self.session_id = None
            self.query_one(SessionDetailView).update(EMPTY)

    @on(DataTable.RowHighlighted, "#session-list")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        table = event.data_table
        if self.more and not self.loading_page and event.cursor_row >= table.row_count - 10:
            self.loading_page = True
            self._read_page(table.row_count)
        key = cursor_key(table)
        if key is not None and int(key) != self.session_id:
            self.session_id = int(key)
            self._read_detail(self.session_id)

    @on(DataTable.RowSelected, "#session-list")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.query_one("#session-detail-box").focus()

    # ---- the detail ----------------------------------------------------------------------

    def on_session_detail_read(self, message: SessionDetailRead) -> None:
        message.stop()
        if message.session_id == self.session_id:
            self.detail = message.detail  # what History's corrections act on (history_edit)
            self.query_one(SessionDetailView).show(message.detail, self.blapp.settings.unit)
            self.query_one("#session-detail-box", VerticalScroll).scroll_home(animate=False)
