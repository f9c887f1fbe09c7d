"""`backlegs serve` refuses what it must and serves what it should.

A GuardedServer runs in a thread on a free loopback port with a tiny fake app (it speaks
textual-serve's packet protocol, so no Textual start per websocket); one test runs the real
`backlegs serve` command with the real app. Every server is stopped, whatever happens.
"""

from __future__ import annotations

import asyncio
import os
import queue
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")

from backlegs_tui.cli import main
from backlegs_tui.web.guard import OriginPolicy, is_loopback, token_matches
from backlegs_tui.web.server import (
    GuardedServer,
    app_command,
    open_socket,
    startup_warning,
)

from .at_once import at_once
from .patience import PATIENCE

FAKE_APP = r"""
import json, sys
out, inp = sys.stdout.buffer, sys.stdin.buffer
def packet(kind, payload):
    out.write(kind + len(payload).to_bytes(4, "big") + payload)
    out.flush()
out.write(b"__GANGLION__\n")
packet(b"D", b"hello from the app")
while True:
    head = inp.read(5)
    if len(head) < 5:
        break
    payload = inp.read(int.from_bytes(head[1:], "big"))
    if head[:1] == b"M" and json.loads(payload).get("type") == "quit":
        break
"""
MAX_SESSIONS = 2


class ThreadServer:
    """A GuardedServer on its own event loop in a thread."""

    def __init__(self, command: str) -> None:
        self.sock = open_socket("127.0.0.1", 0)
        self.port = self.sock.getsockname()[1]
        self.server = GuardedServer(command, host="127.0.0.1", port=self.port, max_sessions=MAX_SESSIONS)
        self.base = f"http://127.0.0.1:{self.port}"
        self.origin = self.base
        self.token = self.server.token
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        async def run() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            await self.server.run_until_stopped(self.sock, self._stop, self._ready.set)

        asyncio.run(run())

    def start(self) -> None:
        self._ready = threading.Event()
        self._thread.start()
        assert self._ready.wait(PATIENCE), "the server did not start"

    def close(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)
        self.sock.close()
        assert not self._thread.is_alive(), "the server did not stop"

    async def idle(self) -> None:
        """Wait until every websocket the server had is closed and its app stopped."""
        deadline = time.monotonic() + PATIENCE
        while self.server.sessions:
            assert time.monotonic() < deadline, "a websocket session did not end"
            await asyncio.sleep(0.02)


@pytest.fixture(scope="module")
def srv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThreadServer]:
    script = tmp_path_factory.mktemp("fake") / "fake_app.py"
    script.write_text(FAKE_APP)
    s = ThreadServer(" ".join(shlex.quote(p) for p in (sys.executable, str(script))))
    s.start()
    try:
        yield s
    finally:
        s.close()


async def status(url: str, **kw: object) -> int:
    async with aiohttp.ClientSession() as http, http.get(url, **kw) as r:
        return r.status


async def ws_status(srv: ThreadServer, query: str = "", **headers: str) -> int:
    """The HTTP status of a websocket handshake (101 when it opens)."""
    async with aiohttp.ClientSession() as http:
        try:
            async with http.ws_connect(f"{srv.base}/ws{query}", headers=headers):
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


# ---- HTTP ------------------------------------------------------------------------------


async def test_no_token_or_a_wrong_one_is_403(srv: ThreadServer) -> None:
    assert await status(f"{srv.base}/") == 403
    assert await status(f"{srv.base}/?token=") == 403
    assert await status(f"{srv.base}/?token=not-the-token") == 403
    assert await status(f"{srv.base}/?token={srv.token[:-1]}") == 403
    assert await status(f"{srv.base}/static/js/textual.js") == 403
    assert await status(f"{srv.base}/download/x") == 403
    wrong_cookie = {f"backlegs_token_{srv.port}": "guess"}
    async with aiohttp.ClientSession(cookies=wrong_cookie) as http, http.get(f"{srv.base}/") as r:
        assert r.status == 403


