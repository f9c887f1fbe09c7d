"""The UI's job runner: one job at a time, in order, typed results, a failure as one line."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from textual.app import App
from textual.message import Message

from backlegs_tui.ui.jobs import JobFailed, JobRunner

from .patience import PATIENCE


@dataclass
class Got(Message):
    """Posted when a test job finished."""

    value: object


class Probe(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[object] = []
        self.threads: set[int] = set()
        self.repo = object()
        self.jobs = JobRunner(self, lambda: self.repo)

    def on_got(self, message: Got) -> None:
        self.seen.append(message.value)

    def on_job_failed(self, message: JobFailed) -> None:
        self.seen.append(("failed", message.line))


async def test_jobs_run_in_order_off_the_ui_thread_and_a_failure_is_one_line() -> None:
    app = Probe()
    ui_thread = threading.get_ident()
    async with app.run_test() as pilot:
        gate = threading.Event()

        def first(repo: object) -> int:
            gate.wait(PATIENCE)
            app.threads.add(threading.get_ident())
            return 1

        def boom(repo: object) -> int:
            raise RuntimeError("database is locked")

        app.jobs.submit(app, "read one", first, Got)
        app.jobs.submit(app, "save the set", boom, Got)
        app.jobs.submit(app, "read three", lambda repo: 3, Got)
        assert app.jobs.pending() == 3
        gate.set()
        assert await app.jobs.drain(PATIENCE)
        await pilot.pause()
        assert app.seen == [
            1,
            ("failed", "Could not save the set: the database is locked by another program"),
            3,
        ]
        assert ui_thread not in app.threads


async def test_a_keyed_job_replaces_a_queued_one_with_the_same_key() -> None:
    app = Probe()
    async with app.run_test() as pilot:
        gate = threading.Event()
        app.jobs.submit(app, "hold", lambda repo: gate.wait(PATIENCE) and "held", Got)
        for page in range(5):
            app.jobs.submit(app, "read a page", lambda repo, p=page: p, Got, key="page")
        gate.set()
        assert await app.jobs.drain(PATIENCE)
        await pilot.pause()
        assert app.seen == ["held", 4]


async def test_no_repository_yet_is_a_plain_failure() -> None:
    app = Probe()
    app.repo = None
    async with app.run_test() as pilot:
        app.jobs.submit(app, "load the plans", lambda repo: 1, Got)
        assert await app.jobs.drain(PATIENCE)
        await pilot.pause()
        assert app.seen == [("failed", "Could not load the plans: the training log is not open yet")]
