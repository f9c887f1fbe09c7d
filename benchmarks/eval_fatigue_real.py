"""Replay real training-log exports through `backlegs report fatigue`, week by week.

    .venv/bin/python benchmarks/eval_fatigue_real.py [--in-process] DB [DB ...]

Each DB is a backlegs database made with `backlegs import ... --db DB` from a public export
(the files are not in this repository; benchmarks/README.md says where they came from). For
every trained week (Monday to Sunday with at least one session) it asks
`backlegs report fatigue --from MONDAY --to SUNDAY --json` (the CLI, exactly as a user would)
and counts the weeks with any flag and with a warning. For each warned week it checks the
truth in the data: did the session-best e1RM (Epley or RTS chart, warm-ups and sets under 60 %
of the top set left out) of at least two compounds that week fall more than 2.5 % below the
median of their previous four sessions? A warning rests on sessions of up to two weeks, and
one raised late in a week still shows on the next Monday, so the table also counts a warned
week whose falls were in it or in the week before.

`--in-process` asks `services.fatigue.fatigue_report` once for the whole range instead of the
CLI once a week (the same verdicts, each day from data up to it; seconds instead of minutes).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backlegs_tui.domain.fatigue_series import read_lift_session
from backlegs_tui.store.fatigue_queries import training_log
from backlegs_tui.store.repository import Repository


def weeks_of(path: Path) -> tuple[list[date], dict[date, int]]:
    repo = Repository.open(path)
    try:
        sessions = training_log(repo, date(1990, 1, 1), date(2100, 1, 1))
        ex = {e.id: e for e in repo.exercises()}
    finally:
        repo.close()
    mondays = sorted({s.started_at.date() - timedelta(days=s.started_at.weekday()) for s in sessions})
    # ground truth: compounds falling > 2.5 % below the median of their previous 4 sessions
    series: dict[int, list[tuple[date, float]]] = defaultdict(list)
    falls: dict[date, set[int]] = defaultdict(set)
    for k, s in enumerate(sessions):
        by: dict[int, list] = defaultdict(list)
        for x in s.sets:
            by[x.exercise_id].append(x)
        for eid, sets in by.items():
            e = ex.get(eid)
            if e is None or not e.is_compound or e.bodyweight:
                continue
            p = read_lift_session(sets, s.started_at.date(), k, False)
            if p is None or p.perf is None:
                continue
            prev = [v for _, v in series[eid][-4:]]
            if len(prev) == 4 and p.perf < statistics.median(prev) * 0.975:
                d = s.started_at.date()
                falls[d - timedelta(days=d.weekday())].add(eid)
            series[eid].append((s.started_at.date(), p.perf))
    return mondays, {m: len(v) for m, v in falls.items()}


def _weeks_cli(path: Path, mondays: list[date]) -> dict[date, set[str]]:
    out: dict[date, set[str]] = {}
    for m in mondays:
        run = subprocess.run(
            [sys.executable, "-m", "backlegs_tui", "report", "fatigue", "--from", m.isoformat(), "--to",
             (m + timedelta(days=6)).isoformat(), "--json", "--db", str(path)],
            capture_output=True, text=True, cwd=ROOT, check=False,
        )
        if run.returncode != 0:
            raise SystemExit(f"{path.name} week {m}: exit {run.returncode}: {run.stderr.strip()[-300:]}")
        out[m] = {d["verdict"] for d in json.loads(run.stdout)}
    return out


def _weeks_in_process(path: Path, mondays: list[date]) -> dict[date, set[str]]:
    from backlegs_tui.services.fatigue import fatigue_report

    repo = Repository.open(path)
    try:
        reports = fatigue_report(repo, mondays[0], mondays[-1] + timedelta(days=6)) if mondays else []
    finally:
        repo.close()
    out: dict[date, set[str]] = defaultdict(set)
    for r in reports:
        out[r.as_of - timedelta(days=r.as_of.weekday())].add(r.verdict.value)
    return out


def main(argv: list[str]) -> int:
    in_process = "--in-process" in argv
    argv = [a for a in argv if a != "--in-process"]
    print(f"{'file':24} {'weeks':>5} {'flag':>5} {'%':>6} {'warn':>5} {'%':>6} "
          f"{'warned weeks with >=2 compounds falling (that week / or the week before)':>40}  s")
    for arg in argv:
        path = Path(arg)
        mondays, falls = weeks_of(path)
        t0 = time.perf_counter()
        verdicts_by_week = (_weeks_in_process if in_process else _weeks_cli)(path, mondays)
        flagged = warned = warned_true = warned_near = 0
        for m in mondays:
            verdicts = verdicts_by_week.get(m, set())
            flagged += bool(verdicts - {"none"})
            if "warning" in verdicts:
                warned += 1
                warned_true += falls.get(m, 0) >= 2
                warned_near += falls.get(m, 0) >= 2 or falls.get(m - timedelta(days=7), 0) >= 2
        n = len(mondays) or 1
        print(f"{path.stem:24} {len(mondays):5} {flagged:5} {100 * flagged / n:5.1f}% {warned:5} {100 * warned / n:5.1f}% "
              f"{warned_true:>12} / {warned_near} of {warned:<12}  {time.perf_counter() - t0:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
