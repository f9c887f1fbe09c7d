"""Two clients on one database: two app instances (or an app and another program) share one
SQLite file. Writes are never lost or doubled, a screen learns of the other's writes when it
is refreshed, and a database locked by the other gets one plain line with the entry kept."""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from backlegs_tui.domain.model import SetEntry, SetType, Unit
from backlegs_tui.store.backup import backup_to
from backlegs_tui.store.repository import Repository
from backlegs_tui.store.schema import StoreError
from backlegs_tui.ui.app import BacklegsApp

from .patience import PATIENCE
from .session_helpers import session_screen
from .ui_text import shows

# Two apps in one test: Textual's `workers.wait_for_complete` mixes up the two apps' workers,
# so these helpers wait on the app's own job queue and on the screen instead.


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.app.jobs.drain(PATIENCE)
        await pilot.pause()


async def wait_for(pilot, predicate, what: str, timeout: float = PATIENCE) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)
    await settle(pilot)


async def wait_ready(pilot) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: app.repo is not None and session_screen(app)._loaded_once, "the store")


async def start_sample_session(pilot):
    app = pilot.app
    await wait_ready(pilot)
    await wait_for(pilot, lambda: shows(app, "article sample"), "the start options")
    await pilot.press("enter")
    await wait_for(pilot, lambda: type(app.screen).__name__ == "FormDialog", "the readiness check-in")
    await pilot.press("escape")
    screen = session_screen(app)
    await wait_for(pilot, lambda: screen.live is not None, "the session to start")
    return screen


def positions(db: Path) -> list[tuple[int, int]]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT session_id, position FROM set_entries ORDER BY id").fetchall()
    finally:
        con.close()


async def log_prefilled(pilot, screen, n: int) -> None:
    """Enter n times on what the entry offers (a working set), each waited for until it is on
    disk (the other program's warm-ups show too: the app reads the session after each write)."""
    for _ in range(n):
        before = sum(1 for s in screen.live.state.sets if s.is_working)
        await pilot.press("enter")
        await wait_for(pilot, lambda n=before + 1: sum(1 for s in screen.live.state.sets if s.is_working) == n,
                       "the set to be saved")


async def first_working_sets(pilot, screen, n: int) -> None:
    """Warm-ups off, then n working sets at 100 kg x 5 (the first typed)."""
    await pilot.press("w")
    await settle(pilot)
    await pilot.press("1", "0", "0", "enter")
    await wait_for(pilot, lambda: len(screen.live.state.sets) == 1, "the first set")
    await log_prefilled(pilot, screen, n - 1)


async def test_session_and_history_show_the_other_apps_sets_after_ctrl_r_r_and_a_mode_switch(tmp_path: Path, clock) -> None:
    """The gym laptop and the phone both have the session open: each sees the other's sets
    once it refreshes (ctrl+r, or coming back to Session), with no set shown twice."""
    db = tmp_path / "two.db"
    one = BacklegsApp(db_path=db, clock=clock)
    two = BacklegsApp(db_path=db, clock=clock)
    async with one.run_test(size=(140, 40)) as p1, two.run_test(size=(140, 40)) as p2:
        s1 = await start_sample_session(p1)
        await first_working_sets(p1, s1, 2)
        await wait_ready(p2)
        s2 = session_screen(two)
        await p2.press("ctrl+r")  # its start panel was read before the session began
        await wait_for(p2, lambda: s2.live is not None and type(two.screen).__name__ == "PickerDialog", "the resume offer")
        await p2.press("enter")  # resume
        await settle(p2)
        assert len(s2.live.state.sets) == 2

        await log_prefilled(p1, s1, 1)  # the first app logs a third set
        await settle(p2)
        assert len(s2.live.state.sets) == 2  # nothing changes under the lifter's eyes
        await p2.press("ctrl+r")
        await wait_for(p2, lambda: len(s2.live.state.sets) == 3, "the other app's set after ctrl+r")
        assert shows(two, "3 working sets")

        await log_prefilled(p2, s2, 1)  # the second app logs the fourth
        await p1.press("f3")
        await wait_for(p1, lambda: shows(one, "Sessions (0)"), "History (finished sessions only)")
        await p1.press("f2")  # back to Session: it reads the disk again
        await wait_for(p1, lambda: len(s1.live.state.sets) == 4, "the other app's set after a mode switch")
        assert [s.position for s in s1.live.state.sets] == [0, 1, 2, 3]
        assert shows(one, "4 working sets")

        await p1.press("f3")  # the first app browses History while the second finishes
        await settle(p1)
        for key in ("f", "y", "enter", "enter"):  # finish anyway, the summary, no session RPE
            await p2.press(key)
            await settle(p2)
        await wait_for(p2, lambda: s2.live is None, "the second app's finish")
        assert shows(one, "Sessions (0)")  # nothing changes under the lifter's eyes
        await p1.press("r")
        await wait_for(p1, lambda: shows(one, "Sessions (1)"), "the finished session in History after r")
        assert one.screen.query_one("#session-list").get_row_at(0)[3] == "4"  # the Sets column
        await p1.press("f2")  # Session again: the session it showed was finished elsewhere
        await wait_for(p1, lambda: s1.live is None and s1.start_panel.display and not s1.panel.display, "the start panel")
    assert sorted(positions(db)) == sorted(set(positions(db)))
    assert len(positions(db)) == 4


