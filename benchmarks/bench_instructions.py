"""Start-up in instructions: how many CPU instructions each app runs until its first frame.

Wall-clock start-up on a shared 2-core VM moves by ±10 % from one run to the next, which is
larger than the changes worth catching. Valgrind's callgrind counts instructions instead: the
same program on the same input gives the same count to within ~0.1 %, whatever else the
machine is doing. Each app runs in a pty (120x36) under `valgrind --tool=callgrind` through
`first_frame.py`, which ends the process when the first frame (the header title) is written.

- **minimal** and **backlegs** as in `bench_startup.py` (the ten-year database, bytecode
  cached after one untimed start each, unless `--no-bytecode`);
- **quick check**: SQLite's `PRAGMA quick_check` of that database alone (a Python that runs
  it, less the same Python without it). backlegs runs it in a thread on the other core while
  Textual is imported, so it is in backlegs' count but mostly not in its wall time;
- `--against DIR DB`: the same count for another checkout of backlegs (a `git worktree` of an
  older commit) on its own database, for a before/after with no noise.

Counts are of all threads. Valgrind runs the program ~50x slower: about a minute in all.

    .venv/bin/python benchmarks/bench_instructions.py [--no-bytecode] [--against DIR DB] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_startup  # noqa: E402
from bench_startup import COLUMNS, LINES, OUT, SEED, SETS_TARGET, WEEKS, build_db  # noqa: E402

FIRST_FRAME = HERE / "first_frame.py"
QUICK_CHECK = (
    "import sqlite3, sys\n"
    "con = sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True)\n"
    "con.execute('PRAGMA quick_check(1)' if sys.argv[2] == 'check' else 'SELECT 1').fetchall()\n"
)


def run_in_pty(argv: list[str], cwd: Path, timeout: float = 600.0) -> int:
    """Run `argv` in a 120x36 pty, reading what it draws, until it exits; its exit code."""
    deadline = time.monotonic() + timeout
    proc, master = bench_startup.spawn(argv, cwd)
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            bench_startup._read(master, 0.1)
    finally:
        if proc.returncode is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return proc.returncode


def instructions(argv: list[str], cwd: Path) -> int:
    """Instructions `argv` runs (all threads), counted by callgrind."""
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "callgrind.log"
        run_in_pty(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", f"--log-file={log}", *argv], cwd)
        found = re.search(r"Collected : (\d+)", log.read_text())
    if found is None:
        raise RuntimeError(f"callgrind counted nothing for {argv}")
    return int(found.group(1))


def first_frame(marker: str, app: list[str], cwd: Path) -> int:
    """Instructions to `app`'s first frame; one plain start first fills the bytecode cache."""
    argv = [sys.executable, str(FIRST_FRAME), marker, *app]
    run_in_pty(argv, cwd)
    return instructions(argv, cwd)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--no-bytecode", action="store_true", help="compile from source at each start")
    p.add_argument("--against", nargs=2, metavar=("DIR", "DB"), help="another checkout of backlegs and its database")
    p.add_argument("--json", action="store_true", help="print the counts as JSON too")
    args = p.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("bench_instructions: valgrind is not installed (apt install valgrind)", file=sys.stderr)
        return 2
    bench_startup.BYTECODE = not args.no_bytecode
    db = build_db(OUT / f"bench-{WEEKS}w-{SETS_TARGET}sets-seed{SEED}.db")
    root = HERE.parent
    counts = {
        "minimal": first_frame("minimal-bench", [str(HERE / "minimal_app.py")], root),
        "backlegs": first_frame("backlegs", ["-m", "backlegs_tui", "--db", str(db)], root),
        "quick check": instructions([sys.executable, "-c", QUICK_CHECK, str(db), "check"], root)
        - instructions([sys.executable, "-c", QUICK_CHECK, str(db), "none"], root),
    }
    if args.against:
        other, other_db = Path(args.against[0]).resolve(), Path(args.against[1]).resolve()
        counts["against"] = first_frame("backlegs", ["-m", "backlegs_tui", "--db", str(other_db)], other)
    base = counts["minimal"]
    print(f"instructions to the first frame ({db.name}; pty {COLUMNS}x{LINES}; "
          f"{'compiled from source' if args.no_bytecode else 'bytecode cached'})")
    print(f"{'minimal app':34}{base / 1e6:10,.0f} M   1.00x")
    print(f"{'backlegs':34}{counts['backlegs'] / 1e6:10,.0f} M {counts['backlegs'] / base:6.2f}x")
    print(f"{'  of which the quick-check thread':34}{counts['quick check'] / 1e6:10,.0f} M")
    rest = counts["backlegs"] - counts["quick check"]
    print(f"{'backlegs without it':34}{rest / 1e6:10,.0f} M {rest / base:6.2f}x")
    if args.against:
        print(f"{'against ' + args.against[0]:34}{counts['against'] / 1e6:10,.0f} M {counts['against'] / base:6.2f}x"
              f"   (backlegs {counts['backlegs'] / counts['against'] - 1:+.1%})")
    if args.json:
        print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
