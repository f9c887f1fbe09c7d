"""Crash torture: drive the real app in a pty, kill -9 it at random moments, check the disk.

    python scripts/torture.py --trials 50 --seed 1

One fresh database per run, prepared with a plan of every kind of lift (`TORTURE_PLAN`: a
barbell squat with its warm-up ramp, a pull-up with added load on a known body weight, a timed
plank, and a superset pair A1/A2) and one finished session from yesterday to correct. Each
trial starts `backlegs` in a pseudo-terminal (tests/pty_app.py), resumes the session left open
by the trial before (checking the offer first), does a few random actions of the kinds in
`ACTIONS` (each trial first does two kinds of `MUST` the run has not confirmed yet, so three
trials cover them all, then the one it has confirmed least) and then
kill -9s the app at a moment chosen by the seeded RNG (`MOMENTS`): right after Enter, right
after the confirmation appears, mid-rest, with a dialog open, or right after a correction in
History is saved. After each kill it checks the database:

- every set the screen confirmed ("✓ Set N saved: 100 kg x 5", "✓ Warm-up saved: W 20 kg x
  10", "✓ Set 1 saved: BW + 10 kg x 8", "✓ Set 2 saved: 45 s with 10 kg", "✓ Set 1 saved:
  50 kg x 8   → Face pull now") is on disk exactly as shown (the line is rebuilt from the row
  as the screen words it, so the weight, reps, seconds held, added load, type and effort all
  count), on the lift the title named when Enter went, with the superset group when the title
  named a pair (D1/D2), in order;
- nothing is duplicated: no two rows share a (session, position), and the only row beyond the
  confirmed ones is the one Enter sent just before the kill (saved, not yet shown);
- a correction of the past session the screen confirmed ("✓ Set corrected: ...") is on disk
  exactly; one killed before its answer is there whole or not at all (weight and reps both
  change, so half of one shows);
- the next start offers to resume with the right count ("N sets logged"), the rest left when
  the timer still runs, and after resuming the working-set count and the next target the
  headless `LiveSession` computes from the disk alone.

New kinds of action are one entry each in `ACTIONS`: a name, a weight for the RNG and a
function that sends the keys and says what the screen answered. Prints the figures and exits 1
if anything was lost, duplicated, half corrected or offered wrongly.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from backlegs_tui.domain.model import SetEntry, SetType
from backlegs_tui.domain.units import plural
from backlegs_tui.services.live_session import LiveSession, load_open
from backlegs_tui.store.repository import Repository
from tests.pty_app import PtyApp

# what the entry's message line says after Enter (services/live_session.py: _logged, enter);
# a superset's first lift adds "   → Face pull now, rest after the round"
CONFIRMED = re.compile(r"✓ (Set \d+|Warm-up) saved: (.+?)(?:\s+→ .*)?\s*$")
TITLE = re.compile(r"lift (\d+)/\d+(?: \(([A-Z]\d)\))?")  # "lift 4/5 (D1)": the lift Enter logs on
KEYS = {"down": "\x1b[B", "f2": "\x1bOQ", "f3": "\x1bOR", "ctrl+s": "\x13", "tab": "\t"}

# lifts 1-5 as the session lists them: every kind of set this round adds (issue 12)
TORTURE_PLAN = """name = "Torture"

[[items]]
exercise = "Barbell back squat"
sets = "3"
reps = "5"

[[items]]
exercise = "Pull-up"
sets = "3"
reps = "6-10"

[[items]]
exercise = "Plank"
sets = "3"
reps = "1"

[[items]]
exercise = "Lat pulldown"
sets = "3"
reps = "8-12"
superset = "A"

