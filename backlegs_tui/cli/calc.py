"""`backlegs calc`: e1RM, plates per side and warm-ups for a load, from the shell."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import Any

from ..domain.e1rm import brzycki, e1rm, epley
from ..domain.model import Settings, Unit
from ..domain.plates import plates_per_side
from ..domain.units import from_kg
from ..domain.validation import InputError, parse_reps, parse_rpe, parse_weight
from ..domain.warmup import warmup_sets
from ..store.schema import ServerUrl, printable_path
from .common import add_db_option, db_path
from .errors import CliError


def add_parser(sub: Any) -> None:
    calc = sub.add_parser(
        "calc", help="e1RM, plates per side and warm-up sets for a load",
        description="e1RM, plates per side and warm-up sets for a load. The unit, the bar and the plates "
        "are the database's (--db, BACKLEGS_DB or the default one), read without changing it; with no "
        "database there, kg, a 20 kg bar (45 lb) and the usual plates. Nothing is ever created.",
    )
    calc.add_argument("weight", type=str, help="load, in the unit (the database's, or --unit)")
    calc.add_argument("reps", nargs="?", type=str, default="1", help="reps done (for e1RM)")
    calc.add_argument("--rpe", type=str, help="RPE of the set, in half steps; the RTS chart is used from 7 up, else Epley")
    calc.add_argument("--unit", choices=["kg", "lb"], default=None,
                      help="the unit of this calculation (default: the database's; kg without one); "
                      "the bar and plates stay the database's for that unit")
    add_db_option(calc, sub=True)


def stored_settings(args: argparse.Namespace) -> Settings:
    """The settings of the command's database, read only: a missing file is never created (the
    defaults then; a note on stderr when the file was named); a file that is not a backlegs
    database is one line (CliError). A PostgreSQL database is read without migrating it."""
    from ..store.repository import Repository

    path, is_default = db_path(args)
    if isinstance(path, ServerUrl):
        from sqlalchemy.exc import SQLAlchemyError

        from ..store.db import make_server_engine

        engine = make_server_engine(path)
        try:
            return Repository(engine).settings()
        except (SQLAlchemyError, OSError) as exc:
            raise CliError(f"cannot read the settings of {path}: {type(exc).__name__}") from None
        finally:
            engine.dispose()
    if not path.exists():
        if not is_default:
            print(f"(no database at {printable_path(path)}: kg, the usual bar and plates)", file=sys.stderr)
        return Settings()
    from ..store.db import open_read_only_engine

    engine = open_read_only_engine(path)
    try:
        return Repository(engine, path).settings()
    except Exception as exc:  # noqa: BLE001 - a damaged file: one line, never a traceback
        raise CliError(f"cannot read the settings in {printable_path(path)}: {type(exc).__name__}") from None
    finally:
        engine.dispose()


def run(args: argparse.Namespace) -> int:
    settings = stored_settings(args)
    if args.unit is not None:
        settings = replace(settings, unit=Unit(args.unit))
    unit = settings.unit
    try:
        kg = parse_weight(args.weight, unit)
        reps = parse_reps(args.reps)
        rpe = parse_rpe(args.rpe or "")
    except InputError as exc:
        raise CliError(str(exc)) from None
    w = from_kg(kg, unit)
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
