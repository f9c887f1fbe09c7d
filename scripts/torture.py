"""Crash torture: drive the real app in a pty, kill -9 it at random moments, check the disk.

    python scripts/torture.py --trials 50 --seed 1

One fresh database per run. Each trial starts `backlegs` in a pseudo-terminal (tests/pty_app.py),
resumes the session left open by the trial before (checking the offer first), does a few
random actions of the kinds in `ACTIONS` and then kill -9s the app at a moment chosen by the
seeded RNG (`MOMENTS`): right after Enter, right after the confirmation appears, mid-rest, or
with a dialog open. After each kill it checks the database:

- every set the screen confirmed ("✓ Set N saved: 100 kg x 5", "✓ Warm-up saved: W 20 kg x
  10", "✓ Set 1 saved: BW + 10 kg x 8") is on disk exactly as shown (the line is rebuilt from
  the row as the screen words it, so the weight, reps, type, effort and load kind all count),
  in order;
- nothing is duplicated: no two rows share a (session, position), and the only row beyond the
  confirmed ones is the one Enter sent just before the kill (saved, not yet shown);
- the next start offers to resume with the right count ("N sets logged"), the rest left when
  the timer still runs, and after resuming the working-set count and the next target the
  headless `LiveSession` computes from the disk alone.

New kinds of set (timed, bodyweight, supersets, corrections) are one entry each in `ACTIONS`:
a name, a weight for the RNG and a function that sends the keys and says whether it pressed
Enter on a set. Prints the figures and exits 1 if anything was lost, duplicated or offered
wrongly.
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
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from backlegs_tui.domain.units import plural
from backlegs_tui.services.live_session import LiveSession, load_open
from backlegs_tui.store.repository import Repository
from tests.pty_app import PtyApp

# what the entry's message line says after Enter (services/live_session.py: _logged, enter)
CONFIRMED = re.compile(r"✓ (Set \d+|Warm-up) saved: (.+?)\s*$")
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


@dataclass
class Figures:
    trials: int = 0
    confirmed: int = 0
    lost: int = 0
    duplicated: int = 0
    in_flight_saved: int = 0  # Enter sent, killed before the confirmation: on disk anyway
    resumes: int = 0
    resumes_right: int = 0
    moments: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"trials {self.trials}, sets confirmed {self.confirmed}, lost {self.lost}, duplicated {self.duplicated}, "
            f"saved in flight {self.in_flight_saved}, resumes offered correctly {self.resumes_right}/{self.resumes}"
        )


@dataclass
class Driver:
    """One app in a pty and what this trial saw it confirm."""

    app: VtApp
    rng: random.Random
    confirmed: list[str] = field(default_factory=list)  # set_line texts, in order
    in_flight: bool = False  # the last Enter on a set got no answer before the kill
    last_was_working: bool = False

    def enter(self, *, wait: bool = True) -> str:
        """Press Enter on the entry; with `wait`, read what the screen answered:
        'set' (confirmed), 'target', 'refused' or 'none' (no answer in time)."""
        self.app._read(0.05)
        before = self.app.message()
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
                self.confirmed.append(m.group(2).strip())
                self.last_was_working = m.group(1) != "Warm-up"
                return "set"
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
    ("next_lift", 2, act_next_lift),
    ("toggle_warmups", 1, act_toggle_warmups),
]
SET_ACTIONS = {"prefilled", "weighted", "drop", "failure"}

# dialogs to be killed in: (key, text that shows it is open)
DIALOGS = [("N", "Session note"), ("e", "Edit"), ("g", "Go to exercise"), ("f", "")]

MOMENTS = ["after_enter", "after_confirm", "mid_rest", "mid_dialog"]


def pick(rng: random.Random, names: set[str] | None = None) -> tuple[str, Action]:
    pool = [(n, w, a) for n, w, a in ACTIONS if names is None or n in names]
    name, _, action = rng.choices(pool, weights=[w for _, w, _ in pool])[0]
    return name, action


# ---- the checks ---------------------------------------------------------------------------


def disk_lines(db: Path) -> tuple[list[str], int, datetime | None, str, int]:
    """(set lines in order, duplicate positions, rest deadline, expected next fragment,
    working sets) of the open session, from the disk alone."""
    repo = Repository.open(db)
    try:
        data = load_open(repo)
        assert data is not None, "no open session on disk"
        settings = repo.settings()
        live = LiveSession(data, settings, datetime.now)
        lines = [live.line(s) for s in data.state.sets]  # as the screen words it (BW + 10 kg x 8, ...)
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
        app.wait_for("article sample")
        app.send("enter")
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


def trial(db: Path, rng: random.Random, figures: Figures, state: dict) -> None:
    app = start(db, state["lines"], state["rest"], state["fragment"], state["working"], figures)
    d = Driver(app, rng)
    moment = rng.choice(MOMENTS)
    figures.moments[moment] = figures.moments.get(moment, 0) + 1
    try:
        for _ in range(rng.randint(0, 4)):
            name, action = pick(rng)
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


def run(trials: int, seed: int, folder: Path | None = None, quiet: bool = False) -> Figures:
    rng = random.Random(seed)
    figures = Figures()
    with tempfile.TemporaryDirectory() as tmp:
        db = (folder or Path(tmp)) / "torture.db"
        state: dict = {"lines": [], "rest": None, "fragment": "", "working": 0}
        for i in range(trials):
            t0 = time.monotonic()
            trial(db, rng, figures, state)
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
    args = parser.parse_args(argv)
    t0 = time.monotonic()
    figures = run(args.trials, args.seed)
    print(figures.line())
    print("kill moments:", figures.moments)
    print("actions:", figures.kinds)
    for p in figures.problems:
        print("PROBLEM", p)
    print(f"{time.monotonic() - t0:.0f} s")
    return 1 if figures.lost or figures.duplicated or figures.resumes_right != figures.resumes else 0


if __name__ == "__main__":
    raise SystemExit(main())
