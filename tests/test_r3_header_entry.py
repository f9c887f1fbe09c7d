"""Tester 3, finding 11 (the set entry): the RPE field took `10102.`, whose text overflowed
its room and pushed the `[working]` label off the line. Each field now takes no more
characters than its room on screen."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App, ComposeResult

from backlegs_tui.domain.model import LoadKind, SetType
from backlegs_tui.ui.widgets.set_entry import SetEntry


class _EntryApp(App):
    CSS = "SetEntry { width: 52; height: 1; }"  # its room at 80 columns

    def compose(self) -> ComposeResult:
        yield SetEntry(id="entry")


async def _typed(kind: LoadKind, moves: int, keys: str) -> SetEntry:
    app = _EntryApp()
    async with app.run_test(size=(80, 5)) as pilot:
        entry = app.query_one(SetEntry)
        entry.load("225", "10", SetType.WORKING, weight_step=5, bodyweight=False, kind=kind)
        entry.focus()
        room = cell_len(entry.render().plain)  # the line as laid out, before any typing
        await pilot.press(*["right"] * moves, *keys)
        text = entry.render()
        assert cell_len(text.plain) == room and text.plain.endswith("[working]"), text.plain
        if kind is LoadKind.WEIGHTED:
            assert room <= 52
        return entry


async def test_the_rpe_field_takes_no_more_than_it_shows() -> None:
    entry = await _typed(LoadKind.WEIGHTED, 2, "10102.")
    assert entry.effort == "1010"  # refused on Enter ('RPE goes from 1 to 10'), but it fits


async def test_every_field_stops_at_its_room() -> None:
    entry = await _typed(LoadKind.WEIGHTED, 0, "12345678")
    assert entry.weight == "123456"
    entry = await _typed(LoadKind.WEIGHTED, 1, "12345")
    assert entry.reps == "123"
    entry = await _typed(LoadKind.TIMED, 0, "123:45:6")
    assert entry.duration == "123:4"
    entry = await _typed(LoadKind.DISTANCE, 0, "1234567")
    assert entry.distance == "12345"
