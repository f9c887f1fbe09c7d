"""Plan mode's `E`: the selected plan as TOML in the lifter's $EDITOR (the app suspended),
read back on return. A mistake is one line naming its line; the edited text is kept, and
`E` opens it again for another try: nothing typed is lost. Every read and write is a job."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported
from textual.message import Message

from .plan_data import PlanView, read_plan_view

if TYPE_CHECKING:
    from ...store.repository import Repository
    from .plan import PlanScreen


@dataclass
class PlanTextRead(Message):
    plan_id: int
    text: str


@dataclass
class PlanTextSaved(Message):
    """The text read back: the plan view after it was stored, or the mistake."""

    plan_id: int
    text: str
    view: PlanView | None
    error: str | None


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR, else vi, split as a shell would."""
    return shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")


class PlanTextEditing:
    """The $EDITOR round trip of PlanScreen (mixed into it)."""

    kept_text: dict[int, str]

    def action_edit_text(self: PlanScreen) -> None:
        plan = self.view.plan if self.view else None
        if plan is None:
            return
        pid = plan.id
        if pid in self.kept_text:  # the last try did not read: open it again, as typed
            self._run_editor(pid, self.kept_text[pid])
            return
        self.blapp.jobs.submit(self, "read the plan as text", lambda repo: repo.plan_text(pid),
                               lambda text: PlanTextRead(pid, text))

    def on_plan_text_read(self: PlanScreen, message: PlanTextRead) -> None:
        self._run_editor(message.plan_id, message.text)

    def _run_editor(self: PlanScreen, plan_id: int, text: str) -> None:
        fd, name = tempfile.mkstemp(prefix="backlegs-plan-", suffix=".toml")
        path = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            try:
                try:
                    with self.app.suspend():
                        subprocess.run([*editor_command(), str(path)], check=False)
                except SuspendNotSupported:  # headless (tests, the web server): no terminal to hand over
                    subprocess.run([*editor_command(), str(path)], check=False, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            except Exception as exc:  # noqa: BLE001 - no editor found
                self.notify(f"Could not open the editor: {exc}", severity="error", markup=False)
                return
            new = path.read_text(encoding="utf-8", errors="replace")
        finally:
            path.unlink(missing_ok=True)
        if new == text and plan_id not in self.kept_text:
            self.notify("No change")
            return
        landmarks = self.blapp.settings.landmarks
        today = self.blapp.clock().date()  # the app's clock places the week, as every other read

        def save(repo: Repository) -> PlanTextSaved:
            from ...domain.plan_text import PlanTextError
            from ...store.schema import StoreError

            try:
                repo.import_plan_text(new, replace=plan_id)
            except (PlanTextError, StoreError) as exc:
                return PlanTextSaved(plan_id, new, None, str(exc))
            return PlanTextSaved(plan_id, new, read_plan_view(repo, plan_id, landmarks, today), None)

        self.blapp.jobs.submit(self, "save the plan's text", save, lambda saved: saved)

    def on_plan_text_saved(self: PlanScreen, message: PlanTextSaved) -> None:
        from .plan_data import PlanLoaded

        if message.error is not None:
            self.kept_text[message.plan_id] = message.text
            self.notify(f"{message.error} · E opens your text again", severity="error", timeout=12, markup=False)
            return
        self.kept_text.pop(message.plan_id, None)
        self.notify("Plan saved from the editor")
        if message.view is not None:
            self.post_message(PlanLoaded(message.view))
