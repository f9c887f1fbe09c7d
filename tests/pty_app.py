"""Run the real `backlegs` command in a pseudo-terminal, as a person at a keyboard would."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import fcntl
import termios

from .patience import PATIENCE

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>PX^_\\]|\x1b\][^\x07]*\x07")

KEYS = {"enter": b"\r", "escape": b"\x1b", "ctrl+q": b"\x11"}


class PtyApp:
    """`backlegs ARGS` in a 120x36 pty; `wait_for` reads the screen stream for text."""

    def __init__(self, args: list[str], env: dict[str, str] | None = None) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        # the first-start wizard stays away unless a test asks for it (env BACKLEGS_FIRST_START="")
        full_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36",
                    "BACKLEGS_FIRST_START": "skip", **(env or {})}
        full_env.pop("TEXTUAL", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "backlegs_tui", *args],
            stdin=slave, stdout=slave, stderr=slave, env=full_env, close_fds=True, start_new_session=True,
        )
        os.close(slave)
        self.seen = b""

    def _read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            self.seen += chunk

    def text(self) -> str:
        return ANSI.sub(b"", self.seen).decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = PATIENCE) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.text():
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never appeared; screen tail: {self.text()[-800:]!r}")
            if self.proc.poll() is not None:
                self._read(0.1)
                if needle in self.text():
                    return
                raise AssertionError(f"app exited ({self.proc.returncode}) before {needle!r}: {self.text()[-800:]!r}")
            self._read(0.05)

    def send(self, *keys: str, pause: float = 0.15) -> None:
        for key in keys:
            os.write(self.master, KEYS.get(key, key.encode()))
            time.sleep(pause)
            self._read(0)

    def clear(self) -> None:
        self.seen = b""

    def kill9(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(PATIENCE)
        os.close(self.master)

    def quit(self, timeout: float = PATIENCE) -> int:
        """ctrl+q, reading the screen while the app exits (an unread pty fills up and blocks
        the app's last writes, which looks like a hang)."""
        self.send("ctrl+q", pause=0)
        deadline = time.monotonic() + timeout
        try:
            while self.proc.poll() is None:
                if time.monotonic() > deadline:
                    raise AssertionError(f"the app did not quit in {timeout:.0f} s: {self.text()[-400:]!r}")
                self._read(0.05)
            return self.proc.returncode
        finally:
            os.close(self.master)


def run_backlegs(db: Path) -> PtyApp:
    return PtyApp(["--db", str(db)])
