"""A throwaway PostgreSQL server for the tests (and for trying backlegs on a server by hand).

`PgServer.start()` runs `initdb` and `pg_ctl` from the machine's PostgreSQL binaries
(BACKLEGS_PG_BIN, else the newest /usr/lib/postgresql/*/bin) into a temporary folder, listening
on a unix socket in that folder only (no TCP port, so runs never collide), with fsync off.
`initdb` refuses to run as root: as root, the server runs as the `postgres` user (runuser).
`unavailable()` says in one line why a server cannot be started here (the tests skip with it).

By hand:  python -m tests.pg     (prints a URL, keeps the server until Enter)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest

_names = count(1)


def pg_bin() -> Path | None:
    env = os.environ.get("BACKLEGS_PG_BIN")
    if env:
        return Path(env)
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parent.parent.name)
    return found[-1].parent if found else None


def _run_as() -> list[str]:
    """The prefix that runs a server binary as an unprivileged user ([] when not root)."""
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", "postgres", "--"]


def unavailable() -> str | None:
    """None when a throwaway server can be started here; else why not, in one line."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install '.[postgres]')"
    binaries = pg_bin()
    if binaries is None or not (binaries / "initdb").exists() or not (binaries / "pg_ctl").exists():
        return "no PostgreSQL server binaries (set BACKLEGS_PG_BIN or install postgresql)"
    if os.geteuid() == 0:
        import pwd

        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run initdb as"
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing"
    return None


