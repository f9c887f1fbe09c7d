"""A plan as plain text (TOML), written and read back (issue 10).

    name = "Back & Legs - legs first"
    notes = "..."
    warmup = "light cardio; leg swings"
    warmup_min = 12
    cooldown = "..."
    cooldown_min = 8
    time_budget = 90

    [[items]]
    exercise = "Barbell back squat"
    sets = "3-4"
    reps = "5-8"
    rpe = 8
    rest = "3:00"
    alternatives = ["Front squat"]
    superset = "A"
    progression = "topset 90"
    notes = "belt"

`plan_to_text` writes keys in this order and leaves out what is empty, so export, import,
export gives the same text. `plan_from_text` reads it back or raises PlanTextError naming
the line. Pure: tomllib reads; the small emitter here writes.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from typing import Any

from .catalogue import PlanDraft, PlanItemDraft
from .model import Plan
from .plan_input import (
    parse_effort,
    parse_minutes,
    parse_note,
    parse_plan_name,
    parse_reps,
    parse_rest,
    parse_sets,
    parse_superset,
)
from .progression import parse_progression
from .timer import format_clock
from .validation import InputError

PLAN_KEYS = ("name", "notes", "warmup", "warmup_min", "cooldown", "cooldown_min", "time_budget", "items")
ITEM_KEYS = ("exercise", "sets", "reps", "rpe", "rir", "rest", "alternatives", "superset", "progression", "notes")


class PlanTextError(ValueError):
    """A plan text that does not read: `line` (1-based, 0 when unknown) and the reason."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line
        self.reason = message


# ---- writing ---------------------------------------------------------------------------


def _string(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    raise TypeError(f"no TOML for {type(v).__name__}")


def _span(lo: int, hi: int) -> int | str:
    return lo if lo == hi else f"{lo}-{hi}"


def draft_of(plan: Plan, names: Mapping[int, str], rests: Mapping[int, int] | None = None) -> PlanDraft:
    """A stored plan as a draft, alternatives by name (`names`: exercise id to name); an
    item without its own rest gets its lift's (`rests`: exercise id to seconds), so the
    text says every rest."""
    rests = rests or {}
    return PlanDraft(
        name=plan.name,
        warmup=plan.warmup,
        cooldown=plan.cooldown,
        notes=plan.notes,
        warmup_min=plan.warmup_min,
        cooldown_min=plan.cooldown_min,
        time_budget_min=plan.time_budget_min,
        items=tuple(
            PlanItemDraft(
                it.exercise_name, it.sets_min, it.sets_max, it.reps_min, it.reps_max, it.target_rpe,
                tuple(names[a] for a in it.alternative_ids if a in names), it.notes, it.target_rir,
                it.rest_s or rests.get(it.exercise_id), it.pairing, it.progression,
            )
            for it in plan.items
        ),
    )


def plan_to_text(draft: PlanDraft) -> str:
    """The plan as TOML, keys in a fixed order, empty values left out."""
    lines = [f"name = {_value(draft.name)}"]
    for key, value in (
        ("notes", draft.notes), ("warmup", draft.warmup), ("warmup_min", draft.warmup_min),
        ("cooldown", draft.cooldown), ("cooldown_min", draft.cooldown_min), ("time_budget", draft.time_budget_min),
    ):
        if value not in (None, ""):
            lines.append(f"{key} = {_value(value)}")
    for it in draft.items:
        lines += ["", "[[items]]", f"exercise = {_value(it.exercise)}"]
        lines.append(f"sets = {_value(_span(it.sets_min, it.sets_max))}")
        lines.append(f"reps = {_value(_span(it.reps_min, it.reps_max))}")
        if it.target_rpe is not None:
            lines.append(f"rpe = {_value(float(it.target_rpe))}")
        elif it.target_rir is not None:
            lines.append(f"rir = {_value(float(it.target_rir))}")
        if it.rest_s:
            lines.append(f"rest = {_value(format_clock(it.rest_s))}")
        if it.alternatives:
            lines.append(f"alternatives = {_value(list(it.alternatives))}")
        if it.superset:
            lines.append(f"superset = {_value(it.superset)}")
        lines.append(f"progression = {_value(parse_progression(it.progression).text)}")
        if it.notes:
            lines.append(f"notes = {_value(it.notes)}")
    return "\n".join(lines) + "\n"


# ---- reading ---------------------------------------------------------------------------

_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def _item_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), 1) if line.strip().replace(" ", "") == "[[items]]"]


def _key_line(text: str, key: str, start: int = 1) -> int:
    """The line (from `start`) where `key = ...` is set, else `start`."""
    pat = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for n, line in enumerate(text.splitlines()[start - 1 :], start):
        if pat.match(line):
            return n
        if n > start and line.strip().startswith("["):
            break
    return start


def _text_field(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"{what}: text in quotes")
    return value


