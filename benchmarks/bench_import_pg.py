"""Import benchmark on PostgreSQL: the 150,000-row Strong CSV of bench_import.py into a fresh
database on a local server, through the real code path (parse, match, one-transaction bulk
write by COPY).

    python benchmarks/bench_import_pg.py [--rows 150000] [--db postgresql+psycopg://...]

Without --db, a throwaway server is started from the machine's PostgreSQL binaries
(tests/pg.py) with its default durability (fsync on). Target: under 10 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from backlegs_tui.domain.model import Unit
from backlegs_tui.exchange.importing import read_file, write
from backlegs_tui.store.repository import Repository
from backlegs_tui.store.schema import db_target
from benchmarks.bench_import import TIME_LIMIT_S, write_strong_csv


def run(url: str, rows: int) -> float:
    with tempfile.TemporaryDirectory(prefix="backlegs-bench-") as tmp:
        csv_path = Path(tmp) / "strong.csv"
        write_strong_csv(csv_path, rows)
        repo = Repository.open(db_target(url))
        try:
            t0 = time.perf_counter()
            parsed = read_file("strong", csv_path, Unit.KG)
            t_read = time.perf_counter() - t0
            summary = write(repo, "strong", parsed)
            t_import = time.perf_counter() - t0
        finally:
            repo.close()
    print(f"rows: {rows:,} ({summary.workouts:,} workouts, {summary.sets:,} sets)")
    print(f"import on PostgreSQL: {t_import:.2f} s (read and match {t_read:.2f} s, write {t_import - t_read:.2f} s)")
    return t_import


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=150_000)
    ap.add_argument("--db", help="a PostgreSQL URL (default: a throwaway local server)")
    args = ap.parse_args(argv)
    if args.db:
        elapsed = run(args.db, args.rows)
    else:
        from tests.pg import PgServer, unavailable

        reason = unavailable()
        if reason:
            print(f"bench_import_pg: {reason}", file=sys.stderr)
            return 2
        server = PgServer(fast=False).start()
        try:
            elapsed = run(server.url(server.create_database(name="bench")), args.rows)
        finally:
            server.stop()
    ok = elapsed < TIME_LIMIT_S
    print("target (< 10 s):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
