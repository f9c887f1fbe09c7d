"""The weekly schedule: Monday to Sunday and the plans planned on each day."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

from textual.widgets.data_table import ColumnKey

from .plan_fit import clip, first_fitting
from .table import Table

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_strip(weekdays: Iterable[int]) -> str:
    """`M··T···`: the initial of each weekday a plan is on, a dot for the others."""
    on = set(weekdays)
    return "".join(d[0] if wd in on else "·" for wd, d in enumerate(WEEKDAYS))


def cleared_line(weekday: int, plans: Sequence[str]) -> str:
    """What `x` did to a day: `Monday cleared: Back & Legs taken off (now a rest day)`."""
    day = WEEKDAY_NAMES[weekday]
    if not plans:
        return f"{day} is a rest day already: nothing to clear"
    return f"{day} cleared: {', '.join(plans)} taken off (now a rest day)"


class PlansTable(Table[str]):
    """The plans and their days (`M··T···`); a name longer than the room is cut after a
    word with "…" (at 80 columns the box is 40 wide), again on every resize."""

    names: Mapping[str, str] = MappingProxyType({})

    def name_width(self) -> int:
        """The Plan column: the table less the days (7), the padding and a scrollbar."""
        width = self.size.width or self.app.size.width // 2 - 2
        scrollbar = self.styles.scrollbar_size_vertical if self.row_count + 1 > self.size.height > 0 else 0
        return max(8, width - 7 - 4 * self.cell_padding - scrollbar)

    def on_resize(self) -> None:
        self.fit_names()

    def fit_names(self) -> None:
        """Cut each name to the room the table has now."""
        width = self.name_width()
        for key, name in self.names.items():
            if key in self.rows:
                self.update_cell(key, "plan", clip(name, width), update_width=True)


class WeekSchedule(Table[str]):
    """Seven rows, one a weekday, with the plans on it; the days of the selected plan are
    marked. The cursor row is the day `x` clears. Each day's text, the title and the
    subtitle fit the box's width (all seven days show at 80x24)."""

    days: Sequence[Sequence[tuple[str, int | None]]] = ((),) * 7
    titles: Sequence[str] = ()
    subtitles: Sequence[str] = ()

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.show_header = False
        self.add_column("Day", key="day", width=4)
        self.add_column("Plans", key="plans", width=self._room())
        for wd, day in enumerate(WEEKDAYS):
            self.add_row(day, "-", key=str(wd))

    def _room(self) -> int:
        """The Plans column's width: the box less its border, the day and the padding."""
        return max(8, self.size.width - 4 - 4 * self.cell_padding) if self.size.width else 30

    def on_resize(self) -> None:
        self._fill()

    def show(
        self, schedule: Mapping[int, Sequence[int]], names: Mapping[int, str], selected: int | None,
        minutes: Mapping[int, int] | None = None,
    ) -> None:
        """Each day's plans, each with its estimated minutes (`minutes`: plan id to minutes)."""
        minutes = minutes or {}
        self.days = [[(names.get(pid, "?"), minutes.get(pid)) for pid in schedule.get(wd, ())] for wd in range(7)]
        for wd, day in enumerate(WEEKDAYS):
            mark = "●" if selected in schedule.get(wd, ()) else " "
            self.update_cell(str(wd), "day", f"{day}{mark}")
        self._fill()

    def set_titles(self, titles: Sequence[str], subtitles: Sequence[str]) -> None:
        """Border texts, longest first: the first that fits is shown."""
        self.titles, self.subtitles = titles, subtitles
        self._fit_titles()

    def _fit_titles(self) -> None:
        room = (self.size.width or 44) - 4  # inside the border: a dash and a space each side
        if self.titles:
            self.border_title = first_fitting(self.titles, room)
        if self.subtitles:
            self.border_subtitle = first_fitting(self.subtitles, room)

    def _fill(self) -> None:
        if not self.row_count:
            return
        width = self._room()
        column = self.columns.get(ColumnKey("plans"))
        if column is not None:
            column.width, column.auto_width = width, False
        for wd, plans in enumerate(self.days):
            self.update_cell(str(wd), "plans", day_text(plans, width))
        self._fit_titles()

    @property
    def weekday(self) -> int:
        """The weekday under the cursor (0 = Monday)."""
        return self.cursor_row


def day_text(plans: Sequence[tuple[str, int | None]], width: int) -> str:
    """`Back & Legs - article… ~81 min`: the day's plans with their estimated minutes in
    `width`; the names give way first (a short name is kept whole), then the minutes' form
    (`~81m`), never the minutes."""
    if not plans:
        return "rest"
    forms = (" ~{} min", " ~{}m")
    for i, form in enumerate(forms):
        tails = [form.format(m) if m is not None else "" for _, m in plans]
        room = width - sum(map(len, tails)) - 2 * (len(plans) - 1)
        allot: dict[int, int] = {}
        for k, j in enumerate(sorted(range(len(plans)), key=lambda j: len(plans[j][0]))):
            allot[j] = min(len(plans[j][0]), room // (len(plans) - k))
            room -= allot[j]
        least = min(allot.values())
        if least >= (12 if i + 1 < len(forms) else 6) or all(allot[j] == len(n) for j, (n, _) in enumerate(plans)):
            return ", ".join(clip(n, allot[j]) + tails[j] for j, (n, _) in enumerate(plans))
    return clip(", ".join(n for n, _ in plans), width)


def week_sets_line(week_sets: Mapping[str, tuple[float, float]], muscles: Sequence[str]) -> str:
    """`back 14-17 · quads 9-11`: the week's hard sets per landmarked muscle, as scheduled."""
    return week_sets_lines(week_sets, muscles)[0]


_SHORT = {"hamstrings": "hams", "shoulders": "delts", "forearms": "forearm"}


def week_sets_lines(week_sets: Mapping[str, tuple[float, float]], muscles: Sequence[str]) -> list[str]:
    """The week's hard sets per landmarked muscle, as scheduled, from the fullest form
    (`back 14-17 · quads 9.5-11`) to the most compact (`back 17 quads 11`, the most)."""
    def n(v: float, whole: bool) -> str:
        return str(round(v)) if whole else f"{v:.1f}".rstrip("0").rstrip(".")

    def form(whole: bool, top_only: bool, short: bool, sep: str) -> str:
        parts = []
        for m in muscles:
            lo, hi = week_sets.get(m, (0.0, 0.0))
            name = _SHORT.get(m, m) if short else m
            lo_s, hi_s = n(lo, whole), n(hi, whole)
            parts.append(f"{name} {hi_s}" if top_only or lo_s == hi_s else f"{name} {lo_s}-{hi_s}")
        return sep.join(parts)

    return [
        form(False, False, False, " · "),
        form(True, False, True, " · "),
        form(True, True, True, " · "),
        form(True, True, True, " "),
        " ".join(part[:4] + part[part.index(" "):] for part in form(True, True, False, "|").split("|")),
    ]
