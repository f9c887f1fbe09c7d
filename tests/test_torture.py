"""Crash torture, short: the real app in a pty, kill -9 at seeded random moments; every
confirmed set on disk exactly as shown, nothing doubled, the resume offered right
(scripts/torture.py; the full run is `python scripts/torture.py --trials 50`)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyte")

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "torture.py"
SEED = 9  # chosen: its 3 trials cover every kind, a confirmed and a killed correction, in about 11 s


def load_torture():
    spec = importlib.util.spec_from_file_location("torture", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["torture"] = module
    spec.loader.exec_module(module)
    return module


def test_three_kills_lose_nothing_double_nothing_and_resume_right(tmp_path: Path) -> None:
    """Across the three trials: a squat set, a timed set, a bodyweight set with added load, a
    superset pair, a correction of yesterday's session in History confirmed and one killed
    before its answer, each checked on disk."""
    torture = load_torture()
    figures = torture.run(3, seed=SEED, folder=tmp_path, quiet=True, extra=0)
    assert figures.trials == 3
    assert figures.lost == 0, figures.problems
    assert figures.duplicated == 0, figures.problems
    assert figures.resumes == figures.resumes_right == 3, figures.problems
    assert figures.corrections_wrong == figures.corrections_half == figures.corrections_typed_ahead == 0, figures.problems
    kinds = figures.by_kind
    assert kinds.get("timed", 0) >= 1 and kinds.get("bodyweight", 0) >= 1, kinds
    assert kinds.get("superset", 0) >= 2, kinds  # A1 and A2
    assert kinds.get("weighted", 0) + kinds.get("warm-up", 0) >= 1, kinds
    assert figures.corrections_confirmed >= 1 and figures.corrections_unconfirmed >= 1, figures.line()


def test_the_comparison_counts_a_lost_set_a_doubled_one_and_the_one_in_flight() -> None:
    """The check itself can fail (headless, fast)."""
    compare = load_torture().compare
    shown = ["W 20 kg x 10", "100 kg x 5"]
    assert compare(shown, shown, False) == (0, 0, 0)
    assert compare(shown, shown + ["100 kg x 5"], True) == (0, 0, 1)  # Enter sent, killed before the answer
    assert compare(shown, shown + ["100 kg x 5"], False) == (0, 1, 0)  # a row no Enter explains: doubled
    assert compare(shown, shown + ["100 kg x 5"] * 2, True) == (0, 1, 0)
    assert compare(shown, shown[:1], False) == (1, 0, 0)  # a confirmed set missing
    assert compare(shown, ["W 20 kg x 10", "100 kg x 3"], False) == (1, 0, 0)  # not as confirmed


def test_a_set_is_compared_on_its_lift_with_its_superset_group_and_counted_by_kind() -> None:
    torture = load_torture()
    assert torture.record(4, "50 kg x 8", "A") == "4: 50 kg x 8 [A]"
    assert torture.record(3, "45 s with 10 kg", None) == "3: 45 s with 10 kg"
    assert torture.compare(["4: 50 kg x 8 [A]"], ["4: 50 kg x 8"], False) == (1, 0, 0)  # its group lost
    assert torture.compare(["4: 50 kg x 8 [A]"], ["5: 50 kg x 8 [A]"], False) == (1, 0, 0)  # on the other lift
    kinds = [torture.kind_of(torture.record(n, line, None)) for n, line in
             [(1, "W 20 kg x 10"), (1, "100 kg x 5"), (2, "BW + 10 kg x 8"), (3, "45 s"), (4, "50 kg x 8")]]
    assert kinds == ["warm-up", "weighted", "bodyweight", "timed", "superset"]


def test_a_correction_is_judged_whole_not_at_all_half_or_not_as_confirmed() -> None:
    judge = load_torture().judge_correction
    old, new = (50.0, 10), (55.0, 6)
    assert judge((1, old, new, True), new) == "right"
    assert judge((1, old, new, True), old) == "wrong"  # confirmed, not on disk
    assert judge((1, old, new, False), new) == "applied"
    assert judge((1, old, new, False), old) == "not"
    assert judge((1, old, new, False), (55.0, 10)) == "half"
    assert judge((1, old, new, False), (50.0, 6)) == "half"


# ---- found by the torture ------------------------------------------------------------------


async def test_keys_typed_ahead_of_enter_in_a_form_go_to_the_next_field() -> None:
    """A correction typed fast, `30 Enter 6`, saved 306 kg with the reps unchanged: the
    digits after Enter reached the weight field before the focus moved on (the torture's
    History correction on a loaded machine). The keys arrive as a terminal sends them: all
    queued before the app has handled the first."""
    from textual import events
    from textual.app import App

    from backlegs_tui.ui.dialogs import FieldSpec, FormDialog

    got: list[object] = []

    class Form(App):
        def on_mount(self) -> None:
            self.push_screen(FormDialog("Edit set", [FieldSpec("weight", "Weight", "50"), FieldSpec("reps", "Reps", "10")]),
                             got.append)

    app = Form()
    async with app.run_test() as pilot:
        await pilot.pause()
        for key, char in [("3", "3"), ("0", "0"), ("enter", "\r"), ("6", "6"), ("ctrl+s", None)]:
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)  # no wait between keys
        for _ in range(20):
            await pilot.pause()
            if got:
                break
    assert got == [{"weight": "30", "reps": "6"}]
