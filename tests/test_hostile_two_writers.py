"""Two programs logging into one session at once never get the same set position."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import event, text

from backlegs_tui.domain.model import SetEntry, SetType
from backlegs_tui.store.repository import Repository


def test_a_set_logged_by_another_process_between_read_and_insert_gets_the_next_position(tmp_path: Path) -> None:
    """Repository B logs a warm-up at the worst moment for A: after A could have read the
    session's highest position and before A's INSERT. The position is computed inside A's
    write, so the two sets get 0 and 1, never 0 and 0."""
    db = tmp_path / "two.db"
    a = Repository.open(db)
    b = Repository.open(db)
    try:
        session = a.start_session(None, datetime(2026, 11, 24, 18), name="Shared")
        squat = a.exercise_by_name("Back squat") or a.exercises()[0]
        entry = SetEntry(exercise_id=squat.id, set_type=SetType.WARMUP, weight_kg=60.0, reps=5,
                         logged_at=datetime(2026, 11, 24, 18, 5))
        fired = []

        @event.listens_for(a.engine, "before_cursor_execute")
        def _other_writer(conn, cursor, statement, params, context, executemany):
            if statement.lstrip().upper().startswith("INSERT INTO SET_ENTRIES") and not fired:
                fired.append(True)
                b.log_set(session.id, entry)

        mine = a.log_set(session.id, entry)
        assert fired
        with a.engine.connect() as con:
            positions = [r[0] for r in con.execute(
                text("SELECT position FROM set_entries WHERE session_id = :s ORDER BY id"), {"s": session.id}
            )]
        assert positions == [0, 1]
        assert mine.position == 1
    finally:
        a.close()
        b.close()