def browser() -> aiohttp.ClientSession:
    """A client that keeps cookies for an IP address, as browsers do."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def test_the_token_opens_the_page_and_its_cookie_the_rest(srv: ThreadServer) -> None:
    async with browser() as http:
        async with http.get(f"{srv.base}/?token={srv.token}") as r:
            assert r.status == 200
            page = await r.text()
            cookie = r.headers["Set-Cookie"]
            assert r.headers["Referrer-Policy"] == "no-referrer"
        assert f'data-session-websocket-url="ws://127.0.0.1:{srv.port}/ws"' in page
        assert f'src="http://127.0.0.1:{srv.port}/static/js/textual.js"' in page
        assert page.count('name="viewport"') == 1  # a phone fits the app to its width
        assert f"backlegs_token_{srv.port}={srv.token}" in cookie
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        # the page's script and styles are fetched with the cookie, no token in their URLs
        async with http.get(f"{srv.base}/static/js/textual.js") as r:
            assert r.status == 200
        # a wrong token in the URL is refused even with the right cookie
        async with http.get(f"{srv.base}/?token=nope") as r:
            assert r.status == 403


async def test_the_page_links_to_the_host_the_browser_used(srv: ThreadServer) -> None:
    url = f"{srv.base}/?token={srv.token}"
    async with aiohttp.ClientSession() as http, http.get(url, headers={"Host": f"localhost:{srv.port}"}) as r:
        assert f'"ws://localhost:{srv.port}/ws"' in await r.text()


# ---- the websocket ---------------------------------------------------------------------


async def test_websocket_from_a_foreign_origin_is_refused(srv: ThreadServer) -> None:
    token = f"?token={srv.token}"
    assert await ws_status(srv, token, Origin="http://evil.example") == 403
    assert await ws_status(srv, token, Origin=f"http://127.0.0.1:{srv.port + 1}") == 403  # another port
    assert await ws_status(srv, token, Origin=f"https://127.0.0.1:{srv.port}") == 403
    assert await ws_status(srv, token, Origin="null") == 403
    assert await ws_status(srv, token) == 403  # no Origin at all
    # DNS rebinding: a foreign name pointed at 127.0.0.1, same-origin with itself
    rebound = f"evil.example:{srv.port}"
    assert await ws_status(srv, token, Origin=f"http://{rebound}", Host=rebound) == 403
    assert not srv.server.sessions


async def test_websocket_needs_the_token_too(srv: ThreadServer) -> None:
    assert await ws_status(srv, "", Origin=srv.origin) == 403
    assert await ws_status(srv, "?token=guess", Origin=srv.origin) == 403


async def test_websocket_from_the_page_runs_the_app(srv: ThreadServer) -> None:
    async with browser() as http:
        async with http.get(f"{srv.base}/?token={srv.token}") as r:  # sets the cookie
            assert r.status == 200
        async with http.ws_connect(f"{srv.base}/ws?width=100&height=30", headers={"Origin": srv.origin}) as ws:
            msg = await ws.receive(timeout=PATIENCE)
            assert msg.type == aiohttp.WSMsgType.BINARY and msg.data == b"hello from the app"
            await ws.send_json(["ping", "x"])
            assert (await ws.receive_json(timeout=PATIENCE)) == ["pong", "x"]
    await srv.idle()


async def test_sessions_are_capped(srv: ThreadServer) -> None:
    url = f"{srv.base}/ws?token={srv.token}"
    headers = {"Origin": srv.origin}
    async with aiohttp.ClientSession() as http:
        first = await http.ws_connect(url, headers=headers)
        second = await http.ws_connect(url, headers=headers)
        assert len(srv.server.sessions) == MAX_SESSIONS
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(url, headers=headers)
        assert refused.value.status == 503
        async with http.get(f"{srv.base}/?token={srv.token}") as r:
            assert r.status == 503 and "close a tab" in await r.text()
        await first.close()
        deadline = time.monotonic() + PATIENCE
        while len(srv.server.sessions) >= MAX_SESSIONS:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.02)
        third = await http.ws_connect(url, headers=headers)  # a closed tab frees its place
        await third.close()
        await second.close()
    await srv.idle()


# ---- the rules, without a server -------------------------------------------------------


def test_token_compare() -> None:
    assert token_matches("abc", "abc")
    assert not token_matches("abd", "abc")
    assert not token_matches(None, "abc") and not token_matches("", "abc")
    assert not token_matches("abcé", "abc")  # not ASCII: no TypeError, just no


def test_origin_policy_per_bind_address() -> None:
    loop = OriginPolicy("127.0.0.1", 8000)
    assert loop.allows("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert loop.allows("http://localhost:8000", "localhost:8000")
    assert not loop.allows("http://localhost:8000", "127.0.0.1:8000")  # not the same origin
    assert not loop.allows("http://192.168.1.5:8000", "192.168.1.5:8000")  # not what we serve
    assert not loop.allows("http://127.0.0.1:8000/x", "127.0.0.1:8000")
    assert not loop.allows("http://127.0.0.1:8000", "127.0.0.1:80")
    every = OriginPolicy("0.0.0.0", 8000)
    assert every.allows("http://192.168.1.5:8000", "192.168.1.5:8000")  # the phone, by address
    assert every.allows("http://[fe80::1]:8000", "[fe80::1]:8000")
    assert not every.allows("http://evil.example:8000", "evil.example:8000")  # a name: rebinding
    assert not every.allows("http://192.168.1.9:8000", "192.168.1.5:8000")
    one = OriginPolicy("192.168.1.5", 8000)
    assert one.allows("http://192.168.1.5:8000", "192.168.1.5:8000")
    assert not one.allows("http://localhost:8000", "localhost:8000")
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_each_tab_runs_the_app_on_the_one_database(tmp_path: Path) -> None:
    db = tmp_path / "my gym's log.db"
    words = shlex.split(app_command(db, python="/usr/bin/python3"))
    assert words == ["/usr/bin/python3", "-m", "backlegs_tui", "--db", str(db.absolute())]


def test_without_the_extra_serve_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # import fails as if not installed
    assert main(["serve", "--db", str(tmp_path / "gym.db")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and "pip install '.[web]'" in err
    assert not (tmp_path / "gym.db").exists()


# ---- the real command ------------------------------------------------------------------


class Command:
    """`backlegs serve` in a subprocess, its output read line by line."""

    def __init__(self, *args: str) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "backlegs_tui", "serve", "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.err: list[str] = []
        self.readers = [
            threading.Thread(target=self._read, args=(self.proc.stdout, self.lines.put), daemon=True),
            threading.Thread(target=self._read, args=(self.proc.stderr, self.err.append), daemon=True),
        ]
        for reader in self.readers:
            reader.start()

    @staticmethod
    def _read(stream: object, put: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            put(line.rstrip("\n"))  # type: ignore[operator]

    def url(self) -> str:
        deadline = time.monotonic() + PATIENCE
        while True:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line.startswith("Open http://"):
                return line.removeprefix("Open ")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(PATIENCE)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
            raise
        for reader in self.readers:
            reader.join(5)  # every line read
        return code


def app_processes(db: Path) -> list[int]:
    """Processes running the app on `db` (Linux /proc)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"backlegs_tui" in cmd and str(db).encode() in cmd and b"serve" not in cmd:
                pids.append(int(entry.name))
    return pids


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads /proc")
async def test_backlegs_serve_runs_the_real_app_and_stops_it(tmp_path: Path) -> None:
    db = tmp_path / "gym.db"
    cmd = Command("--db", str(db))
    try:
        url = cmd.url()
        assert url.startswith("http://127.0.0.1:") and "?token=" in url
        assert db.exists()  # created and migrated before any tab opens
        base, token = url.split("/?token=")
        assert await status(f"{base}/") == 403
        ws_url = f"{base}/ws?token={token}&width=80&height=24"
        async with aiohttp.ClientSession() as http, http.ws_connect(ws_url, headers={"Origin": base}) as ws:
            msg = await ws.receive(timeout=PATIENCE)  # the app's first frame
            assert msg.type == aiohttp.WSMsgType.BINARY and b"\x1b[" in msg.data
            assert app_processes(db), "no app process on the database"

            async def drain() -> None:  # as a browser does: read on, answer the close
                async for _ in ws:
                    pass

            drainer = asyncio.create_task(drain())
            assert await asyncio.to_thread(cmd.stop) == 0
            await asyncio.wait_for(drainer, 5)  # the server closed the tab's websocket
        assert list(cmd.lines.queue)[-1] == "backlegs serve: stopped"
        assert not [e for e in cmd.err if "warning" in e]  # loopback: no warning
        deadline = time.monotonic() + PATIENCE
        while app_processes(db):  # the app was told to quit with the server
            assert time.monotonic() < deadline, "an app process outlived the server"
            await asyncio.sleep(0.05)
    finally:
        cmd.stop()


