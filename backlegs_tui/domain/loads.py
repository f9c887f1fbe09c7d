"""What a set really lifted, by the lift's load kind, and whether a set beats the lift's
record. Pure: the store supplies the sets and the lifter's body weight at each date.

- weighted, timed, distance: the load is the weight on the bar (or carried)
- bodyweight: body weight + the added load (a weighted pull-up: 80 + 20 = 100 kg)
- assisted: body weight - the assistance (80 kg with 25 kg of help: 55 kg)

With no body weight known the effective load of a bodyweight or assisted set is unknown
(None): never guessed, never 0.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from .e1rm import e1rm
from .model import LoadKind, SetEntry, Unit
from .units import format_e1rm, format_weight


def effective_load(kind: LoadKind, weight_kg: float, body_kg: float | None) -> float | None:
    """The load a set moved, in kg: see the module docstring. None when unknown."""
    kind = LoadKind(kind)
    if kind is LoadKind.BODYWEIGHT:
        return None if body_kg is None else body_kg + (weight_kg or 0.0)
    if kind is LoadKind.ASSISTED:
        return None if body_kg is None else max(0.0, body_kg - (weight_kg or 0.0))
    return weight_kg or 0.0


def effective_e1rm(kind: LoadKind, s: SetEntry, body_kg: float | None) -> float | None:
    """The e1RM of a working set on its effective load; None for warm-ups, timed and
    distance sets, and when the load is unknown."""
    if not s.is_working or LoadKind(kind) in (LoadKind.TIMED, LoadKind.DISTANCE):
        return None
    load = effective_load(kind, s.weight_kg, body_kg)
    return None if load is None else e1rm(load, s.reps, s.effective_rpe)


def effective_volume(kind: LoadKind, s: SetEntry, body_kg: float | None) -> float | None:
    """Volume load (effective load x reps) of a working set; 0 for warm-ups; None unknown."""
    if not s.is_working:
        return 0.0
    load = effective_load(kind, s.weight_kg, body_kg)
    return None if load is None else load * s.reps


@dataclass(frozen=True, slots=True)
class Best:
    """A lift's records so far (None: none yet)."""

    e1rm: float | None = None
    heaviest: float | None = None  # effective load
    longest_s: int | None = None  # timed: longest hold
    farthest_m: float | None = None  # distance: longest distance


def bests(kind: LoadKind, sets: Iterable[tuple[SetEntry, float | None]]) -> Best:
    """The records of (set, body weight at its date) pairs (warm-ups ignored)."""
    kind = LoadKind(kind)
    e, heavy, longest, farthest = None, None, None, None
    for s, body in sets:
        if not s.is_working:
            continue
        if kind is LoadKind.TIMED:
            if s.duration_s:
                longest = max(longest or 0, s.duration_s)
            continue
        if kind is LoadKind.DISTANCE:
            if s.distance_m:
                farthest = max(farthest or 0.0, s.distance_m)
            continue
        load = effective_load(kind, s.weight_kg, body)
        if load is None:
            continue
        if load > 0:
            heavy = load if heavy is None else max(heavy, load)
        v = e1rm(load, s.reps, s.effective_rpe)
        if v is not None:
            e = v if e is None else max(e, v)
    return Best(e, heavy, longest, farthest)


def record_text(kind: LoadKind, entry: SetEntry, body_kg: float | None, before: Best,
                unit: Unit = Unit.KG) -> str | None:
    """What record `entry` sets against `before` (the lift's bests before it), as one line in
    the lifter's `unit` ("record: e1RM 112.5 kg (was 110 kg)", an e1RM shown as estimates are,
    a load as loads are: "heaviest 255 lb"), or None. A warm-up, an unknown effective load (no
    body weight) or a first-ever set sets no record."""
    kind = LoadKind(kind)
    if not entry.is_working:
        return None
    if kind is LoadKind.TIMED:
        if entry.duration_s and before.longest_s is not None and entry.duration_s > before.longest_s:
            return f"record: longest hold {entry.duration_s} s (was {before.longest_s} s)"
        return None
    if kind is LoadKind.DISTANCE:
        if entry.distance_m and before.farthest_m is not None and entry.distance_m > before.farthest_m + 1e-9:
            return f"record: farthest {entry.distance_m:g} m (was {before.farthest_m:g} m)"
        return None
    load = effective_load(kind, entry.weight_kg, body_kg)
    if load is None or load <= 0:
        return None
    v = e1rm(load, entry.reps, entry.effective_rpe)
    parts = []
    if v is not None and before.e1rm is not None and v > before.e1rm + 1e-6:
        parts.append(f"e1RM {format_e1rm(v, unit)} (was {format_e1rm(before.e1rm, unit)})")
    if before.heaviest is not None and load > before.heaviest + 1e-6:
        parts.append(f"heaviest {format_weight(load, unit)} (was {format_weight(before.heaviest, unit)})")
    return "record: " + "; ".join(parts) if parts else None


def is_record(kind: LoadKind, entry: SetEntry, body_kg: float | None,
              earlier: Iterable[tuple[SetEntry, float | None]], unit: Unit = Unit.KG) -> str | None:
    """Does `entry` beat the lift's record over `earlier` (set, body weight) pairs? The
    record's text, or None. For a live session: call it right after logging the set."""
    return record_text(kind, entry, body_kg, bests(kind, earlier), unit)


def with_effective_loads(
    kind: LoadKind, sets: Iterable[SetEntry], body_on: Callable[[datetime | None], float | None]
) -> list[SetEntry]:
    """`sets` with weight_kg as the effective load, for e1RM, records and volume of a
    bodyweight or assisted lift (`body_on(logged_at)`: the body weight then, or None). A set
    whose body weight is unknown gets 0 kg: no e1RM, no record, no volume is claimed for it.
    Other kinds: the sets as they are."""
    kind = LoadKind(kind)
    if not kind.uses_body_weight:
        return list(sets)
    out = []
    for s in sets:
        load = effective_load(kind, s.weight_kg, body_on(s.logged_at))
        out.append(replace(s, weight_kg=0.0 if load is None else load))
    return out


def body_weight_lookup(weights: Sequence[tuple[date, float]]) -> Callable[[datetime | date | None], float | None]:
    """A function giving the body weight as of a date-time: the latest of `weights` ((day,
    kg), oldest first) on or before it, else the earliest logged (a pull-up done before the
    first weigh-in counts from the first weigh-in). None for None or with no weight logged:
    then nothing is guessed. One rule for the live records, last time's e1RM, History's
    volume and records, and the fatigue analysis."""
    days = [d for d, _ in weights]

    def at(when: datetime | date | None) -> float | None:
        if when is None or not weights:
            return None
        day = when.date() if isinstance(when, datetime) else when
        i = bisect_right(days, day)
        return weights[i - 1][1] if i else weights[0][1]

    return at