async def test_logging_while_the_other_client_edits_a_plan_imports_corrects_and_backs_up_loses_nothing(tmp_path: Path, clock) -> None:
    """Between every set the app logs, another program on the same file renames a plan and
    moves a lift in it, imports a CSV, corrects the imported past session, backs the file up
    and logs a set of its own into the same session."""
    from backlegs_tui.exchange.importing import import_file

    db = tmp_path / "two.db"
    csv = tmp_path / "strong.csv"
    app = BacklegsApp(db_path=db, clock=clock)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await start_sample_session(pilot)
        await first_working_sets(pilot, screen, 1)
        other = Repository.open(db)
        try:
            sid = screen.live.id
            squat = screen.live.current_exercise()
            for k in range(3):  # the squat's four planned sets: the app logs the other three
                plan = other.plan(other.plans()[0].id)
                other.rename_plan(plan.id, f"Renamed {k}")
                other.move_plan_item(plan.items[-1].id, -1)
                day = clock() - timedelta(days=10 + k)
                csv.write_text(
                    "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
                    f"{day:%Y-%m-%d %H:%M:%S},Old {k},Squat (Barbell),1,90,5\n"
                )
                import_file(other, "strong", csv, Unit.KG)
                past = other.session_state(next(x.id for x in other.sessions() if x.name == f"Old {k}"))  # corrects it
                other.update_set(replace(past.sets[0], weight_kg=92.5, reps=4))
                backup_to(db, tmp_path / f"backup{k}.db")
                other.log_set(sid, SetEntry(squat.id, SetType.WARMUP, 40.0, 5, logged_at=clock()))
                await log_prefilled(pilot, screen, 1)
        finally:
            other.close()
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: len(screen.live.state.sets) == 7, "all seven sets")
    rows = positions(db)
    mine = [p for s, p in rows if s == sid]
    assert sorted(mine) == list(range(7))
    con = sqlite3.connect(db)
    try:  # every correction kept: the three imported sessions' sets read 92.5 kg x 4
        assert con.execute("SELECT COUNT(*) FROM set_entries WHERE weight_kg = 92.5 AND reps = 4").fetchone()[0] == 3
    finally:
        con.close()
    for k in range(3):
        assert (tmp_path / f"backup{k}.db").exists()


