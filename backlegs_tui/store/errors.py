"""One sentence for a failed database call: the only place that turns a database error into
words for the lifter (the UI's job runner, the CLI and the import dialog all use it)."""

from __future__ import annotations


def describe_error(error: BaseException) -> str:
    """One plain line for a failed database call (no SQL dump, no traceback)."""
    orig = getattr(error, "orig", None)
    source = orig if orig is not None else error
    raw = str(source)
    text = raw.splitlines()[0] if raw.strip() else type(source).__name__
    low = raw.lower()
    server = _server_problem(low)
    if server is not None:
        return server
    text = _mask(text)
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
    if "no such column" in low or "no such table" in low or "has no column" in low:
        return (f"the database's tables do not match its recorded version ({text}); "
                "restore a backup (backlegs restore) or export it from the version that made it")
    return text


def _mask(text: str) -> str:
    from .schema import mask_url

    return mask_url(text)


# PostgreSQL (psycopg) wording -> one line; passwords never reach the lifter's screen
_LOST = ("server closed the connection", "terminating connection", "connection is closed",
         "connection is lost", "connection lost", "ssl syscall", "connection reset", "broken pipe",
         "the connection is bad", "consuming input failed")
_NO_CONNECT = ("could not connect", "connection refused", "connection failed", "could not translate host",
               "name or service not known", "timeout expired", "no route to host",
               "is the server running")


def _server_problem(low: str) -> str | None:
    if any(word in low for word in _LOST):
        return "lost the connection to the database server"
    if "password authentication failed" in low or "no password supplied" in low:
        return "the database server refused the user name or password"
    if "does not exist" in low and "database" in low and "relation" not in low:
        return "the database server has no such database (create it first: createdb NAME)"
    if any(word in low for word in _NO_CONNECT):
        return "cannot connect to the database server (is it running, and is the URL right?)"
    if "deadlock detected" in low or "could not serialize" in low:
        return "another client changed the same rows at the same moment; try again"
    return None
