"""The fatigue picture as text: a pure function from the engine's `FatiguePicture` to lines
of (text, role) spans, so the drawing is unit-tested without a terminal and a plotting
widget can later replace it without touching the data.

Rows, over the same time axis (one column per day when there is room, else a few days):

- per main lift, its name, then `LIFT_ROWS` rows: the lift's usual range (its noise band)
  shaded `░`, each session's performance (e1RM) a point (`●` in the band, `▼` below it, `▲`
  above it, `○` a deload session), the scale on the left, the latest value, its usual
  range and the gap to it on the right;
- `Deload`: a `D` under each deload session (only when there is one);
- `Load/wk`: weekly session load (session RPE x minutes) as bars `▁`..`█`, `·` for a week
  whose load is unknown (a session without RPE or duration), blank for a week off;
- `Sets/wk`: hard sets per week, the same way;
- `Form`: fitness minus fatigue (Banister-style, from the session load) at each week's end,
  bars above zero, `▔`/`▀` below;
- `Ready`: readiness check-ins (0-100) as bars, blank without one;
- the date axis, then a legend.

Every glyph carries its meaning without colour; `role` only adds colour (see
`fatigue_chart_widget.ROLE_STYLE`). No textual import here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ...domain.model import Unit
from ...domain.units import format_e1rm

Span = tuple[str, str]  # (text, role)
Line = tuple[Span, ...]

LABEL_W = 7  # the row label column
VALUE_W = 18  # the value column on the right
LIFT_ROWS = 3
MIN_SPAN = 0.04  # a lift's scale spans at least 4 % of its level
MIN_PLOT = 12
BARS = "▁▂▃▄▅▆▇█"
IN_BAND, BELOW, ABOVE, DELOAD, BAND = "●", "▼", "▲", "○", "░"
LEGEND = "● session  ▼ below usual  ▲ above  ○ deload  ░ usual range  · load unknown"
FORM_LEGEND = "Form: fitness (42 d) - fatigue (7 d) of session load; ▔ ▀ below 0"


@dataclass(frozen=True, slots=True)
class LiftPoint:
    day: date
    value: float  # performance (e1RM, kg)
    low: float | None  # the lift's usual range (noise band) on that day, kg
    high: float | None
    deload: bool = False


@dataclass(frozen=True, slots=True)
class ChartData:
    """What the drawing reads; `chart_data` builds it from a `FatiguePicture`."""

    start: date
    end: date
    lifts: tuple[tuple[str, tuple[LiftPoint, ...]], ...]
    load: tuple[tuple[date, float | None], ...] = ()  # (week start, session RPE x minutes)
    hard_sets: tuple[tuple[date, float | None], ...] = ()  # (week start, hard sets)
    readiness: tuple[tuple[date, float | None], ...] = ()  # (session day, 0-100 or None)
    deload_days: tuple[date, ...] = ()  # deload sessions (also those no lift point shows)
    form: tuple[tuple[date, float | None], ...] = ()  # (week start, fitness - fatigue at its end)

    @property
    def empty(self) -> bool:
        return not any(points for _, points in self.lifts) and not any(
            v is not None for _, v in (*self.load, *self.readiness)
        )


# ---- the picture -> ChartData (the one place that knows the engine's field names) ---------


def _field(obj: object, *names: str, default: object = None) -> object:
    for name in names:
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


def _point(p: object) -> LiftPoint:
    if isinstance(p, tuple):
        day, value, low, high, *rest = p
        return LiftPoint(day, float(value), low, high, bool(rest[0]) if rest else False)
    return LiftPoint(
        _field(p, "day", "date"),  # type: ignore[arg-type]
        float(_field(p, "performance", "perf", "value")),  # type: ignore[arg-type]
        _field(p, "band_low", "low"),  # type: ignore[arg-type]
        _field(p, "band_high", "high"),  # type: ignore[arg-type]
        bool(_field(p, "is_deload", "deload", default=False)),
    )


def _pairs(rows: Iterable[object] | None) -> tuple[tuple[date, float | None], ...]:
    out = []
    for r in rows or ():
        day, value = r if isinstance(r, tuple) else (_field(r, "day", "date", "week_start"), _field(r, "value", "load", "score"))
        out.append((day, None if value is None else float(value)))  # type: ignore[arg-type]
    return tuple(out)


def chart_data(picture: object, weeks: int = 12, deload_days: Iterable[date] = ()) -> ChartData:
    """The engine's `FatiguePicture` as `ChartData` (lifts in the picture's order), with
    the deload sessions the caller knows of."""
    lifts_raw = _field(picture, "lifts", default={})
    items = lifts_raw.items() if hasattr(lifts_raw, "items") else (
        (_field(s, "name", "lift"), _field(s, "points", default=())) for s in lifts_raw  # type: ignore[union-attr]
    )
    lifts = tuple((str(name), tuple(sorted((_point(p) for p in pts), key=lambda p: p.day))) for name, pts in items)
    load = _pairs(_field(picture, "weekly_load", "load"))  # type: ignore[arg-type]
    hard = _pairs(_field(picture, "weekly_hard_sets", "hard_sets"))  # type: ignore[arg-type]
    readiness = _pairs(_field(picture, "readiness"))  # type: ignore[arg-type]
    end = _field(picture, "as_of")
    days = [p.day for _, pts in lifts for p in pts] + [d for d, _ in (*load, *readiness)]
    if not isinstance(end, date):
        end = max(days) if days else date.today()
    weeks = int(_field(picture, "weeks", default=weeks))  # type: ignore[arg-type]
    start = end - timedelta(days=end.weekday() + 7 * (weeks - 1))  # the engine's weeks start on Mondays
    if days:
        start = min(start, min(days))
    known = set(_field(picture, "deload_days", default=()) or ()) | set(deload_days)  # type: ignore[arg-type]
    deloads = tuple(sorted(d for d in known if start <= d <= end))
    form = tuple(
        (row[0], None if row[3] is None else float(row[3]))
        for row in (_field(picture, "form", default=()) or ())  # type: ignore[union-attr]
        if isinstance(row, tuple) and len(row) >= 4
    )
    return ChartData(start, end, lifts, load, hard, readiness, deloads, form)


# ---- drawing --------------------------------------------------------------------------


def plot_width(width: int) -> int:
    """Columns of the plot area in a widget `width` columns wide."""
    return max(MIN_PLOT, width - LABEL_W - VALUE_W - 2)


class _Axis:
    """Days onto columns: the window's days spread evenly over the plot (a day may take
    several columns, or a column several days); the newest day ends at the last column."""

    def __init__(self, data: ChartData, plot: int) -> None:
        self.plot = plot
        self.first = data.start
        self.span = (data.end - data.start).days + 1

    def col(self, day: date) -> int | None:
        i = (day - self.first).days
        if not 0 <= i < self.span:
            return None
        return i * self.plot // self.span

    def cols(self, day: date) -> range:
        """Every column of `day` (empty when the day is outside the window)."""
        i = (day - self.first).days
        if not 0 <= i < self.span:
            return range(0)
        start = i * self.plot // self.span
        return range(start, max(start + 1, (i + 1) * self.plot // self.span))

    def day(self, col: int) -> date:
        return self.first + timedelta(days=-(-col * self.span // self.plot))


def _label(text: str) -> Span:
    return (f"{text[:LABEL_W]:<{LABEL_W}} ", "label")


def _scale(text: str) -> Span:
    return (f"{text[:LABEL_W]:>{LABEL_W}} ", "scale")


def _value(text: str) -> Span:
    return (" " + text[:VALUE_W].ljust(VALUE_W), "value")


def _merge(cells: Sequence[Span]) -> list[Span]:
    """Adjacent cells of one role as one span."""
    out: list[list[str]] = []
    for text, role in cells:
        if out and out[-1][1] == role:
            out[-1][0] += text
        else:
            out.append([text, role])
    return [(t, r) for t, r in out]


def _blank(axis: _Axis) -> list[Span]:
    return [(" ", "plot")] * axis.plot


def _glyph(p: LiftPoint) -> Span:
    if p.deload:
        return DELOAD, "deload"
    if p.low is not None and p.value < p.low:
        return BELOW, "below"
    if p.high is not None and p.value > p.high:
        return ABOVE, "point"
    return IN_BAND, "point"


def _lift_rows(name: str, points: Sequence[LiftPoint], axis: _Axis, unit: Unit) -> list[Line]:
    """The lift's name, then `LIFT_ROWS` rows: the band shaded, the sessions as points, the
    scale's top and bottom on the left, the latest value and usual range on the right."""
    values = [p.value for p in points] + [b for p in points for b in (p.low, p.high) if b is not None]
    lo, hi = min(values), max(values)
    if (pad := MIN_SPAN * (lo + hi) / 2 - (hi - lo)) > 0:  # a few kg apart is not a cliff
        lo, hi = lo - pad / 2, hi + pad / 2
    step = (hi - lo) / LIFT_ROWS

    def row_of(v: float) -> int:  # 0 is the top row
        return min(LIFT_ROWS - 1, max(0, int((hi - v) / step)))

    # per column: the newest point in it; the band is carried forward from the last point
    at: dict[int, LiftPoint] = {}
    for p in points:
        c = axis.col(p.day)
        if c is not None:
            at[c] = p
    grid = [_blank(axis) for _ in range(LIFT_ROWS)]
    band: tuple[float, float] | None = None
    for c in range(axis.plot):
        p = at.get(c)
        if p is not None and p.low is not None and p.high is not None:
            band = (p.low, p.high)
        if band is not None:
            for r in range(LIFT_ROWS):
                top, bottom = hi - r * step, hi - (r + 1) * step
                if bottom <= band[1] + 1e-9 and top >= band[0] - 1e-9:
                    grid[r][c] = (BAND, "band")
        if p is not None:
            grid[row_of(p.value)][c] = _glyph(p)
    last = points[-1]
    right = [f"{format_e1rm(last.value, unit)} {last.day:%d %b}", "", ""]
    if last.low is not None and last.high is not None:
        right[1] = f"usual {format_e1rm(last.low, unit, with_unit=False)}-{format_e1rm(last.high, unit)}"
        if len(right[1]) > VALUE_W:  # the unit is on the line above
            right[1] = right[1].rsplit(" ", 1)[0]
        right[2] = f"{last.value / ((last.low + last.high) / 2) - 1:+.1%} vs usual"
    left = [format_e1rm(hi, unit, with_unit=False), "", format_e1rm(lo, unit, with_unit=False)]
    lines: list[Line] = [((f"{name} (e1RM)", "title"),)]
    for r in range(LIFT_ROWS):
        lines.append((_scale(left[r]), *_merge(grid[r]), _value(right[r])))
    return lines


