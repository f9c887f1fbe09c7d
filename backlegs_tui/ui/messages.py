"""Messages the app and its jobs post to more than one screen."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ..domain.model import Settings


@dataclass
class StoreReady(Message):
    """Posted when the database is open and migrated (or changed under the screen, by an
    import or new settings): screens load their data."""


@dataclass
class SettingsSaved(Message):
    """Posted when the settings job has written `settings` to the database; `note`, when
    given, is the line that says what changed (else the app names the unit and bar)."""

    settings: Settings
    note: str = ""
