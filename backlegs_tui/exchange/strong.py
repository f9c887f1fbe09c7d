"""Strong's CSV exports, every variant:

- 2017-2019: Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes
- 2020-2023: ... Duration (`1h 5m`, `31m`) after Workout Name, RPE at the end
- `;`-delimited with Weight Unit / Distance Unit columns (the unit on each row)
- 2024 on: all quoted, `Workout #`, `Duration (sec)`, `Weight (kg)` (or lb), Set Order
  `WARM_UP` / `FAILURE` between the numbered sets

One row per set; the rows of a workout share its Date (its start) and Workout Name. Only
the 2024 header and the unit columns say which unit the weights are in; otherwise the
caller passes it. `Rest Timer` rows carry no set and are left out.
"""

from __future__ import annotations

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


def parse(text: str, *, unit: Unit | None = None, progress: c.Progress | None = None) -> c.Parsed:
    table = c.read_csv(text, progress)
    h = table.header
    c.check_columns(h, REQUIRED, "a Strong export")
    per_row = table.has("weight unit")
    unit = _file_unit(h) or unit
    i_date, i_name, i_exercise, i_order = (table.index(n) for n in ("date", "workout name", "exercise name", "set order"))
    i_weight, i_unit, i_reps, i_rpe = table.index(*REQUIRED["Weight"]), table.index("weight unit"), table.index("reps"), table.index("rpe")
    i_distance = table.index("distance", "distance (meters)", "distance (km)", "distance (miles)")
    i_seconds, i_notes, i_wnotes = table.index("seconds"), table.index("notes"), table.index("workout notes")
    i_duration, i_number = table.index("duration", "duration (sec)"), table.index("workout #")
    dates = c.DateCache()
    workouts = c.Workouts()
    new_set = c.Sets()

    def read_row(line: int, f: list[str]) -> None:
        order = f[i_order].strip()
        set_type = SET_ORDER_TYPES.get(order.lower(), SetType.WORKING)
        if set_type is SetType.WORKING and not order.isdigit():
            if order.lower() == "rest timer":
                raise c.NotASet
            if order and not order.replace(".", "", 1).isdigit():
                raise c.RowError(f"set order {order!r} is neither a number nor WARM_UP / FAILURE")
        started = dates(f[i_date])
        n = c.check_reps(c.reps(f[i_reps]), f[i_distance], f[i_seconds])
        row_unit = (c.unit_word(f[i_unit]) or unit) if per_row else unit
        s = new_set(f[i_exercise], set_type, c.weight_kg(f[i_weight], row_unit), n, line,
                    rpe=c.rpe(f[i_rpe]), notes=f[i_notes].strip())
        name = f[i_name].strip()
        w = workouts.get((f[i_number].strip(), started, name), lambda: _workout(started, name, f[i_duration]))
        w.sets.append(s)
        if not w.notes:
            w.notes = f[i_wnotes].strip()

    skipped, left_out = c.collect(table, i_notes if table.has("notes") else i_wnotes, read_row)
    return c.Parsed(
        workouts.oldest_first(),
        skipped,
        _variant(h),
        "per row" if per_row else (unit.value if unit else ""),
        left_out=left_out,
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
