"""The one door from the UI to the database: a serial job queue with one exclusive thread
worker.

A screen submits a `Job`: what it is for (in the lifter's words), a function that runs in the
worker with the repository and returns a value, and a function that wraps that value in the
screen's own typed message. The worker runs jobs one at a time, in order, never touches a
widget, and posts the message to the screen that asked (Textual's `post_message` is safe from
a thread). A job that raises posts `JobFailed` with one plain sentence instead; the jobs
behind it still run, so nothing queued is lost.

A job with a `key` replaces a queued (not yet started) job with the same key: a lifter paging
through History asks for the newest page only. Writes never carry a key.

Quitting waits for `drain()`: a set logged just before ctrl+q is on disk before the app ends.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.message import Message
from textual.message_pump import MessagePump

from ..store.errors import describe_error

if TYPE_CHECKING:
    from textual.app import App

    from ..store.repository import Repository

T = TypeVar("T")


@dataclass
class JobFailed(Message):
    """Posted when a job raised: `line` says what failed in one plain sentence."""

    what: str  # the job's purpose, e.g. "save the set"
    line: str  # e.g. "Could not save the set: the database is locked by another program"
    key: str | None = None
    job_id: int = 0


@dataclass
class Job(Generic[T]):
    """One piece of database work, run in the job worker."""

    what: str
    run: Callable[[Repository], T]
    done: Callable[[T], Message] | None
    target: MessagePump
    key: str | None = None
    id: int = field(default=0)


class JobRunner:
    """Runs submitted jobs one at a time, in order, in one exclusive thread worker."""

    def __init__(self, app: App[Any], repo: Callable[[], Repository | None]) -> None:
        self._app = app
        self._repo = repo
        self._queue: deque[Job[Any]] = deque()
        self._lock = threading.Lock()
        self._running = False
        self._busy = 0  # jobs taken from the queue and not finished
        self._next_id = 0

    def submit(
        self,
        target: MessagePump,
        what: str,
        run: Callable[[Repository], T],
        done: Callable[[T], Message] | None = None,
        *,
        key: str | None = None,
    ) -> int:
        """Queue `run(repo)`; post `done(result)` (or `JobFailed`) to `target` when it ends.
        Call from the UI thread. Returns the job's id."""
        with self._lock:
            self._next_id += 1
            job = Job(what, run, done, target, key, self._next_id)
            if key is not None:
                self._queue = deque(j for j in self._queue if j.key != key)
            self._queue.append(job)
            start = not self._running
            self._running = True
        if start:
            self._app.run_worker(self._drain, thread=True, group="jobs", name="jobs", exit_on_error=False)
        return job.id

    def pending(self) -> int:
        """Jobs queued or running."""
        with self._lock:
            return len(self._queue) + self._busy

    async def drain(self, timeout: float = 10.0) -> bool:
        """Wait until every queued job has finished (True) or `timeout` passed (False)."""
        deadline = time.monotonic() + timeout
        while self.pending():
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.01)
        return True

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """The blocking form of `drain`, for tests and the CLI (never on the UI thread)."""
        deadline = time.monotonic() + timeout
        while self.pending():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.005)
        return True

    def _drain(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    self._running = False
                    return
                job = self._queue.popleft()
                self._busy += 1
            try:
                self._run(job)
            finally:
                with self._lock:
                    self._busy -= 1

    def _run(self, job: Job[Any]) -> None:
        repo = self._repo()
        try:
            if repo is None:
                raise RuntimeError("the training log is not open yet")
            result = job.run(repo)
        except Exception as exc:  # noqa: BLE001 - every failure becomes one line, never a crash
            self._app.log.error(f"job {job.what!r} failed: {exc!r}")
            line = f"Could not {job.what}: {describe_error(exc)}"
            job.target.post_message(JobFailed(job.what, line, job.key, job.id))
            return
        if job.done is not None:
            job.target.post_message(job.done(result))
