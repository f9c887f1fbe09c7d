"""Export and back up from the palette: the same code paths as `backlegs export` and
`backlegs backup`, run as jobs on the app's job runner (serial with every write, so the copy
is consistent), the result as one notification."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from ..domain.validation import InputError
from .dialogs import FieldSpec, FormDialog

if TYPE_CHECKING:
    from ..store.repository import Repository

FORMATS = ("csv", "json", "strong")


@dataclass
class ExchangeDone(Message):
    """Posted when an export or a backup job has written its file: `line` says where."""

    line: str


def _format(text: str) -> str:
    key = text.strip().lower()
    if key not in FORMATS:
        raise InputError("Format is csv, json or strong")
    return key


def _path(text: str) -> Path:
    text = text.strip()
    if not text:
        raise InputError("Type the file to write, e.g. ~/backlegs.csv")
    return Path(text).expanduser()


def export_dialog(default_folder: Path) -> FormDialog:
    return FormDialog(
        "Export your data",
        [
            FieldSpec("format", "Format", "csv", placeholder="csv, json or strong", parse=_format),
            FieldSpec("path", "File", str(default_folder / "backlegs-export.csv"), parse=_path),
        ],
        hint="csv: every set · json: everything · strong: for other apps · Enter: export · Esc: cancel",
    )


def export_job(fmt: str, target: Path):  # noqa: ANN201 - a job for JobRunner.submit
    """Write the export in the job worker; BadFile and OSError become the job's one line."""

    def run(repo: Repository) -> ExchangeDone:
        from ..exchange.common import private_output
        from ..exchange.csvfmt import write_csv, write_strong
        from ..exchange.jsonfmt import dumps

        with private_output(target) as out:
            if fmt == "json":
                snapshot = repo.snapshot()
                out.write(dumps(snapshot))
                count = sum(len(s["sets"]) for s in snapshot["sessions"])
            elif fmt == "strong":
                count = write_strong(repo.logged_sets(), out)
            else:
                count = write_csv(repo.logged_sets(), out)
        return ExchangeDone(f"Exported {count} set{'s' if count != 1 else ''} ({fmt}) to {target}")

    return run


def backup_job():  # noqa: ANN201 - a job for JobRunner.submit
    """Copy the open database to backups/ beside it (SQLite's online backup)."""

    def run(repo: Repository) -> ExchangeDone:
        from ..store.backup import backup_to, manual_backup_path

        if repo.path is None:
            raise RuntimeError("this database has no file to copy")
        dest = backup_to(repo.path, manual_backup_path(repo.path))
        return ExchangeDone(f"Backed up to {dest}")

    return run
