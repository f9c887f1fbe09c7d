"""Start-up benchmark: backlegs on a ten-year database against a minimal Textual app.

Each app runs as a subprocess in a pseudo-terminal (120x36, TERM=xterm-256color), started the
same way (`python -m backlegs_tui --db DB`, `python benchmarks/minimal_app.py`). From the
moment of the spawn the script reads the terminal stream (escape codes stripped) and notes
when each marker text first appears, then sends ctrl+q and waits for the exit:

- first frame: the header title ("minimal-bench" / "backlegs"), drawn in the first paint;
- plans shown (backlegs only): " exercises)", from the plan list of the Session mode's start
  panel, which only shows once the database is open and the plans are read;
- overview shown (backlegs only): "sRPE", from the start panel's "Last sessions", which
  shows after the recent sessions are read and the fatigue analysis has run;
- mode switches (backlegs only): once the overview shows, F1, F3, F1, F3, F2 are sent one
  at a time; each is timed from the key to its mode's data on screen: Plan's first check
  ("Compounds before", drawn once the plan is read and checked), History's session count
  ("Sessions (", drawn once the first page is read), Session's "sRPE" again. The first F1
  and F3 open their mode for the first time (screen built, data read); the second ones
  come back to a mode already open;
- peak RSS: the child's own `ru_maxrss` from `os.wait4` (whole lifetime, exit included).

Both apps run as installed: with their bytecode cached (pip compiles it at install). A
machine that sets PYTHONDONTWRITEBYTECODE would otherwise compile backlegs' own modules from
source at every start while Textual's come compiled from site-packages. The children write
their bytecode under benchmarks/out/pycache (PYTHONPYCACHEPREFIX) and one untimed start of
each app fills it; `--no-bytecode` times the from-source starts instead.

Repeated N times (default 5); the report gives medians and the backlegs/minimal ratios.
The ten-year database (~150k sets, `store.demo`) is built once and cached under
benchmarks/out/ (git-ignored).

    .venv/bin/python benchmarks/bench_startup.py [--repeat 5] [--rebuild] [--json]
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
COLUMNS, LINES = 120, 36
PYCACHE = OUT / "pycache"
BYTECODE = True  # cached as after an install (see the module docstring); --no-bytecode: from source
ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>PX^_\\]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
CTRL_Q = b"\x11"

MINIMAL_MARKERS = {"first_frame": "minimal-bench"}
BACKLEGS_MARKERS = {"first_frame": "backlegs", "plans_shown": " exercises)", "overview_shown": "sRPE"}
F1, F2, F3 = b"\x1bOP", b"\x1bOQ", b"\x1bOR"
PLAN_DATA, HISTORY_DATA, SESSION_DATA = ("Compounds before",), ("Sessions (",), ("sRPE",)
# (name, key, what on screen says the mode's data is shown)
MODE_STEPS = (
    ("plan_first", F1, PLAN_DATA),
    ("history_first", F3, HISTORY_DATA),
    ("plan_again", F1, PLAN_DATA),
    ("history_again", F3, HISTORY_DATA),
    ("session_again", F2, SESSION_DATA),
)

WEEKS, SETS_TARGET, SESSIONS_PER_WEEK, SEED = 520, 150_000, (4, 5), 7


@dataclass
class Run:
    """One start of one app: seconds from spawn to each marker, and peak RSS in MiB."""

    seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mib: float = 0.0


@dataclass
class Report:
    repeat: int
    db: str
    db_sets: int
    minimal: list[Run]
    backlegs: list[Run]
    load: tuple[float, float] | None = None  # 1-minute load average before and after the runs

    def median(self, app: str, what: str) -> float:
        runs = getattr(self, app)
        if what == "peak_rss_mib":
            return statistics.median(r.peak_rss_mib for r in runs)
        return statistics.median(r.seconds[what] for r in runs)


# ---- the database ----------------------------------------------------------------------------


def build_db(path: Path, *, weeks: int = WEEKS, sets_target: int | None = SETS_TARGET, rebuild: bool = False) -> Path:
    """The demo database at `path`, built unless it is already there (or `rebuild`)."""
    from backlegs_tui.store.demo import make_demo_db

    if path.exists() and not rebuild:
        return path
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    make_demo_db(path, weeks=weeks, seed=SEED, sessions_per_week=SESSIONS_PER_WEEK, sets_target=sets_target)
    print(f"built {path.name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def count_sets(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        return con.execute("SELECT count(*) FROM set_entries").fetchone()[0]


# ---- one run ---------------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    """The environment of an app under test: the pty's terminal, no devtools, and (unless
    --no-bytecode) bytecode written to and read from PYCACHE."""
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)}
    env.pop("TEXTUAL", None)  # no devtools
    if BYTECODE:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def spawn(argv: Sequence[str], cwd: Path) -> tuple[subprocess.Popen, int]:
    """Start `argv` in its own session on a new pty of COLUMNS x LINES, in `child_env()`;
    the process and the pty's master end (the caller closes it)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    proc = subprocess.Popen(
        list(argv), stdin=slave, stdout=slave, stderr=slave, env=child_env(), cwd=cwd, close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    return proc, master


