"""Supersets in a live session (issue 10), as pure rules.

Lifts that share a superset group (a plan item's `pairing`, e.g. "A") are done alternately,
a round at a time: A1, A2, rest, A1, A2, rest ... After a set of a lift that is not the last
of its round, the next lift of the round follows at once (no rest timer); after the last lift
of a round the group's rest runs (the longest planned rest among the round's lifts: a heavy
leg press paired with a face pull rests the leg press's 2:30, not the face pull's 1:00), then
the next round starts at its first lift with sets left. A lift with fewer planned sets simply drops out of
the later rounds.

Everything here works on plain values: the items' ids in session order, their groups, their
planned sets and the working sets done so far.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


def group_key(group: str | None) -> str | None:
    """A group's key ("a", " A " and "A" are one group); blank is no group."""
    key = (group or "").strip().upper()
    return key or None


def blocks(order: Sequence[int], groups: Mapping[int, str | None]) -> list[list[int]]:
    """The session's lifts as blocks, in order of first appearance: a lone lift is a block of
    one, a superset is a block of its lifts (in session order)."""
    out: list[list[int]] = []
    where: dict[str, list[int]] = {}
    for item_id in order:
        key = group_key(groups.get(item_id))
        if key is None:
            out.append([item_id])
        elif key in where:
            where[key].append(item_id)
        else:
            where[key] = [item_id]
            out.append(where[key])
    return out


def labels(order: Sequence[int], groups: Mapping[int, str | None]) -> dict[int, str]:
    """A letter per block, numbered within a superset: A, B1, B2, C."""
    out: dict[int, str] = {}
    for i, block in enumerate(blocks(order, groups)):
        letter = chr(ord("A") + i) if i < 26 else "·"
        if len(block) == 1:
            out[block[0]] = letter
        else:
            for k, item_id in enumerate(block, 1):
                out[item_id] = f"{letter}{k}"
    return out


def members(item_id: int, order: Sequence[int], groups: Mapping[int, str | None]) -> list[int]:
    """The lifts of `item_id`'s superset in session order ([item_id] alone if it has none)."""
    for block in blocks(order, groups):
        if item_id in block:
            return block
    return [item_id]


@dataclass(frozen=True, slots=True)
class Step:
    """What follows a working set of a lift in a superset."""

    next_item: int | None  # the lift to do next (None: the superset is done)
    rest: bool  # True: the rest timer runs now (end of a round); False: straight on
    round_over: bool  # the set just logged ended a round


def after_set(
    item_id: int,
    order: Sequence[int],
    groups: Mapping[int, str | None],
    planned: Mapping[int, int],
    done: Mapping[int, int],
) -> Step | None:
    """The step after a working set of `item_id`, with `done` counting that set. None when
    the lift is in no superset (the usual rules apply).

    Within a round the next lift is the first lift after this one (in session order) that
    has done fewer sets than this one and still has sets left: no rest. Otherwise the round
    is over: rest, then the lift with sets left that has done the fewest (the first of them)."""
    group = members(item_id, order, groups)
    if len(group) < 2:
        return None
    here = done.get(item_id, 0)
    left = [i for i in group if done.get(i, 0) < planned.get(i, 0)]
    after = group[group.index(item_id) + 1 :]
    for other in after:
        if other in left and done.get(other, 0) < here:
            return Step(other, rest=False, round_over=False)
    if not left:
        return Step(None, rest=True, round_over=True)
    fewest = min(done.get(i, 0) for i in left)
    return Step(next(i for i in left if done.get(i, 0) == fewest), rest=True, round_over=True)


def round_rest(
    item_id: int,
    order: Sequence[int],
    groups: Mapping[int, str | None],
    rests: Mapping[int, int | None],
    planned: Mapping[int, int],
    round_no: int,
) -> int | None:
    """The rest after round `round_no` (1, 2, ...) of `item_id`'s superset: the longest
    planned rest (`rests`, seconds) among the round's lifts, those with at least `round_no`
    sets planned (a lift that dropped out of the later rounds no longer counts). A heavy lift
    paired with a light one gets the heavy lift's rest. None when no lift has a planned rest."""
    group = members(item_id, order, groups)
    in_round = [i for i in group if planned.get(i, 0) >= round_no] or group
    known = [r for i in in_round if (r := rests.get(i)) is not None]
    return max(known) if known else None


def interleave(per_lift: Sequence[Sequence[object]]) -> list[object]:
    """Sets of several lifts taken a round at a time: A1's first, A2's first, A1's second..."""
    out: list[object] = []
    longest = max((len(s) for s in per_lift), default=0)
    for r in range(longest):
        for sets in per_lift:
            if r < len(sets):
                out.append(sets[r])
    return out
