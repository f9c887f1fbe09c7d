"""Interaction benchmark on the ten-year database (~150k sets), against a minimal Textual app.

Both apps run headless in this process (`App.run_test`, 120x36), in the same run:

- set logging: from the Enter key press to the set committed (WAL, synchronous=FULL) by the
  app's job runner, applied to the `LiveSession` and the live panel drawn with it. The minimal app's equivalent is a
  key press that appends a row to its DataTable.
- history: from F3 to History mode showing its session list (first open, then a second open).
- analysis: the fatigue verdict of the start panel (`services.fatigue.fatigue_today`: the
  sessions it needs read from the database and judged), timed directly.

Each figure is a median over many repetitions; the report gives the backlegs/minimal ratio
where a minimal counterpart exists. The database is copied first, so the cached one never
changes. Not a timed test: run it by hand.

    .venv/bin/python benchmarks/bench_interaction.py [--sets 50] [--json]
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

from bench_startup import OUT, SEED, SETS_TARGET, WEEKS, build_db  # noqa: E402
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
    res: dict[str, list[float]] = {"log_set": [], "history_first": [], "history_again": [], "analysis": []}
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

        for key in ("history_first", "history_again"):
            t0 = time.perf_counter()
            await pilot.press("f3")
            await _until(pilot, lambda: _history_loaded(app))
            res[key].append(time.perf_counter() - t0)
            await pilot.press("f2")
            await pilot.pause()
            if key == "history_first":
                _reset_history(app)

        repo = app.repo
        assert repo is not None
        for _ in range(5):
            t0 = time.perf_counter()
            fatigue_today(repo, datetime.now().date())
            res["analysis"].append(time.perf_counter() - t0)
    return res


def _history_screen(app):  # noqa: ANN001, ANN202
    from backlegs_tui.ui.screens.history import HistoryScreen

    for stack in app._screen_stacks.values():
        for s in stack:
            if isinstance(s, HistoryScreen):
                return s
    return None


def _history_loaded(app) -> bool:  # noqa: ANN001
    from textual.widgets import DataTable

    screen = _history_screen(app)
    if screen is None or app.screen is not screen:
        return False
    tables = list(screen.query(DataTable))
    return bool(tables) and tables[0].row_count > 0


def _reset_history(app) -> None:  # noqa: ANN001
    from textual.widgets import DataTable

    screen = _history_screen(app)
    if screen is not None:
        for t in screen.query(DataTable):
            t.clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=50, help="sets to log (default 50)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--db", type=Path, help="database to copy (default: the cached ten-year one)")
    args = parser.parse_args(argv)
    source = args.db or build_db(OUT / f"bench-{WEEKS}w-{SETS_TARGET}sets-seed{SEED}.db")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        shutil.copy(source, db)
        minimal = asyncio.run(bench_minimal(args.sets))
        ours = asyncio.run(bench_backlegs(db, args.sets))
    med = {k: statistics.median(v) * 1000 for k, v in ours.items()}
    base = statistics.median(minimal) * 1000
    report = {
        "sets_in_db": _count(source),
        "minimal_keypress_ms": round(base, 2),
        **{f"{k}_ms": round(v, 2) for k, v in med.items()},
        "log_set_ratio": round(med["log_set"] / base, 2) if base else None,
        "log_set_p90_ms": round(sorted(ours["log_set"])[int(0.9 * len(ours["log_set"])) - 1] * 1000, 2),
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"database: {report['sets_in_db']:,} sets")
        print(f"minimal app, key press -> row shown     {base:8.2f} ms (median of {args.sets})")
        print(f"backlegs, Enter -> set committed+shown  {med['log_set']:8.2f} ms  p90 {report['log_set_p90_ms']} ms  "
              f"(ratio {report['log_set_ratio']}x; target < 15 ms)")
        print(f"backlegs, F3 -> history list shown      {med['history_first']:8.2f} ms first, {med['history_again']:.2f} ms again")
        print(f"backlegs, fatigue analysis (120 days)   {med['analysis']:8.2f} ms")
    return 0


def _count(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        return con.execute("SELECT count(*) FROM set_entries").fetchone()[0]


if __name__ == "__main__":
    raise SystemExit(main())
