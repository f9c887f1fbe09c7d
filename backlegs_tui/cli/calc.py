"""`backlegs calc`: e1RM, plates per side and warm-ups for a load, from the shell."""

from __future__ import annotations

import argparse
from typing import Any

from ..domain.e1rm import brzycki, e1rm, epley
from ..domain.model import Settings, Unit
from ..domain.plates import plates_per_side
from ..domain.validation import InputError, parse_reps, parse_rpe, parse_weight
from ..domain.units import from_kg
from ..domain.warmup import warmup_sets
from .errors import CliError


def add_parser(sub: Any) -> None:
    calc = sub.add_parser("calc", help="e1RM, plates per side and warm-up sets for a load")
    calc.add_argument("weight", type=str, help="load, in --unit")
    calc.add_argument("reps", nargs="?", type=str, default="1", help="reps done (for e1RM)")
    calc.add_argument("--rpe", type=str, help="RPE of the set, in half steps; the RTS chart is used from 7 up, else Epley")
    calc.add_argument("--unit", choices=["kg", "lb"], default="kg")


def run(args: argparse.Namespace) -> int:
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
    elif w > 0:
        print(f"  warm-up       none: {w:g} {u} is not above the {settings.bar:g} {u} bar")
    return 0
