"""The live session, headless: its state and its rules, with no Textual in sight.

`LiveSession` holds an open session (items, sets, the current lift, the rest timer, the
targets a lifter typed for first-time lifts, which lifts get warm-ups) and answers every key
the Session screen knows: what the entry is prefilled with, what Enter does (log a set, set a
first-time lift's target, or refuse with a reason), moving between lifts, swapping, adding,
warm-ups on or off, the rest timer, undo, edits, notes, finishing and discarding.

Database work is never done behind the caller's back. An action that must write returns an
`Outcome` whose `write` is a `Write`: a plain function of the repository (run it in a worker)
and a `kind`. Its result goes back through `apply(kind, result)` on the caller's thread, which
changes the state only then: a set is in `state.sets` once it is committed, never before.
`commit(repo, outcome)` does both at once, for tests and other headless callers.

Reads and starts (`load_open`, `start_session`, `read_session`) are plain functions of the
repository that return a `SessionData`, the input of `LiveSession`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..domain.fatigue import session_flags
from ..domain.loads import body_weight_lookup, with_effective_loads
from ..domain.model import (
    Exercise,
    LoadKind,
    Plan,
    PlanItem,
    PlanSummary,
    Readiness,
    SessionItem,
    SessionState,
    SetEntry,
    Settings,
    SetType,
)
from ..domain.session_logic import (
    DELOAD_LOAD,
    DELOAD_SETS,
    Prefill,
    SessionReport,
    far_above_history,
    far_from_target,
    increment_in_unit,
    next_set_text,
    prefill,
    previous_bests,
    readiness_reasons,
    summarize,
    warmup_plan,
)
from ..domain.timer import RestTimer, format_clock
from ..domain.units import format_weight, plural
from ..domain.validation import (
    InputError,
    check_effort,
    parse_body_weight,
    parse_reps,
    parse_rir,
    parse_rpe,
    parse_weight,
)

try:  # the fatigue engine judges a fade against the lifter's usual fade for the lift
    from ..domain.fatigue_engine import session_fade_line as _fade_line
except ImportError:  # pragma: no cover - an engine without it: the fixed F1-F3 checks
    _fade_line = None

from .supersets import from_scratch as kept_links
from .supersets import (
    group_rest_s,
    keep_plan_links,
    plan_links,
    session_prefill,
    step_after,
)
from .supersets import labels as superset_labels
from .supersets import to_scratch as superset_scratch

if TYPE_CHECKING:
    from ..store.repository import Repository

Clock = Callable[[], datetime]


# ---- what crosses the boundary ----------------------------------------------------------------


@dataclass(slots=True)
class EntryInput:
    """The set entry's fields as typed (text), and the set type."""

    weight: str
    reps: str
    effort: str = ""
    effort_is_rir: bool = False
    set_type: SetType = SetType.WORKING
    duration: str = ""  # timed and distance sets: seconds (or m:ss)
    distance: str = ""  # distance sets: metres


@dataclass(frozen=True, slots=True)
class Write:
    """Database work an action needs. `run(repo)` goes to the job worker; its result comes
    back through `LiveSession.apply(kind, result)`."""

    what: str  # in the lifter's words, for "Could not <what>: ..."
    kind: str
    run: Callable[[Repository], Any]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an action did: a one-line message (an error refuses and changes nothing), and the
    write still to be committed, if any."""

    message: str = ""
    error: bool = False
    write: Write | None = None
    notify: str = ""  # a line worth a notification (the session is saved, ...)
    ask: str = ""  # "body_weight": the lifter must give today's body weight first
    then: Write | None = None  # a read that follows once the set is shown (the record check)


@dataclass(slots=True)
class SessionData:
    """Everything a live session is built from, read in one go (in a worker)."""

    state: SessionState
    exercises: dict[int, Exercise]
    last: dict[int, list[SetEntry]]
    cooldown: str = ""
    scratch: dict[str, Any] = field(default_factory=dict)
    earlier: dict[int, list[list[SetEntry]]] = field(default_factory=dict)  # lift -> its last sessions' sets
    body_kg: float | None = None  # the lifter's body weight on the session's day (None: unknown)
    # from the plan (issue 10): session item id -> its superset group, and -> its progression
    groups: dict[int, str] = field(default_factory=dict)
    progressions: dict[int, str] = field(default_factory=dict)
    body_weights: list[tuple[date, float]] = field(default_factory=list)  # the dated log, oldest first
    # session item id -> the plan's fewest sets, where the plan gives a range ("3-4 x 5-8") and
    # the session planned its top (a deload or an edited count shows the count alone)
    min_sets: dict[int, int] = field(default_factory=dict)
    # session item id -> its plan item's lift, then the plan item's own alternatives (ids)
    plan_alternatives: dict[int, tuple[int, ...]] = field(default_factory=dict)


@dataclass(slots=True)
class StartData:
    """What the start panel shows when no session is open."""

    plans: list[PlanSummary]
    today_plans: list[Plan]
    done_today: dict[str, datetime]  # plan or session name -> when a session of it ended today


def read_session(repo: Repository, state: SessionState) -> SessionData:
    """The exercises, last time's sets per lift, the cool-down and the scratch of a session."""
    exercises = {e.id: e for e in repo.exercises()}
    last: dict[int, list[SetEntry]] = {}
    earlier: dict[int, list[list[SetEntry]]] = {}
    for item in state.items:
        if item.exercise_id not in earlier:
            earlier[item.exercise_id] = repo.recent_lift_sessions(item.exercise_id, state.started_at, state.id)
            last[item.exercise_id] = earlier[item.exercise_id][0] if earlier[item.exercise_id] else []
    plan = repo.plan(state.plan_id) if state.plan_id is not None else None
    cooldown = plan.cooldown if plan is not None else ""
    body = repo.body_weight_at(state.started_at)
    scratch = repo.session_scratch(state.id)
    links = kept_links(scratch)  # as the plan was when the session started (issue 10)
    groups, progressions = links if links is not None else plan_links(state.items, plan.items if plan is not None else ())
    plan_items = plan.items if plan is not None else ()
    min_sets = set_ranges(state.items, plan_items)
    return SessionData(state, exercises, last, cooldown, scratch, earlier, body, groups, progressions, repo.body_weights(),
                       min_sets, plan_alternatives(state.items, plan_items))


def _from_plan(items: Sequence[SessionItem], plan_items: Sequence[PlanItem]) -> list[tuple[SessionItem, PlanItem]]:
    """The session's items that come from the plan, each with its plan item."""
    by_id = {p.id: p for p in plan_items if p.id is not None}
    return [(it, by_id[it.plan_item_id]) for it in items if it.plan_item_id in by_id]


