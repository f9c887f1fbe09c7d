"""One sentence for a failed database call: the only place that turns a database error into
words for the lifter (the UI's job runner, the CLI and the import dialog all use it)."""

from __future__ import annotations


def describe_error(error: BaseException) -> str:
    """One plain line for a failed database call (no SQL dump, no traceback)."""
    orig = getattr(error, "orig", None)
    source = orig if orig is not None else error
    raw = str(source)
    text = raw.splitlines()[0] if raw.strip() else type(source).__name__
    low = text.lower()
    if "locked" in low or "busy" in low:
        return "the database is locked by another program"
    if "readonly" in low or "read-only" in low or "query_only" in low:
        return "the database is read-only"
    if ("disk" in low and "full" in low) or "no space" in low:
        return "the disk is full"
    if "malformed" in low or "not a database" in low:
        return "the database file is damaged"
    if "disk i/o" in low:
        return "the disk could not be read or written"
    return text
