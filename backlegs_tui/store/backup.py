"""Copies of the database file through SQLite's online backup API (safe with WAL and with
another connection open)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path


def backup_to(db_path: Path, dest: Path) -> Path:
    """Copy the database at `db_path` to `dest` (a consistent snapshot)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(dest)
        try:
            src.backup(out)
        finally:
            out.close()
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