def _bar(v: float, lo: float, hi: float) -> str:
    if hi - lo < 1e-9:
        return BARS[len(BARS) // 2]
    eighths = math.ceil((v - lo) / (hi - lo) * len(BARS) - 1e-9)  # ▁ is 1/8 high, █ 8/8
    return BARS[min(len(BARS), max(1, eighths)) - 1]


def _weekly_row(
    label: str, weeks: Sequence[tuple[date, float | None]], trained: set[date], axis: _Axis, unit_text: str
) -> Line:
    """One bar per week over its columns (less one as a gap between weeks); `·` for a week
    with sessions whose value is unknown, blank for a week without sessions."""
    cells = _blank(axis)
    if trained:  # a week without a session says nothing (its 0 or unknown is left blank)
        weeks = [(w, v) for w, v in weeks if any(w + timedelta(days=d) in trained for d in range(7))]
    top = max((v for _, v in weeks if v is not None), default=0.0)
    for week, v in weeks:
        first = axis.col(max(week, axis.first))
        if first is None:
            continue
        after = axis.col(week + timedelta(days=7))
        cols = list(range(first, axis.plot if after is None else max(first + 1, after)))
        if len(cols) >= 3:
            cols = cols[:-1]
        for c in cols:
            cells[c] = ("·", "unknown") if v is None else (_bar(v, 0.0, top), "load")
    known = [v for _, v in weeks if v is not None]
    text = "unknown"
    if known:
        prev = known[-5:-1]
        text = f"{known[-1]:,.0f}{unit_text}" + (f" (4 wk {sum(prev) / len(prev):,.0f})" if prev else "")
    return (_label(label), *_merge(cells), _value(text))


def _form_row(form: Sequence[tuple[date, float | None]], axis: _Axis) -> Line:
    """Form per week: above zero (fresher) as bars `▁`..`█`, below zero (more tired) as `▔`
    (a little) or `▀` (more than half the largest swing)."""
    cells = _blank(axis)
    known = [(w, v) for w, v in form if v is not None]
    top = max((abs(v) for _, v in known), default=0.0)
    for week, v in known:
        first = axis.col(max(week, axis.first))
        if first is None:
            continue
        after = axis.col(week + timedelta(days=7))
        cols = list(range(first, axis.plot if after is None else max(first + 1, after)))
        if len(cols) >= 3:
            cols = cols[:-1]
        if v >= 0:
            cell = (_bar(v, 0.0, top), "load")
        else:
            cell = ("▀" if -v > top / 2 else "▔", "below")
        for c in cols:
            cells[c] = cell
    text = ""
    if known:
        v = known[-1][1]
        text = f"{v:+,.0f} ({'fresher' if v >= 0 else 'more tired'})"
    return (_label("Form"), *_merge(cells), _value(text))


def _readiness_row(readiness: Sequence[tuple[date, float | None]], axis: _Axis) -> Line:
    cells = _blank(axis)
    known = [(d, v) for d, v in readiness if v is not None]
    for d, v in known:
        c = axis.col(d)
        if c is not None:
            cells[c] = (_bar(v, 0.0, 100.0), "ready")
    text = f"{known[-1][1]:.0f}/100 {known[-1][0]:%d %b}" if known else "no check-ins"
    return (_label("Ready"), *_merge(cells), _value(text))


def _deload_row(data: ChartData, axis: _Axis) -> Line | None:
    days = sorted({p.day for _, pts in data.lifts for p in pts if p.deload} | set(data.deload_days))
    if not days:
        return None
    cells = _blank(axis)
    for d in days:
        c = axis.col(d)
        if c is not None:
            cells[c] = ("D", "deload")
    return (_label("Deload"), *_merge(cells), _value(f"last {days[-1]:%d %b}"))


def _date_axis(axis: _Axis, end: date) -> Line:
    """Dates under the plot: the first and the last day, and others ~every 14 columns
    where they fit, each starting at its column."""
    chars = [" "] * axis.plot
    last = f"{end:%d %b}"
    limit = axis.plot - len(last) - 1  # the last label is right-aligned
    for c in range(0, limit, 14):
        text = f"{axis.day(c):%d %b}"
        if c + len(text) <= limit:
            chars[c : c + len(text)] = text
    chars[axis.plot - len(last) :] = last
    return ((" " * (LABEL_W + 1), "plot"), ("".join(chars), "axis"))


def draw(data: ChartData, width: int, unit: Unit) -> list[Line]:
    """The picture in lines at most `width` columns wide (for `width` >= 44)."""
    axis = _Axis(data, plot_width(width))
    lines: list[Line] = []
    for name, points in data.lifts:
        if points:
            lines.extend(_lift_rows(name, points, axis, unit))
    if (deload := _deload_row(data, axis)) is not None:
        lines.append(deload)
    trained = {d for d, _ in data.readiness} | {p.day for _, pts in data.lifts for p in pts}
    if data.load:
        lines.append(_weekly_row("Load/wk", data.load, trained, axis, ""))
    if data.hard_sets:
        lines.append(_weekly_row("Sets/wk", data.hard_sets, trained, axis, " sets"))
    if any(v is not None for _, v in data.form):
        lines.append(_form_row(data.form, axis))
    if data.readiness:
        lines.append(_readiness_row(data.readiness, axis))
    lines.append(_date_axis(axis, data.end))
    lines.append(((LEGEND[:width], "legend"),))
    if any(v is not None for _, v in data.form):
        lines.append(((FORM_LEGEND[:width], "legend"),))
    return lines


def line_text(line: Line) -> str:
    return "".join(text for text, _ in line)


def draw_text(data: ChartData, width: int, unit: Unit) -> list[str]:
    """`draw` as plain strings (what a terminal without colour shows)."""
    return [line_text(line).rstrip() for line in draw(data, width, unit)]