[[items]]
exercise = "Face pull"
sets = "3"
reps = "12-15"
superset = "A"
"""
LIFT_KIND = {1: "weighted", 2: "bodyweight", 3: "timed", 4: "superset", 5: "superset"}
BODY_KG = 80.0
# yesterday's finished session: (lift, weight or added load, reps, seconds); the first three
# are corrected in History (their form starts with the weight, then the reps)
PAST_SETS = [("Lat pulldown", 50.0, 10, None), ("Face pull", 20.0, 15, None), ("Pull-up", 5.0, 8, None),
             ("Plank", 0.0, 1, 60)]
CORRECTABLE = ("Lat pulldown", "Face pull", "Pull-up")
SEARCH = {"Lat pulldown": "pulldown", "Face pull": "face", "Pull-up": "pull-up"}  # one match each
MESSAGE = re.compile(r"(✓ (?:Set \d+|Warm-up) saved: .+|✗ .+|Warm-ups for .+|Today's working weight.+)$")


class VtApp(PtyApp):
    """The app in a pty, its output fed to a terminal emulator (pyte): the screen as a
    person sees it, not the stream of partial repaints."""

    def __init__(self, args: list[str]) -> None:
        import pyte

        self.vt = pyte.Screen(120, 36)
        self.stream = pyte.ByteStream(self.vt)
        super().__init__(args)

    def _read(self, timeout: float) -> None:
        before = len(self.seen)
        super()._read(timeout)
        if len(self.seen) > before:
            self.stream.feed(self.seen[before:])

    def clear(self) -> None:
        self.seen = b""  # the emulated screen stays as it is

    def settle(self, quiet: float = 0.08, limit: float = 1.0) -> None:
        """Read until the app has written nothing for `quiet` seconds (a whole frame painted)."""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            before = len(self.seen)
            self._read(quiet)
            if len(self.seen) == before:
                return

    def message(self) -> str:
        """The entry's message line (what Enter answered), "" if none: searched in the entry's
        box only (the lift's plan line above can read "Warm-ups for ..." too)."""
        rows = self.vt.display
        top = next((i for i, row in enumerate(rows) if "Log set  (Enter)" in row), None)
        if top is None:
            return ""
        # the entry box's rows (not the rest timer beside it), a long line wrapped joined again
        # ("★ New record: ...   ✓ Set 2 saved: 100 kg x 5" wraps)
        inner = []
        for row in rows[top + 1 : top + 9]:
            if row.startswith("╰"):  # the box's bottom border
                break
            inner.append(row.split("││")[0].strip("│ "))
        text = " ".join(" ".join(part for part in inner if part).split())
        m = MESSAGE.search(text)
        return m.group(1).strip() if m else ""

    def covered(self) -> bool:
        """A notification is up over the bottom of the screen (its left edge is ▌)."""
        return any("▌" in row for row in self.vt.display[18:])

    def screen(self) -> str:
        return "\n".join(self.vt.display)

    def title(self) -> tuple[int, str | None] | None:
        """(lift number, superset label or None) from the session's title line."""
        for row in self.vt.display[:3]:
            m = TITLE.search(row)
            if m:
                return int(m.group(1)), m.group(2)
        return None

    def wait_screen(self, needle: str, timeout: float = 8.0) -> bool:
        """Read until `needle` is on the emulated screen; False if it never came."""
        deadline = time.monotonic() + timeout
        while needle not in self.screen():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                return False
            self._read(0.05)
        return True

    def key(self, *names: str, pause: float = 0.05) -> None:
        self.send(*(KEYS.get(n, n) for n in names), pause=pause)


@dataclass
class Figures:
    trials: int = 0
    confirmed: int = 0
    lost: int = 0
    duplicated: int = 0
    in_flight_saved: int = 0  # Enter sent, killed before the confirmation: on disk anyway
    resumes: int = 0
    resumes_right: int = 0
    corrections_confirmed: int = 0  # the screen said "✓ Set corrected": on disk exactly?
    corrections_wrong: int = 0  # confirmed, but not on disk as confirmed
    corrections_unconfirmed: int = 0  # killed before the answer: whole or not at all
    corrections_applied: int = 0  # of the unconfirmed: on disk whole
    corrections_half: int = 0  # weight of one, reps of the other: never
    corrections_typed_ahead: int = 0  # confirmed with other numbers than typed (30⏎6 saved as 306 kg)
    moments: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)  # confirmed sets: weighted, warm-up, timed, ...
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"trials {self.trials}, sets confirmed {self.confirmed}, lost {self.lost}, duplicated {self.duplicated}, "
            f"saved in flight {self.in_flight_saved}, resumes offered correctly {self.resumes_right}/{self.resumes}\n"
            f"sets confirmed by kind: {dict(sorted(self.by_kind.items()))}\n"
            f"corrections: confirmed {self.corrections_confirmed} (not on disk as shown: {self.corrections_wrong}), "
            f"killed before the answer {self.corrections_unconfirmed} (applied whole {self.corrections_applied}, "
            f"not at all {self.corrections_unconfirmed - self.corrections_applied - self.corrections_half}, "
            f"half {self.corrections_half}); saved other numbers than typed {self.corrections_typed_ahead}"
        )

    @property
    def failed(self) -> bool:
        return bool(self.lost or self.duplicated or self.resumes_right != self.resumes
                    or self.corrections_wrong or self.corrections_half or self.corrections_typed_ahead)


