"""Other apps' exercise names matched to the catalogue, and defaults for the ones that are not.

Only names that are clearly the same lift are matched ("Squat (Barbell)" is the barbell back
squat; "Squat (Smith Machine)" is not). Everything else keeps its own name and becomes a new
exercise, with muscles, kind and spinal load guessed from the words in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ..domain.catalogue import CATALOGUE
from ..domain.model import ExerciseDraft, ExerciseKind, LoadKind, SpinalLoad

# catalogue name -> names other apps give the same lift (Strong, Hevy, FitNotes, common usage)
ALIASES: dict[str, tuple[str, ...]] = {
    "Barbell back squat": (
        "squat (barbell)", "barbell squat", "back squat", "back squat (barbell)", "barbell back squat",
        "squat", "high bar squat", "low bar squat", "squat (high bar)", "squat (low bar)",
    ),
    "Front squat": ("front squat (barbell)", "barbell front squat"),
    "Goblet squat": ("goblet squat (kettlebell)", "goblet squat (dumbbell)", "dumbbell goblet squat"),
    "Leg press": ("leg press (machine)", "leg press machine", "sled leg press", "leg press (sled)"),
    "Barbell lunge": ("lunge (barbell)", "barbell lunges", "lunges (barbell)"),
    "Dumbbell lunge": ("lunge (dumbbell)", "dumbbell lunges", "lunges (dumbbell)"),
    "Romanian deadlift": (
        "romanian deadlift (barbell)", "barbell romanian deadlift", "rdl", "romanian deadlift",
        "stiff leg deadlift (barbell)", "romanian deadlift (rdl)",
    ),
    "Glute-ham raise": ("glute ham raise", "glute ham raise (bodyweight)", "ghr"),
    "Leg extension": ("leg extension (machine)", "leg extensions", "leg extension machine"),
    "Leg curl": (
        "lying leg curl (machine)", "seated leg curl (machine)", "leg curl (machine)", "lying leg curl",
        "seated leg curl", "leg curls", "hamstring curl",
    ),
    "Conventional deadlift": ("deadlift (barbell)", "deadlift", "barbell deadlift", "conventional deadlift (barbell)"),
    "Sumo deadlift": ("sumo deadlift (barbell)", "barbell sumo deadlift"),
    "Good morning": ("good morning (barbell)", "barbell good morning", "good mornings"),
    "Barbell row": (
        "bent over row (barbell)", "bent over barbell row", "barbell bent over row", "bent over row",
        "barbell row (bent over)", "barbell rows",
    ),
    "Pendlay row": ("pendlay row (barbell)", "barbell pendlay row"),
    "T-bar row": ("t bar row", "t bar row (machine)", "t bar row (barbell)"),
    "Dumbbell row": (
        "bent over one arm row (dumbbell)", "one arm dumbbell row", "single arm dumbbell row",
        "dumbbell row (single arm)", "dumbbell rows", "one arm row (dumbbell)",
    ),
    "Pull-up": (
        "pull up", "pull ups", "pullup", "pullups", "pull up (bodyweight)", "pull up (weighted)",
        "weighted pull up", "weighted pull ups",
    ),
    "Lat pulldown": (
        "lat pulldown (cable)", "lat pull down", "lat pulldown (machine)", "cable lat pulldown",
        "lat pulldowns", "lat pull down (cable)", "wide grip lat pulldown",
    ),
    "Face pull": ("face pull (cable)", "cable face pull", "face pulls", "face pull (band)"),
    "Reverse fly": (
        "reverse fly (dumbbell)", "reverse dumbbell fly", "rear delt fly", "rear delt reverse fly (dumbbell)",
        "reverse flyes", "reverse fly (machine)", "rear delt fly (dumbbell)",
    ),
    "Biceps curl": ("bicep curl (dumbbell)", "bicep curl", "dumbbell curl", "dumbbell bicep curl", "biceps curl (dumbbell)"),
    "Triceps pushdown": (
        "triceps pushdown (cable straight bar)", "triceps pushdown (cable)", "tricep pushdown",
        "cable tricep pushdown", "triceps pushdown (rope)", "tricep rope pushdown",
    ),
    # issue 9's lifts
    "Calf raise": (
        "calf raise (machine)", "standing calf raise (machine)", "standing calf raise", "calf raises",
        "machine calf raise", "standing machine calf raise", "calf raise", "calf raise (bodyweight)",
        "standing calf raise (barbell)", "standing calf raise (dumbbell)", "calf press on leg press",
    ),
    "Bulgarian split squat": (
        "bulgarian split squat (dumbbell)", "bulgarian split squat (barbell)", "bulgarian split squats",
        "dumbbell bulgarian split squat", "bulgarian split squat (bodyweight)", "rear foot elevated split squat",
    ),
    "Hack squat": ("hack squat (machine)", "machine hack squat", "hack squats", "hack squat (barbell)"),
    "Hip thrust": (
        "hip thrust (barbell)", "barbell hip thrust", "hip thrusts", "barbell hip thrusts", "hip thrust",
        "barbell glute bridge hip thrust",
    ),
    "Back extension": (
        "back extension (bodyweight)", "back extension (weighted)", "back extensions", "hyperextension",
        "hyperextensions", "back extension (hyperextension)", "45 degree back extension", "roman chair back extension",
    ),
    "Chin-up": ("chin up", "chin ups", "chinup", "chinups", "chin up (bodyweight)", "chin up (weighted)",
                "weighted chin up", "weighted chin ups"),
    "Assisted pull-up": (
        "pull up (assisted)", "assisted pull up", "assisted pull ups", "assisted pull up (machine)",
        "pull up assisted", "assisted pullup", "machine assisted pull up", "assisted chin up",
        "chin up (assisted)",
    ),
    "Seated cable row": (
        "seated row (cable)", "seated cable row (cable)", "cable seated row", "seated cable rows",
        "seated cable row v grip (cable)", "seated cable row - v grip (cable)", "seated row", "cable row",
        "low row (cable)", "seated low row (cable)",
    ),
    "Chest-supported row": (
        "chest supported row (dumbbell)", "chest supported incline row (dumbbell)", "incline row (dumbbell)",
        "chest supported row", "chest supported dumbbell row", "incline dumbbell row", "chest supported row (machine)",
    ),
    "Pull-through": ("pull through (cable)", "cable pull through", "pull through", "cable pull throughs", "pull throughs"),
    "Farmer carry": (
        "farmer's walk", "farmers walk", "farmer walk", "farmer's carry", "farmers carry", "farmer carry (dumbbell)",
        "farmer's walk (dumbbell)", "farmers walk (dumbbell)", "farmer's walk (trap bar)", "farmers carry (dumbbell)",
        "farmer carry", "farmers walks",
    ),
    "Plank": ("plank (bodyweight)", "front plank", "planks", "plank hold", "forearm plank", "plank"),
    "Dead hang": ("dead hang (bodyweight)", "hang", "bar hang", "dead hangs", "hang (bodyweight)", "passive hang"),
}


def normalise(name: str) -> str:
    """Lower case, hyphens and punctuation as spaces, one space between words."""
    t = name.lower().replace("-", " ").replace("_", " ").replace("/", " ").replace(".", " ")
    return " ".join(t.split())


_CATALOGUE = {d.name: d for d in CATALOGUE}
_INDEX: dict[str, str] = {normalise(n): n for n in _CATALOGUE}
for _target, _names in ALIASES.items():
    for _alias in _names:
        _INDEX.setdefault(normalise(_alias), _target)


def catalogue_name(name: str) -> str | None:
    """The catalogue exercise `name` clearly is, or None."""
    return _INDEX.get(normalise(name))


def canonical(name: str) -> str:
    """The name to store: the catalogue's when it is the same lift, else the name as written."""
    return catalogue_name(name) or " ".join(name.split())


