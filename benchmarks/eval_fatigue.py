"""Evaluate the fatigue engine on generated histories with a known truth (issue 7).

A script with figures, not a timed test:

    .venv/bin/python benchmarks/eval_fatigue.py            # every scenario, a table
    .venv/bin/python benchmarks/eval_fatigue.py --seeds 3  # more seeds per scenario

For each history it replays every day (`assess_range`, each day from data up to it) and
prints: days with a note, days with a note about a compound, days with a warning, the delay
from the first declining session to the first warning (b, c) and the days after the deload
week until no warning shows again (c). Targets: a, e, f, g no warning and no compound note;
b a warning within 7 days; c no warning later than 7 days after the deload week; d no warning.
The generators live in tests/fatigue_scenarios.py (the unit tests assert the same targets).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backlegs_tui.domain.fatigue_engine import FatigueReport, Verdict, assess_range
from backlegs_tui.domain.model import Settings
from tests.fatigue_scenarios import EXERCISES, Scenario, days_of, scenario

COMPOUNDS = {e.name for e in EXERCISES.values() if e.is_compound}


@dataclass
class Row:
    label: str
    days: int
    notes: int
    compound_notes: int
    warnings: int
    delay: int | None
    clear: int | None
    ok: bool


def compound_note(r: FatigueReport) -> bool:
    return r.verdict is Verdict.NOTE and any(
        f.code != "load_change" and (f.subject in COMPOUNDS or (f.subject is None and f.code == "decline"))
        for f in r.flags
    )


def evaluate(kind: str, sc: Scenario, settings: Settings | None = None) -> Row:
    settings = settings or Settings()
    first, last = days_of(sc)
    reports = assess_range(sc.sessions, EXERCISES, settings, first, last)
    warn_days = [r.as_of for r in reports if r.verdict is Verdict.WARNING]
    notes = sum(r.verdict is Verdict.NOTE for r in reports)
    cnotes = sum(compound_note(r) for r in reports)
    delay = clear = None
    if sc.first_decline is not None:
        after = [d for d in warn_days if d >= sc.first_decline]
        delay = (after[0] - sc.first_decline).days if after else None
    if sc.deload_end is not None:
        later = [d for d in warn_days if d > sc.deload_end]
        clear = (later[-1] - sc.deload_end).days if later else 0
    if kind in "aefg":
        ok = not warn_days and cnotes == 0
    elif kind == "b":
        ok = delay is not None and delay <= 7
    elif kind == "c":
        ok = delay is not None and delay <= 7 and (clear or 0) <= 7
    else:
        ok = not warn_days
    label = f"{kind} {sc.plans} {sc.per_week}/wk seed {sc.seed}"
    return Row(label, len(reports), notes, cnotes, len(warn_days), delay, clear, ok)


def runs(seeds: int) -> list[tuple[str, Scenario]]:
    out = []
    for seed in range(1, seeds + 1):
        for kind in "abcdefg":
            scenario_a = ("A/B", "sample", "deadlift day", "legs first", "back first", "alternating")
            for plans in scenario_a if kind == "a" else ("A/B",):
                for per_week in (2, 3):
                    out.append((kind, scenario(kind, per_week=per_week, plans=plans, seed=seed)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--sensitivity", choices=["low", "normal", "high"], default="normal")
    args = ap.parse_args(argv)
    settings = Settings(fatigue_sensitivity=args.sensitivity) if hasattr(Settings(), "fatigue_sensitivity") else Settings()
    t0 = time.perf_counter()
    rows = [evaluate(kind, sc, settings) for kind, sc in runs(args.seeds)]
    head = f"{'scenario':32} {'days':>5} {'notes':>6} {'cmp.notes':>9} {'warn':>5} {'delay':>6} {'clear':>6}  target"
    print(head)
    print("-" * len(head))
    for r in rows:
        d = "-" if r.delay is None else str(r.delay)
        c = "-" if r.clear is None else str(r.clear)
        print(f"{r.label:32} {r.days:5} {r.notes:6} {r.compound_notes:9} {r.warnings:5} {d:>6} {c:>6}  {'met' if r.ok else 'MISSED'}")
    met = sum(r.ok for r in rows)
    print(f"\n{met}/{len(rows)} targets met; {time.perf_counter() - t0:.1f} s")
    return 0 if met == len(rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
