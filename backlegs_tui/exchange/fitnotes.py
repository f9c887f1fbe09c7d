"""FitNotes' CSV export:

    Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time   (or Weight (lbs))
    Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time   (newer)

Dates only: no time, no workout name, no set order. The rows of one day become one workout
starting at midnight, named after its categories, its sets in file order. Timed rows (Time
`0:01:30`) and distance rows (Distance with its Distance Unit) are stored as such. FitNotes
does not quote an exercise name with a comma in it ("Squat, Pause"): such a row has a field
too many, and is read by joining the name back (the report lists each row so read).
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
    i_dunit = table.index("distance unit")
    width = len(table.header)
    recovered: list[c.Skipped] = []

    def repair(line: int, f: list[str]) -> tuple[list[str], str] | None:
        """A name with an unquoted comma: join it back when the row then reads as numbers."""
        extra = len(f) - width
        if i_exercise >= width or extra < 1:
            return None
        fixed = f[:i_exercise] + [",".join(f[i_exercise : i_exercise + extra + 1])] + f[i_exercise + extra + 1 :]
        try:
            c.number(fixed[i_weight], "weight") if i_weight < width else None
            c.reps(fixed[i_reps]) if i_reps < width else None
        except c.RowError:
            return None
        if i_category < width and c.number_or_none(fixed[i_category]) is not None:
            return None  # the category would be a number: the comma was elsewhere
        return fixed, f"the exercise name {fixed[i_exercise].strip()!r} holds an unquoted comma: joined back"

    dates = c.DateCache()
    workouts = c.Workouts()
    new_set = c.Sets()
    categories: dict[int, list[str]] = {}

    def read_row(line: int, f: list[str]) -> None:
        day = dates(f[i_date])
        metres = c.distance_m(f[i_distance], c.metres_per(f[i_dunit]))
        n, secs, metres = c.measures(c.reps(f[i_reps]), c.seconds(f[i_time]), metres)
        row_unit = (c.unit_word(f[i_unit]) or unit) if per_row else unit
        s = new_set(f[i_exercise], SetType.WORKING, c.weight_kg(f[i_weight], row_unit), n, line,
                    notes=f[i_notes].strip(), duration_s=secs, distance_m=metres)
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

    skipped, _ = c.collect(table, i_notes, read_row, repair, recovered)
    unit_text = "per row" if per_row else (unit.value if unit else "")
    return c.Parsed(workouts.oldest_first(), skipped, variant, unit_text, recovered=recovered)