# ---- defaults for new exercises ------------------------------------------------------------

_EQUIPMENT = (
    ("barbell", "barbell"), ("smith", "machine"), ("dumbbell", "dumbbell"), ("kettlebell", "kettlebell"),
    ("cable", "cable"), ("machine", "machine"), ("band", "band"), ("bodyweight", "bodyweight"),
)
# (words, primary, secondary); the first match wins
_MUSCLES: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (("leg curl", "hamstring curl", "nordic"), ("hamstrings",), ()),
    (("calf",), ("calves",), ()),
    (("face pull", "rear delt", "reverse fly"), ("rear delts",), ("back",)),
    (("deadlift", "good morning", "rdl"), ("hamstrings", "glutes"), ("lower back",)),
    (("hip thrust", "glute bridge", "kickback"), ("glutes",), ("hamstrings",)),
    (("back extension", "hyperextension"), ("lower back",), ("glutes", "hamstrings")),
    (("squat", "lunge", "leg press", "step up", "split squat"), ("quads", "glutes"), ()),
    (("leg extension",), ("quads",), ()),
    (("row", "pulldown", "pull down", "pull up", "pullup", "chin up", "chinup", "pullover"), ("back",), ("biceps",)),
    (("shrug",), ("back",), ()),
    (("triceps", "tricep", "pushdown", "skull", "dip"), ("triceps",), ()),
    (("curl",), ("biceps",), ()),
    (("crunch", "plank", "ab ", "sit up", "leg raise", "rollout"), ("core",), ()),
)
_ISOLATION = ("curl", "extension", "fly", "flye", "raise", "pushdown", "kickback", "shrug", "crunch", "calf", "pullover")
_HIGH_SPINAL = ("deadlift", "good morning", "rdl")
_HIGH_IF_BARBELL = ("squat", "row", "lunge")


