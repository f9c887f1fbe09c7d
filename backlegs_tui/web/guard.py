"""The checks `backlegs serve` makes on every request, in plain Python (no aiohttp)."""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket
from urllib.parse import urlsplit

WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def new_token() -> str:
    """32 random bytes, URL-safe: the secret printed in the link."""
    return secrets.token_urlsafe(32)


def token_matches(given: str | None, token: str) -> bool:
    """Whether `given` is the token, compared in constant time."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    """Whether binding `host` keeps the server on this machine."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    ip = _ip(host)
    return ip is not None and ip.is_loopback


def is_wildcard(host: str) -> bool:
    return host in WILDCARD_HOSTS


def machine_names() -> set[str]:
    """This machine's own names, as a phone on the network might reach it."""
    names: set[str] = set()
    try:
        name = socket.gethostname().lower()
    except OSError:
        return names
    if name:
        names |= {name, f"{name}.local"}
        short = name.split(".", 1)[0]
        names |= {short, f"{short}.local"}
    return names


def lan_address() -> str | None:
    """The address this machine uses on its network (no packet is sent), or None."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the outgoing interface
            addr = s.getsockname()[0]
    except OSError:
        return None
    return None if addr.startswith(("0.", "127.")) else addr


def _split_host(host_header: str) -> tuple[str, int] | None:
    """(hostname, port) of a Host header, or None when it is not one."""
    try:
        parts = urlsplit(f"http://{host_header}")
        return (parts.hostname or ""), (parts.port or 80)
    except ValueError:
        return None


class OriginPolicy:
    """Which origins may open the app's websocket: only the page the server itself served.

    The Origin must be `http://` + the Host the request came to, on the served port, and that
    host must be a name of this server: a loopback name when bound to loopback, the bound host,
    an IP address (a DNS name could be rebound to us by a foreign page; an IP address cannot)
    or this machine's name when bound to every interface.
    """

    def __init__(self, bind_host: str, port: int) -> None:
        self.port = port
        self.names: set[str] = {bind_host.lower().strip("[]")} - WILDCARD_HOSTS
        self.any_ip = is_wildcard(bind_host) or not is_loopback(bind_host)
        if is_loopback(bind_host) or is_wildcard(bind_host):
            self.names |= LOOPBACK_NAMES
        if is_wildcard(bind_host):
            self.names |= machine_names()

    def host_ok(self, host_header: str | None) -> bool:
        split = _split_host(host_header or "")
        if split is None:
            return False
        name, port = split
        if port != self.port or not name:
            return False
        if name in self.names:
            return True
        return self.any_ip and _ip(name) is not None

    def allows(self, origin: str | None, host_header: str | None) -> bool:
        """Whether a websocket with this Origin header, sent to this Host, may open."""
        if not origin or not host_header or not self.host_ok(host_header):
            return False
        try:
            o = urlsplit(origin)
            o_port = o.port
        except ValueError:
            return False
        if o.scheme != "http" or o.path not in ("", "/") or o.query or o.username or o.password:
            return False
        return (o.hostname or "", o_port or 80) == _split_host(host_header)