@dataclass
class Driver:
    """One app in a pty and what this trial saw it confirm."""

    app: VtApp
    rng: random.Random
    past: dict[str, tuple[int, float, int]] = field(default_factory=dict)  # yesterday's sets: name -> (id, kg, reps)
    confirmed: list[str] = field(default_factory=list)  # record() texts, in order
    in_flight: bool = False  # the last Enter on a set got no answer before the kill
    last_was_working: bool = False
    # the correction of this trial: (set id, (kg, reps) before, (kg, reps) typed, confirmed)
    correction: tuple[int, tuple[float, int], tuple[float, int], bool] | None = None
    typed_ahead: tuple[float, int] | None = None  # the correction saved other numbers than were typed (keys ahead of the focus)

    def enter(self, *, wait: bool = True) -> str:
        """Press Enter on the entry; with `wait`, read what the screen answered:
        'set' (confirmed), 'target', 'refused' or 'none' (no answer in time)."""
        self.app._read(0.05)
        self.app.settle(0.05, 0.5)
        if wait:  # a notification (a correction's) may cover the entry's message line: let it go
            deadline = time.monotonic() + 8
            while self.app.covered() and time.monotonic() < deadline:
                self.app._read(0.1)
        before = self.app.message()
        lift, label = self.app.title() or (0, None)
        self.app.send("enter", pause=0)
        self.in_flight = True
        if not wait:
            return "sent"
        deadline = time.monotonic() + 6
        asked = False
        while time.monotonic() < deadline:
            self.app._read(0.03)
            if not asked and any("body weight (" in row for row in self.app.vt.display):
                asked = True  # a bodyweight lift asks the body weight once, then logs the set
                self.app.send("8", "0", "enter", pause=0.03)
                deadline += 3
                continue
            msg = self.app.message()
            if not msg or msg == before:
                continue
            self.app.settle()  # a frame read half-painted mixes the old line with the new
            msg = self.app.message()
            m = CONFIRMED.search(msg)
            self.in_flight = False
            if m:
                self.confirmed.append(record(lift, m.group(2).strip(), "A" if label else None))
                self.last_was_working = m.group(1) != "Warm-up"
                return "set"
            if os.environ.get("TORTURE_DEBUG"):
                print("      answer:", repr(msg), "\n" + "\n".join(self.app.vt.display[23:36]), flush=True)
            return "refused" if msg.startswith("✗") else "target"
        return "none"


# ---- the kinds of action ------------------------------------------------------------------
# Each sends keys; returns True when its last key was Enter on a set (the answer read by
# `Driver.enter`). Add a kind here when the session learns one (timed, bodyweight, ...).


def _type_weight(d: Driver) -> None:
    weight = d.rng.choice([60, 80, 100, 102.5, 120])
    d.app.send(*str(weight), pause=0.02)


def act_prefilled(d: Driver, wait: bool) -> str:
    """Enter on what the entry offers: the next warm-up of the ramp, or the next working set."""
    return d.enter(wait=wait)


def act_weighted(d: Driver, wait: bool) -> str:
    """A working set at a typed weight (a first-time lift's typed weight sets its target)."""
    _type_weight(d)
    return d.enter(wait=wait)


def act_drop(d: Driver, wait: bool) -> str:
    """t cycles the set type (working -> drop; a warm-up -> working)."""
    d.app.send("t", pause=0.05)
    return d.enter(wait=wait)