def plan_alternatives(items: Sequence[SessionItem], plan_items: Sequence[PlanItem]) -> dict[int, tuple[int, ...]]:
    """Session item id -> its plan item's lift, then the alternatives the plan item sets
    itself (the plan's own, shown in Plan without brackets), for the items from the plan."""
    return {it.id: (p.exercise_id, *p.alternative_ids) for it, p in _from_plan(items, plan_items)}


def set_ranges(items: Sequence[SessionItem], plan_items: Sequence[PlanItem]) -> dict[int, int]:
    """Session item id -> its plan item's fewest sets, where the plan gives a range of sets and
    the session planned the top of it (a session plans `sets_max`: the range stays visible)."""
    return {it.id: p.sets_min for it, p in _from_plan(items, plan_items) if p.sets_min < p.sets_max == it.sets_planned}


def load_open(repo: Repository) -> SessionData | None:
    """The open session, if any, ready to resume."""
    state = repo.open_session()
    return read_session(repo, state) if state is not None else None


def read_start(repo: Repository, today: date) -> StartData:
    """Plans, today's scheduled plans and what was already done today."""
    start = datetime.combine(today, datetime.min.time())
    done: dict[str, datetime] = {}
    for s in repo.sessions(limit=20):  # newest first: keep each name's latest end
        if s.ended_at and s.started_at >= start and (s.name not in done or s.ended_at > done[s.name]):
            done[s.name] = s.ended_at
    return StartData(repo.plans(), repo.plans_for_day(today), done)


def start_session(
    repo: Repository,
    plan_id: int | None,
    now: datetime,
    readiness: Readiness | None = None,
    *,
    deload: bool = False,
    deload_sets: float = DELOAD_SETS,
    deload_load: float = DELOAD_LOAD,
) -> SessionData:
    """Start a session (or resume the one already open). A deload keeps about `deload_sets`
    of each lift's sets (at least one) and prefills about `deload_load` of the load."""
    try:
        state = repo.start_session(plan_id, now, readiness, deload=True) if deload else repo.start_session(plan_id, now, readiness)
    except TypeError:  # a store without the deload column yet: the scratch still says so
        state = repo.start_session(plan_id, now, readiness)
    if deload and not state.sets:
        counts = {it.id: max(1, round(it.sets_planned * deload_sets)) for it in state.items}
        repo.set_items_planned(counts)
        scratch = repo.session_scratch(state.id)
        scratch.update(deload=True, deload_load=deload_load)
        repo.save_session_scratch(state.id, scratch)
        state = repo.session_state(state.id)
    keep_plan_links(repo, state)
    return read_session(repo, state)


def start_past_session(repo: Repository, started_at: datetime, plan_id: int | None) -> SessionData:
    """A forgotten session at a past date and time, with the plan's lifts (if any), ready to
    be logged by a `LiveSession` (its sets go in after its last one, no rest timer)."""
    sid = repo.create_past_session(started_at, plan_id=plan_id)
    if plan_id is not None:
        for it in repo.plan(plan_id).items:
            repo.add_item(sid, it.exercise_id, sets=it.sets_max, reps_min=it.reps_min, reps_max=it.reps_max,
                          target_rpe=it.target_rpe)
    return read_session(repo, repo.session_state(sid))


# ---- the live session ---------------------------------------------------------------------


