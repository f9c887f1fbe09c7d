"""Text from files and databases made safe to show in a terminal or to write out.

An exercise name, a note or a path read from an imported file or from the database may hold
terminal control sequences (ESC [ ... , OSC ... BEL, C1 controls such as CSI 0x9b): echoed
raw they can retitle the window, move the cursor, hide text or worse. `printable` turns
every such character into visible backslash notation (`\\x1b`), so the text still says what
it holds and a terminal only prints it.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls; the bidirectional overrides and isolates (which reorder what
# the terminal shows: "Trojan source"); lone surrogates (not text at all). One line also
# escapes the Unicode line and paragraph separators (U+2028, U+2029), which a terminal prints
# but Python's splitlines, editors and log readers take for line breaks.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_CONTROL_KEEP_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep_lines: bool = False) -> str:
    """`text` with every control character shown as `\\xNN` / `\\uNNNN`.

    With `keep_lines`, line breaks (LF, CR) and tabs are kept (notes in a CSV cell; the file's quoting
    holds them); otherwise the result is one line."""
    pattern = _CONTROL_KEEP_LINES if keep_lines else _CONTROL
    return pattern.sub(_escape, text) if pattern.search(text) else text


def has_control(text: str, *, allow_lines: bool = False) -> bool:
    """True when `text` holds a character `printable` would escape."""
    return (_CONTROL_KEEP_LINES if allow_lines else _CONTROL).search(text) is not None
