"""The weekly schedule: Monday to Sunday and the plans planned on each day."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from textual.widgets import DataTable

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_strip(weekdays: Iterable[int]) -> str:
    """`M··T···`: the initial of each weekday a plan is on, a dot for the others."""
    on = set(weekdays)
    return "".join(d[0] if wd in on else "·" for wd, d in enumerate(WEEKDAYS))


class WeekSchedule(DataTable[str]):
    """Seven rows, one a weekday, with the plans on it; the days of the selected plan are
    marked. The cursor row is the day `x` clears."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.show_header = False
        self.add_column("Day", key="day", width=4)
        self.add_column("Plans", key="plans")
        for wd, day in enumerate(WEEKDAYS):
            self.add_row(day, "-", key=str(wd))

    def show(
        self, schedule: Mapping[int, Sequence[int]], names: Mapping[int, str], selected: int | None,
        minutes: Mapping[int, int] | None = None,
    ) -> None:
        """Each day's plans, each with its estimated minutes (`minutes`: plan id to minutes)."""
        minutes = minutes or {}
        for wd, day in enumerate(WEEKDAYS):
            ids = schedule.get(wd, ())
            plans = ", ".join(
                names.get(pid, "?") + (f" ~{minutes[pid]} min" if pid in minutes else "") for pid in ids
            ) or "rest"
            mark = "●" if selected in ids else " "
            self.update_cell(str(wd), "day", f"{day}{mark}")
            self.update_cell(str(wd), "plans", plans, update_width=True)

    @property
    def weekday(self) -> int:
        """The weekday under the cursor (0 = Monday)."""
        return self.cursor_row


def week_sets_line(week_sets: Mapping[str, tuple[float, float]], muscles: Sequence[str]) -> str:
    """`back 14-17 · quads 9-11`: the week's hard sets per landmarked muscle, as scheduled."""
    def n(v: float) -> str:
        return f"{v:.1f}".rstrip("0").rstrip(".")

    parts = []
    for m in muscles:
        lo, hi = week_sets.get(m, (0.0, 0.0))
        parts.append(f"{m} {n(hi)}" if lo == hi else f"{m} {n(lo)}-{n(hi)}")
    return " · ".join(parts)
