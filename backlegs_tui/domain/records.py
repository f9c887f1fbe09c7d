"""Workouts as plain records: what importers and the demo generator produce and what the
store's bulk writer takes. Exercises are named, not numbered; the writer matches or creates them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .model import SetType


@dataclass(slots=True)
class SetRecord:
    exercise: str
    set_type: SetType
    weight_kg: float
    reps: int
    rpe: float | None = None
    rir: float | None = None
    rest_s: int | None = None
    logged_at: datetime | None = None  # None: the workout's start
    notes: str = ""
    line: int | None = None  # line in the source file, for error reports
    duration_s: int | None = None  # a timed or distance set: seconds
    distance_m: float | None = None  # a distance set: metres
    superset: str | None = None  # the source's superset group (Hevy's superset_id)
    source_name: str = ""  # the exercise as the file wrote it (before matching)


@dataclass(slots=True)
class WorkoutRecord:
    started_at: datetime
    name: str = ""
    ended_at: datetime | None = None
    notes: str = ""
    session_rpe: float | None = None
    sleep_h: float | None = None
    soreness: int | None = None
    energy: int | None = None
    deload: bool = False
    plan_name: str | None = None
    source: str = "app"
    import_key: str | None = None  # same key twice: the second is skipped
    sets: list[SetRecord] = field(default_factory=list)
