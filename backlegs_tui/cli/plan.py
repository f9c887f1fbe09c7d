"""`backlegs plan list | export NAME [-o FILE] | import FILE [--replace] | check NAME [--json]`:
plans as plain text (TOML, domain.plan_text) and their checks, from the shell.

`import` stores the plan under a new name ("Name (2)") when one of that name exists, or over
it with `--replace`. `check --json` prints a list of {"code", "status", "message"}, status one
of "ok", "info", "warning". A bad file is one line naming its line; exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..domain.text import printable
from .common import add_db_option, existing_db, open_repository
from .errors import CliError

STATUS = {"ok": "ok", "note": "info", "warn": "warning"}


def add_parser(sub: Any) -> None:
    plan = sub.add_parser("plan", help="plans as text: list, export, import, check")
    cmds = plan.add_subparsers(dest="plan_cmd", metavar="COMMAND", required=True)
    ls = cmds.add_parser("list", help="the plans, their days and estimated minutes")
    add_db_option(ls, sub=True)
    ex = cmds.add_parser("export", help="a plan as TOML")
    ex.add_argument("name", help="the plan's name (any case)")
    ex.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    add_db_option(ex, sub=True)
    im = cmds.add_parser("import", help="a plan from TOML (a new name if one exists)")
    im.add_argument("file", help="the TOML file ('-': stdin)")
    im.add_argument("--replace", action="store_true", help="write over the plan of that name")
    add_db_option(im, sub=True)
    ch = cmds.add_parser("check", help="a plan's checks")
    ch.add_argument("name", help="the plan's name (any case)")
    ch.add_argument("--json", action="store_true", help="a JSON list of {code, status, message}")
    add_db_option(ch, sub=True)
    add_db_option(plan, sub=True)


def _plan_id(repo: Any, name: str) -> int:
    pid = repo.plan_id_by_name(name)
    if pid is None:
        names = ", ".join(p.name for p in repo.plans()) or "none"
        raise CliError(f"no plan called {name!r} (plans: {names})")
    return pid


def run(args: argparse.Namespace) -> int:
    from ..domain.plan_text import PlanTextError, plan_from_text
    from ..store.repository import Repository
    from ..store.schema import StoreError

    if args.plan_cmd == "import":
        try:
            text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"cannot read {args.file}: {getattr(exc, 'strerror', None) or exc}") from None
        repo = open_repository(args)
    else:
        repo = Repository.open(existing_db(args))
    try:
        if args.plan_cmd == "list":
            from ..domain.plan_checks import estimate_duration

            exercises = {e.id: e for e in repo.exercises()}
            rest = repo.settings().default_rest_s
            for p in repo.plans():
                minutes = estimate_duration(repo.plan(p.id), exercises, rest).minutes
                days = "".join(d[0] if wd in p.weekdays else "·" for wd, d in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")))
                print(f"{p.name}\t{days}\t{p.exercise_count} exercises\tabout {minutes} min")
        elif args.plan_cmd == "export":
            from .export import open_output

            text = repo.plan_text(_plan_id(repo, args.name))
            target = Path(args.output) if args.output else None
            with open_output(target) as out:  # as `backlegs export -o`: 0600, whole or not at all
                out.write(text)
            if target is not None:
                print(f"Exported the plan {args.name!r} to {printable(str(target))}", file=sys.stderr)
        elif args.plan_cmd == "import":
            try:
                if args.replace:
                    draft = plan_from_text(text, [e.name for e in repo.exercises()])
                    pid = repo.plan_id_by_name(draft.name)
                    plan = repo.import_plan_text(text, replace=pid) if pid is not None else repo.import_plan_text(text)
                else:
                    plan = repo.import_plan_text(text)
            except PlanTextError as exc:
                raise CliError(f"{args.file}: {exc}") from None
            except StoreError as exc:
                raise CliError(str(exc)) from None
            print(f"Imported {plan.name!r}: {len(plan.items)} exercises")
        else:
            checks = repo.plan_checks(_plan_id(repo, args.name))
            if args.json:
                print(json.dumps([{"code": c.code, "status": STATUS[c.status.value], "message": c.message}
                                  for c in checks], ensure_ascii=False))
            else:
                for c in checks:
                    print(f"{c.status.mark} {c.message}")
    finally:
        repo.close()
    return 0