def act_failure(d: Driver, wait: bool) -> str:
    d.app.send("t", "t", pause=0.05)
    return d.enter(wait=wait)


def goto(d: Driver, lift: int) -> bool:
    """j until the title names `lift` (the plan's lifts are 1-5): as many as it takes at
    once, then read the title until it says so."""
    d.app.settle(0.05, 0.5)
    now = d.app.title()
    if now is not None and now[0] != lift:
        d.app.send(*"j" * ((lift - now[0]) % len(LIFT_KIND)), pause=0.02)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        now = d.app.title()
        if now is not None and now[0] == lift:
            d.app.settle(0.05, 0.5)
            return True
        d.app._read(0.05)
    if os.environ.get("TORTURE_DEBUG"):
        print(f"      lift {lift} never came up:\n" + d.app.screen(), flush=True)
    return False


def act_squat(d: Driver, wait: bool) -> str:
    """The barbell squat: Enter on what it offers (its warm-up ramp, then working sets); the
    first time, a typed working weight first (Enter shows the ramp; w skips it, now and then)."""
    if not goto(d, 1):
        return "moved"
    if "? kg" in d.app.screen():  # no working weight yet: type one, Enter sets it
        _type_weight(d)
        if d.enter(wait=True) != "target":
            return "moved"
        if d.rng.random() < 0.5:  # w: no warm-ups, straight to the working sets
            d.app.send("w", pause=0.1)
    return d.enter(wait=wait)


def act_timed(d: Driver, wait: bool) -> str:
    """A plank: the seconds held (the entry's first field), with a load now and then."""
    if not goto(d, 3):
        return "moved"
    d.app.send(*str(d.rng.choice([30, 45, 60, 75, 90])), pause=0.02)
    if d.rng.random() < 0.4:
        d.app.key("tab")
        d.app.send(*str(d.rng.choice([5, 10, 20])), pause=0.02)
    return d.enter(wait=wait)


def act_bodyweight(d: Driver, wait: bool) -> str:
    """A pull-up with added load (0 now and then: body weight alone) and typed reps."""
    if not goto(d, 2):
        return "moved"
    d.app.send(*str(d.rng.choice([0, 5, 10, 12.5, 20])), pause=0.02)
    d.app.key("tab")
    d.app.send(*str(d.rng.randint(5, 10)), pause=0.02)
    return d.enter(wait=wait)


def act_superset(d: Driver, wait: bool) -> str:
    """A1 then A2: the first set moves the entry straight on to the second lift, no rest."""
    if not goto(d, 4):
        return "moved"
    d.app.send(*str(d.rng.choice([40, 45, 50, 52.5])), pause=0.02)
    first = d.enter(wait=True)
    if first != "set":
        return first
    d.app.settle()
    now = d.app.title()
    if now is None or now[0] != 5:  # A2 not come up: nothing more to log here
        return "moved"
    d.app.send(*str(d.rng.choice([15, 20, 22.5])), pause=0.02)
    return d.enter(wait=wait)


def _stuck(d: Driver, waited: str) -> str:
    if os.environ.get("TORTURE_DEBUG"):
        print(f"      {waited!r} never came:\n" + d.app.screen(), flush=True)
    return "none"


