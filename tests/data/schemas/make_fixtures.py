"""Write one small database per schema version (tests/data/schemas/NNNN.db), as that
version of backlegs left it: every table with rows. Run once when a migration is added:

    .venv/bin/python tests/data/schemas/make_fixtures.py 0004_next_revision

The files are checked in; tests/test_integrity.py upgrades each to head, every row intact.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).parent

ROWS: dict[str, list[dict[str, object]]] = {
    "exercises": [
        {"id": 1, "name": "Back squat", "primary_muscles": '["quads", "glutes"]', "secondary_muscles": '["erectors"]',
         "spinal_load": "high", "kind": "compound", "equipment": "barbell", "default_rest_s": 180,
         "load_increment_kg": 2.5, "bodyweight": 0},
        {"id": 2, "name": "Romanian deadlift", "primary_muscles": '["hamstrings"]', "secondary_muscles": '[]',
         "spinal_load": "moderate", "kind": "compound", "equipment": "barbell", "default_rest_s": 150,
         "load_increment_kg": 2.5, "bodyweight": 0},
    ],
    "exercise_alternatives": [{"exercise_id": 1, "alternative_id": 2}],
    "plans": [{"id": 1, "name": "Legs A", "warmup": "bike 5 min", "cooldown": "", "notes": "fixture",
               "created_at": "2025-01-01 10:00:00.000000"}],
    "plan_items": [{"id": 1, "plan_id": 1, "position": 0, "exercise_id": 1, "sets_min": 3, "sets_max": 4,
                    "reps_min": 5, "reps_max": 8, "target_rpe": 8.0, "target_rir": None, "rest_s": 180,
                    "alternative_ids": "[2]", "pairing_group": None, "notes": "belt"}],
    "schedule": [{"id": 1, "weekday": 0, "plan_id": 1}],
    "sessions": [
        {"id": 1, "name": "Legs A", "started_at": "2025-01-06 18:00:00.000000", "ended_at": "2025-01-06 19:05:00.000000",
         "plan_id": 1, "notes": "good day", "session_rpe": 8.0, "sleep_h": 7.5, "soreness": 2, "energy": 4,
         "current_item_id": None, "rest_started_at": None, "rest_until": None, "source": "app", "import_key": None},
        {"id": 2, "name": "Legs A", "started_at": "2025-01-13 18:00:00.000000", "ended_at": None,
         "plan_id": 1, "notes": "", "session_rpe": None, "sleep_h": None, "soreness": None, "energy": None,
         "current_item_id": 2, "rest_started_at": "2025-01-13 18:10:00.000000",
         "rest_until": "2025-01-13 18:13:00.000000", "source": "app", "import_key": None},
    ],
    "session_items": [
        {"id": 1, "session_id": 1, "position": 0, "exercise_id": 1, "plan_item_id": 1, "sets_planned": 3,
         "reps_min": 5, "reps_max": 8, "target_rpe": 8.0, "rest_s": 180},
        {"id": 2, "session_id": 2, "position": 0, "exercise_id": 1, "plan_item_id": 1, "sets_planned": 3,
         "reps_min": 5, "reps_max": 8, "target_rpe": 8.0, "rest_s": 180},
    ],
    "set_entries": [
        {"id": 1, "session_id": 1, "item_id": 1, "exercise_id": 1, "position": 0, "set_type": "warmup",
         "weight_kg": 60.0, "reps": 8, "rpe": None, "rir": None, "rest_s": 90,
         "logged_at": "2025-01-06 18:05:00.000000", "notes": ""},
        {"id": 2, "session_id": 1, "item_id": 1, "exercise_id": 1, "position": 1, "set_type": "working",
         "weight_kg": 120.0, "reps": 5, "rpe": 8.5, "rir": 1.5, "rest_s": 180,
         "logged_at": "2025-01-06 18:12:00.000000", "notes": "grindy"},
        {"id": 3, "session_id": 2, "item_id": 2, "exercise_id": 1, "position": 0, "set_type": "working",
         "weight_kg": 122.5, "reps": 5, "rpe": 8.0, "rir": None, "rest_s": None,
         "logged_at": "2025-01-13 18:10:00.000000", "notes": ""},
    ],
    "settings": [{"key": "settings", "value": '{"v": {"unit": "kg", "bar_kg": 20.0}}'}],
    "body_weights": [{"id": 1, "day": "2025-01-05", "weight_kg": 82.5}],  # from 0004
}


def make(revision: str, dest: Path) -> Path:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from backlegs_tui.store.db import MIGRATIONS_DIR

    dest.unlink(missing_ok=True)
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(dest))
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as con:
        cfg.attributes["connection"] = con
        command.upgrade(cfg, revision)
    engine.dispose()
    con = sqlite3.connect(dest)
    try:
        for table, rows in ROWS.items():
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            if not cols:  # a table a later version adds
                continue
            for row in rows:
                keys = [k for k in row if k in cols]
                con.execute(
                    f"INSERT INTO {table} ({', '.join(keys)}) VALUES ({', '.join('?' * len(keys))})",
                    [row[k] for k in keys],
                )
        if "deload" in [r[1] for r in con.execute("PRAGMA table_info(sessions)")]:
            con.execute("UPDATE sessions SET deload = 1 WHERE id = 1")
        if "duration_s" in [r[1] for r in con.execute("PRAGMA table_info(set_entries)")]:
            con.execute("UPDATE set_entries SET duration_s = 30, superset = '1' WHERE id = 1")
            con.execute("UPDATE exercises SET load_kind = 'weighted', notes = 'seat 4' WHERE id = 2")
        if "progression" in [r[1] for r in con.execute("PRAGMA table_info(plan_items)")]:  # 0005
            con.execute("UPDATE plan_items SET progression = 'linear 2.5', pairing_group = 'A' WHERE id = 1")
            con.execute("UPDATE plans SET warmup_min = 5, cooldown_min = 5, time_budget_min = 60 WHERE id = 1")
        con.commit()
        con.execute("PRAGMA page_size = 1024")
        con.execute("VACUUM")
    finally:
        con.close()
    return dest


if __name__ == "__main__":
    for rev in sys.argv[1:]:
        print(make(rev, HERE / f"{rev[:4]}.db"))
