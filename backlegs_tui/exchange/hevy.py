"""Hevy's CSV export:

    "title","start_time","end_time","description","exercise_title","superset_id",
    "exercise_notes","set_index","set_type","weight_kg","reps","distance_km",
    "duration_seconds","rpe"

Pound accounts write `weight_lbs` / `distance_miles`. Dates follow the phone's locale
(`9 Apr 2026, 17:18`, `May 7, 2026, 6:13 AM`); newlines in notes are a literal `\\n`;
`set_index` counts from 0, warm-ups included; the newest workout comes first. Exercise notes
belong to the exercise, so they go on its first set of the workout. Timed and distance sets
(duration_seconds, distance_km / distance_miles) are stored as such; `superset_id` is kept.
"""

from __future__ import annotations

from ..domain.model import SetType, Unit
from ..domain.records import WorkoutRecord
from . import common as c

SOURCE = "hevy"

REQUIRED = {
    "title": ("title",),
    "start_time": ("start_time",),
    "exercise_title": ("exercise_title",),
    "set_type": ("set_type",),
    "weight_kg or weight_lbs": ("weight_kg", "weight_lbs"),
    "reps": ("reps",),
}

SET_TYPES = {
    "normal": SetType.WORKING,
    "": SetType.WORKING,
    "warmup": SetType.WARMUP,
    "failure": SetType.FAILURE,
    "dropset": SetType.DROP,
}


def _text(cell: str) -> str:
    return cell.replace("\\n", "\n").strip()


def parse(text: str, *, unit: Unit | None = None, progress: c.Progress | None = None) -> c.Parsed:
    table = c.read_csv(text, progress)
    c.check_columns(table.header, REQUIRED, "a Hevy export")
    unit = Unit.LB if table.has("weight_lbs") else Unit.KG
    i_title, i_start, i_end, i_description, i_exercise, i_notes, i_type, i_reps, i_rpe, i_duration = (
        table.index(n)
        for n in (
            "title", "start_time", "end_time", "description", "exercise_title",
            "exercise_notes", "set_type", "reps", "rpe", "duration_seconds",
        )
    )
    i_weight, i_distance = table.index("weight_kg", "weight_lbs"), table.index("distance_km", "distance_miles")
    i_superset = table.index("superset_id")
    per_unit = 1609.344 if table.has("distance_miles") else 1000.0
    dates = c.DateCache()
    workouts = c.Workouts()
    new_set = c.Sets()
    noted: set[tuple[int, str]] = set()  # (workout, exercise) that have their notes

    def read_row(line: int, f: list[str]) -> None:
        started = dates(f[i_start])
        ended = dates(f[i_end]) if f[i_end].strip() else None
        kind = f[i_type].strip().lower()
        if kind not in SET_TYPES:
            raise c.RowError(f"set type {kind!r} is not normal, warmup, failure or dropset")
        n, secs, metres = c.measures(c.reps(f[i_reps]), c.seconds(f[i_duration]), c.distance_m(f[i_distance], per_unit))
        superset = f[i_superset].strip()[:20] or None
        s = new_set(f[i_exercise], SET_TYPES[kind], c.weight_kg(f[i_weight], unit), n, line, rpe=c.rpe(f[i_rpe]),
                    duration_s=secs, distance_m=metres, superset=superset)
        title = f[i_title].strip()
        w = workouts.get(
            (started, title),
            lambda: WorkoutRecord(
                started_at=started,
                name=title,
                ended_at=ended if ended and ended > started else None,
                notes=_text(f[i_description]),
                source=SOURCE,
                import_key=c.import_key(SOURCE, started, title),
            ),
        )
        notes = _text(f[i_notes])
        if notes and (id(w), s.exercise) not in noted:
            noted.add((id(w), s.exercise))
            s.notes = notes
        w.sets.append(s)

    free_text = i_notes if table.has("exercise_notes") else i_description
    skipped, _ = c.collect(table, free_text, read_row)
    return c.Parsed(workouts.oldest_first(), skipped, f"Hevy ({unit.value})", unit.value)
