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

from .test_integrity import filled_db, one_line, rootpage, smash


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
    db = filled_db(tmp_path / "gym.db", workouts=3)
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


def test_start_waits_for_the_check_before_the_first_paint_and_refuses_in_one_line(
    damaged: Path, monkeypatch, capsys
) -> None:
    from backlegs_tui.ui.app import BacklegsApp

    before = damaged.read_bytes()
    monkeypatch.setattr(BacklegsApp, "run", _no_run)
    assert main(["--db", str(damaged)]) == 2
    assert "backlegs restore" in one_line(capsys.readouterr().err)
    assert damaged.read_bytes() == before


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
