"""Supersets and progressions in the live session (issue 10): the glue between a
`LiveSession` and the pure rules of domain/supersets.py and domain/session_progression.py.

A session started from a plan takes each plan item's superset group (`PlanItem.pairing`) and
progression through its session items' `plan_item_id` (`plan_links`, read with the session).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..domain import supersets as rules
from ..domain.model import (
    LoadKind,
    PlanItem,
    SessionItem,
    SessionState,
    SetEntry,
    SetType,
)
from ..domain.session_logic import Prefill, loadable_kg, prefill
from ..domain.session_progression import progression_prefill
from ..domain.timer import format_clock

if TYPE_CHECKING:
    from ..store.repository import Repository
    from .live_session import LiveSession


def plan_links(items: Sequence[SessionItem], plan_items: Sequence[PlanItem]) -> tuple[dict[int, str], dict[int, str]]:
    """Session item id -> its plan item's superset group, and -> its progression text."""
    by_id = {p.id: p for p in plan_items if p.id is not None}
    groups: dict[int, str] = {}
    progressions: dict[int, str] = {}
    for it in items:
        p = by_id.get(it.plan_item_id) if it.plan_item_id is not None else None
        if p is None:
            continue
        if rules.group_key(p.pairing):
            groups[it.id] = rules.group_key(p.pairing) or ""
        if getattr(p, "progression", None):
            progressions[it.id] = str(p.progression)
    return groups, progressions


def _order(live: LiveSession) -> list[int]:
    return [it.id for it in live.state.items]


def labels(live: LiveSession) -> dict[int, str]:
    """Item id -> its label in the lift list: A, B1, B2, C."""
    return rules.labels(_order(live), live.groups)


def members(live: LiveSession, item: SessionItem | None = None) -> list[SessionItem]:
    """The current lift's superset (in session order), or the lift alone."""
    item = item if item is not None else live.current_item()
    if item is None:
        return []
    ids = rules.members(item.id, _order(live), live.groups)
    return [it for i in ids if (it := live.state.item(i)) is not None]


def step_after(live: LiveSession, item: SessionItem, counted: bool = True) -> rules.Step | None:
    """What follows a working set of `item` about to be logged (`counted`) or just logged:
    None outside a superset."""
    order = _order(live)
    planned = {it.id: it.sets_planned for it in live.state.items}
    done = {it.id: live.done(it) for it in live.state.items}
    if counted:
        done[item.id] = done.get(item.id, 0) + 1
    return rules.after_set(item.id, order, live.groups, planned, done)


def group_rest_s(live: LiveSession, item: SessionItem, round_no: int | None = None) -> int | None:
    """The rest after a round of `item`'s superset: the longest planned rest among the
    round's lifts (`rules.round_rest`). `round_no`: the round (1, 2, ...); by default the one
    `item`'s next set belongs to."""
    order = _order(live)
    group = [i for i in rules.members(item.id, order, live.groups) if live.state.item(i) is not None]
    rests = {i: live.planned_rest(live.state.item(i)) for i in group}
    planned = {it.id: it.sets_planned for it in live.state.items}
    rnd = round_no if round_no is not None else live.done(item) + 1
    return rules.round_rest(item.id, order, live.groups, rests, planned, rnd)


def target_rest(live: LiveSession, item: SessionItem | None = None) -> str:
    """The rest on the current lift's Target line: `rest 2:30`, or in a superset the
    round's rest (the one the timer runs) `rest 2:30 after the round`, so that the Target
    line and the rest timer's `Rest 2:30 planned` say the same."""
    item = item if item is not None else live.current_item()
    if item is None:
        return ""
    if len(members(live, item)) > 1:
        rest = group_rest_s(live, item)
        return f"rest {format_clock(rest)} after the round" if rest else ""
    rest = live.planned_rest(item)
    return f"rest {format_clock(rest)}" if rest else ""


@dataclass(frozen=True, slots=True)
class TodayRows:
    """Today's sets as the Today table shows them: `sets` in order; `marks` item id -> a
    superset lift's label (A1, A2; {} outside a superset); `titles` set id -> the title of
    its group of rows (`Pull-up, swapped out`), all "" unless a lift was swapped out of a slot
    after sets were logged on it; `kinds` set id -> its lift's load kind (a swapped-out
    pull-up is shown `BW x 6` under a lat pulldown)."""

    sets: list[SetEntry]
    marks: dict[int | None, str]
    titles: dict[int | None, str]
    kinds: dict[int | None, LoadKind]