class PgServer:
    """One server in a temporary folder; `url(name)` for a database on it."""

    def __init__(self, *, fast: bool = True) -> None:
        self.fast = fast  # fsync off: a test server; False for honest benchmark figures
        self.bin = pg_bin()
        self.root = Path(tempfile.mkdtemp(prefix="backlegs-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.port = 5432
        self.user = "postgres" if os.geteuid() == 0 else os.environ.get("USER") or "postgres"
        self.started = False

    def _server(self, *args: str) -> None:
        assert self.bin is not None
        subprocess.run(
            [*_run_as(), str(self.bin / args[0]), *args[1:]],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=self.root,
        )

    def start(self) -> PgServer:
        if os.geteuid() == 0:
            import pwd

            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        os.chmod(self.root, 0o700 if os.geteuid() != 0 else 0o711)
        self._server("initdb", "-D", str(self.data), "-U", self.user, "--auth=trust", "-E", "UTF8",
                     "--locale=C", "--no-sync")
        options = (
            f"-c listen_addresses='' -c unix_socket_directories={self.socket_dir} -p {self.port} "
            "-c max_connections=300 -c shared_buffers=32MB"
        )
        if self.fast:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._server("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "-s", "start")
        self.started = True
        self._watch()
        return self

    def _watch(self) -> None:
        """A watchdog that stops the server and removes its folder if this process dies
        without `stop()` (pytest killed by a timeout): no server is left behind."""
        import shlex

        assert self.bin is not None
        stop = " ".join(shlex.quote(p) for p in [*_run_as(), str(self.bin / "pg_ctl"), "-D", str(self.data),
                                                 "-m", "immediate", "-W", "-s", "stop"])
        script = (
            f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; "
            f"[ -d {shlex.quote(str(self.data))} ] && {stop} >/dev/null 2>&1; sleep 1; rm -rf {shlex.quote(str(self.root))}"
        )
        subprocess.Popen(["sh", "-c", script], start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@/{dbname}?host={self.socket_dir}&port={self.port}"

    def connect(self, dbname: str = "postgres"):
        import psycopg

        return psycopg.connect(
            host=str(self.socket_dir), port=self.port, user=self.user, dbname=dbname, autocommit=True
        )

    def create_database(self, template: str | None = None, name: str | None = None) -> str:
        """A new database (a copy of `template` when given); its name."""
        name = name or f"t{os.getpid()}_{next(_names)}"
        with self.connect() as con:
            tpl = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
            con.execute(f"CREATE DATABASE {name}{tpl}")
        return name

    def drop_database(self, name: str) -> None:
        with self.connect() as con:
            con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        """Stop the server at once; its folder goes with the watchdog when this process ends
        (removing a few hundred MB here would hold up the end of the test run)."""
        if self.started:
            try:
                self._server("pg_ctl", "-D", str(self.data), "-m", "immediate", "-W", "-s", "stop")
            except subprocess.CalledProcessError:
                pass
            self.started = False


# ---- pytest fixtures (imported by conftest) ------------------------------------------------

BACKENDS = ("sqlite", "postgresql")
TEMPLATE = "backlegs_template"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One throwaway server per test run; the PostgreSQL tests skip, saying why, where it
    cannot run (no server binaries, no psycopg)."""
    reason = unavailable()
    if reason is not None:
        if os.environ.get("BACKLEGS_REQUIRE_PG"):  # CI with the server binaries: never skip quietly
            pytest.fail(f"BACKLEGS_REQUIRE_PG is set but {reason}")
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    server = PgServer()
    try:
        server.start()
    except subprocess.CalledProcessError as exc:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)
        pytest.fail(f"the throwaway PostgreSQL server did not start: {exc.stderr.decode(errors='replace')[-500:]}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    """A database migrated and seeded once per run; each test's database is a copy of it."""
    from backlegs_tui.store.repository import Repository
    from backlegs_tui.store.schema import ServerUrl

    pg_server.create_database(name=TEMPLATE)
    Repository.open(ServerUrl(pg_server.url(TEMPLATE))).close()
    return TEMPLATE


class Scratch:
    """One database copied from the template once, then put back to the template's rows
    before each test: other connections ended, every table emptied, the template's rows
    copied back, the id sequences set as they were. About 20 ms, against 0.1-0.6 s for a
    CREATE DATABASE ... TEMPLATE (a copy of some 8 MB of catalogue files and a checkpoint)."""

    def __init__(self, server: PgServer, template: str) -> None:
        self.server = server
        self.name = server.create_database(template=template, name="backlegs_scratch")
        with server.connect(template) as con:
            self.tables = [r[0] for r in con.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'alembic_version' ORDER BY 1"
            )]
            self.rows: dict[str, bytes] = {}
            for table in self.tables:
                with con.cursor().copy(f"COPY {table} TO STDOUT") as copy:
                    self.rows[table] = b"".join(bytes(chunk) for chunk in copy)
            self.sequences = con.execute(
                "SELECT pg_get_serial_sequence(c.relname, 'id'), c.relname FROM pg_class c "
                "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'id' "
                "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'"
            ).fetchall()
            self.values = {seq: con.execute(f"SELECT last_value, is_called FROM {seq}").fetchone()
                           for seq, _ in self.sequences if seq}

    def reset(self) -> None:
        with self.server.connect(self.name) as con:
            con.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            with con.transaction():
                con.execute(f"TRUNCATE {', '.join(self.tables)} RESTART IDENTITY CASCADE")
                con.execute("SET LOCAL session_replication_role = replica")  # the template's rows fit: no FK checks
                for table in self.tables:
                    if self.rows[table]:
                        with con.cursor().copy(f"COPY {table} FROM STDIN") as copy:
                            copy.write(self.rows[table])
                for seq, (value, called) in self.values.items():
                    con.execute("SELECT setval(%s, %s, %s)", (seq, value, called))


@pytest.fixture(scope="session")
def pg_scratch(pg_server: PgServer, pg_template: str) -> Scratch:
    return Scratch(pg_server, pg_template)


@pytest.fixture
def pg_url(pg_scratch: Scratch):
    """A fresh, migrated and seeded PostgreSQL database for the test (a ServerUrl): the one
    scratch database, put back to the template's rows first."""
    from backlegs_tui.store.schema import ServerUrl

    pg_scratch.reset()
    return ServerUrl(pg_scratch.server.url(pg_scratch.name))


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """'sqlite', or 'postgresql' for tests marked both_backends (run once on each)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db_target(migrated_db):
    """A fresh, migrated and seeded database on the test's backend: a file path or a URL."""
    return migrated_db


def parametrize_backends(metafunc: pytest.Metafunc) -> None:
    """conftest's pytest_generate_tests: a test marked both_backends that uses `backend`
    (directly or through `repo`/`db_target`) runs on SQLite and on PostgreSQL."""
    definition = metafunc.definition
    if definition.get_closest_marker("sqlite_only"):  # reads the file itself, say
        return
    if "backend" in metafunc.fixturenames and definition.get_closest_marker("both_backends"):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


def main() -> None:  # pragma: no cover - for trying things by hand
    reason = unavailable()
    if reason:
        raise SystemExit(reason)
    server = PgServer().start()
    try:
        name = server.create_database(name="backlegs")
        print(server.url(name), flush=True)
        print("Enter stops the server", flush=True)
        try:
            input()
        except EOFError:
            time.sleep(10**6)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
