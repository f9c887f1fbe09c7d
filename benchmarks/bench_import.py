"""Import benchmark: a 150,000-row Strong CSV into a fresh database, through the real code
path (parse, match exercise names, bulk write in one transaction), against a plain sqlite3
`executemany` of the same sets into an equivalent table (same columns, indexes and pragmas).

    python benchmarks/bench_import.py [--rows 150000]

Targets: the import under 10 s, and under 5 times the plain executemany.
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from backlegs_tui.domain.model import Unit  # noqa: E402
from backlegs_tui.exchange.importing import read_file, write  # noqa: E402
from backlegs_tui.store.repository import Repository  # noqa: E402
from backlegs_tui.store.schema import BUSY_TIMEOUT_MS  # noqa: E402

HEADER = ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps",
          "Distance", "Seconds", "Notes", "Workout Notes", "RPE"]
EXERCISES = ["Squat (Barbell)", "Lat Pulldown (Cable)", "Romanian Deadlift (Barbell)",
             "Bent Over Row (Barbell)", "Leg Press", "Face Pull (Cable)", "Hack Squat (Machine)"]
SETS_PER_WORKOUT = 25
TIME_LIMIT_S = 10.0
RATIO_LIMIT = 5.0


def write_strong_csv(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = datetime(2016, 1, 4, 18, 0)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(rows):
            workout, k = divmod(i, SETS_PER_WORKOUT)
            day = start + timedelta(days=workout * 2 + workout // 3, minutes=workout * 7 % 60)
            exercise = EXERCISES[(k // 4) % len(EXERCISES)]
            weight = round(40 + 2.5 * rng.randrange(0, 50), 2) + (1e-14 if k % 7 == 0 else 0)
            w.writerow([
                day.strftime("%Y-%m-%d %H:%M:%S"), f"Workout {workout % 3 + 1}", "1h 5m", exercise,
                k % 4 + 1, weight, rng.randrange(3, 13), 0, 0, "", "", rng.choice(["", "7", "8", "8.5", "9"]),
            ])


def plain_executemany(db: Path, ddl: list[str], rows: list[tuple]) -> float:
    con = sqlite3.connect(db, timeout=BUSY_TIMEOUT_MS / 1000)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    for statement in ddl:
        con.execute(statement)
    con.commit()
    t0 = time.perf_counter()
    with con:
        con.executemany(
            "INSERT INTO set_entries (session_id, item_id, exercise_id, position, set_type, weight_kg, reps,"
            " rpe, rir, rest_s, logged_at, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=150_000)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="backlegs-bench-") as tmp:
        folder = Path(tmp)
        csv_path = folder / "strong.csv"
        write_strong_csv(csv_path, args.rows)
        repo = Repository.open(folder / "import.db")

        t0 = time.perf_counter()
        parsed = read_file("strong", csv_path, Unit.KG)
        t_read = time.perf_counter() - t0
        summary = write(repo, "strong", parsed)
        t_import = time.perf_counter() - t0
        assert summary.sets == args.rows - parsed.left_out, (summary.sets, args.rows)

        # the same sets, as stored, into an equivalent table with the plain driver
        con = sqlite3.connect(folder / "import.db")
        ddl = [sql for (sql,) in con.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'set_entries' AND sql IS NOT NULL ORDER BY type DESC"
        )]
        rows = con.execute(
            "SELECT session_id, item_id, exercise_id, position, set_type, weight_kg, reps, rpe, rir, rest_s,"
            " logged_at, notes FROM set_entries ORDER BY id"
        ).fetchall()
        con.close()
        repo.close()
        t_plain = plain_executemany(folder / "plain.db", ddl, rows)

    ratio = t_import / t_plain
    print(f"rows: {args.rows:,} ({summary.workouts:,} workouts, {summary.sets:,} sets)")
    print(f"import: {t_import:.2f} s (read and match {t_read:.2f} s, write {t_import - t_read:.2f} s)")
    print(f"plain sqlite3 executemany: {t_plain:.2f} s")
    print(f"ratio: {ratio:.1f}x (write only: {(t_import - t_read) / t_plain:.1f}x)")
    ok = t_import < TIME_LIMIT_S and ratio < RATIO_LIMIT
    print("targets (< 10 s, < 5x):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