class LiveSession:
    """An open session and its rules. Build it from `SessionData`; read its properties to
    show it; call its actions on a key; commit the writes they return; `apply` their
    results."""

    def __init__(self, data: SessionData, settings: Settings, clock: Clock) -> None:
        self.state = data.state
        self.exercises = data.exercises
        self.last = data.last
        self.earlier = data.earlier
        self.cooldown = data.cooldown
        self.settings = settings
        self.clock = clock
        self.body_kg = data.body_kg
        self.body_weights = data.body_weights
        self.confirmed: dict[int | None, str] = {}  # set id -> its confirmation, until its record check
        # a load far above the lift's history waits for a second Enter with the same values
        # (`far_above_history`); an edit of the entry after the question (`cancel_confirmation`)
        # or a move to another lift asks again
        self.to_confirm: tuple[Any, ...] | None = None
        # a finished session opened again (a forgotten one entered afterwards): its sets go in
        # after its last one (repo.log_past_set), with no rest timer
        self.past = data.state.ended_at is not None
        self.groups = dict(data.groups)  # session item id -> superset group (issue 10)
        self.progressions = dict(data.progressions)  # session item id -> progression text
        self.min_sets = dict(data.min_sets)  # session item id -> the plan's fewest sets
        self.plan_alternatives = dict(data.plan_alternatives)  # session item id -> the plan's own
        self.hold: RestTimer | None = None  # a timed set's hold, running (countdown or stopwatch)
        # the set `u` just took back: its values go back into the entry (a typo is fixed, not
        # retyped) while its lift is the current one and no set was logged since
        self.undone: SetEntry | None = None
        scratch = data.scratch or {}
        self.targets: dict[int, float] = {int(k): float(v) for k, v in scratch.get("targets", {}).items()}
        self.warmups: dict[int, bool] = {int(k): bool(v) for k, v in scratch.get("warmups", {}).items()}
        self.deload = bool(scratch.get("deload") or getattr(self.state, "deload", False))
        self.load_factor = float(scratch.get("deload_load", DELOAD_LOAD)) if self.deload else 1.0
        self.ending = False  # a finish or discard is on its way to the disk
        self.timer: RestTimer | None = None
        self.announced = True
        now = clock()
        st = self.state
        if st.rest_until is not None and st.rest_until > now:
            total = st.rest_total_s or int((st.rest_until - now).total_seconds())
            self.timer = RestTimer(st.rest_until - timedelta(seconds=total), st.rest_until)
            self.announced = False
        if st.current_item_id is None and st.items:
            st.current_item_id = st.items[0].id
        self.next: Prefill | None = None
        self.refresh()

    # ---- reads ------------------------------------------------------------------------

    @property
    def id(self) -> int:
        return self.state.id

    def current_item(self) -> SessionItem | None:
        return self.state.item(self.state.current_item_id)

    def current_exercise(self) -> Exercise | None:
        item = self.current_item()
        return self.exercises.get(item.exercise_id) if item else None

    def item_sets(self, item: SessionItem | None = None) -> list[SetEntry]:
        """Today's sets of the slot's current lift (its prefill, fade and numbering go by them)."""
        item = item if item is not None else self.current_item()
        return self.state.sets_for_item(item.id) if item is not None else []

    def slot_sets(self, item: SessionItem) -> list[SetEntry]:
        """Every set logged in the slot, a lift swapped out of it included (2 pull-ups, then
        the bar was taken: a lat pulldown in the same slot), in the order logged."""
        return [s for s in self.state.sets if s.item_id == item.id]

    def swapped_out(self, s: SetEntry) -> bool:
        """The set is of a lift since swapped out of its slot."""
        item = self.state.item(s.item_id)
        return item is not None and s.exercise_id != item.exercise_id

    def done(self, item: SessionItem) -> int:
        """The slot's working sets done, whichever lift they were of (2 pull-ups then a lat
        pulldown is 3 of the slot's 4): the lift list, go-to, supersets and the finish count them."""
        return sum(1 for s in self.slot_sets(item) if s.is_working)

    def lift_done(self, item: SessionItem) -> int:
        """The working sets of the slot's current lift (the number of its next set is one more)."""
        return sum(1 for s in self.item_sets(item) if s.is_working)

    def set_name(self, s: SetEntry) -> str:
        """A set as the lifter finds it on screen: `Pull-up set 2`, `Squat warm-up`, and
        `(swapped out)` for a lift swapped out of its slot since."""
        number = self._set_numbers().get(s.id)
        what = "warm-up" if not s.is_working else f"set {number}" if number is not None else "set"
        return f"{s.exercise_name} {what}" + (" (swapped out)" if self.swapped_out(s) else "")

    def _set_numbers(self) -> dict[int | None, int]:
        """Each working set's number within its lift in its slot (1, 2, ...), as Today shows it."""
        numbers: dict[int | None, int] = {}
        counts: dict[tuple[int | None, int], int] = {}
        for x in self.state.sets:
            if x.is_working:
                key = (x.item_id, x.exercise_id)
                counts[key] = counts.get(key, 0) + 1
                numbers[x.id] = counts[key]
        return numbers

    def body_kg_on(self, when: datetime | date | None) -> float | None:
        """The body weight logged as of a past day (last time's sets: their e1RM): the
        nearest earlier entry of the log, else its earliest; None when none is logged (never
        today's weight for an old session, never a guess)."""
        return body_weight_lookup(self.body_weights)(when)

    def last_sets(self, item: SessionItem | None = None) -> list[SetEntry]:
        item = item if item is not None else self.current_item()
        return self.last.get(item.exercise_id, []) if item is not None else []

    def target_text(self, item: SessionItem | None = None) -> str:
        """`3-4 x 5-8 @ RPE 8` as the plan says it (the session counts the top of the range,
        4); `4 x 5-8 @ RPE 8` where the plan says 4 sets, or a deload or an edit changed it."""
        item = item if item is not None else self.current_item()
        if item is None:
            return ""
        low = self.min_sets.get(item.id)
        text = item.target_text
        return f"{low}-{text}" if low is not None and low < item.sets_planned else text

    def unfinished(self) -> list[SessionItem]:
        """Planned lifts short of the plan's fewest sets (3 sets of a 3-4 plan is done)."""
        return [it for it in self.state.items if self.done(it) < self.min_sets.get(it.id, it.sets_planned)]

    def rampable(self, item: SessionItem | None) -> bool:
        """A barbell compound (with a bar to ramp from) gets a warm-up ramp."""
        ex = self.exercises.get(item.exercise_id) if item else None
        return ex is not None and ex.is_compound and not ex.bodyweight and ex.equipment == "barbell"

    def warmups_wanted(self, item: SessionItem | None) -> bool:
        """Warm-ups are on for every barbell compound unless the lifter turned them off."""
        if item is None:
            return False
        return self.warmups.get(item.id, self.rampable(item))

    def _prefill(self, item: SessionItem | None, today: Sequence[SetEntry] | None = None, *, warmups: bool | None = None) -> Prefill | None:
        ex = self.exercises.get(item.exercise_id) if item else None
        if item is None or ex is None:
            return None
        by_progression = session_prefill(
            self, item, self.item_sets(item) if today is None else today,
            warmups=self.warmups_wanted(item) if warmups is None else warmups, target_kg=self.targets.get(item.id),
        )
        if by_progression is not None:  # the plan item's progression (issue 10), and why
            return by_progression
        return prefill(
            item, ex, self.item_sets(item) if today is None else today, self.last_sets(item), self.settings,
            warmups_wanted=self.warmups_wanted(item) if warmups is None else warmups,
            target_kg=self.targets.get(item.id), load_factor=self.load_factor,
        )

    def refresh(self) -> Prefill | None:
        """Recompute the prefill of the current lift (after any change)."""
        self.next = self._prefill(self.current_item())
        return self.next

    def working_weight(self, item: SessionItem | None = None) -> float | None:
        """Today's working weight for a lift (from history, or the typed target)."""
        pre = self._prefill(item if item is not None else self.current_item(), [], warmups=False)
        return pre.weight_kg if pre else None

    def entry_fields(self) -> tuple[str, str, SetType, float, bool] | None:
        """(weight text, reps text, type, weight step, bodyweight) for the set entry."""
        pre, ex = self.next, self.current_exercise()
        if pre is None or ex is None:
            return None
        unit = self.settings.unit
        weight = format_weight(pre.weight_kg, unit, with_unit=False) if pre.weight_kg is not None else ""
        return weight, str(pre.reps), pre.set_type, increment_in_unit(ex, unit), ex.bodyweight

    def warmup_rows(self) -> list[tuple[str, str, str]]:
        """(mark, load, plates) for the ramp of the current lift while warm-ups are due."""
        pre, item = self.next, self.current_item()
        if item is None or pre is None or pre.set_type is not SetType.WARMUP:
            return []
        working = self.working_weight(item)
        if not working:
            return []
        u = self.settings.unit.value
        rows = []
        for i, w in enumerate(warmup_plan(working, self.settings)):
            mark = "✓" if i < (pre.warmup_index or 0) else "▸" if i == pre.warmup_index else "·"
            rows.append((mark, f"{w.weight:g} {u} x {w.reps}", w.plates.describe(u)))
        return rows

    def planned_rest(self, item: SessionItem | None = None) -> int | None:
        item = item if item is not None else self.current_item()
        ex = self.exercises.get(item.exercise_id) if item else None
        if item is None or ex is None:
            return None
        return item.rest_s if item.rest_s is not None else ex.rest_s

    def next_text(self) -> str:
        item = self.current_item()
        done = self.lift_done(item) if item else 0
        ex, unit = self.current_exercise(), self.settings.unit
        if item is not None and ex is not None and self.next is not None and ex.load_kind is not LoadKind.WEIGHTED:
            _, duration, distance, _ = self.kind_fields()
            what = {
                LoadKind.TIMED: f"hold {duration or '?'} s",
                LoadKind.DISTANCE: f"{distance or '?'} m",
                LoadKind.BODYWEIGHT: (f"BW + {format_weight(self.next.weight_kg, unit)}" if self.next.weight_kg else "BW")
                + f" x {self.next.reps}",
                LoadKind.ASSISTED: f"BW - {format_weight(self.next.weight_kg or 0, unit)} x {self.next.reps}",
            }[ex.load_kind]
            return f"Next: {ex.name}, set {done + 1} - {what}"
        return next_set_text(item, ex, self.next, done, unit)

    def reason(self) -> str:
        """The prefill's reason, in the terms of the lift's kind."""
        ex = self.current_exercise()
        reason = self.next.reason if self.next else ""
        if ex is None or self.next is None or self.item_sets() or self.last_sets():
            return reason
        return {
            LoadKind.TIMED: "no history: type the seconds, or h times the hold",
            LoadKind.DISTANCE: "no history: type the metres and the time",
            LoadKind.BODYWEIGHT: "no history: type any added load (0: body weight alone)",
            LoadKind.ASSISTED: "no history: type the machine's assistance",
        }.get(ex.load_kind, reason)

    def fade_line(self) -> str:
        """The within-session fade of the current lift and a low check-in, one line ("" if none)."""
        ex = self.current_exercise()
        lines = []
        if ex is not None and _fade_line is not None:
            fade = _fade_line(self.item_sets(), self.earlier.get(ex.id, []), ex, self.settings.unit)
            if fade:
                lines.append(fade)
        elif ex is not None:
            lines = [f.message for f in session_flags(self.item_sets(), bodyweight=ex.bodyweight)]
        low = readiness_reasons(self.state.readiness)
        if low:
            lines.append("Readiness low: " + ", ".join(low) + " (go by RPE today)")
        return "   ·   ".join(lines)

    def elapsed_s(self) -> float:
        if self.past:  # a past session: from its start to its last set
            last = self.state.sets[-1].logged_at if self.state.sets and self.state.sets[-1].logged_at else self.state.started_at
            return (last - self.state.started_at).total_seconds()
        return (self.clock() - self.state.started_at).total_seconds()

    def working_sets(self) -> int:
        return sum(1 for s in self.state.sets if s.is_working)

    # ---- load kinds, body weight, holds, lift notes ------------------------------------------

    def kind(self) -> LoadKind:
        ex = self.current_exercise()
        return ex.load_kind if ex is not None else LoadKind.WEIGHTED

    def line(self, s: SetEntry) -> str:
        ex = self.exercises.get(s.exercise_id)
        return set_line(s, self.settings, ex.load_kind if ex else None)

    def kind_fields(self) -> tuple[LoadKind, str, str, str]:
        """(kind, duration text, distance text, body line) for the set entry: a timed or
        distance lift prefills last time's seconds and metres; a bodyweight or assisted lift
        shows the body weight the load counts from."""
        kind = self.kind()
        item = self.current_item()
        same = [s for s in self.item_sets(item) if s.is_working] or [s for s in self.last_sets(item) if s.is_working]
        prev = same[-1] if same else None
        duration = str(prev.duration_s) if prev is not None and prev.duration_s else ""
        distance = f"{prev.distance_m:g}" if prev is not None and prev.distance_m else ""
        body = ""
        if kind.uses_body_weight:
            body = f"body {format_weight(self.body_kg, self.settings.unit)}" if self.body_kg is not None else "body weight ?"
        return kind, duration, distance, body

    def log_body_weight(self, text: str) -> Outcome:
        """Today's body weight, typed in the lifter's unit: into the body-weight log."""
        try:
            kg = parse_body_weight(text, self.settings.unit)
        except InputError as exc:
            return Outcome(f"✗ {exc}. Nothing saved.", error=True)
        day = self.state.started_at
        return Outcome(write=Write("save your body weight", "body_weight", lambda repo: (repo.log_body_weight(day, kg), kg)[1]))

    def start_hold(self) -> Outcome:
        """Start (or stop) a timed set's hold: a countdown to the typed seconds, else a stopwatch.
        Stopping returns the seconds held in the message and `held`."""
        if self.kind() is not LoadKind.TIMED:
            return Outcome("Holds are for timed lifts (plank, dead hang)", error=True)
        now = self.clock()
        if self.hold is not None:
            held = int(self.hold.elapsed_s(now))
            self.hold = None
            self.held = max(1, held)
            return Outcome(f"Held {self.held} s: Enter logs it")
        _, duration, _, _ = self.kind_fields()
        target = int(duration) if duration.isdigit() else 0
        self.hold = RestTimer.start(now, target)
        self.hold_rang = False
        return Outcome(f"Hold! {'countdown from ' + format_clock(target) if target else 'stopwatch running'}: h stops it")

    held: int | None = None
    hold_rang = False

    def hold_tick(self) -> str | None:
        """The line to ring once when a hold's countdown reaches zero, else None."""
        hold = self.hold
        if hold is None or hold.total_s <= 0 or self.hold_rang or not hold.done(self.clock()):
            return None
        self.hold_rang = True
        return f"Time! {int(hold.total_s)} s: h stops the hold, Enter logs it"

    def hold_text(self) -> str:
        """`Hold 0:23 left` (countdown), `Hold 0:41` (stopwatch), or ""."""
        if self.hold is None:
            return ""
        now = self.clock()
        if self.hold.total_s > 0 and not self.hold.done(now):
            return f"Hold {format_clock(self.hold.remaining_s(now))} left"
        return f"Hold {format_clock(self.hold.elapsed_s(now))}" + (" (time!)" if self.hold.total_s > 0 else "")

    def exercise_note(self, text: str) -> Outcome:
        """The standing note on the current lift (seat height, grip, stance); blank clears it."""
        ex = self.current_exercise()
        if ex is None:
            return Outcome("Add an exercise first (a)", error=True)
        note, ex_id = text.strip(), ex.id
        return Outcome(write=Write("save the note on the lift", "ex_note", lambda repo: (repo.set_exercise_note(ex_id, note), (ex_id, note))[1]))

    # ---- scratch (kept across a crash) ---------------------------------------------------

    def _scratch(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "targets": {str(k): v for k, v in self.targets.items()},
            "warmups": {str(k): v for k, v in self.warmups.items()},
        }
        if self.deload:
            data.update(deload=True, deload_load=self.load_factor)
        if self.groups or self.progressions:
            data.update(superset_scratch(self.groups, self.progressions))
        return data

    def _keep_scratch(self) -> Write:
        sid, data = self.id, self._scratch()
        return Write("keep today's targets", "kept", lambda repo: repo.save_session_scratch(sid, data))

    # ---- Enter --------------------------------------------------------------------------

    def enter(self, values: EntryInput) -> Outcome:
        """What Enter does with the entry: refuse with a reason, set a first-time lift's
        target (warm-ups then lead up to it), or log the set (the returned write)."""
        if self.ending:
            return Outcome("The session is being saved", error=True)
        item, ex = self.current_item(), self.current_exercise()
        if item is None or ex is None:
            return Outcome("Add an exercise first (a)", error=True)
        unit, kind = self.settings.unit, ex.load_kind
        if kind.uses_body_weight and self.body_kg is None:
            return Outcome(f"{ex.name} counts your body weight: type today's body weight first", error=True, ask="body_weight")
        duration: int | None = None
        distance: float | None = None
        try:
            weight = parse_weight(values.weight or "0", unit, bodyweight=True) if kind is not LoadKind.WEIGHTED \
                else parse_weight(values.weight, unit, bodyweight=ex.bodyweight)
            if kind is LoadKind.TIMED:
                duration = parse_duration(values.duration, required=True)
                reps = 1  # a hold is one effort
            elif kind is LoadKind.DISTANCE:
                distance = parse_distance(values.distance)
                duration = parse_duration(values.duration, required=False)
                reps = 1
            else:
                reps = parse_reps(values.reps)
            rpe = None if values.effort_is_rir else parse_rpe(values.effort)
            rir = parse_rir(values.effort) if values.effort_is_rir else None
        except InputError as exc:
            return Outcome(f"✗ {exc}. Nothing saved.", error=True)
        if kind is LoadKind.ASSISTED and self.body_kg is not None and weight >= self.body_kg:
            return Outcome(f"✗ Assistance {format_weight(weight, unit)} is your whole body weight or more. Nothing saved.", error=True)
        if self.next is not None and self.next.needs_target and values.set_type is SetType.WORKING:
            self.targets[item.id] = weight
            self.refresh()
            ramp = ", ".join(f"{w.weight:g} x {w.reps}" for w in warmup_plan(weight, self.settings))
            msg = f"Warm-ups for {format_weight(weight, unit)}: {ramp}. Enter logs each; w skips them."
            if not ramp:
                msg = f"Today's working weight: {format_weight(weight, unit)}. Enter logs it."
            return Outcome(msg, write=self._keep_scratch())
        if values.set_type is not SetType.WARMUP and kind in (LoadKind.WEIGHTED, LoadKind.BODYWEIGHT):
            key = (item.id, weight, reps, rpe, rir, values.set_type)
            # never about a load the app suggested or the lifter set as today's target
            expected = max(self.targets.get(item.id, 0.0), (self.next.weight_kg or 0.0) if self.next else 0.0)
            if self.to_confirm != key and weight > expected + 1e-9:
                history = [x for past in self.earlier.get(ex.id, []) for x in past]
                history += [x for x in self.state.sets if x.exercise_id == ex.id]
                far = far_above_history(weight, history, kind, self.body_kg, unit)
                if far is not None:
                    self.to_confirm = key
                    return Outcome(f"⚠ {far}: Enter again to log it", error=True)
            self.to_confirm = None
        now = self.clock()
        prev = self.state.sets[-1] if self.state.sets else None
        rest_taken = int((now - prev.logged_at).total_seconds()) if prev and prev.logged_at and not self.past else None
        entry = SetEntry(
            exercise_id=ex.id, item_id=item.id, set_type=values.set_type, weight_kg=weight, reps=reps,
            rpe=rpe, rir=rir, rest_s=rest_taken, logged_at=None if self.past else now, exercise_name=ex.name,
            duration_s=duration, distance_m=distance, superset=self.groups.get(item.id),
        )
        self.hold = None
        rest: tuple[datetime, datetime] | None = None
        if values.set_type is not SetType.WARMUP:
            step = step_after(self, item)
            if step is not None and not step.rest:  # between the lifts of a superset: straight on
                rest = (now, now)
            else:
                planned = group_rest_s(self, item) if step is not None else self.planned_rest(item)
                timer = RestTimer.start(now, planned or self.settings.default_rest_s)
                rest = (timer.started_at, timer.deadline)
        if self.past:
            rest = None
        sid, past = self.id, self.past
        counted = values.set_type is not SetType.WARMUP and kind not in (LoadKind.TIMED, LoadKind.DISTANCE)
        warn = far_from_target(reps, item) if counted else None
        return Outcome(
            f"⚠ {warn}: saved anyway, e undoes a slip" if warn else "",
            write=Write("save the set", "logged", lambda repo: log_only(repo, sid, entry, rest, past=past)),
        )

    def undone_entry(self) -> EntryInput | None:
        """The set `u` just took back, as the entry shows it (weight, reps, RPE or RIR, type,
        seconds, metres), while it is of the current lift: a lifter undoes mostly to fix a
        typo. None otherwise (the entry takes the prefill)."""
        gone, item = self.undone, self.current_item()
        if gone is None or item is None or gone.item_id != item.id or gone.exercise_id != item.exercise_id:
            return None
        weight = format_weight(gone.weight_kg, self.settings.unit, with_unit=False)
        effort_is_rir = gone.rpe is None and gone.rir is not None
        effort = gone.rir if effort_is_rir else gone.rpe
        return EntryInput(
            weight, str(gone.reps), f"{effort:g}" if effort is not None else "", effort_is_rir, gone.set_type,
            str(gone.duration_s) if gone.duration_s else "", f"{gone.distance_m:g}" if gone.distance_m else "",
        )

    def cancel_confirmation(self) -> None:
        """The entry changed: a load waiting for its second Enter asks again."""
        self.to_confirm = None

    def _logged(self, result: SetEntry | tuple[SetEntry, str | None]) -> Outcome:
        saved, record = result if isinstance(result, tuple) else (result, None)
        st = self.state
        if saved.session_id != st.id:
            return Outcome()
        st.sets.append(saved)
        self.undone = None
        item = st.item(saved.item_id)
        n = self.done(item) if item else 0  # the slot's (a swapped-out lift's sets count)
        label = "Warm-up" if saved.set_type is SetType.WARMUP else f"Set {self.lift_done(item) if item else n}"
        msg = f"✓ {label} saved: {self.line(saved)}"
        write = None
        step = step_after(self, item, counted=False) if item is not None and saved.is_working else None
        if step is not None and item is not None:  # a superset (issue 10): rest after the round only
            if step.rest:
                # the round this set ended (it is counted already: the default is the next one)
                self.timer = RestTimer.start(saved.logged_at or self.clock(), group_rest_s(self, item, self.done(item)) or 120)
                self.announced = False
            else:
                self.timer = None
                self.announced = True
            if item.id == st.current_item_id:
                write = self.go_to(step.next_item).write if step.next_item is not None else self._advance_after(item)
            if not step.rest and step.next_item is not None:
                nxt = st.item(step.next_item)
                msg += f"   → {nxt.exercise_name if nxt else 'next lift'} now, rest after the round"
        elif saved.set_type is not SetType.WARMUP and item is not None:
            self.timer = RestTimer.start(saved.logged_at or self.clock(), self.planned_rest(item) or 120)
            self.announced = False
            if n >= item.sets_planned and item.id == st.current_item_id:
                write = self._advance_after(item)
        if self.past:  # a set entered afterwards starts no rest
            self.timer, self.announced = None, True
        self.refresh()
        # the record check reads the lift's whole history: it runs after the set is shown, so
        # Enter -> committed and shown never waits on it
        unit = self.settings.unit
        check = None if record else Write("check your records", "record", lambda repo: (saved, repo.set_record(saved, unit)))
        self.confirmed[saved.id] = msg
        return Outcome(with_record(msg, saved, record), write=write, then=check)

    def _record(self, result: tuple[SetEntry, str | None]) -> Outcome:
        saved, record = result
        confirmed = self.confirmed.pop(saved.id, f"✓ {self.line(saved)}")
        if not record or saved.session_id != self.state.id:
            return Outcome()
        return Outcome(with_record(confirmed, saved, record))

    def _advance_after(self, item: SessionItem) -> Write | None:
        """Move on to the next lift with sets left, once this one's planned sets are done."""
        order = self.state.items
        idx = next(i for i, it in enumerate(order) if it.id == item.id)
        for it in order[idx + 1 :] + order[:idx]:
            if self.done(it) < it.sets_planned:
                return self.go_to(it.id).write
        return None

    # ---- moving ----------------------------------------------------------------------------

    def go_to(self, item_id: int | None) -> Outcome:
        st = self.state
        if item_id is not None and st.item(item_id) is None:
            return Outcome("No such exercise in this session", error=True)
        st.current_item_id = item_id
        self.to_confirm = None  # a far load's question is about the lift it was asked on, then
        self.undone = None
        self.refresh()
        sid = st.id
        return Outcome(write=Write("keep the current lift", "moved", lambda repo: repo.set_current_item(sid, item_id)))

    def move(self, delta: int) -> Outcome:
        items = self.state.items
        if not items:
            return Outcome("Add an exercise first (a)", error=True)
        ids = [it.id for it in items]
        idx = ids.index(self.state.current_item_id) if self.state.current_item_id in ids else 0
        return self.go_to(ids[(idx + delta) % len(ids)])

    def goto_choices(self) -> list[tuple[str, int]]:
        out = []
        names = superset_labels(self)  # a superset's lifts as A1, A2 (as the lift list shows them)
        for i, it in enumerate(self.state.items):
            letter = names.get(it.id) or (chr(65 + i) if i < 26 else "·")
            out.append((f"{letter}  {it.exercise_name}  {self.done(it)}/{it.sets_planned}", it.id))
        return out

    # ---- warm-ups ---------------------------------------------------------------------------

    def toggle_warmups(self) -> Outcome:
        item = self.current_item()
        if item is None:
            return Outcome("Add an exercise first (a)", error=True)
        if not self.rampable(item) and not self.warmups_wanted(item):
            return Outcome(f"No warm-up ramp for {item.exercise_name}: ramps are for barbell lifts", error=True)
        on = not self.warmups_wanted(item)
        self.warmups[item.id] = on
        self.refresh()
        return Outcome(f"Warm-ups {'on' if on else 'off'} for {item.exercise_name}", write=self._keep_scratch())

    # ---- rest timer ------------------------------------------------------------------------

    def tick(self) -> str | None:
        """The line to announce when the rest just ran out (once), else None."""
        now = self.clock()
        if self.timer is not None and not self.announced and self.timer.done(now):
            self.announced = True
            return self.next_text()
        return None

    def skip_rest(self) -> Outcome:
        if self.timer is None:
            return Outcome()
        self.timer = None
        self.announced = True
        sid = self.id
        return Outcome(write=Write("stop the rest timer", "rest", lambda repo: repo.set_rest(sid, None, None)))

    def adjust_rest(self, seconds: int) -> Outcome:
        if self.timer is None:
            return Outcome()
        now = self.clock()
        self.timer = self.timer.adjust(seconds, now)
        if not self.timer.done(now):
            self.announced = False
        sid, started, deadline = self.id, self.timer.started_at, self.timer.deadline
        return Outcome(write=Write("change the rest timer", "rest", lambda repo: repo.set_rest(sid, started, deadline)))

    # ---- adding and swapping lifts ---------------------------------------------------------

    def add_choices(self) -> list[tuple[str, int]]:
        return [(e.name, e.id) for e in sorted(self.exercises.values(), key=lambda e: e.name)]

    def add(self, exercise_id: int) -> Outcome:
        sid, started = self.id, self.state.started_at

        def run(repo: Repository) -> tuple[SessionItem, list[list[SetEntry]]]:
            return repo.add_item(sid, exercise_id), repo.recent_lift_sessions(exercise_id, started, sid)

        return Outcome(write=Write("add the exercise", "added", run))

    def alternatives(self) -> list[tuple[str, int]]:
        """What the current lift may be swapped for: the plan's lift first once it was swapped
        out (back to the squat when the rack is free), then the plan item's own alternatives,
        else the catalogue's, else the lifts that share a main muscle with it."""
        ex, item = self.current_exercise(), self.current_item()
        if ex is None or item is None:
            return []
        planned, *own = self.plan_alternatives.get(item.id, ()) or (None,)
        ids = own or list(ex.alternative_ids) or [
            e.id for e in self.exercises.values() if e.id != ex.id and set(e.primary) & set(ex.primary)
        ]
        if planned is not None:
            ids = [planned, *(i for i in ids if i != planned)]
        return [(self.exercises[i].name, i) for i in ids if i in self.exercises and i != ex.id]

    def swap(self, exercise_id: int) -> Outcome:
        item = self.current_item()
        if item is None:
            return Outcome("Add an exercise first (a)", error=True)
        self.to_confirm = None
        sid, started, item_id = self.id, self.state.started_at, item.id

        def run(repo: Repository) -> tuple[SessionItem, list[list[SetEntry]]]:
            return repo.swap_item_exercise(item_id, exercise_id), repo.recent_lift_sessions(exercise_id, started, sid)

        return Outcome(write=Write("swap the exercise", "swapped", run))

    # ---- editing sets -------------------------------------------------------------------

    def set_choices(self) -> list[tuple[str, SetEntry]]:
        """Every set, newest first, with its number within its lift: `#3  18:02  Squat  100 kg x 5`."""
        numbers = self._set_numbers()
        out = []
        for s in reversed(self.state.sets):
            when = f"{s.logged_at:%H:%M}" if s.logged_at else "--:--"
            number = str(numbers[s.id]) if s.id in numbers else "W"
            out.append((f"{number:>2}  {when}  {s.exercise_name[:24]:<24} {self.line(s)}", s))
        return out

    def edit(self, original: SetEntry, values: Mapping[str, Any]) -> Outcome:
        try:
            check_effort(values["rpe"], values["rir"])  # RPE 9 with RIR 2: one of them is wrong
        except InputError as exc:
            return Outcome(f"✗ {exc}. Nothing saved.", error=True)
        new = replace(
            original, weight_kg=values["weight"], reps=values["reps"], rpe=values["rpe"], rir=values["rir"],
            set_type=values["type"], notes=str(values["notes"]).strip(),
            duration_s=values.get("duration", original.duration_s), distance_m=values.get("distance", original.distance_m),
        )
        return Outcome(write=Write("save the change", "replaced", lambda repo: repo.update_set(new)))

    def set_note(self, text: str, target: SetEntry | None = None) -> Outcome:
        """The note on `target` (the set the note dialog named), else on the newest set: a set
        logged while the dialog was open does not take a note written for the one before."""
        if not self.state.sets:
            return Outcome("Log a set first, then add its note", error=True)
        s = self.state.sets[-1] if target is None else next((x for x in self.state.sets if x.id == target.id), None)
        if s is None:
            return Outcome("✗ That set is no longer in the session. Nothing saved.", error=True)
        new = replace(s, notes=text.strip())
        return Outcome(write=Write("save the note", "replaced", lambda repo: repo.update_set(new)))

    def delete(self, s: SetEntry) -> Outcome:
        """Delete any set. A correction of the log: the rest running now goes on (the lifter is
        still resting); `u` is what takes back the set just logged and its rest."""
        assert s.id is not None
        set_id = s.id

        def run(repo: Repository) -> SetEntry:
            repo.delete_set(set_id)
            return s

        return Outcome(write=Write("delete the set", "deleted", run))

    def undo(self, *, pending: bool = False) -> Outcome:
        """Delete the newest set as the database has it (one transaction, its rest with it),
        and go back to its lift (a lift's last set moves on to the next lift; its undo
        returns). `pending`: a set is still on its way to the disk (it counts)."""
        if not self.state.sets and not pending:
            return Outcome("Nothing to undo", error=True)
        sid = self.id
        # the newest set shown here, unless one is still on its way (its id is not known yet)
        shown = None if pending or not self.state.sets else self.state.sets[-1].id
        return Outcome(write=Write("undo the last set", "undone", lambda repo: repo.undo_last_set(sid, shown)))

    def session_note(self, text: str) -> Outcome:
        notes = text.strip()
        self.state.notes = notes
        sid = self.id
        return Outcome(write=Write("save the session note", "noted", lambda repo: repo.set_session_notes(sid, notes)))

    # ---- finishing ------------------------------------------------------------------------

    def bests(self) -> Write:
        """Earlier bests of every lift done today (for the summary's records)."""
        ex_ids = {s.exercise_id for s in self.state.sets}
        started = self.state.started_at

        kinds = {ex: self.exercises[ex].load_kind for ex in ex_ids if ex in self.exercises}

        def run(repo: Repository) -> dict[int, tuple[float | None, float | None]]:
            # a bodyweight or assisted lift's records are on the load it moved (body +/- load)
            body_on = body_weight_lookup(repo.body_weights())
            return {
                ex: previous_bests(with_effective_loads(kinds.get(ex, LoadKind.WEIGHTED), repo.exercise_sets(ex, before=started), body_on))
                for ex in ex_ids
            }

        return Write("read your records", "bests", run)

    def end_time(self, at_last_set: bool = False) -> datetime:
        """Now, or the last set's time for a session left open since another day."""
        if (at_last_set or self.past) and self.state.sets and self.state.sets[-1].logged_at:
            return self.state.sets[-1].logged_at
        if self.past and self.state.ended_at is not None:  # a past session with no sets yet
            return self.state.ended_at
        return self.clock()

    def summary(self, bests: Mapping[int, tuple[float | None, float | None]], ended_at: datetime) -> SessionReport:
        """The finish summary, with bodyweight and assisted sets at the load they moved (no
        volume or record is claimed for them while the body weight is unknown)."""
        body = self.body_kg
        sets: list[SetEntry] = []
        for s in self.state.sets:
            ex = self.exercises.get(s.exercise_id)
            kind = ex.load_kind if ex is not None else LoadKind.WEIGHTED
            sets.extend(with_effective_loads(kind, [s], lambda _at: body))
        return summarize(replace(self.state, sets=sets), self.exercises, bests, ended_at)

    def finish(self, session_rpe: float | None, ended_at: datetime) -> Outcome:
        self.ending = True
        sid = self.id
        return Outcome(write=Write("finish the session", "finished", lambda repo: repo.finish_session(sid, ended_at, session_rpe)))

    def discard(self) -> Outcome:
        self.ending = True
        sid = self.id
        return Outcome(write=Write("discard the session", "discarded", lambda repo: repo.discard_session(sid)))

    # ---- results ---------------------------------------------------------------------------

    def apply(self, kind: str, result: Any) -> Outcome:
        """A write of `kind` committed with `result`: change the state to match."""
        st = self.state
        if kind == "logged":
            return self._logged(result)
        if kind == "record":
            return self._record(result)
        if kind in ("added", "swapped"):
            item, earlier = result
            self.earlier[item.exercise_id] = earlier
            self.last[item.exercise_id] = earlier[0] if earlier else []
            if kind == "added":
                st.items.append(item)
                out = self.go_to(item.id)
                return Outcome(f"Added {item.exercise_name}", write=out.write)
            st.items = [item if it.id == item.id else it for it in st.items]
            self.refresh()
            return Outcome(f"Swapped in {item.exercise_name}")
        if kind == "replaced":
            st.sets = [replace(result, exercise_name=x.exercise_name) if x.id == result.id else x for x in st.sets]
            self.refresh()
            return Outcome(f"✓ Set updated: {self.line(result)}")
        if kind in ("deleted", "undone"):
            gone = next((x for x in st.sets if result is not None and x.id == result.id), None)
            if gone is None:
                if kind == "undone" and st.sets:  # the newest set on disk is not the one shown
                    return Outcome("Nothing undone: another window logged a set since; it shows now", error=True)
                return Outcome("Nothing to undo", error=True) if kind == "undone" else Outcome()
            name = self.set_name(gone)  # numbered as Today shows it, before it goes
            st.sets = [x for x in st.sets if x.id != gone.id]
            back = None
            if kind == "undone":
                self.timer = None  # the rest belonged to the set just taken back
                self.announced = True
                if gone.item_id != st.current_item_id and st.item(gone.item_id) is not None:
                    back = self.go_to(gone.item_id).write  # moved on after it: back to its lift
                self.undone = gone
            self.refresh()
            verb = "Undone" if kind == "undone" else "Deleted"
            return Outcome(f"{verb}: {name}, {self.line(gone)}", write=back)
        if kind == "noted":
            return Outcome("✓ Session note saved")
        if kind == "body_weight":
            self.body_kg = float(result)
            day = self.state.started_at.date()  # the log as the store now holds it
            self.body_weights = sorted([(d, w) for d, w in self.body_weights if d != day] + [(day, self.body_kg)])
            return Outcome(f"✓ Body weight {format_weight(self.body_kg, self.settings.unit)} logged: Enter logs the set")
        if kind == "ex_note":
            ex_id, note = result
            if ex_id in self.exercises:
                self.exercises[ex_id] = replace(self.exercises[ex_id], notes=note)
            return Outcome("✓ Note on the lift saved" if note else "✓ Note on the lift cleared")
        if kind == "finished":
            return Outcome(notify="Session saved")
        if kind == "discarded":
            return Outcome(notify="Session discarded")
        return Outcome()

    def commit(self, repo: Repository, outcome: Outcome) -> Outcome:
        """Run an outcome's write now and apply it (and any write that follows): for tests and
        headless callers. Returns the last outcome with a message."""
        last = outcome
        pending = [w for w in (outcome.write, outcome.then) if w is not None]
        while pending:
            write = pending.pop(0)
            outcome = self.apply(write.kind, write.run(repo))
            pending[:0] = [w for w in (outcome.write, outcome.then) if w is not None]
            if outcome.message or outcome.notify:
                last = outcome
        return last

    def resync(self, state: SessionState) -> None:
        """The session as the database has it (after a failed write)."""
        if state.id != self.state.id:
            return
        self.state.sets = state.sets
        self.state.items = state.items
        self.state.notes = state.notes
        self.state.current_item_id = state.current_item_id or self.state.current_item_id
        self.ending = False
        self.refresh()

    def merge(self, state: SessionState) -> bool:
        """The session as the disk has it now, read after a write of this window's or when the
        database changed: sets and lifts another window logged, undid or added show here. The
        current lift stays this window's (unless it is gone); True when anything changed."""
        if state.id != self.state.id:
            return False
        st = self.state
        if st.sets == state.sets and st.items == state.items:  # every field: seconds, metres, a swap too
            return False
        st.sets, st.items = state.sets, state.items
        if st.item(st.current_item_id) is None:
            st.current_item_id = state.current_item_id or (st.items[0].id if st.items else None)
        self.refresh()
        return True


