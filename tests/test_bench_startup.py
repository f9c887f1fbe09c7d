"""The start-up benchmark still runs: one repetition on a tiny database (a few seconds)."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import pytest

from .patience import PATIENCE

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_startup.py"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pty and wait4 rusage: Linux")


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_startup", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def test_benchmark_runs_on_a_tiny_database(bench, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(bench, "BYTECODE", False)  # no untimed starts to fill a cache: quick
    db = bench.build_db(tmp_path / "tiny.db", weeks=2, sets_target=None)
    built = db.stat().st_mtime_ns
    assert bench.build_db(db, weeks=2, sets_target=None).stat().st_mtime_ns == built  # reused
    report = bench.run_benchmark(db, repeat=1, timeout=PATIENCE)
    assert report.db_sets > 20
    (minimal,), (backlegs,) = report.minimal, report.backlegs
    assert set(minimal.seconds) == {"first_frame"}
    assert set(backlegs.seconds) == {"first_frame", "plans_shown", "overview_shown", *(s[0] for s in bench.MODE_STEPS)}
    assert 0 < backlegs.seconds["first_frame"] <= backlegs.seconds["plans_shown"]
    assert minimal.peak_rss_mib > 10 and backlegs.peak_rss_mib > 10
    text = bench.format_report(report)
    assert "first frame" in text and "peak RSS" in text
    assert "paired runs" in text and "load average" in text
    assert "compiled from source" in text


def test_the_apps_run_as_installed_with_their_bytecode_cached(bench, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")  # as on a machine that says so
    monkeypatch.setattr(bench, "PYCACHE", tmp_path / "pycache")
    env = bench.child_env()
    assert "PYTHONDONTWRITEBYTECODE" not in env and env["PYTHONPYCACHEPREFIX"] == str(tmp_path / "pycache")
    monkeypatch.setattr(bench, "BYTECODE", False)
    assert bench.child_env()["PYTHONDONTWRITEBYTECODE"] == "1"


def test_first_frame_ends_an_app_at_its_first_frame(bench) -> None:
    """bench_instructions.py counts up to the first frame: the wrapper must end the app there
    (exit 0 at once), not leave it running to the timeout."""
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import bench_instructions
    finally:
        sys.path.remove(str(SCRIPT.parent))
    started = time.perf_counter()
    argv = [sys.executable, str(bench_instructions.FIRST_FRAME), "minimal-bench", str(SCRIPT.parent / "minimal_app.py")]
    assert bench_instructions.run_in_pty(argv, SCRIPT.parent, timeout=2 * PATIENCE) == 0
    assert time.perf_counter() - started < PATIENCE  # ended at its frame, not run to the timeout