def measure(
    argv: Sequence[str], markers: dict[str, str], *, timeout: float = 30.0,
    steps: Sequence[tuple[str, bytes, tuple[str, ...]]] = (),
) -> Run:
    """Spawn `argv` in a pty, time each marker from the spawn, then each step from its key
    to its text in what is drawn after it, quit with ctrl+q, reap."""
    started = time.perf_counter()
    proc, master = spawn(argv, ROOT)
    run = Run()
    text = ""
    pending = dict(markers)
    deadline = started + timeout
    try:
        while pending:
            if time.perf_counter() > deadline or proc.poll() is not None:
                raise RuntimeError(f"{argv[-1]}: {sorted(pending)} never appeared; screen tail {text[-300:]!r}")
            chunk = _read(master, 0.02)
            if not chunk:
                continue
            now = time.perf_counter()
            text += ANSI.sub(b"", chunk).decode("utf-8", "replace")
            for name, needle in list(pending.items()):
                if needle in text:
                    run.seconds[name] = now - started
                    del pending[name]
        for name, key, needles in steps:
            run.seconds[name] = _step(proc, master, key, needles, deadline=time.perf_counter() + timeout)
        os.write(master, CTRL_Q)
        run.peak_rss_mib = _reap(proc, master, timeout=10.0)
    finally:
        if proc.returncode is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        os.close(master)
    return run


def _step(proc: subprocess.Popen, master: int, key: bytes, needles: tuple[str, ...], *, deadline: float) -> float:
    """Send `key`; seconds until one of `needles` is drawn after it."""
    _read(master, 0.3)  # let the screen settle; what is drawn before the key does not count
    while _read(master, 0.05):
        pass
    os.write(master, key)
    sent = time.perf_counter()
    text = ""
    while True:
        if time.perf_counter() > deadline or proc.poll() is not None:
            raise RuntimeError(f"{needles} never appeared after {key!r}; screen tail {text[-300:]!r}")
        chunk = _read(master, 0.01)
        if not chunk:
            continue
        now = time.perf_counter()
        text += ANSI.sub(b"", chunk).decode("utf-8", "replace")
        if any(n in text for n in needles):
            return now - sent


def _read(fd: int, timeout: float) -> bytes:
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:  # the child closed the terminal
        return b""


