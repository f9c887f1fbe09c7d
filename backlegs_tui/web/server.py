"""textual-serve with a token, a same-origin websocket and a cap on app processes.

`GuardedServer` subclasses textual-serve's `Server` and wraps its aiohttp app in one
middleware; the page, the websocket protocol and the app processes are textual-serve's own.

- Every request needs the token: `?token=...` in the URL (as printed), or the cookie the first
  tokened request sets (HttpOnly, SameSite=Strict), which the page's static files and its
  websocket carry. Anything else is 403. The comparison is constant-time.
- The websocket also needs an Origin that is the served origin (guard.OriginPolicy): a page
  on another site or port cannot drive the app even in a browser that holds the cookie.
- At most `max_sessions` app processes at once; one more is 503.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from ..store.schema import ServerUrl
from .guard import (
    OriginPolicy,
    is_loopback,
    is_wildcard,
    lan_address,
    new_token,
    token_matches,
)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 4
SHUTDOWN_WAIT_S = 5.0
CLOSE_GRACE_S = 1.0

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

FORBIDDEN = (
    "403 Forbidden: open the link that `backlegs serve` printed (with its token) "
    "in this browser.\n"
)
FOREIGN_ORIGIN = "403 Forbidden: this page is not the one backlegs served.\n"


class ServeError(Exception):
    """The server cannot start (address in use, unknown host): one line for stderr."""


def app_command(db: Path | ServerUrl, python: str = sys.executable) -> str:
    """The shell command textual-serve runs for each browser tab: the app on the one database.
    A PostgreSQL URL is not put on a command line (its password would show in `ps`): the tabs
    read it from BACKLEGS_DB, which `serve` sets."""
    if isinstance(db, ServerUrl):
        return " ".join(shlex.quote(part) for part in (python, "-m", "backlegs_tui"))
    return " ".join(shlex.quote(part) for part in (python, "-m", "backlegs_tui", "--db", str(db.absolute())))


def url_host(host: str) -> str:
    """The host as it goes in a URL ([::1] for IPv6)."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def open_socket(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free port); ServeError when it cannot be."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        raise ServeError(f"cannot find the address {host!r} ({exc})") from None
    family, _, _, _, addr = infos[0]
    try:
        return socket.create_server(
            addr[:2], family=family, reuse_port=False, dualstack_ipv6=(host == "::" and socket.has_dualstack_ipv6())
        )
    except OSError as exc:
        raise ServeError(f"cannot listen on {url_host(host)}:{port}: {exc.strerror or exc}") from None


VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


def fit_to_phone(page: web.Response) -> None:
    """textual-serve's page has no viewport tag, so a phone lays it out 980 px wide and the
    app runs off the screen; with the tag the terminal fits the phone's width."""
    text = page.text
    if text and "<head>" in text and 'name="viewport"' not in text:
        page.text = text.replace("<head>", f"<head>\n    {VIEWPORT}", 1)