def act_correction(d: Driver, wait: bool) -> str:
    """History (F3): e, pick one of yesterday's sets, type a new weight and new reps (both
    change), ctrl+s; then back to the session (F2). One per trial."""
    if d.correction is not None or not d.past:
        return "moved"
    name = d.rng.choice([n for n in CORRECTABLE if n in d.past])
    set_id, kg, reps = d.past[name]
    new_kg = d.rng.choice([w for w in (7.5, 10.0, 25.0, 30.0, 45.0, 55.0, 60.0) if w != kg])
    new_reps = d.rng.choice([r for r in range(5, 16) if r != reps])
    d.app.key("f3")
    if not d.app.wait_screen("Sessions (1)"):
        return _stuck(d, "Sessions (1)")
    d.app.settle()
    d.app.send("e", pause=0.05)
    if not d.app.wait_screen("Edit which set?"):
        return _stuck(d, "Edit which set?")
    d.app.send(*SEARCH[name], pause=0.02)  # the search box
    d.app.settle()
    d.app.send("enter", pause=0.05)
    if not d.app.wait_screen(f"Edit set: {name}"):
        return _stuck(d, f"Edit set: {name}")
    d.app.settle()
    d.app.send(*f"{new_kg:g}", pause=0.02)  # the focused field's text is selected: typing replaces it
    d.app.send("enter", pause=0.05)
    d.app.send(*str(new_reps), pause=0.02)
    d.correction = (set_id, (kg, reps), (new_kg, new_reps), False)
    d.app.key("ctrl+s", pause=0)
    if not wait:
        return "sent"
    if not d.app.wait_screen("Set corrected", timeout=6):
        return _stuck(d, "Set corrected")
    d.app.settle()
    shown = re.search(re.escape(f"Set corrected: {name} ") + r"(?:BW \+ )?([\d.]+) kg x (\d+)",
                      " ".join(" ".join(row.split("▌")[-1].split()) for row in d.app.vt.display))
    if shown is None:
        return _stuck(d, f"Set corrected: {name} <kg> kg x <reps>")
    said = (float(shown.group(1)), int(shown.group(2)))
    if said != (new_kg, new_reps):  # the screen says what it saved: that is what must be on disk
        d.typed_ahead = (new_kg, new_reps)
    d.correction = (set_id, (kg, reps), said, True)
    d.app.key("f2")
    if not d.app.wait_screen("Log set"):
        return _stuck(d, "Log set")
    return "corrected"


def act_warmup(d: Driver, wait: bool) -> str:
    """t three times: a warm-up set typed as one (the ramp itself comes before a lift's first
    working set only, once a session)."""
    d.app.send("t", "t", "t", pause=0.05)
    return d.enter(wait=wait)


def act_next_lift(d: Driver, wait: bool) -> str:
    d.app.send("j", pause=0.1)
    return "moved"


def act_toggle_warmups(d: Driver, wait: bool) -> str:
    d.app.send("w", pause=0.1)
    return "moved"


Action = Callable[[Driver, bool], str]
ACTIONS: list[tuple[str, int, Action]] = [
    ("prefilled", 6, act_prefilled),  # warm-ups and working sets as offered
    ("weighted", 4, act_weighted),
    ("drop", 1, act_drop),
    ("failure", 1, act_failure),
    ("warmup", 1, act_warmup),
    ("next_lift", 2, act_next_lift),
    ("toggle_warmups", 1, act_toggle_warmups),
    ("squat", 3, act_squat),
    ("timed", 2, act_timed),
    ("bodyweight", 2, act_bodyweight),
    ("superset", 2, act_superset),
    ("correction", 1, act_correction),
]
SET_ACTIONS = {"prefilled", "weighted", "drop", "failure", "warmup", "squat", "timed", "bodyweight", "superset"}
# each trial first does two of these the run has not confirmed yet (three trials cover them
# all), then the one it has confirmed least
MUST = ("squat", "timed", "bodyweight", "superset", "correction")

# dialogs to be killed in: (key, text that shows it is open)
DIALOGS = [("N", "Session note"), ("e", "Edit"), ("g", "Go to exercise"), ("f", "")]

MOMENTS = ["after_enter", "after_confirm", "mid_rest", "mid_dialog", "mid_correction"]


def pick(rng: random.Random, names: set[str] | None = None) -> tuple[str, Action]:
    pool = [(n, w, a) for n, w, a in ACTIONS if names is None or n in names]
    name, _, action = rng.choices(pool, weights=[w for _, w, _ in pool])[0]
    return name, action


# ---- the checks ---------------------------------------------------------------------------


def record(lift: int, line: str, group: str | None) -> str:
    """One set as compared: `4: 50 kg x 8 [A]` (lift number, the line as the screen words
    it, the superset group)."""
    return f"{lift}: {line}" + (f" [{group}]" if group else "")


def kind_of(rec: str) -> str:
    lift, _, line = rec.partition(": ")
    return "warm-up" if line.startswith("W ") else LIFT_KIND.get(int(lift), "weighted")


