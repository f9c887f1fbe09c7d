"""What the lifter types when building a plan: a name, a sets or reps range, a target RPE.
Each parser returns a value or raises InputError with a message fit to show inline."""

from __future__ import annotations

from collections.abc import Iterable

from .text import has_control
from .validation import InputError, parse_rpe

PLAN_NAME_MAX = 120
MAX_SETS = 10
MAX_REPS = 50


def parse_plan_name(text: str, taken: Iterable[str] = ()) -> str:
    """A plan name, not blank and not one of `taken` (case-insensitively)."""
    name = " ".join(text.split())
    if not name:
        raise InputError("A plan needs a name")
    if len(name) > PLAN_NAME_MAX:
        raise InputError(f"Plan names are at most {PLAN_NAME_MAX} characters")
    if has_control(name):  # a pasted escape sequence would reach every screen and export
        raise InputError("A plan name cannot hold control characters")
    if name.lower() in {t.lower() for t in taken}:
        raise InputError(f"There is already a plan called {name!r}")
    return name


def parse_range(text: str, what: str, top: int) -> tuple[int, int]:
    """`3` or `3-4` as (low, high), each 1..top, low <= high."""
    t = text.strip().replace(" ", "")
    lo_text, sep, hi_text = t.partition("-")
    def digits(part: str) -> bool:  # ASCII only ("²" is a digit to isdigit, not to int), short
        return part.isascii() and part.isdigit() and len(part) <= 6

    if not digits(lo_text) or (sep and not digits(hi_text)):
        raise InputError(f"{what}: a number or a range, e.g. 3 or 3-4")
    lo = int(lo_text)
    hi = int(hi_text) if sep else lo
    if not 1 <= lo <= hi <= top:
        raise InputError(f"{what}: from 1 to {top}, the low end first")
    return lo, hi


def parse_sets(text: str) -> tuple[int, int]:
    return parse_range(text, "Sets", MAX_SETS)


def parse_reps(text: str) -> tuple[int, int]:
    return parse_range(text, "Reps", MAX_REPS)


def parse_target_rpe(text: str) -> float | None:
    """A target RPE 6-10 in half steps, or blank for none."""
    rpe = parse_rpe(text)
    if rpe is not None and rpe < 6:
        raise InputError("A target RPE below 6 is a warm-up: use 6 to 10")
    return rpe
