"""The integrity check at start off the first frame's path (issue 11): `backlegs` runs SQLite's
quick check in a thread while Textual is imported and the app built, and waits for it before
App.run, so a damaged file is still refused with one line and nothing painted."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from backlegs_tui.cli.entry import main
from backlegs_tui.store import schema
from backlegs_tui.store.backup import daily_backup
from backlegs_tui.store.schema import CorruptDatabase, QuickCheck, check_db

from .test_integrity import aged, filled_db, one_line, rootpage, smash


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    db = filled_db(tmp_path / "gym.db", workouts=20)
    assert daily_backup(db, today=date(2026, 11, 20)) is not None
    smash(db, rootpage(db, "set_entries"))
    return db


def test_the_quick_check_in_a_thread_refuses_a_damaged_file_when_waited_for(damaged: Path) -> None:
    # the cheap checks alone pass: the header and the schema are readable
    assert check_db(damaged, quick_check=False).exists
    check = QuickCheck(damaged)
    with pytest.raises(CorruptDatabase) as info:
        check.wait()
    assert "backlegs restore" in str(info.value) and "\n" not in str(info.value)


def test_a_file_that_passed_in_the_thread_is_not_checked_again_by_the_apps_open(tmp_path: Path, monkeypatch) -> None:
    db = aged(filled_db(tmp_path / "gym.db", workouts=3))
    threads: list[str] = []
    real = schema.integrity_problem
    monkeypatch.setattr(schema, "integrity_problem",
                        lambda con, full=False: threads.append(threading.current_thread().name) or real(con, full=full))
    QuickCheck(db).wait()
    check_db(db)  # what the app's open does
    assert threads == ["backlegs-quick-check"]


class Refused(Exception):
    pass


def _no_run(self, *args, **kwargs):  # App.run: the first paint
    raise Refused("App.run was called")


@pytest.mark.usefixtures("in_a_terminal")
def test_start_waits_for_the_check_before_the_first_paint_and_refuses_in_one_line(
    damaged: Path, monkeypatch, capsys
) -> None:
    from backlegs_tui.ui.app import BacklegsApp

    before = damaged.read_bytes()
    monkeypatch.setattr(BacklegsApp, "run", _no_run)
    assert main(["--db", str(damaged)]) == 2
    assert "backlegs restore" in one_line(capsys.readouterr().err)
    assert damaged.read_bytes() == before


@pytest.mark.usefixtures("in_a_terminal")
def test_start_checks_off_the_main_thread_and_runs_the_app_after_the_check(tmp_path: Path, monkeypatch) -> None:
    from backlegs_tui.ui.app import BacklegsApp

    db = filled_db(tmp_path / "gym.db", workouts=3)
    events: list[str] = []
    real = schema.integrity_problem

    def slow_check(con, full=False):
        events.append(f"check in {threading.current_thread().name}")
        threading.Event().wait(0.2)
        events.append("check done")
        return real(con, full=full)

    def run(self, *args, **kwargs):
        events.append("App.run")
        raise Refused

    monkeypatch.setattr(schema, "integrity_problem", slow_check)
    monkeypatch.setattr(BacklegsApp, "run", run)
    with pytest.raises(Refused):
        main(["--db", str(db)])
    assert events == ["check in backlegs-quick-check", "check done", "App.run"]


# what the first frame may import: the CLI's entry, the app and its splash screen. The rest
# (the model's dataclasses, the job runner, the keymap's TOML parser, the mode screens,
# SQLAlchemy, the charts' numpy) is imported after it, in the store's thread or on first use
LATER = (
    "backlegs_tui.domain.model", "backlegs_tui.ui.jobs", "backlegs_tui.ui.messages",
    "backlegs_tui.ui.widgets.fatigue_badge", "backlegs_tui.ui.screens", "backlegs_tui.services",
    "backlegs_tui.store.repository", "backlegs_tui.exchange", "sqlalchemy", "alembic", "tomllib",
    "numpy", "textual_plot",
)


def test_building_the_app_for_its_first_frame_imports_nothing_it_needs_later(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path\n"
        "from backlegs_tui.cli.entry import build_parser\n"
        "from backlegs_tui.ui.app import BacklegsApp, SplashScreen\n"
        f"app = BacklegsApp(db_path=Path({str(tmp_path / 'gym.db')!r}), keymap_file=Path({str(tmp_path / 'none.toml')!r}))\n"
        "list(SplashScreen().compose())\n"
        "build_parser([])\n"
        f"print(sorted(m for m in sys.modules if m.startswith({LATER!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
