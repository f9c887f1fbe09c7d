"""The live session's one-line header: the plan's name, (deload), where the lifter is
(`lift 2/6 (A2)`), the elapsed time, the working sets so far and the start time, fitted to
its width. At 80 columns the whole line did not fit and the terminal cut it mid-word
(`0 working`, the start time gone); now what matters least gives way first, never a number
or a word in half: the gaps narrow, the plan's name is shortened with `…` (the lifter picked
it; its start is enough to know it), then the start time goes (the elapsed time says as
much), then the name shortens further; a piece that still does not fit goes whole."""

from __future__ import annotations

from rich.text import Text

from ...domain.units import plural

NAME_MIN = 12  # the plan's name is cut to no fewer characters (with its "…") before the start time goes


def _cut(name: str, room: int) -> str:
    """`name` in at most `room` characters, ending with "…" when cut: at a word's end where
    one is there (`Back & Legs…`, not `Back & Legs - artic…`), no dangling ` -` or `&`."""
    if len(name) <= room:
        return name
    if room <= 1:
        return "…"
    head = name[: room - 1]
    if name[room - 1] != " " and " " in head:
        head = head[: head.rindex(" ")]
    return head.rstrip(" -–&,:/") + "…"


def session_header(
    name: str,
    *,
    deload: bool,
    where: str,
    elapsed: str,
    working_sets: int,
    started: str,
    width: int | None,
) -> Text:
    """The header for a line of `width` cells (None: not laid out yet, the whole line).
    `where` is `lift 2/6` or `lift 2/6 (A2)` or ""; `elapsed` and `started` are as shown."""
    pieces: list[tuple[str, str]] = []  # (plain text, the part of it shown bold)
    if deload:
        pieces.append(("(deload)", ""))
    if where:
        pieces.append((where, ""))
    pieces.append((f"elapsed {elapsed}", elapsed))
    pieces.append((plural(working_sets, "working set"), ""))
    start = (f"started {started}", "")
    if width is None:
        return _assemble(name, [*pieces, start], "   ")
    for sep, rest, name_min in (
        ("   ", [*pieces, start], len(name)),
        ("  ", [*pieces, start], len(name)),
        ("  ", [*pieces, start], min(len(name), NAME_MIN)),
        ("  ", pieces, len(name)),
        ("  ", pieces, min(len(name), NAME_MIN)),
        ("  ", pieces, 1),
    ):
        room = width - sum(len(sep) + len(p) for p, _ in rest)
        if room >= name_min:
            return _assemble(_cut(name, room), rest, sep)
    # a very narrow line: the name's "…", then the pieces that fit whole, from the last (the
    # sets, the elapsed time, where the lifter is, then (deload)); shown in their order
    kept: set[int] = set()
    used = 1
    for i in reversed(range(len(pieces))):
        if used + 2 + len(pieces[i][0]) <= width:
            kept.add(i)
            used += 2 + len(pieces[i][0])
    return _assemble("…", [p for i, p in enumerate(pieces) if i in kept], "  ")


def _assemble(name: str, pieces: list[tuple[str, str]], sep: str) -> Text:
    text = Text(no_wrap=True, overflow="crop")
    text.append(name, style="bold")
    for plain, bold in pieces:
        text.append(sep)
        if bold and plain.endswith(bold):
            text.append(plain[: len(plain) - len(bold)])
            text.append(bold, style="bold")
        else:
            text.append(plain)
    return text
