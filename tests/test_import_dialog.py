"""Import, export and back up from the TUI: the palette commands, the dialogs, the jobs, the
notification; the palette lists the lifter's actions, not Textual's own."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Input, Select, Static

from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.dialogs import InfoDialog
from backlegs_tui.ui.import_dialog import ImportDialog

from .exchange_helpers import DATA
from .session_helpers import wait_for


def notes_of(app: BacklegsApp) -> list[str]:
    seen: list[str] = []
    app.notify = lambda message, **kw: seen.append(str(message))  # type: ignore[method-assign]
    return seen


async def open_dialog(pilot) -> ImportDialog:  # noqa: ANN001
    app = pilot.app
    await wait_for(pilot, lambda: app.repo is not None, "the store")
    command = next(c for c in app.get_system_commands(app.screen) if c.title == "Import history…")
    command.callback()
    await wait_for(
        pilot, lambda: isinstance(app.screen, ImportDialog) and app.screen.query("#import-go"), "the dialog"
    )
    await pilot.pause()
    return app.screen


async def submit(pilot, dialog: ImportDialog) -> None:  # noqa: ANN001
    """Enter in the path field, as the lifter would."""
    dialog.query_one("#import-path", Input).focus()
    await pilot.press("enter")


async def test_import_from_the_palette_detects_the_format_and_shows_the_whole_report(repo: Repository) -> None:
    app = BacklegsApp(repo=repo)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        assert dialog.query_one("#import-format", Select).value == "auto"
        assert dialog.query_one("#import-unit", Select).value == app.settings.unit.value
        dialog.query_one("#import-path", Input).value = str(DATA / "hevy_kg.csv")
        await pilot.click("#import-go")
        await wait_for(pilot, lambda: isinstance(app.screen, InfoDialog), "the report")
        report = str(app.screen.query_one(".body Static", Static).render())
        assert "Read Hevy (kg)" in report and "Imported 2 workouts, 8 sets; exercises: 4 matched, 1 created" in report
        assert " -> " in report  # each exercise, matched or created
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, InfoDialog), "the report to close")
    assert repo.stats()["sessions"] == 2


async def test_a_bad_path_or_a_fifo_is_one_line(repo: Repository, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    app = BacklegsApp(repo=repo)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        status = dialog.query_one("#import-status", Static)
        dialog.query_one("#import-path", Input).value = "~nosuchuser_bl/x.csv"
        await submit(pilot, dialog)
        assert "nosuchuser_bl" in str(status.render()) and isinstance(app.screen, ImportDialog)
        dialog.query_one("#import-path", Input).value = str(fifo)
        await submit(pilot, dialog)
        await wait_for(pilot, lambda: "pipe.csv" in str(status.render()), "the refusal")
        assert "\n" not in str(status.render()) and isinstance(app.screen, ImportDialog)


async def test_errors_show_in_the_dialog_which_stays_open(repo: Repository, tmp_path: Path) -> None:
    app = BacklegsApp(repo=repo)
    async with app.run_test(size=(110, 36)) as pilot:
        dialog = await open_dialog(pilot)
        status = dialog.query_one("#import-status", Static)
        path = dialog.query_one("#import-path", Input)
        await submit(pilot, dialog)
        assert "path" in str(status.render())
        path.value = str(tmp_path / "missing.csv")
        await submit(pilot, dialog)
        await wait_for(pilot, lambda: "no such file" in str(status.render()), "the error")
        path.value = str(DATA / "strong_2020.csv")  # Strong without a unit: ask for one
        dialog.query_one("#import-unit", Select).value = ""  # "as the file says"
        await submit(pilot, dialog)
        await wait_for(pilot, lambda: "choose the unit" in str(status.render()), "the unit question")
        assert isinstance(app.screen, ImportDialog) and not path.disabled
        dialog.query_one("#import-unit", Select).value = "kg"
        await submit(pilot, dialog)
        await wait_for(pilot, lambda: isinstance(app.screen, InfoDialog), "the report")
    assert repo.stats()["sets"] == 10  # the plank is stored


async def test_escape_closes_the_dialog_and_the_palette_lists_the_lifters_actions(repo: Repository) -> None:
    app = BacklegsApp(repo=repo)
    async with app.run_test(size=(110, 36)) as pilot:
        await open_dialog(pilot)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ImportDialog), "the dialog to close")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Import history…", "Export…", "Back up the database", "Settings…", "Next mode"} <= set(titles)
        assert not {"Keys", "Maximize", "Minimize", "Screenshot"} & set(titles)
    assert repo.stats()["sessions"] == 0


async def test_export_and_backup_from_the_palette(repo: Repository, tmp_path: Path) -> None:
    app = BacklegsApp(repo=repo)
    async with app.run_test(size=(110, 36)) as pilot:
        seen = notes_of(app)
        await wait_for(pilot, lambda: app.repo is not None, "the store")
        next(c for c in app.get_system_commands(app.screen) if c.title == "Export…").callback()
        await wait_for(pilot, lambda: app.screen.query("#f-format"), "the export form")
        app.screen.query_one("#f-format", Input).value = "JSON"
        app.screen.query_one("#f-path", Input).value = str(tmp_path / "all.json")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(seen), "the export")
        assert seen[-1] == f"Exported 0 sets (json) to {tmp_path / 'all.json'}"
        assert '"format": "backlegs"' in (tmp_path / "all.json").read_text()
        next(c for c in app.get_system_commands(app.screen) if c.title == "Back up the database").callback()
        await wait_for(pilot, lambda: len(seen) == 2, "the backup")
        assert seen[-1].startswith("Backed up to ")
        assert Path(seen[-1].removeprefix("Backed up to ")).is_file()


def test_the_report_lists_every_skipped_row_with_its_line() -> None:
    from backlegs_tui.exchange.common import Skipped
    from backlegs_tui.exchange.importing import SHOWN_SKIPS, ImportSummary
    from backlegs_tui.ui.import_dialog import report_text

    rows = [Skipped(line=n, reason="no reps") for n in range(2, SHOWN_SKIPS + 7)]
    text = report_text(ImportSummary("strong", skipped=rows))
    assert all(f"line {r.line}: no reps" in text for r in rows) and "--json" not in text
