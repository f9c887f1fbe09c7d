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


def load_torture():
    spec = importlib.util.spec_from_file_location("torture", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["torture"] = module
    spec.loader.exec_module(module)
    return module


def test_three_kills_lose_nothing_double_nothing_and_resume_right(tmp_path: Path) -> None:
    torture = load_torture()
    figures = torture.run(3, seed=5, folder=tmp_path, quiet=True)
    assert figures.trials == 3
    assert figures.lost == 0, figures.problems
    assert figures.duplicated == 0, figures.problems
    assert figures.resumes == figures.resumes_right == 3, figures.problems
    assert figures.confirmed > 0  # the run logged sets at all


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
