"""backlegs on a PostgreSQL server: the URL, masked passwords, migrations under an advisory
lock, two clients on one database, a lost connection, the SQLite-only commands, and the same
CSV export through SQLite and through PostgreSQL. The server tests run on the throwaway
server of tests/pg.py and skip, saying why, where it cannot start."""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from backlegs_tui.domain.model import SetEntry, SetType
from backlegs_tui.domain.records import SetRecord, WorkoutRecord
from backlegs_tui.store import backup as backup_module
from backlegs_tui.store.bulk import insert_workouts
from backlegs_tui.store.errors import describe_error
from backlegs_tui.store.repository import Repository
from backlegs_tui.store.schema import HEAD, ServerUrl, StoreError, db_target, mask_url

from .at_once import at_once
from .exchange_helpers import DATA, run
from .pg import PgServer
from .ui_text import notes_of

SECRET = "s3cr3t-pw"

# ---- the URL (no server needed) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("postgresql+psycopg://me@db.example/lifts", "postgresql+psycopg://me@db.example/lifts"),
        ("postgresql://me@db.example:5433/lifts", "postgresql+psycopg://me@db.example:5433/lifts"),
        ("PostgreSQL://me@/lifts?host=/run/pg", "postgresql+psycopg://me@/lifts?host=/run/pg"),
    ],
)
def test_a_postgresql_url_is_a_server_database_with_psycopg(given: str, url: str) -> None:
    target = db_target(given)
    assert isinstance(target, ServerUrl) and target.url == url


@pytest.mark.parametrize("name", ["x%41.db", "postgresql.db", "data/postgresql:/x.db", "~/postgresql.db", "q?x#y.db"])
def test_a_path_stays_a_path(name: str) -> None:
    target = db_target(name)
    assert isinstance(target, Path) and target == Path(name).expanduser()


def test_another_driver_is_one_line_without_the_password() -> None:
    with pytest.raises(StoreError) as err:
        db_target(f"postgresql+asyncpg://me:{SECRET}@host/db")
    assert "postgresql+psycopg://" in str(err.value) and SECRET not in str(err.value)


@pytest.mark.parametrize(
    "raw",
    [
        f"postgresql+psycopg://me:{SECRET}@host/db",
        f"postgresql://me:{SECRET}@host:5432/db?sslmode=require",
        f"postgresql://me:p@ss:{SECRET}@host/db",
        f"postgresql://me@host/db?password={SECRET}&sslmode=require",
        f"connection to server failed: host=x user=me password={SECRET} dbname=y",
    ],
)
def test_passwords_are_masked(raw: str) -> None:
    masked = mask_url(raw)
    assert SECRET not in masked and "***" in masked
    assert SECRET not in str(ServerUrl(raw)) and SECRET not in repr(ServerUrl(raw))


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally",
         "lost the connection to the database server"),
        ("terminating connection due to administrator command", "lost the connection to the database server"),
        ("the connection is closed", "lost the connection to the database server"),
        ((f'connection failed: connection to server at "10.0.0.9", port 5432 failed: Connection refused '
          f"(postgresql://me:{SECRET}@10.0.0.9/db)"), "cannot connect to the database server"),
        ('connection to server at "h" failed: FATAL:  password authentication failed for user "me"',
         "refused the user name or password"),
        ('FATAL:  database "lifts" does not exist', "no such database"),
    ],
)
def test_server_errors_are_one_plain_line(message: str, words: str) -> None:
    line = describe_error(RuntimeError(message))
    assert words in line and "\n" not in line and SECRET not in line


def test_other_errors_keep_their_text_with_the_password_masked() -> None:
    line = describe_error(RuntimeError(f"odd failure at postgresql://me:{SECRET}@h/db"))
    assert SECRET not in line and "odd failure" in line


def test_backup_on_a_server_says_export_or_pg_dump(capsys) -> None:
    pytest.importorskip("psycopg")
    code, out, err = run(capsys, "backup", "--db", f"postgresql://me:{SECRET}@127.0.0.1:1/db")
    assert code == 2 and out == ""
    assert "export --format json" in err and "pg_dump" in err and SECRET not in err
    assert len(err.strip().splitlines()) == 1