def prepare(db: Path) -> dict[str, tuple[int, float, int]]:
    """The torture plan, a known body weight and yesterday's finished session; returns its
    sets (name -> (id, kg, reps))."""
    repo = Repository.open(db)
    try:
        plan = repo.import_plan_text(TORTURE_PLAN)
        day = datetime.combine(date.today() - timedelta(days=1), clock_time(18, 0))
        repo.log_body_weight(day, BODY_KG)
        state = repo.start_session(plan.id, day)
        items = {it.exercise_name: it for it in state.items}
        groups = {"Lat pulldown": "A", "Face pull": "A"}
        past = {}
        for k, (name, kg, reps, secs) in enumerate(PAST_SETS):
            it = items[name]
            saved = repo.log_set(state.id, SetEntry(it.exercise_id, SetType.WORKING, kg, reps, item_id=it.id,
                                                    logged_at=day + timedelta(minutes=5 * k + 1), duration_s=secs,
                                                    exercise_name=name, superset=groups.get(name)))
            past[name] = (saved.id, kg, reps)
        repo.finish_session(state.id, day + timedelta(hours=1), None)
    finally:
        repo.close()
    return past


def past_rows(db: Path, ids: list[int]) -> dict[int, tuple[float, int]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        marks = ",".join("?" * len(ids))
        return {i: (float(w), int(r)) for i, w, r in con.execute(
            f"SELECT id, weight_kg, reps FROM set_entries WHERE id IN ({marks})", ids)}
    finally:
        con.close()


def judge_correction(correction: tuple[int, tuple[float, int], tuple[float, int], bool],
                     row: tuple[float, int] | None) -> str:
    """'right' (confirmed, on disk as typed), 'wrong' (confirmed, not so), 'applied' or 'not'
    (unconfirmed: whole or not at all), 'half' (one field of each)."""
    _, old, new, confirmed = correction
    if confirmed:
        return "right" if row == new else "wrong"
    if row == new:
        return "applied"
    if row == old:
        return "not"
    return "half"


def disk_lines(db: Path) -> tuple[list[str], int, datetime | None, str, int]:
    """(set records in order, duplicate positions, rest deadline, expected next fragment,
    working sets) of the open session, from the disk alone."""
    repo = Repository.open(db)
    try:
        data = load_open(repo)
        assert data is not None, "no open session on disk"
        settings = repo.settings()
        live = LiveSession(data, settings, datetime.now)
        lift = {it.id: i + 1 for i, it in enumerate(data.state.items)}
        # as the screen words it (BW + 10 kg x 8, 45 s with 10 kg, ...), on its lift, in its group
        lines = [record(lift.get(s.item_id, 0), live.line(s), s.superset) for s in data.state.sets]
        nxt = live.next_text()
        working = live.working_sets()
        rest = data.state.rest_until
    finally:
        repo.close()
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        dup = con.execute(
            "SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM set_entries GROUP BY session_id, position HAVING n > 1)"
        ).fetchone()[0]
    finally:
        con.close()
    fragment = nxt.split(", ", 1)[1].split(" x ")[0] if ", " in nxt else nxt
    return lines, int(dup), rest, fragment, working


def compare(expected: list[str], disk: list[str], in_flight: bool) -> tuple[int, int, int]:
    """(lost, doubled, saved in flight): the confirmed lines must be the disk's first lines, in
    order; behind them at most the one set whose Enter was sent just before the kill."""
    lost = sum(1 for i, line in enumerate(expected) if i >= len(disk) or disk[i] != line)
    extra = len(disk) - len(expected)
    allowed = 1 if in_flight else 0
    doubled = max(extra - allowed, 0)
    return lost, doubled, 1 if 0 < extra <= allowed and not lost else 0


def kill(app: VtApp) -> None:
    """kill -9, then read what the app had written before it died."""
    os.killpg(app.proc.pid, 9)
    app.proc.wait(10)
    for _ in range(20):
        before = len(app.seen)
        app._read(0.02)
        if len(app.seen) == before:
            break
    os.close(app.master)


def start(db: Path, expected: list[str], rest_until: datetime | None, fragment: str, working: int, figures: Figures) -> VtApp:
    """Start the app; when a session is open, check the resume offer and resume."""
    app = VtApp(["--db", str(db)])
    try:
        return _started(app, expected, rest_until, fragment, working, figures)
    except BaseException:
        kill(app)  # never leave an app running behind a failed check
        raise


def _started(app: VtApp, expected: list[str], rest_until: datetime | None, fragment: str, working: int, figures: Figures) -> VtApp:
    if not expected and rest_until is None and not fragment:
        app.wait_for("Enter: start")
        app.wait_for("Torture")
        app.send(KEYS["down"], "enter")  # the torture plan, under the article's sample
        app.wait_for("How ready are you")
        app.send("escape")
        app.wait_for("Log set")
        return app
    figures.resumes += 1
    wrong = []
    app.wait_for("unfinished session")
    want = f"{plural(len(expected), 'set')} logged"
    try:
        app.wait_for(want, timeout=10)
    except AssertionError:
        wrong.append(f"offer without {want!r}")
    app._read(0.2)
    left = (rest_until - datetime.now()).total_seconds() if rest_until else 0
    shown = "of rest left" in app.text()
    if left > 3 and not shown:
        wrong.append(f"{left:.0f} s of rest not offered")
    if left < -3 and shown:
        wrong.append("rest offered after it ran out")
    app.clear()
    app.send("enter")  # resume
    try:
        app.wait_for(plural(working, "working set"), timeout=10)
    except AssertionError:
        wrong.append(f"title without {plural(working, 'working set')!r}")
    deadline = time.monotonic() + 5
    while fragment not in "\n".join(app.vt.display) and time.monotonic() < deadline:
        app._read(0.05)
    if fragment not in "\n".join(app.vt.display):
        wrong.append(f"next target {fragment!r} not shown: {[r for r in app.vt.display if 'Next' in r]}")
    if wrong:
        figures.problems.append("resume: " + "; ".join(wrong))
    else:
        figures.resumes_right += 1
    return app


def trial(db: Path, rng: random.Random, figures: Figures, state: dict, extra: int = 3) -> None:
    app = start(db, state["lines"], state["rest"], state["fragment"], state["working"], figures)
    d = Driver(app, rng, past=state["past"])
    moment = rng.choice(MOMENTS)
    figures.moments[moment] = figures.moments.get(moment, 0) + 1
    done = {**figures.by_kind, "squat": figures.by_kind.get("weighted", 0) + figures.by_kind.get("warm-up", 0),
            "correction": figures.corrections_confirmed}  # a killed one (mid_correction) is its own moment
    missing = [k for k in MUST if not done.get(k)]
    first = missing[:2] or [min(MUST, key=lambda k: done.get(k, 0))]
    if moment == "mid_correction":
        first = [k for k in first if k != "correction"]
    try:
        for name in first + [pick(rng)[0] for _ in range(rng.randint(0, extra))]:
            action = next(a for n, _, a in ACTIONS if n == name)
            figures.kinds[name] = figures.kinds.get(name, 0) + 1
            outcome = action(d, True)
            if os.environ.get("TORTURE_DEBUG"):
                print("   ", name, outcome, repr(d.app.message()), flush=True)
            if outcome == "none":  # no answer in time: this is the kill
                break
        else:
            if moment == "after_enter":
                name, action = pick(rng, SET_ACTIONS)
                figures.kinds[name] = figures.kinds.get(name, 0) + 1
                action(d, False)
                time.sleep(rng.uniform(0, 0.08))
            elif moment == "after_confirm":
                for _ in range(3):  # until a set is confirmed (a first-time lift's target comes first)
                    name, action = pick(rng, {"prefilled", "weighted"})
                    figures.kinds[name] = figures.kinds.get(name, 0) + 1
                    if action(d, True) in ("set", "none"):
                        break
            elif moment == "mid_rest":
                for _ in range(6):
                    figures.kinds["weighted"] = figures.kinds.get("weighted", 0) + 1
                    outcome = act_weighted(d, True)
                    if os.environ.get("TORTURE_DEBUG"):
                        print("    rest:", outcome, repr(d.app.message()), [r for r in d.app.vt.display if "Log set" in r or "✓" in r or "⚠" in r], flush=True)
                    if outcome == "none" or outcome == "set" and d.last_was_working:
                        break
                time.sleep(rng.uniform(0.05, 1.0))
            else:
                if moment == "mid_correction" and d.correction is None:
                    figures.kinds["correction"] = figures.kinds.get("correction", 0) + 1
                    act_correction(d, False)
                    time.sleep(rng.uniform(0, 0.15))
                else:
                    key, _ = rng.choice(DIALOGS)
                    app.send(key, pause=0.05)
                    app.send(*rng.choice(["", "x", "12"]), pause=0.03)
                    time.sleep(rng.uniform(0.05, 0.4))
    finally:
        kill(app)
    lines, dup, rest, fragment, working = disk_lines(db)
    before = state["lines"]
    expected = before + d.confirmed
    figures.trials += 1
    figures.confirmed += len(d.confirmed)
    for rec in d.confirmed:
        figures.by_kind[kind_of(rec)] = figures.by_kind.get(kind_of(rec), 0) + 1
    if d.correction is not None:
        set_id = d.correction[0]
        row = past_rows(db, [set_id]).get(set_id)
        verdict = judge_correction(d.correction, row)
        if d.correction[3]:
            figures.corrections_confirmed += 1
        else:
            figures.corrections_unconfirmed += 1
        figures.corrections_wrong += verdict == "wrong"
        figures.corrections_applied += verdict == "applied"
        figures.corrections_half += verdict == "half"
        if d.typed_ahead:
            figures.corrections_typed_ahead += 1
            figures.problems.append(f"trial {figures.trials}: correction typed as {d.typed_ahead}, saved and shown as {d.correction[2]}")
        if verdict in ("wrong", "half"):
            figures.problems.append(f"trial {figures.trials}: correction {d.correction} is {verdict} on disk: {row}")
        if row is not None:
            name = next(n for n, v in state["past"].items() if v[0] == set_id)
            state["past"][name] = (set_id, *row)
    figures.duplicated += dup
    lost, doubled, saved_in_flight = compare(expected, lines, d.in_flight)
    if lost:
        figures.lost += lost
        figures.problems.append(f"trial {figures.trials}: expected {expected[-5:]}, disk {lines[-5:]}")
    if doubled:
        figures.duplicated += doubled
        figures.problems.append(f"trial {figures.trials}: {doubled} rows beyond the confirmed ones (in flight: {d.in_flight})")
    figures.in_flight_saved += saved_in_flight
    if dup:
        figures.problems.append(f"trial {figures.trials}: {dup} duplicate positions")
    state.update(lines=lines, rest=rest, fragment=fragment, working=working)


def run(trials: int, seed: int, folder: Path | None = None, quiet: bool = False, extra: int = 3) -> Figures:
    """`trials` kills; each trial does kinds of `MUST` first (see `trial`), then up to
    `extra` random actions, then waits for its kill moment."""
    rng = random.Random(seed)
    figures = Figures()
    with tempfile.TemporaryDirectory() as tmp:
        db = (folder or Path(tmp)) / "torture.db"
        state: dict = {"lines": [], "rest": None, "fragment": "", "working": 0, "past": prepare(db)}
        for i in range(trials):
            t0 = time.monotonic()
            trial(db, rng, figures, state, extra)
            if not quiet:
                print(f"trial {i + 1}: {len(state['lines'])} sets on disk ({time.monotonic() - t0:.1f} s)", flush=True)
        # the last kill's resume offer, checked too
        app = start(db, state["lines"], state["rest"], state["fragment"], state["working"], figures)
        kill(app)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", metavar="DIR", type=Path, help="keep the database in DIR (to look into after a failure)")
    args = parser.parse_args(argv)
    t0 = time.monotonic()
    figures = run(args.trials, args.seed, folder=args.keep)
    print(figures.line())
    print("kill moments:", figures.moments)
    print("actions:", figures.kinds)
    for p in figures.problems:
        print("PROBLEM", p)
    print(f"{time.monotonic() - t0:.0f} s")
    return 1 if figures.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
