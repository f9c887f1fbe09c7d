"""Interaction benchmark on the ten-year database (~150k sets), against a minimal Textual app.

Set logging and the analysis run headless in this process (`App.run_test`, 120x36):

- set logging: from the Enter key press to the set committed (WAL, synchronous=FULL) by the
  app's job runner, applied to the `LiveSession` and the live panel drawn with it. The minimal app's equivalent is a
  key press that appends a row to its DataTable.
- analysis: the fatigue verdict of the start panel (`services.fatigue.fatigue_today`: the
  sessions it needs read from the database and judged), timed directly.
- mode switches (`--modes N`, N starts of each app): each app runs in a pseudo-terminal
  (120x36) the way `bench_startup.py` starts it, and each key is timed from the moment it is
  sent to its mode's data drawn on the terminal (`bench_startup.MODE_STEPS`: F1 and F3 to a
  mode not yet shown, then F1, F3, F2 back to modes already shown), each key 1 s after the
  previous mode's data appeared. The floor is
  `minimal_modes.py`: three modes of Textual widgets only (about as many as backlegs'
  screens, no database) through the same steps, what a switch costs in Textual itself.

Each figure is a median over many repetitions; the report gives the backlegs/minimal ratio
where a minimal counterpart exists. The database is copied first, so the cached one never
changes. Not a timed test: run it by hand.

    .venv/bin/python benchmarks/bench_interaction.py [--sets 50] [--modes 5] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_startup import (  # noqa: E402
    MODE_STEPS,
    OUT,
    SEED,
    SETS_TARGET,
    WEEKS,
    backlegs_argv,
    build_db,
    measure,
)
import bench_startup  # noqa: E402
from minimal_app import MinimalApp  # noqa: E402

SIZE = (120, 36)


class KeyedMinimal(MinimalApp):
    """The minimal app plus one key that appends a row: the baseline for a logged set."""

    BINDINGS = [("a", "add", "Add")]

    shown: list[float] = []

    def action_add(self) -> None:
        self.query_one("DataTable").add_row("Barbell back squat", "100 x 5")
        self.shown.append(time.perf_counter())


async def _until(pilot, predicate: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("benchmark condition never held")
        await asyncio.sleep(0.001)


async def bench_minimal(presses: int) -> list[float]:
    app = KeyedMinimal()
    out: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one("DataTable")
        for _ in range(presses):
            n = len(app.shown)
            t0 = time.perf_counter()
            await pilot.press("a")
            await _until(pilot, lambda: len(app.shown) > n)
            out.append(app.shown[-1] - t0)
    return out


async def bench_backlegs(db: Path, presses: int) -> dict[str, list[float]]:
    from backlegs_tui.services.fatigue import fatigue_today
    from backlegs_tui.ui.app import BacklegsApp
    from backlegs_tui.ui.screens.session import SessionScreen

    app = BacklegsApp(db_path=db)
    res: dict[str, list[float]] = {"log_set": [], "analysis": []}
    async with app.run_test(size=SIZE) as pilot:
        # the splash paints first; the session screen follows once the store is open
        await _until(pilot, lambda: isinstance(app.screen, SessionScreen))
        screen = app.screen
        await _until(pilot, lambda: app.repo is not None and any(o.option_count for o in screen.query("#start-options")))
        # a body weight on record, so that the pull-up later in the plan logs without asking
        app.repo.log_body_weight(app.clock(), 80.0)
        await pilot.press("enter")
        await _until(pilot, lambda: type(app.screen).__name__ == "FormDialog")
        await pilot.press("escape")
        await _until(pilot, lambda: screen.live is not None and app.screen is screen)
        await pilot.press("w")  # warm-ups off: every Enter is a working set
        await pilot.pause()
        done: list[float] = []
        panel = screen.panel
        original = panel.show

        def show(live):  # noqa: ANN001
            original(live)
            done.append((len(live.state.sets), time.perf_counter()))

        panel.show = show  # type: ignore[method-assign]
        screen.entry.load("100", "5", screen.entry.set_type, weight_step=2.5, bodyweight=False)
        for _ in range(presses):
            sets = len(screen.live.state.sets)
            t0 = time.perf_counter()
            await pilot.press("enter")
            # the set is committed and applied, and the panel drawn with it
            await _until(pilot, lambda: any(n > sets for n, _ in done[-3:]))
            res["log_set"].append(next(t for n, t in done if n > sets) - t0)
            done.clear()
            screen.live.timer = None  # keep the timer out of the way

        repo = app.repo
        assert repo is not None
        for _ in range(5):
            t0 = time.perf_counter()
            fatigue_today(repo, datetime.now().date())
            res["analysis"].append(time.perf_counter() - t0)
    return res


KEY_NAMES = {b"\x1bOP": "F1", b"\x1bOQ": "F2", b"\x1bOR": "F3"}
# the minimal app's steps: the same keys, each mode's own title as the sign it is drawn
MINIMAL_STEPS = tuple(
    (name, key, (f"Minimal {name.split('_')[0]}",)) for name, key, _ in MODE_STEPS
)


LOOK_S = 1.0  # the lifter looks at a mode this long before the next key


def _after_a_look(step: Callable[..., float]) -> Callable[..., float]:
    """`bench_startup`'s step, sent `LOOK_S` after the previous mode's data was drawn (its
    own waits only for 50 ms without output, and a screen still laying out its last reads
    draws nothing: the key would then time that work too)."""

    def run(proc, master, key, needles, *, deadline):  # noqa: ANN001, ANN202
        until = time.perf_counter() + LOOK_S
        while time.perf_counter() < until:
            bench_startup._read(master, 0.05)
        return step(proc, master, key, needles, deadline=deadline)

    return run


def bench_modes(db: Path, starts: int) -> dict[str, dict[str, list[float]]]:
    """Mode switches in a pty, alternating the minimal app and backlegs `starts` times."""
    bench_startup._step = _after_a_look(bench_startup._step)
    out: dict[str, dict[str, list[float]]] = {"minimal": {}, "backlegs": {}}
    minimal = [sys.executable, str(HERE / "minimal_modes.py")]
    backlegs_markers = {"overview_shown": "sRPE"}  # the start panel is drawn in full
    for _ in range(starts):
        for app, argv, markers, steps in (
            ("minimal", minimal, {"first_frame": "Minimal session"}, MINIMAL_STEPS),
            ("backlegs", backlegs_argv(db), backlegs_markers, MODE_STEPS),
        ):
            run = measure(argv, markers, steps=steps)
            for name, _, _ in steps:
                out[app].setdefault(name, []).append(run.seconds[name])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=50, help="sets to log (default 50; 0: none)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--modes", type=int, default=5, help="starts of each app for the mode switches (0: none)")
    parser.add_argument("--db", type=Path, help="database to copy (default: the cached ten-year one)")
    args = parser.parse_args(argv)
    source = args.db or build_db(OUT / f"bench-{WEEKS}w-{SETS_TARGET}sets-seed{SEED}.db")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        shutil.copy(source, db)
        minimal = asyncio.run(bench_minimal(args.sets)) if args.sets else []
        ours = asyncio.run(bench_backlegs(db, args.sets)) if args.sets else {}
        fresh = Path(tmp) / "modes.db"  # no session open: each start shows the start panel
        shutil.copy(source, fresh)
        modes = bench_modes(fresh, args.modes) if args.modes else {}
    med = {k: statistics.median(v) * 1000 for k, v in ours.items()}
    base = statistics.median(minimal) * 1000 if minimal else 0.0
    report: dict = {"sets_in_db": _count(source)}
    if ours:
        report |= {
            "minimal_keypress_ms": round(base, 2),
            **{f"{k}_ms": round(v, 2) for k, v in med.items()},
            "log_set_ratio": round(med["log_set"] / base, 2) if base else None,
            "log_set_p90_ms": round(sorted(ours["log_set"])[int(0.9 * len(ours["log_set"])) - 1] * 1000, 2),
        }
    if modes:
        report["modes_ms"] = {
            app: {k: round(statistics.median(v) * 1000, 1) for k, v in steps.items()} for app, steps in modes.items()
        }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"database: {report['sets_in_db']:,} sets")
    if ours:
        print(f"minimal app, key press -> row shown     {base:8.2f} ms (median of {args.sets})")
        print(f"backlegs, Enter -> set committed+shown  {med['log_set']:8.2f} ms  p90 {report['log_set_p90_ms']} ms  "
              f"(ratio {report['log_set_ratio']}x; target < 15 ms)")
        print(f"backlegs, fatigue analysis (120 days)   {med['analysis']:8.2f} ms")
    if modes:
        ms = report["modes_ms"]
        print(f"mode switch, key -> data drawn (pty 120x36, key {LOOK_S:g} s after the last, median of {args.modes} starts)")
        print("                                 minimal    backlegs   target")
        for name, key, _ in MODE_STEPS:
            label = f"{KEY_NAMES[key]} -> {name.replace('_', ', ')}"
            target = "< 250 ms" if name.endswith("first") else "< 100 ms"
            print(f"  {label:<28} {ms['minimal'][name]:6.0f} ms   {ms['backlegs'][name]:6.0f} ms   {target}")
    return 0


def _count(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        return con.execute("SELECT count(*) FROM set_entries").fetchone()[0]


if __name__ == "__main__":
    raise SystemExit(main())