def _reap(proc: subprocess.Popen, master: int, timeout: float) -> float:
    """Wait for the child while draining its terminal; its peak RSS in MiB."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return usage.ru_maxrss / 1024  # Linux: KiB
        _read(master, 0.02)
    raise RuntimeError(f"{proc.args[-1]} did not quit on ctrl+q within {timeout:g} s")


# ---- the benchmark ---------------------------------------------------------------------------


def minimal_argv() -> list[str]:
    return [sys.executable, str(HERE / "minimal_app.py")]


def backlegs_argv(db: Path) -> list[str]:
    return [sys.executable, "-m", "backlegs_tui", "--db", str(db)]


def run_benchmark(db: Path, repeat: int = 5, *, timeout: float = 30.0) -> Report:
    """`repeat` alternating starts of each app against `db`."""
    minimal: list[Run] = []
    backlegs: list[Run] = []
    if BYTECODE:  # one untimed start of each fills the bytecode cache
        measure(minimal_argv(), MINIMAL_MARKERS, timeout=timeout)
        measure(backlegs_argv(db), BACKLEGS_MARKERS, timeout=timeout)
    load_before = os.getloadavg()[0]
    for _ in range(repeat):
        minimal.append(measure(minimal_argv(), MINIMAL_MARKERS, timeout=timeout))
        backlegs.append(measure(backlegs_argv(db), BACKLEGS_MARKERS, timeout=timeout, steps=MODE_STEPS))
    return Report(repeat, db.name, count_sets(db), minimal, backlegs, (load_before, os.getloadavg()[0]))


def format_report(r: Report) -> str:
    def ms(app: str, what: str) -> str:
        return f"{r.median(app, what) * 1000:7.0f} ms"

    first = r.median("backlegs", "first_frame") / r.median("minimal", "first_frame")
    # each backlegs start against the minimal start just before it: steadier on a busy machine
    paired = statistics.median(b.seconds["first_frame"] / m.seconds["first_frame"]
                               for m, b in zip(r.minimal, r.backlegs))
    rss = r.median("backlegs", "peak_rss_mib") / r.median("minimal", "peak_rss_mib")
    data = r.median("backlegs", "plans_shown") / r.median("minimal", "first_frame")
    lines = [
        f"start-up, median of {r.repeat} ({r.db}: {r.db_sets:,} sets; pty {COLUMNS}x{LINES}; "
        f"{'bytecode cached' if BYTECODE else 'compiled from source at each start'})",
        f"{'':28}{'minimal':>12}{'backlegs':>12}{'ratio':>8}",
        f"{'first frame':28}{ms('minimal', 'first_frame'):>12}{ms('backlegs', 'first_frame'):>12}{first:>7.2f}x",
        f"{'first frame, paired runs':28}{'':>12}{'':>12}{paired:>7.2f}x   (median of each run's ratio)",
        f"{'session: plans shown':28}{'':>12}{ms('backlegs', 'plans_shown'):>12}{data:>7.2f}x",
        f"{'session: overview shown':28}{'':>12}{ms('backlegs', 'overview_shown'):>12}",
        f"{'F1 -> plan shown, first':28}{'':>12}{ms('backlegs', 'plan_first'):>12}   (target < 250 ms)",
        f"{'F3 -> history shown, first':28}{'':>12}{ms('backlegs', 'history_first'):>12}   (target < 250 ms)",
        f"{'F1 -> plan shown, again':28}{'':>12}{ms('backlegs', 'plan_again'):>12}   (target < 100 ms)",
        f"{'F3 -> history shown, again':28}{'':>12}{ms('backlegs', 'history_again'):>12}   (target < 100 ms)",
        f"{'F2 -> session shown, again':28}{'':>12}{ms('backlegs', 'session_again'):>12}   (target < 100 ms)",
        f"{'peak RSS':28}{r.median('minimal', 'peak_rss_mib'):>8.1f} MiB{r.median('backlegs', 'peak_rss_mib'):>8.1f} MiB{rss:>7.2f}x",
        "(ratios: backlegs / the minimal app's first frame or RSS)",
    ]
    if r.load:
        lines.append(f"(load average {r.load[0]:.2f} at the start, {r.load[1]:.2f} at the end, on {os.cpu_count()} CPUs)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--weeks", type=int, default=WEEKS)
    p.add_argument("--sets", type=int, default=SETS_TARGET, help="sets in the database (approximately)")
    p.add_argument("--rebuild", action="store_true", help="build the database again")
    p.add_argument("--json", action="store_true", help="print the runs as JSON too")
    p.add_argument("--no-bytecode", action="store_true",
                   help="compile from source at each start (as with PYTHONDONTWRITEBYTECODE)")
    args = p.parse_args(argv)
    global BYTECODE
    BYTECODE = not args.no_bytecode
    db = build_db(OUT / f"bench-{args.weeks}w-{args.sets}sets-seed{SEED}.db", weeks=args.weeks,
                  sets_target=args.sets, rebuild=args.rebuild)
    report = run_benchmark(db, args.repeat)
    print(format_report(report))
    if args.json:
        print(json.dumps(asdict(report), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
