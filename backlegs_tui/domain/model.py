"""Plain data the whole app speaks: the store builds these, the domain computes on them,
the UI shows them. No textual, no sqlalchemy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum


class SetType(str, Enum):
    """What a logged set was for."""

    WARMUP = "warmup"
    WORKING = "working"
    DROP = "drop"
    FAILURE = "failure"

    @property
    def label(self) -> str:
        return {"warmup": "warm-up", "working": "working", "drop": "drop", "failure": "failure"}[
            self.value
        ]

    @property
    def short(self) -> str:
        return {"warmup": "W", "working": "", "drop": "D", "failure": "F"}[self.value]

    def next(self) -> SetType:
        order = list(SetType)
        return order[(order.index(self) + 1) % len(order)]


class SpinalLoad(str, Enum):
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class ExerciseKind(str, Enum):
    COMPOUND = "compound"
    ISOLATION = "isolation"


class LoadKind(str, Enum):
    """How a set's load counts (not ExerciseKind, which is compound or isolation):
    weighted (load x reps), bodyweight (body weight + added load), assisted (body weight -
    assistance), timed (seconds held, optional load), distance (metres and time, optional load)."""

    WEIGHTED = "weighted"
    BODYWEIGHT = "bodyweight"
    ASSISTED = "assisted"
    TIMED = "timed"
    DISTANCE = "distance"

    @property
    def uses_body_weight(self) -> bool:
        return self in (LoadKind.BODYWEIGHT, LoadKind.ASSISTED)


class Unit(str, Enum):
    KG = "kg"
    LB = "lb"


MUSCLES: tuple[str, ...] = (
    "back",
    "lower back",
    "quads",
    "hamstrings",
    "glutes",
    "rear delts",
    "biceps",
    "triceps",
    "calves",
    "core",
)


@dataclass(frozen=True, slots=True)
class Exercise:
    id: int
    name: str
    primary: tuple[str, ...] = ()
    secondary: tuple[str, ...] = ()
    spinal_load: SpinalLoad = SpinalLoad.LOW
    kind: ExerciseKind = ExerciseKind.COMPOUND
    equipment: str = "barbell"
    rest_s: int = 120
    increment_kg: float = 2.5
    bodyweight: bool = False
    alternative_ids: tuple[int, ...] = ()
    load_kind: LoadKind = LoadKind.WEIGHTED
    notes: str = ""  # the lifter's standing note on the lift (seat height, grip, stance)

    @property
    def is_compound(self) -> bool:
        return self.kind is ExerciseKind.COMPOUND


@dataclass(frozen=True, slots=True)
class ExerciseDraft:
    """An exercise as typed into the form, before it has an id."""

    name: str
    primary: tuple[str, ...] = ()
    secondary: tuple[str, ...] = ()
    spinal_load: SpinalLoad = SpinalLoad.LOW
    kind: ExerciseKind = ExerciseKind.COMPOUND
    equipment: str = "barbell"
    rest_s: int = 120
    increment_kg: float = 2.5
    bodyweight: bool = False
    alternatives: tuple[str, ...] = ()
    load_kind: LoadKind | None = None  # None: "bodyweight" when the flag is set, else "weighted"

    @property
    def resolved_load_kind(self) -> LoadKind:
        if self.load_kind is not None:
            return LoadKind(self.load_kind)
        return LoadKind.BODYWEIGHT if self.bodyweight else LoadKind.WEIGHTED


@dataclass(frozen=True, slots=True)
class PlanItem:
    exercise_id: int
    exercise_name: str
    sets_min: int
    sets_max: int
    reps_min: int
    reps_max: int
    target_rpe: float | None = None
    target_rir: float | None = None
    rest_s: int | None = None
    alternative_ids: tuple[int, ...] = ()
    pairing: str | None = None
    notes: str = ""
    id: int | None = None
    # how the session prefills it (domain/progression.parse_progression); None: double progression
    progression: str | None = None

    @property
    def target_text(self) -> str:
        sets = f"{self.sets_min}" if self.sets_min == self.sets_max else f"{self.sets_min}-{self.sets_max}"
        reps = f"{self.reps_min}" if self.reps_min == self.reps_max else f"{self.reps_min}-{self.reps_max}"
        text = f"{sets} x {reps}"
        if self.target_rpe is not None:
            text += f" @ RPE {self.target_rpe:g}"
        elif self.target_rir is not None:
            text += f" @ {self.target_rir:g} RIR"
        return text


@dataclass(frozen=True, slots=True)
class Plan:
    id: int
    name: str
    items: tuple[PlanItem, ...] = ()
    warmup: str = ""
    cooldown: str = ""
    notes: str = ""
    warmup_min: int | None = None
    cooldown_min: int | None = None
    time_budget_min: int | None = None


@dataclass(frozen=True, slots=True)
class PlanSummary:
    id: int
    name: str
    exercise_count: int
    weekdays: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Readiness:
    sleep_h: float | None = None
    soreness: int | None = None  # 1 (none) .. 5 (very sore)
    energy: int | None = None  # 1 (drained) .. 5 (great)

    def describe(self, sep: str = ", ") -> str:
        """`slept 7.5 h, soreness 2/5, energy 4/5` (only what was given; "" for nothing)."""
        parts = []
        if self.sleep_h is not None:
            parts.append(f"slept {self.sleep_h:g} h")
        if self.soreness is not None:
            parts.append(f"soreness {self.soreness}/5")
        if self.energy is not None:
            parts.append(f"energy {self.energy}/5")
        return sep.join(parts)


@dataclass(frozen=True, slots=True)
class SetEntry:
    exercise_id: int
    set_type: SetType
    weight_kg: float
    reps: int
    rpe: float | None = None
    rir: float | None = None
    rest_s: int | None = None
    logged_at: datetime | None = None
    notes: str = ""
    id: int | None = None
    session_id: int | None = None
    position: int = 0
    exercise_name: str = ""
    item_id: int | None = None
    duration_s: int | None = None  # a timed or distance set: seconds
    distance_m: float | None = None  # a distance set: metres
    superset: str | None = None  # the source's superset group (Hevy)

    @property
    def is_working(self) -> bool:
        return self.set_type is not SetType.WARMUP

    @property
    def effective_rpe(self) -> float | None:
        """RPE as given, or derived from RIR (RPE = 10 - RIR)."""
        if self.rpe is not None:
            return self.rpe
        if self.rir is not None:
            return max(0.0, 10.0 - self.rir)
        return None


@dataclass(frozen=True, slots=True)
class SessionItem:
    """One exercise slot in a live or past session (a snapshot of the plan item)."""

    id: int
    position: int
    exercise_id: int
    exercise_name: str
    sets_planned: int
    reps_min: int
    reps_max: int
    target_rpe: float | None = None
    rest_s: int | None = None
    plan_item_id: int | None = None

    @property
    def target_text(self) -> str:
        reps = f"{self.reps_min}" if self.reps_min == self.reps_max else f"{self.reps_min}-{self.reps_max}"
        text = f"{self.sets_planned} x {reps}"
        if self.target_rpe is not None:
            text += f" @ RPE {self.target_rpe:g}"
        return text


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """A row of the history list."""

    id: int
    started_at: datetime
    ended_at: datetime | None
    name: str
    set_count: int
    volume_kg: float
    session_rpe: float | None = None
    deload: bool = False


@dataclass(slots=True)
class SessionState:
    """Everything the Session screen needs to show an open session (and to resume it)."""

    id: int
    started_at: datetime
    name: str
    plan_id: int | None
    items: list[SessionItem] = field(default_factory=list)
    sets: list[SetEntry] = field(default_factory=list)
    current_item_id: int | None = None
    rest_until: datetime | None = None
    rest_total_s: int | None = None
    notes: str = ""
    readiness: Readiness = field(default_factory=Readiness)
    ended_at: datetime | None = None
    session_rpe: float | None = None
    deload: bool = False  # a deload session: its lighter numbers never count as a decline

    def sets_for_item(self, item_id: int) -> list[SetEntry]:
        """The sets of a slot's current exercise (a swapped-out lift's sets stay its own)."""
        item = self.item(item_id)
        return [
            s for s in self.sets
            if s.item_id == item_id and (item is None or s.exercise_id == item.exercise_id)
        ]

    def item(self, item_id: int | None) -> SessionItem | None:
        for it in self.items:
            if it.id == item_id:
                return it
        return None


@dataclass(frozen=True, slots=True)
class Settings:
    unit: Unit = Unit.KG
    bar_kg: float = 20.0
    plates_kg: tuple[float, ...] = (25, 20, 15, 10, 5, 2.5, 1.25)
    plates_lb: tuple[float, ...] = (45, 35, 25, 10, 5, 2.5)
    bar_lb: float = 45.0
    default_rest_s: int = 120
    # (MV, MEV, MAV low, MAV high, MRV) sets per week
    landmarks: dict[str, tuple[int, int, int, int, int]] = field(
        default_factory=lambda: {
            "back": (8, 10, 14, 22, 25),
            "quads": (6, 8, 12, 18, 20),
            "hamstrings": (4, 6, 10, 16, 20),
            "glutes": (0, 0, 4, 12, 16),
        }
    )
    fatigue_sensitivity: str = "normal"  # "low" | "normal" | "high": how readily fatigue is flagged
    deload_sets: float = 0.6  # a deload session keeps about this share of the sets
    deload_load: float = 0.9  # ... at about this share of the load
    # periodisation (issue 10): a mesocycle of this many weeks from mesocycle_start (an ISO
    # Monday, "" = not started), a deload week every N weeks (0 = only on demand), and a
    # deload week started on demand (the ISO Monday of that week, "" = none)
    mesocycle_weeks: int = 5
    mesocycle_start: str = ""
    deload_every_weeks: int = 0
    deload_week: str = ""
    # the first-start wizard (ui/wizard.py): "" = never shown, "done" or "skipped": never again
    first_start: str = ""

    @property
    def plates(self) -> tuple[float, ...]:
        """The plate sizes the lifter owns (any number of each), in the user's unit."""
        return self.plates_lb if self.unit is Unit.LB else self.plates_kg

    @property
    def bar(self) -> float:
        """Bar weight in the user's unit."""
        return self.bar_lb if self.unit is Unit.LB else self.bar_kg