async def test_a_database_locked_by_another_program_gets_one_line_and_enter_saves_once_free(
    tmp_path: Path, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACKLEGS_BUSY_TIMEOUT_MS", "300")
    db = tmp_path / "two.db"
    app = BacklegsApp(db_path=db, clock=clock)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await start_sample_session(pilot)
        await first_working_sets(pilot, screen, 1)
        await pilot.press("1", "2", "0")  # a heavier second set, typed
        lock = sqlite3.connect(db, isolation_level=None, timeout=0)
        try:
            lock.execute("BEGIN EXCLUSIVE")
            await pilot.press("enter")
            line = lambda: str(screen.panel.query_one("#entry-msg").render())
            await wait_for(pilot, lambda: "Enter retries" in line(), "the busy line")
            msg = line()
            assert "Traceback" not in msg and "\n" not in msg.strip()
            assert "busy" in msg.lower() or "locked" in msg.lower()
            assert screen.entry.values().weight == "120"  # the entry is kept
            assert len(screen.live.state.sets) == 1
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        await pilot.press("enter")  # retry
        await wait_for(pilot, lambda: len(screen.live.state.sets) == 2, "the retried set")
        assert "Set 2 saved: 120 kg x 5" in str(screen.panel.query_one("#entry-msg").render())
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT weight_kg, reps FROM set_entries ORDER BY id").fetchall() == [(100.0, 5), (120.0, 5)]
    finally:
        con.close()


def test_two_apps_started_at_once_on_a_new_file_both_open_it(tmp_path: Path) -> None:
    """Both migrate and seed the same new file: one waits for the other's write lock, then
    finds the schema and the catalogue (it used to stop with 'table alembic_version already
    exists', or a UNIQUE error from the second catalogue)."""
    from .pty_app import run_backlegs

    db = tmp_path / "new.db"
    apps = [run_backlegs(db), run_backlegs(db)]
    try:
        for app in apps:
            app.wait_for("article sample")
    finally:
        for app in apps:
            if app.proc.poll() is None:
                app.kill9()
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT COUNT(*) FROM plans").fetchone()[0] == 1
        names = [r[0] for r in con.execute("SELECT name FROM exercises")]
        assert len(names) == len(set(names)) > 0
    finally:
        con.close()



def _hold_write_lock(db: Path) -> sqlite3.Connection:
    """Another program in the middle of its first write to a new file (a rollback journal,
    not yet WAL): it holds the write lock."""
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE scratch (x)")
    return other


def test_opening_a_new_file_another_program_is_writing_waits_for_it(tmp_path: Path) -> None:
    """SQLite answers "locked" at once, without its busy timeout, to a connection switching a
    file to WAL while another holds the write lock (two programs started on one new file):
    the open waits for the other, then finds the file as that program left it."""
    db = tmp_path / "new.db"
    db.touch()
    other = _hold_write_lock(db)
    threading.Timer(0.3, lambda: other.execute("ROLLBACK")).start()
    t0 = time.monotonic()
    repo = Repository.open(db)
    try:
        assert time.monotonic() - t0 >= 0.25  # it waited, and did not fail at once
        assert len(repo.exercises()) > 0 and len(repo.plans()) == 1
    finally:
        repo.close()
        other.close()


def test_an_open_that_gives_up_on_a_lock_leaves_the_other_programs_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """This open creates the new file, another program starts writing it at once, and this
    open gives up after the busy timeout: it removes nothing, neither the file it created nor
    the journal, for they are the other program's now (removing them gave "disk I/O error")."""
    import backlegs_tui.store.db as db_module

    monkeypatch.setenv("BACKLEGS_BUSY_TIMEOUT_MS", "200")
    db = tmp_path / "new.db"
    holder: list[sqlite3.Connection] = []
    real_create = db_module.create_private_file

    def create_then_another_program_writes(path: Path) -> bool:
        created = real_create(path)
        holder.append(_hold_write_lock(path))
        return created

    monkeypatch.setattr(db_module, "create_private_file", create_then_another_program_writes)
    with pytest.raises(StoreError, match="is locked by another program"):
        Repository.open(db)
    other = holder[0]
    try:
        assert db.exists() and db.with_name("new.db-journal").exists()
        other.execute("COMMIT")
        assert other.execute("SELECT name FROM sqlite_master").fetchall() == [("scratch",)]
    finally:
        other.close()