def today_view(live: LiveSession) -> TodayRows:
    """Today's sets of the current lift's slot, or of its whole superset (in the order
    logged). The sets of a lift swapped out of a slot stay in view, first, under their own
    title (`Pull-up, swapped out`), each lift's sets numbered on their own; the current
    lifts' sets follow under their names."""
    group = members(live)
    names = labels(live) if len(group) > 1 else {}
    ids = {it.id for it in group}
    mine = [s for s in live.state.sets if s.item_id in ids]
    gone = [s for s in mine if live.swapped_out(s)]
    now = [s for s in mine if not live.swapped_out(s)]
    titles: dict[int | None, str] = {}
    rows = now
    if gone:
        blocks: dict[tuple[int | None, int], list[SetEntry]] = {}
        for s in gone:
            blocks.setdefault((s.item_id, s.exercise_id), []).append(s)
        rows = [s for block in blocks.values() for s in block] + now
        titles = {s.id: f"{s.exercise_name}, swapped out" for s in gone}
        title = " / ".join(it.exercise_name for it in group)
        titles.update({s.id: title for s in now})
    kinds = {s.id: ex.load_kind for s in rows if (ex := live.exercises.get(s.exercise_id)) is not None}
    return TodayRows(rows, {it.id: names.get(it.id, "") for it in group} if names else {}, titles, kinds)


def today_rows(live: LiveSession) -> tuple[list[SetEntry], dict[int | None, str]]:
    """Today's sets of the current lift's slot, or of its whole superset, and the labels to
    mark them with ({} outside a superset): `today_view` without titles and kinds."""
    view = today_view(live)
    return view.sets, view.marks


def last_rows(live: LiveSession) -> tuple[list[SetEntry], dict[int | None, str]]:
    """Last time's sets of the current lift, or of each lift of its superset a round at a
    time (marked by exercise id)."""
    group = members(live)
    if len(group) < 2:
        return live.last_sets(), {}
    names = labels(live)
    per_lift = [[s for s in live.last_sets(it) if s.is_working] for it in group]
    rows = [s for s in rules.interleave(per_lift) if isinstance(s, SetEntry)]
    return rows, {it.exercise_id: names.get(it.id, "") for it in group}


def session_prefill(live: LiveSession, item: SessionItem, today: Sequence[SetEntry], *, warmups: bool,
                    target_kg: float | None) -> Prefill | None:
    """The prefill by the item's progression (None: the session's own double progression).
    The first working set of the day is the progression's load (warm-ups lead up to it);
    an RPE top set's later sets are back-off sets from today's top set."""
    ex = live.exercises.get(item.exercise_id)
    if ex is None or target_kg is not None:
        return None
    ov = progression_prefill(live.progressions.get(item.id), item, ex, today, live.last_sets(item),
                             live.settings, live.load_factor)
    if ov is None:
        return None
    weight = loadable_kg(ov.weight_kg, ex, live.settings)
    if not ov.first:
        return Prefill(weight, ov.reps, SetType.WORKING, ov.why)
    shaped = replace(item, reps_min=ov.reps, reps_max=max(item.reps_max, ov.reps))
    pre = prefill(shaped, ex, today, [], live.settings, warmups_wanted=warmups, target_kg=weight)
    return replace(pre, reason=pre.reason.replace("your working weight for today", ov.why))


def planned_rest(live: LiveSession) -> int | None:
    """The rest the timer will run next for the current lift: a superset's rest after the
    round (the longest of the round's lifts), else the lift's own."""
    item = live.current_item()
    if item is not None and len(members(live, item)) > 1:
        return group_rest_s(live, item)
    return live.planned_rest()


# ---- the plan's groups and progressions, kept with the session -------------------------------
#
# A session started from a plan keeps its items' groups and progressions in its scratch (as
# they were at the start), so editing or deleting the plan mid-session changes nothing; a
# session without them in its scratch (started before, or elsewhere) reads them from the plan.


def from_scratch(scratch: Mapping[str, Any]) -> tuple[dict[int, str], dict[int, str]] | None:
    """The groups and progressions a session kept, or None if it kept none."""
    if "groups" not in scratch:
        return None
    try:
        groups = {int(k): str(v) for k, v in dict(scratch.get("groups") or {}).items()}
        progressions = {int(k): str(v) for k, v in dict(scratch.get("progressions") or {}).items()}
    except (TypeError, ValueError):
        return None
    return groups, progressions


def to_scratch(groups: Mapping[int, str], progressions: Mapping[int, str]) -> dict[str, Any]:
    return {"groups": {str(k): v for k, v in groups.items()},
            "progressions": {str(k): v for k, v in progressions.items()}}


def keep_plan_links(repo: Repository, state: SessionState) -> None:
    """Write the plan's groups and progressions into a session's scratch (once)."""
    if state.plan_id is None:
        return
    scratch = repo.session_scratch(state.id)
    if from_scratch(scratch) is not None:
        return
    try:
        plan = repo.plan(state.plan_id)
    except Exception:  # noqa: BLE001 - the plan is gone: the session has no groups to keep
        return
    scratch.update(to_scratch(*plan_links(state.items, plan.items)))
    repo.save_session_scratch(state.id, scratch)
