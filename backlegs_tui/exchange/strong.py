"""Strong's CSV exports, every variant:

- 2017-2019: Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes
- 2020-2023: ... Duration (`1h 5m`, `31m`) after Workout Name, RPE at the end
- `;`-delimited with Weight Unit / Distance Unit columns (the unit on each row)
- 2024 on: all quoted, `Workout #`, `Duration (sec)`, `Weight (kg)` (or lb), Set Order
  `WARM_UP` / `FAILURE` between the numbered sets
- any of them: Set Order `W`, `D`, `F` for a warm-up, a drop set, a set to failure (recent
  versions, and backlegs' own Strong export)

One row per set; the rows of a workout share its Date (its start) and Workout Name. Only
the 2024 header and the unit columns say which unit the weights are in; otherwise the
caller passes it. `Rest Timer` rows carry no set: listed as skipped, with that reason.
Timed rows (Seconds) and distance rows (Distance: metres in 2024's `Distance (meters)`, the
Distance Unit column's unit, else km for kg and miles for lb) are stored as such. The
semicolon layout with unit columns is read without its header row too.
"""

from __future__ import annotations

import csv
from datetime import datetime

from ..domain.model import SetType, Unit
from ..domain.records import WorkoutRecord
from . import common as c

SOURCE = "strong"

REQUIRED = {
    "Date": ("date",),
    "Workout Name": ("workout name",),
    "Exercise Name": ("exercise name",),
    "Set Order": ("set order",),
    "Weight": ("weight", "weight (kg)", "weight (kgs)", "weight (lb)", "weight (lbs)"),
    "Reps": ("reps",),
}

SET_ORDER_TYPES = {
    "warm_up": SetType.WARMUP,
    "warmup": SetType.WARMUP,
    "w": SetType.WARMUP,
    "failure": SetType.FAILURE,
    "f": SetType.FAILURE,
    "drop_set": SetType.DROP,
    "dropset": SetType.DROP,
    "drop": SetType.DROP,
    "d": SetType.DROP,
}


def _variant(header: list[str]) -> str:
    if "workout #" in header or "duration (sec)" in header:
        return "Strong 2024+"
    if "weight unit" in header:
        return "Strong with unit columns"
    if "duration" in header:
        return "Strong 2020-2023"
    return "Strong 2017-2019"


def _file_unit(header: list[str]) -> Unit | None:
    for name, unit in (("weight (kg)", Unit.KG), ("weight (kgs)", Unit.KG), ("weight (lb)", Unit.LB), ("weight (lbs)", Unit.LB)):
        if name in header:
            return unit
    return None


# the semicolon layouts with unit columns, as Strong writes them; a file without a header row
# gets the first one of its width whose Weight Unit and Set Order cells read as such
HEADERLESS = (
    ["Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Weight Unit", "Reps", "RPE",
     "Distance", "Distance Unit", "Seconds", "Notes", "Workout Notes", "Workout Duration"],
    ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Weight Unit", "Reps",
     "Distance", "Distance Unit", "Seconds", "Notes", "Workout Notes", "RPE"],
    ["Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Weight Unit", "Reps",
     "Distance", "Distance Unit", "Seconds", "Notes", "Workout Notes"],
)