# ---- the lifter's own exercises -----------------------------------------------------------

_EQUIPMENT_WORDS = {"barbell", "bb", "dumbbell", "dumbbells", "db", "machine", "cable", "bodyweight", "weighted",
                    "kettlebell", "band"}
_DEFAULT_EQUIPMENT = {"barbell", "bb", "bodyweight", "weighted"}  # what a bare name usually means


def _words(name: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """(the name's other words, sorted and singular; its equipment words)."""
    t = normalise(name).replace("(", " ").replace(")", " ").replace("'", "").replace(",", " ")
    words, equipment = [], set()
    for w in t.split():
        if w in _EQUIPMENT_WORDS:
            equipment.add(w.rstrip("s") if w != "bodyweight" else w)
            continue
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        words.append(w)
    return tuple(sorted(words)), frozenset(equipment)


class OwnNames:
    """The lifter's exercises (the database's names): which one a name from a file clearly
    means. Same words in any order and case, plurals, hyphens and parentheses aside, with the
    same equipment, or one side naming none and the other a barbell or body weight ("Hip
    Thrust (Barbell)" is "Barbell hip thrust" and "Hip thrust"; "Squat (Machine)" is not "Squat")."""

    def __init__(self, names: Iterable[str]) -> None:
        self.exact: dict[str, str] = {}
        self.by_words: dict[tuple[str, ...], list[tuple[str, frozenset[str]]]] = {}
        for n in names:
            self.exact.setdefault(normalise(n), n)
            words, equipment = _words(n)
            if words:
                self.by_words.setdefault(words, []).append((n, equipment))

    def own(self, name: str) -> str | None:
        """The own exercise `name` clearly means, or None (none, or more than one)."""
        hit = self.exact.get(normalise(name))
        if hit is not None:
            return hit
        words, equipment = _words(name)
        candidates = self.by_words.get(words, [])
        same = [n for n, eq in candidates if eq == equipment]
        if len(same) == 1:
            return same[0]
        close = [
            n for n, eq in candidates
            if (not eq and equipment <= _DEFAULT_EQUIPMENT) or (not equipment and eq <= _DEFAULT_EQUIPMENT)
        ]
        if len(close) == 1:
            return close[0]
        if len(close) > 1:  # the lifter's own beats the catalogue's
            mine = [n for n in close if n not in _CATALOGUE]
            return mine[0] if len(mine) == 1 else None
        return None

    def canonical(self, name: str) -> str:
        return self.own(name) or canonical(name)


def draft_for(name: str, bodyweight: bool) -> ExerciseDraft:
    """Sensible defaults for an exercise the database lacks (`bodyweight`: no load was seen).
    A name with "assisted" in it is an assisted lift (its load is the assistance)."""
    known = _CATALOGUE.get(name)
    if known is not None:
        return replace(known, alternatives=())
    words = f" {normalise(name)} "
    equipment = next((e for key, e in _EQUIPMENT if key in words), "bodyweight" if bodyweight else "other")
    primary: tuple[str, ...] = ()
    secondary: tuple[str, ...] = ()
    for keys, p, s in _MUSCLES:
        if any(k in words for k in keys):
            primary, secondary = p, s
            break
    isolation = any(re.search(rf"\b{k}", words) for k in _ISOLATION) and "glute ham" not in words
    if any(k in words for k in _HIGH_SPINAL) or (equipment == "barbell" and any(k in words for k in _HIGH_IF_BARBELL)):
        spinal = SpinalLoad.HIGH
    elif equipment == "barbell" and not isolation:
        spinal = SpinalLoad.MODERATE
    else:
        spinal = SpinalLoad.LOW
    return ExerciseDraft(
        name=name,
        primary=primary,
        secondary=secondary,
        spinal_load=spinal,
        kind=ExerciseKind.ISOLATION if isolation else ExerciseKind.COMPOUND,
        equipment=equipment,
        rest_s=60 if isolation else (150 if spinal is SpinalLoad.HIGH else 120),
        increment_kg={"barbell": 2.5, "dumbbell": 2.0, "machine": 5.0, "cable": 2.5}.get(equipment, 1.0),
        bodyweight=bodyweight or equipment == "bodyweight" or "assisted" in words,
        load_kind=LoadKind.ASSISTED if "assisted" in words else None,
    )
