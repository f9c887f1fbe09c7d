"""Rows to domain values: the one mapping from a set row to a `SetEntry`, shared by the
repository and the history queries (so neither imports the other)."""

from __future__ import annotations

from ..domain.model import SetEntry, SetType
from .models import SetRow


def set_entry(row: SetRow, name: str = "") -> SetEntry:
    return SetEntry(
        id=row.id,
        session_id=row.session_id,
        item_id=row.item_id,
        exercise_id=row.exercise_id,
        exercise_name=name,
        position=row.position,
        set_type=SetType(row.set_type),
        weight_kg=row.weight_kg,
        reps=row.reps,
        rpe=row.rpe,
        rir=row.rir,
        rest_s=row.rest_s,
        logged_at=row.logged_at,
        notes=row.notes,
        duration_s=row.duration_s,
        distance_m=row.distance_m,
        superset=row.superset,
    )
