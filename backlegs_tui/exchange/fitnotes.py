"""FitNotes' CSV export:

    Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time   (or Weight (lbs))
    Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time   (newer)

Dates only: no time, no workout name, no set order. The rows of one day become one workout
starting at midnight, named after its categories, its sets in file order.
"""

from __future__ import annotations

from datetime import datetime

from ..domain.model import SetType, Unit
from ..domain.records import WorkoutRecord
from . import common as c

SOURCE = "fitnotes"

WEIGHT_COLUMNS = ("weight (kgs)", "weight (kg)", "weight (lbs)", "weight (lb)", "weight")
REQUIRED = {
    "Date": ("date",),
    "Exercise": ("exercise",),
    "Category": ("category",),
    "Weight": WEIGHT_COLUMNS,
    "Reps": ("reps",),
}


def parse(text: str, *, unit: Unit | None = None, progress: c.Progress | None = None) -> c.Parsed:
    table = c.read_csv(text, progress)
    c.check_columns(table.header, REQUIRED, "a FitNotes export")
    per_row = table.has("weight unit")
    if table.has("weight (kgs)") or table.has("weight (kg)"):
        unit, variant = Unit.KG, "FitNotes (kg)"
    elif table.has("weight (lbs)") or table.has("weight (lb)"):
        unit, variant = Unit.LB, "FitNotes (lb)"
    else:
        variant = "FitNotes with Weight Unit column" if per_row else "FitNotes"
    i_date, i_exercise, i_category, i_unit, i_reps, i_distance, i_time = (
        table.index(n) for n in ("date", "exercise", "category", "weight unit", "reps", "distance", "time")
    )
    i_weight, i_notes = table.index(*WEIGHT_COLUMNS), table.index("comment", "notes")
    dates = c.DateCache()
    workouts = c.Workouts()
    new_set = c.Sets()
    categories: dict[int, list[str]] = {}

    def read_row(line: int, f: list[str]) -> None:
        day = dates(f[i_date])
        n = c.check_reps(c.reps(f[i_reps]), f[i_distance], _seconds(f[i_time]))
        row_unit = (c.unit_word(f[i_unit]) or unit) if per_row else unit
        s = new_set(f[i_exercise], SetType.WORKING, c.weight_kg(f[i_weight], row_unit), n, line, notes=f[i_notes].strip())
        start = datetime(day.year, day.month, day.day)
        w = workouts.get(
            start,
            lambda: WorkoutRecord(started_at=start, source=SOURCE, import_key=f"{SOURCE}:{start.date().isoformat()}"),
        )
        cats = categories.setdefault(id(w), [])
        cat = f[i_category].strip()
        if cat and cat not in cats:
            cats.append(cat)
            w.name = " + ".join(cats)
        w.sets.append(s)

    skipped, left_out = c.collect(table, i_notes, read_row)
    unit_text = "per row" if per_row else (unit.value if unit else "")
    return c.Parsed(workouts.oldest_first(), skipped, variant, unit_text, left_out=left_out)


def _seconds(text: str) -> str:
    """FitNotes writes times as `0:01:30`; anything but zero counts as timed."""
    return "1" if text.strip().strip("0:") else ""
