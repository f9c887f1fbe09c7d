"""Copies of the database file through SQLite's online backup API (safe with WAL and with
another connection open)."""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote

BACKUP_FOLDER = "backups"


def backup_to(db_path: Path, dest: Path) -> Path:
    """Copy the database at `db_path` to `dest` (a consistent snapshot).

    The copy is written beside `dest` and renamed into place, so `dest` is never half a file.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.part")
    src = sqlite3.connect(f"file:{quote(str(db_path))}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
        finally:
            out.close()
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return dest


def rotate(folder: Path, pattern: str, keep: int) -> list[Path]:
    """Delete all but the `keep` newest files matching `pattern`; return those deleted."""
    files = sorted(folder.glob(pattern), key=lambda p: p.name, reverse=True)
    doomed = files[keep:]
    for f in doomed:
        f.unlink(missing_ok=True)
    return doomed


def pre_migration_backup(db_path: Path, revision: str | None, keep: int = 3) -> Path:
    """Back up the file next to itself before a migration; keep the newest `keep`."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = db_path.with_name(f"{db_path.name}.pre-{revision or 'empty'}-{stamp}.bak")
    backup_to(db_path, dest)
    rotate(db_path.parent, f"{db_path.name}.pre-*.bak", keep)
    return dest


def manual_backup_path(db_path: Path, now: datetime | None = None) -> Path:
    """Where `backlegs backup` writes by default: backups/<name>-<YYYYmmdd-HHMMSS>.db."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return db_path.parent / BACKUP_FOLDER / f"{db_path.stem}-{stamp}.db"


def daily_backup(db_path: Path, keep: int = 7, today: date | None = None) -> Path | None:
    """At most one backup a day in backups/<name>-daily-<YYYY-mm-dd>.db, the newest `keep`
    kept. Returns the new file, or None when today's exists or the copy failed (a backup
    must never stop the app from starting)."""
    folder = db_path.parent / BACKUP_FOLDER
    dest = folder / f"{db_path.stem}-daily-{(today or date.today()).isoformat()}.db"
    if dest.exists():
        return None
    try:
        backup_to(db_path, dest)
        rotate(folder, f"{db_path.stem}-daily-*.db", keep)
    except (OSError, sqlite3.Error):
        return None
    return dest
