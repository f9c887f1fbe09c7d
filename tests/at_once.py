"""Run calls in threads released at the same instant: two programs, tabs or devices racing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def at_once(*calls: Callable[[], Any], timeout: float = 60) -> list[Any]:
    """Run each call in a thread of its own, all let go together by a barrier; return their
    results in order. What any call raised is raised here, in the test's thread (the first,
    with the others as notes); a call still running after `timeout` seconds fails the test."""
    barrier = threading.Barrier(len(calls), timeout=timeout)
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(k: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[k] = call()
        except BaseException as exc:  # noqa: BLE001 - raised below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(k, c), daemon=True) for k, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    if any(t.is_alive() for t in threads):
        raise AssertionError(f"a call was still running after {timeout} s")
    if errors:
        first = errors[0]
        for other in errors[1:]:
            first.add_note(f"also: {other!r}")
        raise first
    return results
