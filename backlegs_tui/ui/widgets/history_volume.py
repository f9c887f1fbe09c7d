"""Weekly volume: hard sets per muscle in the chosen week against the landmarks
(MV / MEV / MAV / MRV), as a bar, and the weeks before it as numbers."""

from __future__ import annotations

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
MIN_BAR = 16


def fit(width: int, earlier: int) -> tuple[int, int]:
    """(bar width, earlier weeks shown) for `width` cells: the full bar and every week when
    they fit, else as many of the latest earlier weeks as leave a bar of MIN_BAR or more."""
    shown = max(0, min(earlier, (width - FIXED - MIN_BAR) // 6))
    return max(MIN_BAR, min(BAR, width - FIXED - 6 * shown)), shown


class VolumeView(Static):
    """Shows a run of WeekVolume, the last one the chosen week. Muscles with landmarks get a
    bar; the others are listed with their numbers."""

    def show(
        self, weeks: Sequence[WeekVolume], landmarks: Mapping[str, Marks], this_week: date, width: int = 120,
    ) -> None:
        """`width` is the room in cells: the bar and the earlier weeks shown fit in it."""
        if not weeks:
            self.update("No weeks to show")
            return
        week = weeks[-1]
        ago = (this_week - week.start).days // 7
        when = "this week so far" if ago == 0 else "last week" if ago == 1 else f"{ago} weeks ago"
        bar, shown = fit(width, len(weeks) - 1)
        earlier = list(weeks[:-1])[len(weeks) - 1 - shown:]
        head = f"{'Muscle':<12}{'Sets':>5}  {'sets against the landmarks'[:bar]:<{bar}}  {'Zone':<9}" + "".join(
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
            line = Content(f"{muscle:<12}{_n(sets):>5}  ") + volume_bar(sets, marks, bar)
            line += Content("  ") + Content.styled(f"{zone.value:<9}", ZONE_STYLE[zone])
            line += Content("").join(
                Content.styled(_n(w.get(muscle)).rjust(6), ZONE_STYLE[zone_of(w.get(muscle), marks)])
                for w in earlier
            )
            lines.append(line)
            mv, mev, lo, hi, mrv = marks
            lines.append(
                Content.styled(
                    f"{'':<19}MV {mv} · MEV {mev} · MAV {lo}-{hi} · MRV {mrv}: {describe_zone(zone, marks)}",
                    "dim",
                )
            )
        others = sorted({m for w in weeks for m in w.sets} - set(landmarks))
        if others:
            lines.append(Content(""))
            lines.append(Content.styled("Other muscles (no landmarks set)", "bold"))
            for m in others:
                lines.append(
                    Content(f"{m:<12}{_n(week.get(m)):>5}  {'':<{bar}}  {'':<9}")
                    + Content.styled("".join(_n(w.get(m)).rjust(6) for w in earlier), "dim")
                )
        lines.append(Content(""))
        lines.append(
            Content.styled(
                "█ sets  ░ MAV  │ MEV, MRV.  Hard sets: RPE 6+ (RIR <= 4) or unrated, no warm-ups; "
                "primary 1, secondary 0.5.",
                "dim",
            )
        )
        self.update(Content("\n").join(lines))
