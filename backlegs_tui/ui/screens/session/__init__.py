"""Session mode, split by what the lifter sees: the start panel (`start_panel`), the live
panel (`live_panel`), set edits (`set_edits`) and finishing (`finish`); `screen` ties them
to the headless `services.live_session.LiveSession` and the app's job runner."""

from .screen import SessionScreen

__all__ = ["SessionScreen"]
