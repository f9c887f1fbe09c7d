"""Fitting Plan mode's text to the room there is: a text cut at a word with "…", column
widths shrunk in an order (what must never be cut is never in that order), and the longest
of a few titles that fits a border."""

from __future__ import annotations

from collections.abc import Sequence


def clip(text: str, width: int) -> str:
    """`text` in at most `width` cells: whole, or cut after a word with "…" (mid-word only
    when the first word alone is too long)."""
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:max(width, 0)]
    cut = text[: width - 1]
    if text[width - 1] not in " ,":  # the cut falls in a word: back to the word's start
        space = max(cut.rfind(" "), cut.rfind(","))
        if space > 0:
            cut = cut[:space]
    return cut.rstrip(" ,-·&/") + "…"


def fit_widths(natural: Sequence[int], room: int, shrink: Sequence[tuple[int, int]]) -> list[int]:
    """Column widths summing to at most `room` where possible: each column at its
    `natural` width, then the columns in `shrink` ((index, least width), first shrunk
    first) narrowed one after the other until the total fits."""
    widths = list(natural)
    for index, least in shrink:
        over = sum(widths) - room
        if over <= 0:
            break
        widths[index] = max(least, widths[index] - over)
    return widths


def first_fitting(variants: Sequence[str], width: int) -> str:
    """The first (longest, most helpful) of `variants` that fits `width`; else the last cut."""
    for text in variants:
        if len(text) <= width:
            return text
    return clip(variants[-1], width) if variants else ""
