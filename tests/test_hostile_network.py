"""The app opens no network connection (only `serve` does): a Pilot session through every
mode, and the CLI's commands, with every outgoing socket refused; and a static check that
nothing outside the web server imports a network client."""

from __future__ import annotations

import ast
import socket
from pathlib import Path

import pytest

import backlegs_tui
from backlegs_tui.ui.app import BacklegsApp

from .exchange_helpers import DATA, run
from .session_helpers import press_each, settle, start_sample_session

PACKAGE = Path(backlegs_tui.__file__).parent
NETWORK_MODULES = {"http", "urllib.request", "requests", "httpx", "aiohttp", "socket", "ssl", "smtplib", "ftplib",
                   "websockets", "xmlrpc", "asyncssh", "paramiko"}
SERVER_ONLY = {"web", "cli/serve.py"}  # `backlegs serve` listens, on purpose


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every outgoing connection and name lookup raises and is recorded (local socketpairs,
    which asyncio's event loop uses, still work)."""
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def refuse(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(address)
            raise OSError("network access attempted in a test")
        return real_connect(self, address)

    def lookup(*args: object, **kwargs: object) -> object:
        attempts.append(args)
        raise OSError("name lookup attempted in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    monkeypatch.setattr(socket, "create_connection", lookup)
    return attempts


async def test_a_session_through_every_mode_opens_no_connection(no_network: list[object], migrated_db: Path, clock) -> None:
    app = BacklegsApp(db_path=migrated_db, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_sample_session(pilot)
        await press_each(pilot, "f1", "f3", "f2", "question_mark", "escape")
        await settle(pilot)
    assert no_network == []


def test_the_guard_itself_sees_a_connection(no_network: list[object]) -> None:
    with pytest.raises(OSError):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("192.0.2.1", 80))
    assert len(no_network) == 2


def test_the_commands_open_no_connection(no_network: list[object], capsys, tmp_path: Path) -> None:
    db = str(tmp_path / "gym.db")
    assert run(capsys, "import", "strong", str(DATA / "strong_2020.csv"), "--unit", "kg", "--db", db)[0] == 0
    for argv in (["export", "--format", "json"], ["export"], ["backup"]):
        assert run(capsys, *argv, "--db", db)[0] == 0
    assert run(capsys, "calc", "100", "5")[0] == 0
    assert no_network == []


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_nothing_but_the_web_server_imports_a_network_client() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in SERVER_ONLY or rel.split("/")[0] in SERVER_ONLY:
            continue
        for name in _imports(path):
            if name in NETWORK_MODULES or name.split(".")[0] in {"requests", "httpx", "aiohttp", "websockets"} or (
                name.startswith("http.") or name == "urllib.request"
            ):
                offenders.append(f"{rel}: {name}")
    assert offenders == []
