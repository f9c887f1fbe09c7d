"""Messages the app and its workers post."""

from __future__ import annotations

from textual.message import Message


class StoreReady(Message):
    """The database is open and migrated; screens may load their data."""
