"""A guard for job results that land while the app is closing."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from .live_panel import LivePanel
from .start_panel import StartPanel

F = TypeVar("F", bound=Callable[..., None])


def while_shown(handler: F) -> F:
    """Skip a job's result that lands while the app is closing (the panels are gone)."""

    @wraps(handler)
    def run(self: Any, *args: Any) -> None:
        if self.query(StartPanel) and self.query(LivePanel):
            handler(self, *args)

    return run  # type: ignore[return-value]
