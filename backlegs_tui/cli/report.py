"""`backlegs report fatigue [--as-of DAY | --from DAY --to DAY] [--json]`: the fatigue
verdict exactly as the app shows it at the end of a day, from data up to that day only.

One day prints the verdict, the summary and one line per flag (`--json`: one object
`{"as_of", "verdict", "summary", "flags": [{"code", "severity", "subject", "message",
"values"}]}`); a range prints every day in turn (`--json`: a list of such objects). A bad date
a range that runs backwards, or a day after today is one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from .common import add_db_option, existing_db
from .errors import CliError


def today() -> date:  # a seam for tests
    return date.today()


def add_parser(sub: Any) -> None:
    rep = sub.add_parser("report", help="reports computed from your history (fatigue)")
    kinds = rep.add_subparsers(dest="report", metavar="REPORT", required=True)
    fat = kinds.add_parser("fatigue", help="the fatigue verdict for a day or each day of a range")
    fat.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help="the day (default: today)")
    fat.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day of a range")
    fat.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day of a range")
    fat.add_argument("--json", action="store_true", help="print JSON (one object, or a list for a range)")
    add_db_option(fat, sub=True)
    add_db_option(rep, sub=True)


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{option} {text!r} is not a date (YYYY-MM-DD)") from None


def days(args: argparse.Namespace) -> tuple[date, date, bool]:
    """(first day, last day, whether a range was asked for), or a CliError."""
    if args.as_of is not None and (args.start is not None or args.end is not None):
        raise CliError("give either --as-of or --from/--to, not both")
    if (args.start is None) != (args.end is None):
        raise CliError("a range needs both --from and --to")
    if args.start is not None:
        start, end = _day(args.start, "--from"), _day(args.end, "--to")
        if end < start:
            raise CliError(f"the range runs backwards: --to {end} is before --from {start}")
        _not_future(end, "--to")
        return start, end, True
    day = _day(args.as_of, "--as-of") if args.as_of is not None else today()
    _not_future(day, "--as-of")
    return day, day, False


def _not_future(day: date, option: str) -> None:
    """A verdict is for a day that has happened: a later one is refused, not judged empty."""
    now = today()
    if day > now:
        raise CliError(f"{option} {day} is in the future (today is {now}): the verdict is for a day up to today")


def run(args: argparse.Namespace) -> int:
    start, end, is_range = days(args)
    from ..services.fatigue import fatigue_report
    from ..store.repository import Repository

    repo = Repository.open(existing_db(args))
    try:
        reports = fatigue_report(repo, start, end)
    finally:
        repo.close()
    if args.json:
        data: Any = [r.to_json() for r in reports] if is_range else reports[0].to_json()
        print(json.dumps(data, ensure_ascii=False))
    else:
        for r in reports:
            print("\n".join(r.lines()))
    return 0
