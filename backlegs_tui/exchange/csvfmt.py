"""Logged sets as CSV: backlegs' own columns, or Strong's 2020-2023 layout for other apps.

backlegs CSV, one row per set, sessions by start time, sets in logged order:

    date,session,exercise,set_index,set_type,weight_kg,reps,rpe,rir,rest_s,duration_s,distance_m,notes

- date: ISO 8601 local time the set was logged, to the second (2026-11-24T18:05:00)
- session: the session's name
- set_index: 1-based index of the set within its session (all exercises counted)
- set_type: warmup, working, drop or failure
- weight_kg, rpe, rir, distance_m: shortest decimal (100, 102.5); rest_s, duration_s: whole
  seconds (duration_s: a timed set's hold, a distance set's time; distance_m in metres)
- weight_kg is the load as logged: added load for a bodyweight lift, the assistance for an
  assisted one
- empty cells where unknown; UTF-8, `\\n` line ends, a header row

Text cells a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a
leading `'`; numbers such as -1 are left alone.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from datetime import datetime
from typing import IO, TYPE_CHECKING

from ..domain.durations import session_minutes
from ..domain.text import printable

if TYPE_CHECKING:
    from ..store.export_queries import LoggedSet

CSV_COLUMNS = (
    "date", "session", "exercise", "set_index", "set_type", "weight_kg", "reps", "rpe", "rir", "rest_s",
    "duration_s", "distance_m", "notes",
)
STRONG_COLUMNS = (
    "Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps",
    "Distance", "Seconds", "Notes", "Workout Notes", "RPE",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def safe_text(text: str) -> str:
    """`text` that a spreadsheet shows instead of running: formulas get a leading `'`; and
    that a terminal only prints: control characters (ESC, OSC, C1) as `\\x1b` text, line
    breaks and tabs kept (the CSV quoting holds them)."""
    text = printable(text, keep_lines=True)
    if text.startswith(_FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def num(value: float | int | None) -> str:
    """A number in its shortest form (100, 102.5, 8.5); empty for None."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def write_csv(sets: Iterable[LoggedSet], out: IO[str]) -> int:
    """Write backlegs CSV; returns the number of sets written."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    session, index, n = None, 0, 0
    for s in sets:
        if s.session_id != session:
            session, index = s.session_id, 0
        index += 1
        n += 1
        w.writerow((
            s.logged_at.isoformat(timespec="seconds"),
            safe_text(s.session_name),
            safe_text(s.exercise),
            index,
            s.set_type,
            num(s.weight_kg),
            s.reps,
            num(s.rpe),
            num(s.rir),
            num(s.rest_s),
            num(s.duration_s),
            num(s.distance_m),
            safe_text(s.notes),
        ))
    return n


def strong_duration(started: datetime, ended: datetime | None) -> str:
    """Strong's `1h 5m` / `31m`; empty when the session has no end."""
    if ended is None or ended < started:
        return ""
    minutes = session_minutes(started, ended) or 0  # the one duration rule, as the app shows it
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes}m" if hours else f"{minutes}m"


# Strong's Set Order for the sets that are not working sets: W warm-up, D drop set, F failure
# (what Strong writes since it marks set types; the importer reads these and WARM_UP / FAILURE)
STRONG_SET_ORDER = {"warmup": "W", "drop": "D", "failure": "F"}


def write_strong(sets: Iterable[LoggedSet], out: IO[str]) -> int:
    """Write Strong's 2020-2023 CSV (weights in kg; Set Order counts each exercise's working
    sets, W / D / F for a warm-up, a drop set, a set to failure; Distance in km, as Strong
    writes it beside kg, and Seconds for timed and distance sets, else 0). Not kept: the time
    of each set (every set is at the workout's Date), rest, RIR and the plan."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(STRONG_COLUMNS)
    session, order, n = None, {}, 0
    for s in sets:
        if s.session_id != session:
            session, order = s.session_id, {}
        marker = STRONG_SET_ORDER.get(str(getattr(s.set_type, "value", s.set_type)))
        if marker is None:
            order[s.exercise] = order.get(s.exercise, 0) + 1
        n += 1
        w.writerow((
            s.started_at.strftime("%Y-%m-%d %H:%M:%S"),
            safe_text(s.session_name),
            strong_duration(s.started_at, s.ended_at),
            safe_text(s.exercise),
            marker or order[s.exercise],
            num(s.weight_kg),
            s.reps,
            num(s.distance_m / 1000) if s.distance_m else 0,
            num(s.duration_s) or 0,
            safe_text(s.notes),
            safe_text(s.session_notes),
            num(s.rpe),
        ))
    return n