def test_an_unreachable_server_is_one_line_with_no_password(capsys, tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    code, out, err = run(capsys, "export", "--db", f"postgresql://me:{SECRET}@/db?host={tmp_path}&port=1")
    assert code == 2 and out == ""
    assert "cannot connect to the database server" in err and SECRET not in err
    assert len(err.strip().splitlines()) == 1


def test_restore_command_on_a_server_is_one_line(capsys, tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    code, _, err = run(capsys, "restore", str(tmp_path / "b.db"), "--yes", "--db", f"postgresql://me:{SECRET}@h/db")
    assert code == 2 and len(err.strip().splitlines()) == 1 and SECRET not in err


def test_serve_hands_a_server_url_to_the_tabs_without_the_command_line() -> None:
    pytest.importorskip("textual_serve")
    from backlegs_tui.web.server import app_command

    command = app_command(ServerUrl(f"postgresql+psycopg://me:{SECRET}@h/db"))
    assert SECRET not in command and "--db" not in command
    assert "--db" in app_command(Path("/tmp/x.db"))


def test_restore_onto_a_server_is_refused_in_one_line(tmp_path: Path) -> None:
    restore_from = getattr(backup_module, "restore_from", None)
    if restore_from is None:
        pytest.skip("no restore in this tree")
    with pytest.raises(StoreError) as err:
        restore_from(tmp_path / "b.db", ServerUrl(f"postgresql+psycopg://me:{SECRET}@h/db"))
    assert "PostgreSQL" in str(err.value) and SECRET not in str(err.value)


# ---- on a server ---------------------------------------------------------------------------


@pytest.fixture
def empty_url(pg_server: PgServer) -> ServerUrl:
    """A database with nothing in it (not even the migrations)."""
    return ServerUrl(pg_server.url(pg_server.create_database()))


def test_two_clients_starting_at_once_migrate_once(empty_url: ServerUrl, pg_server: PgServer) -> None:
    repos = at_once(*[lambda: Repository.open(empty_url)] * 3)
    with repos[0].engine.connect() as con:
        assert con.scalar(text("SELECT count(*) FROM alembic_version")) == 1
        assert con.scalar(text("SELECT version_num FROM alembic_version")) == HEAD
        # seeded once: every catalogue name once
        assert con.scalar(text("SELECT count(*) - count(DISTINCT name) FROM exercises")) == 0
    for r in repos:
        r.close()


def test_a_database_of_the_first_schema_is_upgraded_with_its_rows(empty_url: ServerUrl) -> None:
    """Every migration after the first runs on PostgreSQL over real rows (not only on an
    empty database), in one transaction."""
    from alembic import command
    from alembic.config import Config

    from backlegs_tui.store.db import MIGRATIONS_DIR, make_server_engine

    engine = make_server_engine(empty_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as con:
        cfg.attributes["connection"] = con
        command.upgrade(cfg, "0001_initial")
        con.execute(text(
            "INSERT INTO exercises (name, primary_muscles, secondary_muscles, spinal_load, kind, equipment,"
            " default_rest_s, load_increment_kg, bodyweight) VALUES ('Barbell back squat', '[]', '[]', 'high',"
            " 'compound', 'barbell', 180, 2.5, false), ('Pull-up', '[]', '[]', 'low', 'compound', 'bodyweight',"
            " 120, 2.5, true)"
        ))
        con.execute(text(
            "INSERT INTO sessions (name, started_at, ended_at, notes, source) VALUES ('old', :t, :t, '', 'app')"
        ), {"t": datetime(2025, 1, 6, 18)})
        con.execute(text(
            "INSERT INTO set_entries (session_id, exercise_id, position, set_type, weight_kg, reps, logged_at, notes)"
            " VALUES ((SELECT id FROM sessions), (SELECT id FROM exercises WHERE name = 'Barbell back squat'),"
            " 0, 'working', 100, 5, :t, '')"
        ), {"t": datetime(2025, 1, 6, 18, 5)})
    engine.dispose()
    repo = Repository.open(empty_url)
    try:
        with repo.engine.connect() as con:
            assert con.scalar(text("SELECT version_num FROM alembic_version")) == HEAD
            assert con.execute(text("SELECT name, deload FROM sessions")).all() == [("old", False)]
            assert con.scalar(text("SELECT count(*) FROM set_entries")) == 1
        assert {e.name for e in repo.exercises()} >= {"Barbell back squat", "Pull-up"}
    finally:
        repo.close()


def test_the_file_backup_is_skipped_and_said_once(pg_url: ServerUrl, monkeypatch, caplog) -> None:
    monkeypatch.setattr(backup_module, "_said_server_backup", False)
    caplog.set_level(logging.INFO, logger="backlegs")
    for _ in range(2):
        Repository.open(pg_url).close()
    said = [r.getMessage() for r in caplog.records if "no automatic file backups" in r.getMessage()]
    assert len(said) == 1 and "pg_dump" in said[0]


def _two(url: ServerUrl) -> tuple[Repository, Repository]:
    return Repository.open(url), Repository.open(url)


def test_two_clients_logging_into_one_session_never_share_a_position(pg_url: ServerUrl) -> None:
    a, b = _two(pg_url)
    try:
        state = a.start_session(a.plans()[0].id, datetime(2026, 11, 24, 18, 0))
        item = state.items[0]

        def log(repo: Repository, weight: float) -> None:
            for k in range(15):
                repo.log_set(state.id, SetEntry(item.exercise_id, SetType.WORKING, weight, 5, item_id=item.id,
                                                logged_at=datetime(2026, 11, 24, 18, 1) + timedelta(seconds=k)))

        at_once(lambda: log(a, 100.0), lambda: log(b, 60.0))
        with a.engine.connect() as con:
            positions = [p for (p,) in con.execute(
                text("SELECT position FROM set_entries WHERE session_id = :s ORDER BY position"), {"s": state.id}
            )]
        assert positions == list(range(30))
    finally:
        a.close()
        b.close()


def test_two_clients_editing_one_plan_never_share_an_item_position(pg_url: ServerUrl) -> None:
    """Three clients adding to one plan at once: the positions stay 0..n-1, each once (the
    plan's row is locked, as the session's is for sets; without it about half collided)."""
    clients = [Repository.open(pg_url) for _ in range(3)]
    try:
        plan = clients[0].new_plan("Shared")
        names = {e.name: e.id for e in clients[0].exercises()}
        lifts = [names["Leg press"], names["Face pull"], names["Barbell row"]]

        def edit(repo: Repository, k0: int) -> None:
            for k in range(10):
                repo.add_plan_item(plan.id, lifts[(k0 + k) % 3], (3, 3), (8, 12))

        at_once(*[lambda r=r, k=k: edit(r, k) for k, r in enumerate(clients)])

        def positions() -> list[int]:
            with clients[0].engine.connect() as con:
                return [p for (p,) in con.execute(
                    text("SELECT position FROM plan_items WHERE plan_id = :p ORDER BY position"), {"p": plan.id}
                )]

        assert positions() == list(range(30))
        last = clients[1].plan(plan.id).items[-1].id
        clients[1].move_plan_item(last, -29)  # and a move keeps them so
        assert positions() == list(range(30)) and clients[0].plan(plan.id).items[0].id == last
    finally:
        for r in clients:
            r.close()


def test_two_devices_starting_a_session_at_once_get_the_same_one(pg_url: ServerUrl) -> None:
    clients = [Repository.open(pg_url) for _ in range(3)]
    try:
        ids = at_once(*[lambda r=r: r.start_session(r.plans()[0].id, datetime(2026, 11, 24, 18, 0)).id
                        for r in clients])
        assert len(set(ids)) == 1
        with clients[0].engine.connect() as con:
            assert con.scalar(text("SELECT count(*) FROM sessions WHERE ended_at IS NULL")) == 1
    finally:
        for r in clients:
            r.close()


def _workouts(n: int, per: int, names: list[str], key: str) -> list[WorkoutRecord]:
    start = datetime(2020, 1, 6, 18, 0)
    out = []
    for d in range(n):
        when = start + timedelta(days=2 * d)
        out.append(WorkoutRecord(
            started_at=when, ended_at=when + timedelta(hours=1), name=f"W{d % 3}", source="strong",
            import_key=f"{key}:{d}",
            sets=[SetRecord(exercise=names[i % len(names)], set_type=SetType.WORKING, weight_kg=60 + i,
                            reps=5, logged_at=when + timedelta(minutes=i)) for i in range(per)],
        ))
    return out


def test_an_import_on_one_client_while_the_other_logs_loses_nothing(pg_url: ServerUrl) -> None:
    a, b = _two(pg_url)
    try:
        state = b.start_session(b.plans()[0].id, datetime(2026, 11, 24, 18, 0))
        item = state.items[0]
        workouts = _workouts(900, 25, ["Barbell back squat", "Lat pulldown", "A brand new lift"], "imp")
        done = threading.Event()
        result = {}

        def importer() -> None:
            result["r"] = insert_workouts(a, workouts)
            done.set()

        t = threading.Thread(target=importer)
        t.start()
        logged = 0
        while not done.is_set() or logged < 5:
            b.log_set(state.id, SetEntry(item.exercise_id, SetType.WORKING, 80, 5, item_id=item.id,
                                         logged_at=datetime(2026, 11, 24, 18, 5)))
            logged += 1
        t.join(60)
        assert result["r"].sets == 22_500 and result["r"].workouts == 900
        # the other client's new exercise and plan get free ids after the import's explicit ones
        b.add_item(state.id, next(e.id for e in b.exercises() if e.name == "A brand new lift"))
        with a.engine.connect() as con:
            assert con.scalar(text("SELECT count(*) FROM set_entries")) == 22_500 + logged
            positions = [p for (p,) in con.execute(
                text("SELECT position FROM set_entries WHERE session_id = :s ORDER BY position"), {"s": state.id}
            )]
            assert positions == list(range(logged))
            # the foreign keys set aside for the COPY are back
            fks = con.scalar(text(
                "SELECT count(*) FROM pg_constraint WHERE conrelid = 'set_entries'::regclass AND contype = 'f'"
            ))
            assert fks == 3
    finally:
        a.close()
        b.close()


def test_a_session_started_on_one_client_is_resumed_on_the_other(pg_url: ServerUrl, clock) -> None:
    from backlegs_tui.services.live_session import (
        EntryInput,
        LiveSession,
        load_open,
        start_session,
    )

    laptop, desktop = _two(pg_url)
    try:
        live = LiveSession(start_session(laptop, laptop.plans()[0].id, clock()), laptop.settings(), clock)
        live.commit(laptop, live.enter(EntryInput("100", "5", "", False, SetType.WORKING)))  # the target
        data = load_open(desktop)
        assert data is not None and data.state.id == live.id
        there = LiveSession(data, desktop.settings(), clock)
        assert there.targets == live.targets
        weight, reps, set_type, _, _ = there.entry_fields()
        there.commit(desktop, there.enter(EntryInput(weight, reps, "", False, set_type)))
        back = LiveSession(load_open(laptop), laptop.settings(), clock)
        assert [s.weight_kg for s in back.state.sets] == [s.weight_kg for s in there.state.sets]
        assert len(back.state.sets) == 1
    finally:
        laptop.close()
        desktop.close()


def test_a_dropped_connection_is_noticed_and_the_next_call_works(pg_url: ServerUrl, pg_server: PgServer) -> None:
    repo = Repository.open(pg_url)
    try:
        state = repo.start_session(repo.plans()[0].id, datetime(2026, 11, 24, 18, 0))
        item = state.items[0]
        name = pg_url.url.split("@/")[1].split("?")[0]
        with pg_server.connect() as admin:  # the server restarts, the network drops: every connection goes
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
        logged = repo.log_set(state.id, SetEntry(item.exercise_id, SetType.WORKING, 100, 5, item_id=item.id))
        assert logged.id is not None and logged.position == 0
    finally:
        repo.close()


def test_a_connection_lost_mid_call_is_one_line(pg_url: ServerUrl, pg_server: PgServer) -> None:
    import psycopg

    name = pg_url.url.split("@/")[1].split("?")[0]
    con = pg_server.connect(name)
    pid = con.execute("SELECT pg_backend_pid()").fetchone()[0]
    with pg_server.connect() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with pytest.raises(psycopg.OperationalError) as err:
        con.execute("SELECT 1")
    con.close()
    assert describe_error(err.value) == "lost the connection to the database server"


# ---- the same exports through SQLite and PostgreSQL --------------------------------------------

FILES = [
    ("strong", "strong_2024.csv", "kg"), ("strong", "strong_2017.csv", "kg"), ("strong", "strong_bad_rows.csv", "kg"),
    ("hevy", "hevy_kg.csv", None), ("fitnotes", "fitnotes_kgs.csv", None),
]


def _import_and_export(capsys, target: str, fmt: str, path: Path, unit: str | None) -> str:
    args = ["import", fmt, str(path), "--db", target] + (["--unit", unit] if unit else [])
    code, _, err = run(capsys, *args)
    assert code == 0, err
    code, out, err = run(capsys, "export", "--db", target)
    assert code == 0, err
    return out


def test_real_exports_give_identical_csv_through_sqlite_and_postgresql(capsys, tmp_path: Path, pg_server) -> None:
    for fmt, name, unit in FILES:
        lite = str(tmp_path / f"{name}.db")
        server = pg_server.url(pg_server.create_database(template="backlegs_template"))
        through_sqlite = _import_and_export(capsys, lite, fmt, DATA / name, unit)
        assert through_sqlite.count("\n") >= 3, name  # a header and sets
        assert _import_and_export(capsys, server, fmt, DATA / name, unit) == through_sqlite, name


def test_backlegs_db_names_the_server_for_every_command(capsys, monkeypatch, pg_url: ServerUrl) -> None:
    monkeypatch.setenv("BACKLEGS_DB", pg_url.url.replace("postgresql+psycopg://", "postgresql://"))
    code, _, err = run(capsys, "import", "strong", str(DATA / "strong_2024.csv"), "--unit", "kg")
    assert code == 0, err
    code, out, _ = run(capsys, "export")
    assert code == 0 and out.count("\n") > 3
    repo = Repository.open(pg_url)
    try:
        with repo.engine.connect() as con:
            assert con.scalar(text("SELECT count(*) FROM set_entries")) == out.count("\n") - 1
    finally:
        repo.close()


def test_moving_a_history_to_the_server_and_back_keeps_every_set(capsys, tmp_path: Path, pg_server, pg_template) -> None:
    lite = str(tmp_path / "laptop.db")
    csv_before = _import_and_export(capsys, lite, "strong", DATA / "strong_2024.csv", "kg")
    everything = tmp_path / "all.json"
    assert run(capsys, "export", "--db", lite, "--format", "json", "-o", str(everything))[0] == 0
    server = pg_server.url(pg_server.create_database())  # a new, empty database on the server
    assert run(capsys, "--db", server, "import", "json", str(everything))[0] == 0
    code, csv_server, _ = run(capsys, "export", "--db", server)
    assert code == 0 and csv_server == csv_before
    repo = Repository.open(db_target(server))  # the ids the import wrote are behind the sequences
    try:
        state = repo.start_session(repo.plans()[0].id, datetime(2026, 11, 24, 18, 0))
        repo.log_set(state.id, SetEntry(state.items[0].exercise_id, SetType.WORKING, 100, 5, item_id=state.items[0].id))
        repo.discard_session(state.id)  # the CSV back home stays the one from the file
    finally:
        repo.close()
    back = tmp_path / "back.json"
    assert run(capsys, "--db", server, "export", "--format", "json", "-o", str(back))[0] == 0
    home = str(tmp_path / "home.db")
    assert run(capsys, "--db", home, "import", "json", str(back))[0] == 0
    assert run(capsys, "export", "--db", home)[1] == csv_before


# ---- the app on a server ---------------------------------------------------------------------


def _drop_connections(pg_server: PgServer, url: ServerUrl) -> None:
    """Every connection to the database ends, as when the server restarts or the network drops."""
    name = url.url.split("@/")[1].split("?")[0]
    with pg_server.connect() as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))


async def test_the_app_on_a_server_keeps_the_set_when_the_connection_drops(
    pg_url: ServerUrl, pg_server: PgServer, clock, monkeypatch
) -> None:
    import psycopg
    from sqlalchemy.exc import OperationalError

    from backlegs_tui.ui.app import BacklegsApp

    from .session_helpers import press_each, settle, start_working

    app = BacklegsApp(db_path=pg_url, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await start_working(pilot)
        await press_each(pilot, "enter")
        await settle(pilot)
        _drop_connections(pg_server, pg_url)  # noticed before the next use, and replaced
        await press_each(pilot, "enter")
        await settle(pilot)
        assert not str(screen.query_one("#entry-msg").render()).startswith("✗")  # saved, no error
        real = app.repo.log_set
        failed: list[bool] = []

        def drops_once(*args, **kwargs):
            if not failed:
                failed.append(True)
                raise OperationalError("INSERT", {}, psycopg.OperationalError("server closed the connection unexpectedly"))
            return real(*args, **kwargs)

        monkeypatch.setattr(app.repo, "log_set", drops_once)
        notes = notes_of(app)
        await press_each(pilot, "enter")
        await settle(pilot)
        said = str(screen.query_one("#entry-msg").render())
        assert said.startswith("✗") and "Enter retries" in said, said  # the line that fits its row
        assert any(n.startswith("Could not save the set: lost the connection to the database server")
                   for n in notes)  # and the whole line
        assert screen.entry.values().weight == "100"  # the set is still on the screen
        await press_each(pilot, "enter")
        await settle(pilot)
    other = Repository.open(pg_url)  # another client sees the three sets
    try:
        with other.engine.connect() as con:
            rows = con.execute(text("SELECT position, weight_kg FROM set_entries ORDER BY position")).all()
        assert [tuple(r) for r in rows] == [(0, 100.0), (1, 100.0), (2, 100.0)]
    finally:
        other.close()


async def test_history_on_one_client_shows_the_other_clients_session_after_r(pg_url: ServerUrl, clock) -> None:
    """The desktop browses History while the laptop at the gym logs a session: 'r' shows it."""
    from backlegs_tui.ui.app import BacklegsApp

    from .session_helpers import settle, wait_for
    from .ui_text import shows

    app = BacklegsApp(db_path=pg_url, clock=clock, start_mode="history")
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for(pilot, lambda: app.repo is not None and shows(app, "Sessions (0)"), "the empty history")
        laptop = Repository.open(pg_url)
        try:
            state = laptop.start_session(laptop.plans()[0].id, clock() - timedelta(hours=2))
            for k in range(3):
                item = state.items[k % len(state.items)]
                laptop.log_set(state.id, SetEntry(item.exercise_id, SetType.WORKING, 100, 5, item_id=item.id,
                                                  logged_at=clock() - timedelta(hours=2) + timedelta(minutes=k)))
            laptop.finish_session(state.id, clock() - timedelta(hours=1), 8)
        finally:
            laptop.close()
        await settle(pilot)
        assert shows(app, "Sessions (0)")  # nothing changes under the lifter's eyes
        await pilot.press("r")
        await wait_for(pilot, lambda: shows(app, "Sessions (1)"), "the laptop's session")