def test_serving_beyond_this_machine_warns() -> None:
    assert startup_warning("127.0.0.1") is None and startup_warning("localhost") is None
    for host in ("0.0.0.0", "192.168.1.5", "::"):
        warning = startup_warning(host)
        assert warning is not None and "not encrypted" in warning and "link" in warning, host
    every = GuardedServer("app", host="0.0.0.0", port=8000, token="t")
    lines = every.urls()
    assert lines[-1] == "http://127.0.0.1:8000/?token=t"
    assert not any("0.0.0.0" in line for line in lines)  # a link a phone can open
    assert GuardedServer("app", host="::1", port=8000, token="t").urls() == ["http://[::1]:8000/?token=t"]


def test_a_database_it_cannot_use_is_one_line_before_listening(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("not a database")
    assert main(["serve", "--port", "0", "--db", str(bad)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("backlegs: ") and len(err.splitlines()) == 1
    assert bad.read_text() == "not a database"


def test_a_busy_port_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taken = open_socket("127.0.0.1", 0)
    try:
        port = str(taken.getsockname()[1])
        assert main(["serve", "--port", port, "--db", str(tmp_path / "g.db")]) == 2
    finally:
        taken.close()
    err = capsys.readouterr().err
    assert err.startswith(f"backlegs: cannot listen on 127.0.0.1:{port}: ") and len(err.splitlines()) == 1


# ---- two tabs, one database ------------------------------------------------------------


def test_two_tabs_on_one_database_lose_nothing(tmp_path: Path) -> None:
    """Two Repository objects on one file (two engines, as two app processes have), logging
    sets at the same moment: WAL and the busy timeout make the second wait, never fail.
    (test_hostile_two_writers.py places the other writer exactly between read and insert.)"""
    from backlegs_tui.domain.model import SetEntry, SetType
    from backlegs_tui.store.repository import Repository

    db = tmp_path / "gym.db"
    setup = Repository.open(db)
    session = setup.start_session(None, now=datetime(2026, 12, 1, 18, 0)).id
    exercise = setup.exercises()[0].id
    n = 40

    def tab(who: str) -> None:
        repo = Repository.open(db)
        try:
            for i in range(n):
                repo.log_set(session, SetEntry(exercise, SetType.WORKING, 100.0, 5, notes=f"{who}-{i}"))
        finally:
            repo.close()

    at_once(lambda: tab("phone"), lambda: tab("laptop"))
    sets = setup.session_state(session).sets
    setup.close()
    assert sorted(s.notes for s in sets) == sorted(f"{who}-{i}" for who in ("phone", "laptop") for i in range(n))
    assert sorted(s.position for s in sets) == list(range(2 * n))
