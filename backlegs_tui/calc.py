"""`backlegs calc`: e1RM, plates per side and warm-ups for a load, from the shell."""

from __future__ import annotations

import argparse

from .domain.e1rm import brzycki, e1rm, epley
from .domain.model import Settings, Unit
from .domain.plates import plates_per_side
from .domain.validation import InputError, parse_reps, parse_rpe, parse_weight
from .domain.units import from_kg
from .domain.warmup import warmup_sets


def run_calc(args: argparse.Namespace) -> int:
    from .cli import CliError

    unit = Unit(args.unit)
    try:
        kg = parse_weight(args.weight, unit)
        reps = parse_reps(args.reps)
        rpe = parse_rpe(args.rpe or "")
    except InputError as exc:
        raise CliError(str(exc)) from None
    w = from_kg(kg, unit)
    settings = Settings(unit=unit)
    u = unit.value
    print(f"{w:g} {u} x {reps}" + (f" @ RPE {rpe:g}" if rpe is not None else ""))
    est = e1rm(w, reps, rpe)
    print(f"  e1RM          {est:.1f} {u}" if est is not None else "  e1RM          - (too many reps to estimate)")
    if reps <= 10:
        print(f"  Epley         {epley(w, reps):.1f} {u}")
    if reps < 37:
        print(f"  Brzycki       {brzycki(w, reps):.1f} {u}")
    load = plates_per_side(w, settings.bar, settings.plates)
    print(f"  plates        {load.describe(u)} (bar {settings.bar:g} {u})")
    ramp = warmup_sets(w, settings.bar, settings.plates)
    if ramp:
        print("  warm-up       " + ", ".join(f"{s.weight:g} x {s.reps}" for s in ramp))
    return 0