def _headerless(text: str) -> list[str] | None:
    """The header of a semicolon export whose first line is already a set (starts with a date)."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    if c.sniff_delimiter(first) != ";":
        return None
    cells = next(csv.reader([first], delimiter=";"), [])
    try:
        c.parse_datetime(cells[0] if cells else "")
    except c.RowError:
        return None
    for header in HEADERLESS:
        if len(header) != len(cells):
            continue
        order = cells[header.index("Set Order")].strip().lower()
        if c.unit_word(cells[header.index("Weight Unit")]) and (order.isdigit() or order in SET_ORDER_TYPES):
            return header
    return None


def parse(text: str, *, unit: Unit | None = None, progress: c.Progress | None = None) -> c.Parsed:
    headerless = _headerless(text)
    table = c.read_csv(text, progress, header=headerless)
    h = table.header
    c.check_columns(h, REQUIRED, "a Strong export")
    per_row = table.has("weight unit")
    unit = _file_unit(h) or unit
    i_date, i_name, i_exercise, i_order = (table.index(n) for n in ("date", "workout name", "exercise name", "set order"))
    i_weight, i_unit, i_reps, i_rpe = table.index(*REQUIRED["Weight"]), table.index("weight unit"), table.index("reps"), table.index("rpe")
    i_distance = table.index("distance", "distance (meters)", "distance (km)", "distance (miles)")
    i_dunit = table.index("distance unit")
    file_metres = next(
        (per for name, per in (("distance (meters)", 1.0), ("distance (km)", 1000.0), ("distance (miles)", 1609.344))
         if table.has(name)),
        None,
    )
    i_seconds, i_notes, i_wnotes = table.index("seconds"), table.index("notes"), table.index("workout notes")
    i_duration, i_number = table.index("duration", "duration (sec)", "workout duration"), table.index("workout #")
    dates = c.DateCache()
    workouts = c.Workouts()
    new_set = c.Sets()

    notes: dict[tuple, tuple[int, str]] = {}  # (workout, exercise) -> its Note row, for its next set
    recovered: list[c.Skipped] = []

    def read_row(line: int, f: list[str]) -> None:
        order = f[i_order].strip()
        set_type = SET_ORDER_TYPES.get(order.lower(), SetType.WORKING)
        if set_type is SetType.WORKING and not order.isdigit():
            if order.lower() == "rest timer":
                raise c.NotASet("a rest timer, not a set")
            if order.lower() == "note":  # Strong 2024: an exercise's note, on a row of its own
                note = f[i_notes].strip()
                if not note:
                    raise c.NotASet("an empty exercise note")
                key = (f[i_number].strip(), f[i_date].strip(), f[i_name].strip(), " ".join(f[i_exercise].split()))
                notes[key] = (line, note)
                return
            if order and not order.replace(".", "", 1).isdigit():
                raise c.RowError(f"set order {order!r} is neither a number nor W, D, F, WARM_UP or FAILURE")
        started = dates(f[i_date])
        row_unit = (c.unit_word(f[i_unit]) or unit) if per_row else unit
        per = file_metres or c.metres_per(f[i_dunit], 1609.344 if row_unit is Unit.LB else 1000.0)
        n, secs, metres = c.measures(c.reps(f[i_reps]), c.seconds(f[i_seconds]), c.distance_m(f[i_distance], per))
        s = new_set(f[i_exercise], set_type, c.weight_kg(f[i_weight], row_unit), n, line,
                    rpe=c.rpe(f[i_rpe]), notes=f[i_notes].strip(), duration_s=secs, distance_m=metres)
        name = f[i_name].strip()
        pending = notes.pop((f[i_number].strip(), f[i_date].strip(), name, s.exercise), None) if notes else None
        if pending is not None:
            s.notes = f"{pending[1]}\n{s.notes}" if s.notes else pending[1]
            recovered.append(c.Skipped(pending[0], "an exercise note: kept on the exercise's next set"))
        w = workouts.get((f[i_number].strip(), started, name), lambda: _workout(started, name, f[i_duration]))
        w.sets.append(s)
        if not w.notes:
            w.notes = f[i_wnotes].strip()

    skipped, _ = c.collect(table, i_notes if table.has("notes") else i_wnotes, read_row)
    skipped += [c.Skipped(line, "an exercise note with no set of that exercise after it", error=False)
                for line, _ in notes.values()]
    skipped.sort(key=lambda x: x.line or 0)
    return c.Parsed(
        workouts.oldest_first(),
        skipped,
        _variant(h) + (" (no header row)" if headerless else ""),
        "per row" if per_row else (unit.value if unit else ""),
        recovered=recovered,
    )


def _workout(started: datetime, name: str, duration_text: str) -> WorkoutRecord:
    duration = c.parse_duration(duration_text)
    return WorkoutRecord(
        started_at=started,
        name=name,
        ended_at=started + duration if duration else None,
        source=SOURCE,
        import_key=c.import_key(SOURCE, started, name),
    )