def with_record(confirmed: str, saved: SetEntry, record: str | None) -> str:
    """The set's confirmation, then (on its own line) the record it set, if any:
    '✓ Set 2 saved: 120 kg x 5' / '★ New record: Back squat e1RM 140 kg (was 135 kg)'. The
    confirmation comes first so that a narrow screen never cuts it off."""
    if not record:
        return confirmed
    return f"{confirmed}\n★ New {record.replace('record: ', f'record: {saved.exercise_name} ', 1)}"


def log_only(repo: Repository, session_id: int, entry: SetEntry,
             rest: tuple[datetime, datetime] | None, *, past: bool = False) -> SetEntry:
    """Log a set (after the last one of a past session); the record check follows apart."""
    return repo.log_past_set(session_id, entry) if past else repo.log_set(session_id, entry, rest=rest)


def parse_duration(text: str, *, required: bool) -> int | None:
    """Seconds typed as `45` or `1:30`; blank is None unless required."""
    text = text.strip()
    if not text:
        if required:
            raise InputError("Type the seconds held (h starts a hold timer)")
        return None
    try:
        if ":" in text:
            m, _, sec = text.partition(":")
            value = int(m) * 60 + int(sec)
        else:
            value = float(text.replace(",", "."))
    except ValueError:
        raise InputError(f"Time must be seconds or m:ss, not {text!r}") from None
    if value != int(value) or not 1 <= value <= 86_400:
        raise InputError("Time must be whole seconds from 1 to 86400")
    return int(value)


