"""Weekly volume: hard sets per muscle in the chosen week against the landmarks
(MV / MEV / MAV / MRV), as a bar, and the weeks before it as numbers."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from datetime import date

from textual.content import Content
from textual.widgets import Static

from ...domain.volume import Marks, WeekVolume, Zone, describe_zone, zone_of

BAR = 36
ZONE_STYLE = {
    Zone.BELOW_MV: "$error",
    Zone.MAINTENANCE: "$warning",
    Zone.PRODUCTIVE: "$success",
    Zone.MAV: "$success",
    Zone.HIGH: "$warning",
    Zone.OVER_MRV: "$error",
}


def _n(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def volume_bar(sets: float, marks: Marks, width: int = BAR) -> Content:
    """`█████████░░░░│····`: the sets filled in the zone's colour, the MAV range shaded, ticks
    at MEV and MRV. The scale runs to 15 % past MRV (further when the sets go further)."""
    mv, mev, mav_lo, mav_hi, mrv = marks
    top = max(mrv * 1.15, sets, 1.0)
    style = ZONE_STYLE[zone_of(sets, marks)]
    filled = round(sets / top * width)
    ticks = {min(width - 1, round(m / top * width)) for m in (mev, mrv) if m > 0}
    cells = []
    for i in range(width):
        x = (i + 0.5) / width * top
        if i < filled:
            cells.append(Content.styled("█", style))
        elif i in ticks:
            cells.append(Content.styled("│", "dim"))
        elif mav_lo <= x <= mav_hi:
            cells.append(Content.styled("░", "$success 40%"))
        else:
            cells.append(Content.styled("·", "dim"))
    return Content("").join(cells)


FIXED = 12 + 5 + 2 + 2 + 9  # muscle, sets, gaps, zone
NOTE_AT = 12 + 5 + 2  # the landmark note sits under the bar
MIN_BAR = 16
FIRST_WEEKS = 7  # earlier weeks shown before any more room goes to more weeks


def fit(width: int, earlier: int) -> tuple[int, int]:
    """(bar width, earlier weeks shown) for `width` cells: the full bar and FIRST_WEEKS earlier
    weeks when they fit, else as many of the latest of them as leave a bar of MIN_BAR or more;
    room left after the full bar and those weeks shows more of the earlier weeks."""
    first = min(earlier, FIRST_WEEKS)
    shown = max(0, min(first, (width - FIXED - MIN_BAR) // 6))
    bar = max(MIN_BAR, min(BAR, width - FIXED - 6 * shown))
    if bar == BAR and shown == first:
        shown += max(0, min(earlier - shown, (width - FIXED - BAR - 6 * shown) // 6))
    return bar, shown


def bar_head(bar: int) -> str:
    """The bar column's heading, whole words only."""
    for head in ("sets against the landmarks", "against landmarks", "vs landmarks", "landmarks"):
        if len(head) <= bar:
            return head
    return ""


def landmark_note(marks: Marks, zone: Zone, width: int) -> list[str]:
    """The landmarks and the zone in words under the bar, wrapped at `width` with every line
    starting in the bar's column (never back at column 0)."""
    mv, mev, lo, hi, mrv = marks
    text = f"MV {mv} · MEV {mev} · MAV {lo}-{hi} · MRV {mrv}: {describe_zone(zone, marks)}"
    at = NOTE_AT if width - NOTE_AT >= 30 else 2
    return [f"{'':<{at}}{part}" for part in textwrap.wrap(text, max(20, width - at), break_on_hyphens=False)]


def volume_content(
    weeks: Sequence[WeekVolume], landmarks: Mapping[str, Marks], this_week: date, width: int = 120,
) -> Content:
    """The table for a run of WeekVolume, the last one the chosen week, in `width` cells: muscles
    with landmarks get a bar and a note of their landmarks, the others their numbers."""
    if not weeks:
        return Content("No weeks to show")
    while len(weeks) > 1 and not weeks[0].sets:  # no columns of zeros before the first training week
        weeks = weeks[1:]
    week = weeks[-1]
    ago = (this_week - week.start).days // 7
    when = "this week so far" if ago == 0 else "last week" if ago == 1 else f"{ago} weeks ago"
    bar, shown = fit(width, len(weeks) - 1)
    earlier = list(weeks[:-1])[len(weeks) - 1 - shown:]
    head = f"{'Muscle':<12}{'Sets':>5}  {bar_head(bar):<{bar}}  {'Zone':<9}" + "".join(
        f"{w.start:%m-%d}".rjust(6) for w in earlier
    )
    lines = [
        Content.styled(f"Hard sets per muscle, week of {week.start:%a %Y-%m-%d} ({when})", "bold $accent"),
        Content(""),
        Content.styled(head, "bold"),
    ]
    for muscle, marks in landmarks.items():
        sets = week.get(muscle)
        zone = zone_of(sets, marks)
        line = Content(f"{muscle[:12]:<12}{_n(sets):>5}  ") + volume_bar(sets, marks, bar)
        line += Content("  ") + Content.styled(f"{zone.value:<9}", ZONE_STYLE[zone])
        line += Content("").join(
            Content.styled(_n(w.get(muscle)).rjust(6), ZONE_STYLE[zone_of(w.get(muscle), marks)])
            for w in earlier
        )
        lines.append(line)
        lines.extend(Content.styled(note, "dim") for note in landmark_note(marks, zone, width))
    others = sorted({m for w in weeks for m in w.sets} - set(landmarks))
    if others:
        lines.append(Content(""))
        lines.append(Content.styled("Other muscles (no landmarks set)", "bold"))
        for m in others:
            lines.append(
                Content(f"{m[:12]:<12}{_n(week.get(m)):>5}  {'':<{bar}}  {'':<9}")
                + Content.styled("".join(_n(w.get(m)).rjust(6) for w in earlier), "dim")
            )
    lines.append(Content(""))
    legend = ("█ sets  ░ MAV  │ MEV, MRV.  Hard sets: RPE 6+ (RIR <= 4) or unrated, no warm-ups; "
              "primary 1, secondary 0.5.")
    lines.extend(Content.styled(part, "dim") for part in textwrap.wrap(legend, max(20, width), break_on_hyphens=False))
    return Content("\n").join(lines)


class VolumeView(Static):
    """Shows a run of WeekVolume, the last one the chosen week. Muscles with landmarks get a
    bar; the others are listed with their numbers."""

    def show(
        self, weeks: Sequence[WeekVolume], landmarks: Mapping[str, Marks], this_week: date, width: int = 120,
    ) -> None:
        """`width` is the room in cells: the bar and the earlier weeks shown fit in it."""
        self.update(volume_content(weeks, landmarks, this_week, width))