class GuardedServer(Server):
    """textual-serve's Server behind a token, an Origin check and a session cap."""

    def __init__(
        self,
        command: str,
        *,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        token: str | None = None,
        max_sessions: int = DEFAULT_MAX_SESSIONS,
        title: str = "backlegs",
    ) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.token = token or new_token()
        self.max_sessions = max_sessions
        self.origins = OriginPolicy(host, port)
        self.cookie_name = f"backlegs_token_{port}"  # cookies ignore ports: one per server
        self.sessions: set[asyncio.Task[Any]] = set()

    # ---- what the lifter is shown ------------------------------------------------------

    def urls(self) -> list[str]:
        """The links to print: the one to open first, then any others that reach us."""
        hosts: list[str] = []
        if is_wildcard(self.host):
            lan = lan_address()
            if lan:
                hosts.append(lan)
            hosts.append("127.0.0.1")
        else:
            hosts.append(self.host)
        return [f"http://{url_host(h)}:{self.port}/?token={self.token}" for h in hosts]

    # ---- the aiohttp app ---------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        from_query = request.query.get("token")
        given = from_query if from_query is not None else request.cookies.get(self.cookie_name)
        if not token_matches(given, self.token):
            return web.Response(status=403, text=FORBIDDEN)
        if request.match_info.route.name == "websocket":
            response = await self._websocket(request, handler)
        else:
            response = await handler(request)
            page = request.match_info.route.name == "index"
            if page and isinstance(response, web.Response) and response.status == 200:
                fit_to_phone(response)
            response.headers.setdefault("Referrer-Policy", "no-referrer")
            response.headers.setdefault("X-Frame-Options", "DENY")
            response.headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
        if from_query is not None and not response.prepared:
            response.set_cookie(
                self.cookie_name, self.token, httponly=True, samesite="Strict", path="/"
            )
        return response

    async def _websocket(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self.origins.allows(request.headers.get("Origin"), request.host):
            return web.Response(status=403, text=FOREIGN_ORIGIN)
        if len(self.sessions) >= self.max_sessions:
            return web.Response(status=503, text=self._full_text())
        task = asyncio.current_task()
        assert task is not None
        self.sessions.add(task)
        try:
            return await handler(request)
        finally:
            self.sessions.discard(task)

    def _full_text(self) -> str:
        n = self.max_sessions
        return f"503: {n} app session{'s' if n != 1 else ''} already open (the most at once); close a tab and reload.\n"

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """textual-serve's page, with its links on the host the browser used (not the bound
        address, which may be 0.0.0.0)."""
        if len(self.sessions) >= self.max_sessions:
            raise web.HTTPServiceUnavailable(text=self._full_text())
        base = f"{request.host}"
        static = request.app.router["static"].url_for(filename="/")
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"ws://{base}{request.app.router['websocket'].url_for()}",
            "config": {"static": {"url": f"http://{base}{static}".rstrip("/") + "/"}},
            "application": {"name": self.title},
        }

    async def on_startup(self, app: web.Application) -> None:
        """No banner: `serve` prints the link itself."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab's websocket; textual-serve then tells its app to quit. A tab that
        does not answer the close (a phone asleep) is cancelled again after a moment, which
        skips the wait for its close frame and goes straight to quitting its app."""
        for grace in (CLOSE_GRACE_S, SHUTDOWN_WAIT_S):
            tasks = [t for t in self.sessions if not t.done()]
            if not tasks:
                return
            for task in tasks:
                task.cancel()
            await asyncio.wait(tasks, timeout=grace)

    # ---- running -----------------------------------------------------------------------

    async def run_until_stopped(
        self, sock: socket.socket, stop: asyncio.Event, ready: Callable[[], None] = lambda: None
    ) -> None:
        app = await self._make_app()
        runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=SHUTDOWN_WAIT_S)
        await runner.setup()
        try:
            await web.SockSite(runner, sock).start()
            ready()
            await stop.wait()
        finally:
            await runner.cleanup()


def startup_warning(host: str) -> str | None:
    """The warning for an address other machines can reach; None on loopback."""
    if is_loopback(host):
        return None
    return (
        f"backlegs: warning: serving on {host or 'every interface'}, not only this machine. "
        "The traffic is not encrypted: use a network you trust. Anyone on it who has "
        "the link below can drive the app and read your log."
    )


def serve(
    db: Path | ServerUrl,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    max_sessions: int = DEFAULT_MAX_SESSIONS,
    out: Callable[[str], None] = lambda line: print(line, flush=True),
    warn: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
) -> int:
    """Serve the app on `db` until SIGINT or SIGTERM. ServeError when it cannot listen."""
    if isinstance(db, ServerUrl):
        os.environ["BACKLEGS_DB"] = db.url  # for the tabs' app processes (see app_command)
    sock = open_socket(host, port)
    bound_port = sock.getsockname()[1]
    server = GuardedServer(app_command(db), host=host, port=bound_port, max_sessions=max_sessions)
    urls = server.urls()

    def ready() -> None:
        warning = startup_warning(host)
        if warning:
            warn(warning)
        shown = db if isinstance(db, ServerUrl) else db.absolute()
        out(f"backlegs serve: {shown} in the browser, at most {max_sessions} tabs at once")
        out(f"Open {urls[0]}")
        for other in urls[1:]:
            out(f"  or {other}")
        out("The token in the link is the key; Ctrl+C stops.")

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, stop.set)
            except (NotImplementedError, RuntimeError, ValueError):  # Windows, or not the main thread
                pass
        await server.run_until_stopped(sock, stop, ready)

    try:
        asyncio.run(main())
    finally:
        sock.close()
    out("backlegs serve: stopped")
    return 0
