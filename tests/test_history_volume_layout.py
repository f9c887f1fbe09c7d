"""History -> Volume in 80, 120 and 200 columns (issue 8): no line wider than the room, the
bar's heading whole, the landmark note wrapped under the bar (never back at column 0), and
the wider room showing more of the earlier weeks."""

from __future__ import annotations

from datetime import date, timedelta

from backlegs_tui.domain.volume import WeekVolume
from backlegs_tui.ui.widgets.history_volume import NOTE_AT, volume_content

LANDMARKS = {"back": (8, 10, 14, 22, 25), "quads": (6, 8, 12, 18, 20), "glutes": (0, 0, 4, 12, 16)}
MONDAY = date(2026, 11, 30)


def weeks(n: int = 26) -> list[WeekVolume]:
    out = [WeekVolume(MONDAY - timedelta(days=7 * k), {"back": 24.5, "quads": 15.5, "glutes": 23, "biceps": 10})
           for k in range(n)]
    return out[::-1]


def lines(width: int, run: list[WeekVolume] | None = None) -> list[str]:
    return volume_content(run or weeks(), LANDMARKS, MONDAY, width).plain.splitlines()


def test_the_volume_table_fits_80_columns_with_its_notes_under_the_bar() -> None:
    shown = lines(74)  # the panel's room at 80x24
    assert all(len(line) <= 74 for line in shown), [line for line in shown if len(line) > 74]
    head = next(line for line in shown if line.startswith("Muscle"))
    assert "landmarks " in head and "Zone" in head  # a whole heading, not "sets against the lan"
    at = next(i for i, line in enumerate(shown) if line.startswith("back "))
    note = []
    for line in shown[at + 1:]:
        if not line.startswith(" "):
            break
        note.append(line)
    assert len(note) == 2 and all(line.startswith(" " * NOTE_AT) and line[NOTE_AT] != " " for line in note), note
    assert " ".join(line.strip() for line in note) == "MV 8 · MEV 10 · MAV 14-22 · MRV 25: above MAV 14-22, under MRV 25"


def test_wider_room_shows_more_earlier_weeks_and_no_weeks_before_the_first() -> None:
    def week_columns(width: int, run: list[WeekVolume] | None = None) -> int:
        head = next(line for line in lines(width, run) if line.startswith("Muscle"))
        return head.count("-")

    assert week_columns(74) == 4 and week_columns(118) == 8 and week_columns(198) == 22
    assert "sets against the landmarks" in lines(118)[2]
    assert all(len(line) <= 198 for line in lines(198))
    run = [WeekVolume(MONDAY - timedelta(days=7 * k)) for k in range(20, 3, -1)] + weeks(4)
    assert week_columns(198, run) == 3  # the weeks before any training are not columns of zeros
