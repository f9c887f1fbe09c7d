"""backlegs: a keyboard-driven terminal workout logger for back-and-legs training."""

__version__ = "0.1.0"
