"""What the lifter sees: the app's screen as plain text, read from its screenshot, so tests
check visible text and not a screen's attributes."""

from __future__ import annotations

import html
import re
from collections import defaultdict

from textual.app import App

_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)" clip-path="url\(#[\w-]+-line-(\d+)\)">(.*?)</text>'
)


def screen_text(app: App) -> str:
    """Every line of the screen as it is drawn now (borders included), each character in
    its column (blank cells are spaces)."""
    runs = []
    cell = 0.0
    for m in _TEXT.finditer(app.export_screenshot()):
        text = html.unescape(m[4]).replace("\xa0", " ")
        if text and not cell:
            cell = float(m[2]) / len(text)
        runs.append((int(m[3]), float(m[1]), text))
    lines: dict[int, dict[int, str]] = defaultdict(dict)
    for line, x, text in runs:
        start = round(x / cell) if cell else 0
        for i, ch in enumerate(text):
            lines[line][start + i] = ch
    out = []
    for n in sorted(lines):
        cols = lines[n]
        out.append("".join(cols.get(c, " ") for c in range(max(cols) + 1)).rstrip())
    return "\n".join(out)


def shows(app: App, *texts: str) -> bool:
    """True when every one of `texts` is on the screen now."""
    screen = screen_text(app)
    return all(t in screen for t in texts)


def notes_of(app: App) -> list[str]:
    """The notifications the app shows from now on, as text."""
    seen: list[str] = []
    show = app.notify

    def notify(message, **kw):  # noqa: ANN001, ANN202
        seen.append(str(message))
        return show(message, **kw)

    app.notify = notify  # type: ignore[method-assign]
    return seen
