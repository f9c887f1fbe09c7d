"""What the lifter types when building a plan: a name, a sets or reps range, a target RPE.
Each parser returns a value or raises InputError with a message fit to show inline."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence

from .text import has_control
from .validation import InputError, parse_rir, parse_rpe

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


# ---- the other fields of a plan item (issue 10) -------------------------------------------

MAX_REST_S = 15 * 60
MAX_MINUTES = 240
SUPERSET_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def parse_rest(text: str) -> int | None:
    """Rest typed as m:ss (`2:30`) or seconds (`150`); blank: the lift's own rest."""
    t = text.strip().lower().removesuffix("s").strip()
    if not t:
        return None
    mins, sep, secs = t.partition(":")
    ok = mins.isascii() and mins.isdigit() and len(mins) <= 4 and (
        not sep or (secs.isascii() and secs.isdigit() and len(secs) == 2 and int(secs) < 60)
    )
    if not ok:
        raise InputError("Rest: m:ss (2:30) or seconds (150), blank for the lift's own")
    seconds = int(mins) * 60 + int(secs) if sep else int(mins)
    if not 0 < seconds <= MAX_REST_S:
        raise InputError(f"Rest: from 0:01 to {MAX_REST_S // 60}:00")
    return seconds


def parse_effort(text: str) -> tuple[float | None, float | None]:
    """A target effort as (rpe, rir): `8` or `RPE 8` is an RPE, `2 RIR` or `RIR 2` reps in
    reserve; blank is neither."""
    t = text.strip().lower()
    if not t:
        return None, None
    if "rir" in t:
        rir = parse_rir(t.replace("rir", "").strip())
        if rir is None:
            raise InputError("Effort: RPE 8 or 2 RIR")
        if rir > 4:
            raise InputError("A target above 4 RIR is a warm-up: use 0 to 4")
        return None, rir
    return parse_target_rpe(t.replace("rpe", "").strip() or "x"), None


def format_effort(rpe: float | None, rir: float | None) -> str:
    if rpe is not None:
        return f"RPE {rpe:g}"
    if rir is not None:
        return f"{rir:g} RIR"
    return ""


def parse_superset(text: str) -> str | None:
    """A superset group: one letter (items with the same letter alternate); blank: none."""
    t = text.strip().upper()
    if not t:
        return None
    if len(t) != 1 or t not in SUPERSET_LETTERS:
        raise InputError("Superset: one letter, A to Z (the same letter pairs lifts), blank for none")
    return t


def parse_minutes(text: str, what: str = "Minutes") -> int | None:
    """Whole minutes 1..240, a trailing "min" allowed; blank: none."""
    t = text.strip().lower().removesuffix("min").strip()
    if not t:
        return None
    if not (t.isascii() and t.isdigit() and len(t) <= 4) or not 1 <= int(t) <= MAX_MINUTES:
        raise InputError(f"{what}: whole minutes, 1 to {MAX_MINUTES}, blank for none")
    return int(t)


def parse_alternatives(text: str, names: Mapping[str, int], own: int | None = None) -> tuple[int, ...]:
    """Comma-separated exercise names (any case) as their ids, in the order typed."""
    ids: list[int] = []
    for part in text.split(","):
        name = " ".join(part.split())
        if not name:
            continue
        found = next((i for n, i in names.items() if n.lower() == name.lower()), None)
        if found is None:
            raise InputError(f"Alternatives: no exercise called {name!r} (names as in the catalogue)")
        if found != own and found not in ids:
            ids.append(found)
    return tuple(ids)


def item_alternatives(own: Sequence[int], catalogue: Sequence[int], names: Mapping[int, str]) -> tuple[str, bool]:
    """A plan item's alternatives as the plan shows them: its own when it has some (False),
    else its exercise's from the catalogue (True), which the item does not store; "" for none."""
    ids, from_catalogue = (own, False) if own else (catalogue, True)
    text = ", ".join(names[i] for i in ids if i in names)
    return text, from_catalogue and bool(text)


def parse_note(text: str) -> str:
    note = " ".join(text.split())
    if has_control(note):
        raise InputError("A note cannot hold control characters")
    if len(note) > 500:
        raise InputError("Notes are at most 500 characters")
    return note


def format_landmarks(marks: tuple[int, int, int, int, int]) -> str:
    """`8 10 14-22 25`: MV, MEV, MAV low-high, MRV (weekly hard sets)."""
    mv, mev, lo, hi, mrv = marks
    return f"{mv} {mev} {lo}-{hi} {mrv}"


def parse_landmarks(text: str, muscle: str = "Landmarks") -> tuple[int, int, int, int, int]:
    """Weekly landmarks typed as `MV MEV MAVlow-MAVhigh MRV` (`8 10 14-22 25`), rising."""
    parts = text.replace("-", " ").replace(",", " ").split()
    if len(parts) != 5 or not all(p.isascii() and p.isdigit() and len(p) <= 3 for p in parts):
        raise InputError(f"{muscle}: MV MEV MAV MRV in sets a week, e.g. 8 10 14-22 25")
    marks = tuple(int(p) for p in parts)
    if any(a > b for a, b in itertools.pairwise(marks)) or marks[4] > 60:
        raise InputError(f"{muscle}: each landmark at least the one before, MRV at most 60")
    return marks  # type: ignore[return-value]


def parse_weeks(text: str, what: str, low: int = 0) -> int:
    t = text.strip()
    if not (t.isascii() and t.isdigit() and len(t) <= 2) or not low <= int(t) <= 26:
        raise InputError(f"{what}: whole weeks, {low} to 26")
    return int(t)


def format_all_landmarks(landmarks: Mapping[str, tuple[int, int, int, int, int]]) -> str:
    """`back 8 10 14-22 25; quads 6 8 12-18 20`: every muscle's landmarks on one line."""
    return "; ".join(f"{m} {format_landmarks(v)}" for m, v in landmarks.items())


def parse_all_landmarks(text: str) -> dict[str, tuple[int, int, int, int, int]]:
    """Read `format_all_landmarks`' line back: `muscle MV MEV MAVlow-MAVhigh MRV; ...`."""
    out: dict[str, tuple[int, int, int, int, int]] = {}
    for part in text.split(";"):
        words = part.split()
        if not words:
            continue
        split = next((i for i, w in enumerate(words) if w[:1].isdigit()), len(words))
        muscle = " ".join(words[:split]).lower()
        if not muscle or has_control(muscle) or len(muscle) > 30:
            raise InputError("Landmarks: muscle MV MEV MAV MRV; ... e.g. back 8 10 14-22 25; quads 6 8 12-18 20")
        out[muscle] = parse_landmarks(" ".join(words[split:]), muscle.capitalize())
    if not out:
        raise InputError("Landmarks: muscle MV MEV MAV MRV; ... e.g. back 8 10 14-22 25")
    return out