def _range_field(value: Any, parse: Any, what: str) -> tuple[int, int]:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise InputError(f"{what}: a number or a range in quotes, e.g. 3 or \"3-4\"")
    return parse(str(value))


def _number_text(value: Any, what: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"{what}: a number")
    return f"{value:g}"


def plan_from_text(text: str, exercise_names: Iterable[str] | None = None) -> PlanDraft:
    """Read a plan's TOML. With `exercise_names`, every exercise and alternative must be one
    of them (any case; the catalogue's spelling is kept). Raises PlanTextError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _AT_LINE.search(str(exc))
        reason = _AT_LINE.sub("", str(exc)).strip().rstrip(".")
        raise PlanTextError(int(m.group(1)) if m else 0, f"not TOML: {reason}") from None
    known = {n.lower(): n for n in exercise_names} if exercise_names is not None else None

    def top(key: str) -> int:
        return _key_line(text, key)

    for key in data:
        if key not in PLAN_KEYS:
            raise PlanTextError(top(key), f"unknown key {key!r} (keys: {', '.join(PLAN_KEYS)})")
    try:
        name = parse_plan_name(_text_field(data.get("name", ""), "name"))
    except InputError as exc:
        raise PlanTextError(top("name") if "name" in data else 1, str(exc)) from None
    fields: dict[str, Any] = {}
    for key, parse in (("notes", parse_note), ("warmup", parse_note), ("cooldown", parse_note)):
        try:
            fields[key] = parse(_text_field(data.get(key, ""), key))
        except InputError as exc:
            raise PlanTextError(top(key), str(exc)) from None
    for key, attr in (("warmup_min", "warmup_min"), ("cooldown_min", "cooldown_min"), ("time_budget", "time_budget_min")):
        try:
            raw = data.get(key)
            fields[attr] = None if raw is None else parse_minutes(_number_text(raw, key), key)
        except InputError as exc:
            raise PlanTextError(top(key), str(exc)) from None
    raw_items = data.get("items", [])
    if not isinstance(raw_items, list):
        raise PlanTextError(top("items"), "items: one [[items]] table per exercise")
    starts = _item_lines(text)
    items = []
    for k, raw in enumerate(raw_items):
        start = starts[k] if k < len(starts) else 0
        try:
            items.append(_item(raw, known, k + 1))
        except _ItemError as exc:
            line = _key_line(text, exc.key, start) if start and exc.key else start
            raise PlanTextError(line, f"[[items]] {k + 1}: {exc.reason}") from None
    return PlanDraft(name=name, items=tuple(items), **fields)


class _ItemError(Exception):
    def __init__(self, key: str, reason: str) -> None:
        super().__init__(reason)
        self.key, self.reason = key, reason


def _item(raw: Any, known: Mapping[str, str] | None, n: int) -> PlanItemDraft:
    if not isinstance(raw, dict):
        raise _ItemError("", "a table of exercise, sets, reps...")
    for key in raw:
        if key not in ITEM_KEYS:
            raise _ItemError(key, f"unknown key {key!r} (keys: {', '.join(ITEM_KEYS)})")
    for key in ("exercise", "sets", "reps"):
        if key not in raw:
            raise _ItemError("", f"{key} is missing")

    def field(key: str, fn: Any) -> Any:
        try:
            return fn(raw[key]) if key in raw else fn(None)
        except InputError as exc:
            raise _ItemError(key, str(exc)) from None

    def name(v: Any) -> str:
        text = " ".join(_text_field(v, "exercise").split())
        if known is None:
            return text
        if text.lower() not in known:
            raise InputError(f"no exercise called {text!r} in the catalogue")
        return known[text.lower()]

    exercise = field("exercise", name)
    sets = field("sets", lambda v: _range_field(v, parse_sets, "sets"))
    reps = field("reps", lambda v: _range_field(v, parse_reps, "reps"))
    if "rpe" in raw and "rir" in raw:
        raise _ItemError("rir", "rpe or rir, not both")
    rpe = field("rpe", lambda v: None if v is None else parse_effort(_number_text(v, "rpe"))[0])
    rir = field("rir", lambda v: None if v is None else parse_effort(_number_text(v, "rir") + " rir")[1])
    rest = field("rest", lambda v: None if v is None else parse_rest(
        v if isinstance(v, str) else _number_text(v, "rest")))
    alts = field("alternatives", lambda v: tuple(name(a) for a in (v or [])) if isinstance(v, (list, type(None)))
                 else (_ for _ in ()).throw(InputError("alternatives: a list of names in quotes")))
    superset = field("superset", lambda v: None if v is None else parse_superset(_text_field(v, "superset")))
    progression = field("progression", lambda v: parse_progression(None if v is None else _text_field(v, "progression")).text)
    notes = field("notes", lambda v: parse_note(_text_field(v or "", "notes")))
    return PlanItemDraft(
        exercise, sets[0], sets[1], reps[0], reps[1], rpe, alts, notes, rir, rest, superset,
        None if progression == "double" else progression,
    )