def parse_distance(text: str) -> float:
    """Metres, above 0."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise InputError("Type the distance in metres") from None
    if not 0 < value <= 1_000_000:
        raise InputError("Distance must be above 0 m")
    return value


def set_line(s: SetEntry, settings: Settings, kind: LoadKind | None = None) -> str:
    """`100 kg x 5 @8`, `W 60 kg x 5`, `BW + 10 kg x 8`, `45 s`, `40 m in 0:45 with 24 kg`."""
    unit = settings.unit
    if kind is LoadKind.BODYWEIGHT:
        out = f"BW + {format_weight(s.weight_kg, unit)} x {s.reps}" if s.weight_kg else f"BW x {s.reps}"
    elif kind is LoadKind.ASSISTED:
        out = f"BW - {format_weight(s.weight_kg, unit)} x {s.reps}"
    elif s.distance_m is not None or kind is LoadKind.DISTANCE:
        out = f"{s.distance_m or 0:g} m" + (f" in {format_clock(s.duration_s)}" if s.duration_s else "")
        out += f" with {format_weight(s.weight_kg, unit)}" if s.weight_kg else ""
    elif s.duration_s is not None or kind is LoadKind.TIMED:
        out = f"{s.duration_s or 0} s" + (f" x {s.reps}" if s.reps > 1 else "")
        out += f" with {format_weight(s.weight_kg, unit)}" if s.weight_kg else ""
    else:
        out = f"{format_weight(s.weight_kg, unit)} x {s.reps}"
    if s.rpe is not None:
        out += f" @{s.rpe:g}"
    elif s.rir is not None:
        out += f" {s.rir:g}RIR"
    return (f"{s.set_type.short} " if s.set_type.short else "") + out


def finish_question(
    items: Sequence[SessionItem], done: Callable[[SessionItem], int], least: Mapping[int, int] | None = None,
) -> tuple[str, str]:
    """The question (and its detail) when planned lifts are left at the finish, telling the
    lifts not started from those part done: `Finish with 5 planned lifts not started; Pull-up
    2 of 4 sets?` (never `6 planned lifts not done` when one of them was half done)."""
    least = least or {}

    def planned(it: SessionItem) -> str:  # "3-4" where the plan gives a range
        low = least.get(it.id, it.sets_planned) if it.id is not None else it.sets_planned
        return f"{low}-{it.sets_planned}" if low < it.sets_planned else str(it.sets_planned)

    fresh = [it for it in items if done(it) == 0]
    part = [it for it in items if 0 < done(it) < it.sets_planned]
    parts = []
    if fresh:
        parts.append(f"{plural(len(fresh), 'planned lift')} not started")
    if len(part) == 1:
        parts.append(f"{part[0].exercise_name} {done(part[0])} of {planned(part[0])} sets")
    elif part:
        parts.append(f"{len(part)} lifts part done")
    detail = []
    if fresh:
        detail.append("Not started: " + ", ".join(it.exercise_name for it in fresh) + ".")
    if part:
        detail.append("Part done: " + ", ".join(f"{it.exercise_name} {done(it)} of {planned(it)} sets" for it in part) + ".")
    return f"Finish with {'; '.join(parts)}?", "\n".join(detail)


__all__ = [
    "EntryInput", "LiveSession", "Outcome", "SessionData", "StartData", "Write", "finish_question", "load_open",
    "read_session", "read_start", "set_line", "start_past_session", "start_session",
]
