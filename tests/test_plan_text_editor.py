"""Plan mode's `E` with $EDITOR set to a script: an edit is stored; a broken edit is one line
naming its line, the text is kept and `E` opens it again, and fixing it stores it."""

from __future__ import annotations

import stat
from pathlib import Path

from backlegs_tui.ui.app import BacklegsApp

from .session_helpers import wait_for
from .test_plan_editor import _plan
from .test_plan_screen import SAMPLE, detail_title, ready


def editor(tmp_path: Path, script: str) -> str:
    path = tmp_path / "ed.py"
    path.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\nt = p.read_text()\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return f"python3 {path}"


async def test_editor_round_trip_with_a_broken_file_kept(migrated_db: Path, clock, tmp_path: Path, monkeypatch) -> None:
    seen: list[str] = []
    # first try: a misspelt lift; second: the editor sees the kept text and fixes it
    monkeypatch.setenv("EDITOR", editor(tmp_path, (
        "log = pathlib.Path(sys.argv[0]).with_suffix('.log')\n"
        "log.write_text(t)\n"
        "if 'Squatz' in t:\n    t = t.replace('Squatz', 'Barbell back squat')\n"
        "else:\n    t = t.replace('Barbell back squat', 'Squatz').replace('name = \"" + SAMPLE + "\"', 'name = \"Sample B\"')\n"
        "p.write_text(t)\n"
    )))
    monkeypatch.delenv("VISUAL", raising=False)
    app = BacklegsApp(db_path=migrated_db, clock=clock, start_mode="plan")
    notes: list[str] = []
    show = app.notify
    app.notify = lambda message, **kw: (notes.append(str(message)), show(message, **kw))[1]  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("E")
        await wait_for(pilot, lambda: any("Squatz" in n for n in notes), f"the mistake {notes}")
        line = next(n for n in notes if "Squatz" in n)
        assert line.startswith("line ") and "E opens your text again" in line
        assert _plan(migrated_db, SAMPLE) is not None  # nothing stored
        await pilot.press("E")
        await wait_for(pilot, lambda: "Plan saved from the editor" in notes, "saved")
        await wait_for(pilot, lambda: detail_title(app) == "Sample B", "the renamed plan")
        seen.append((tmp_path / "ed.log").read_text())
    assert "Squatz" in seen[0]  # the second try opened the kept text, not the stored one
    plan = _plan(migrated_db, "Sample B")
    assert plan is not None and plan.items[0].exercise_name == "Barbell back squat"
    assert _plan(migrated_db, SAMPLE) is None
