"""Small views of the Session screen: the exercise list with progress, the current exercise
with its target and last time, and today's sets."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ...domain.e1rm import e1rm
from ...domain.loads import effective_load
from ...domain.model import (
    Exercise,
    LoadKind,
    SessionItem,
    SessionState,
    SetEntry,
    SetType,
    Unit,
)
from ...domain.timer import format_clock
from ...domain.units import format_e1rm, format_weight, plural

TYPE_STYLE = {SetType.WARMUP: "yellow", SetType.WORKING: "", SetType.DROP: "magenta", SetType.FAILURE: "red"}


def set_text(s: SetEntry, unit: Unit) -> str:
    """`100 kg x 5 @8`, `W 60 kg x 5`."""
    out = f"{format_weight(s.weight_kg, unit)} x {s.reps}"
    if s.rpe is not None:
        out += f" @{s.rpe:g}"
    elif s.rir is not None:
        out += f" {s.rir:g}RIR"
    return (f"{s.set_type.short} " if s.set_type.short else "") + out


class ExerciseList(Static):
    """The session's exercises, with done/planned working sets; the current one marked."""

    def show(self, state: SessionState, current: int | None, done_of: Callable[[SessionItem], int] | None = None,
             labels: Mapping[int, str] | None = None) -> None:
        """`labels`: item id -> its letter, a superset's lifts numbered (A, B1, B2, C)."""
        text = Text()
        for i, item in enumerate(state.items):
            done = done_of(item) if done_of else sum(1 for s in state.sets_for_item(item.id) if s.is_working)
            mark = "▶ " if item.id == current else "  "
            style = "bold reverse" if item.id == current else ("green" if done >= item.sets_planned else "")
            letter = (labels or {}).get(item.id) or (chr(ord("A") + i) if i < 26 else "·")
            width = 21 - len(letter)  # a superset's A1 takes one place from the name
            name = item.exercise_name if len(item.exercise_name) <= width else item.exercise_name[: width - 1] + "…"
            text.append(f"{mark}{letter} {name:<{width}} {done}/{item.sets_planned}", style=style)
            if done >= item.sets_planned:
                text.append(" ✓", style="green")
            text.append("\n")
        if not state.items:
            text.append("No exercises yet: press a to add one", style="dim")
        self.update(text)


class CurrentExercise(Static):
    """Target, rest, last time and the prefill's reason for the current exercise."""

    def show(
        self,
        item: SessionItem | None,
        exercise: Exercise | None,
        last: Sequence[SetEntry],
        reason: str,
        unit: Unit,
        warmups: Sequence[tuple[str, str, str]] = (),
        *,
        compact: bool = False,
        target: str = "",
        rest: str | None = None,
    ) -> None:
        """`target`: the target as the plan says it (`3-4 x 5-8 @ RPE 8`); else the item's.
        `rest`: the rest as the session runs it (`rest 2:30 after the round` in a superset);
        else the lift's own."""
        if item is None or exercise is None:
            self.update(Text("No exercise selected", style="dim"))
            return
        if rest is None:
            rest = f"rest {format_clock(item.rest_s if item.rest_s is not None else exercise.rest_s)}"
        text = Text()
        text.append(exercise.name, style="bold")
        text.append(f"   {exercise.kind.value} · {exercise.spinal_load.value} spinal load\n", style="dim")
        text.append("Target  ", style="bold")
        text.append(f"{target or item.target_text}" + (f" · {rest}" if rest else "") + "\n")
        text.append("Plan    ", style="bold")
        text.append(reason + "\n", style="italic")
        if exercise.notes:  # the lifter's standing note on the lift (E edits it)
            text.append("Note    ", style="bold cyan")
            text.append(exercise.notes + "\n", style="cyan")
        if warmups and compact:
            # one line on a short terminal: ✓ done, ▸ next, · to come
            text.append("Warm-up ", style="bold yellow")
            for mark, load, _ in warmups:
                style = "dim" if mark == "✓" else "bold yellow" if mark == "▸" else ""
                text.append(f"{mark}{load.replace(' x ', 'x').replace(' kg', '').replace(' lb', '')} ", style=style)
            text.append(" w: off", style="dim")
        elif warmups:
            text.append("Warm-up ", style="bold yellow")
            text.append("w turns warm-ups off for this lift\n", style="dim")
            for mark, load, plates in warmups:
                style = "dim" if mark == "✓" else "bold yellow" if mark == "▸" else ""
                text.append(f"  {mark} {load:<16} {plates}\n", style=style)
        self.update(text)


class SetTable(Static):
    """A compact list of sets (today's, or last time's): number or type marker, load x reps,
    effort and e1RM; warm-ups in yellow, drops and failures marked."""

    def show(self, sets: Sequence[SetEntry], unit: Unit, empty: str = "", *,
             kind: LoadKind = LoadKind.WEIGHTED, body_kg: float | None = None,
             label_of: Callable[[SetEntry], str] | None = None, fold_warmups: bool = False,
             title_of: Callable[[SetEntry], str] | None = None,
             kind_of: Callable[[SetEntry], LoadKind | None] | None = None) -> None:
        """`label_of`: a superset's sets are marked with their lift's label (A1, A2) instead
        of a number. `fold_warmups`: the warm-ups are one line under the working sets
        (`+4 warm-ups`), so that on 24 rows the sets the lifter compares against are shown.
        `title_of`: a set's group title (`Pull-up, swapped out`): a line with the title goes
        above each group, whose sets are numbered from 1. `kind_of`: a set's own load kind
        (else `kind`)."""
        if not sets:
            self.update(Text(empty, style="dim"))
            return
        base_kind = kind
        warmups = [s for s in sets if s.set_type is SetType.WARMUP] if fold_warmups else []
        folded = len(warmups)
        # a folded warm-up's note still shows, on the warm-ups' line ('knee tight on the 60')
        folded_notes = " · ".join(s.notes for s in warmups if s.notes)
        if folded:
            sets = [s for s in sets if s.set_type is not SetType.WARMUP]
            if not sets:
                self.update(_noted(Text(f"{plural(folded, 'warm-up')}, no working set", style="dim"), folded_notes))
                return
        rows: list[tuple[list[Text | str], str, str]] = []  # a row's cells, the set's note, a title above it
        n = 0
        title = ""
        for s in sets:
            above = ""
            if title_of is not None and (now := title_of(s)) != title:
                title = above = now
                n = 0
            kind = (kind_of(s) if kind_of is not None else None) or base_kind
            if s.is_working:
                n += 1
            load = effective_load(kind, s.weight_kg, body_kg)
            est = e1rm(load, s.reps, s.effective_rpe) if s.is_working and load and kind not in (LoadKind.TIMED, LoadKind.DISTANCE) else None
            effort = f"@{s.rpe:g}" if s.rpe is not None else (f"{s.rir:g} RIR" if s.rir is not None else "")
            mark = {SetType.WARMUP: "W", SetType.DROP: f"{n}D", SetType.FAILURE: f"{n}F"}.get(s.set_type, str(n))
            label = label_of(s) if label_of is not None and s.is_working else ""
            if label:
                mark = label + {SetType.DROP: "D", SetType.FAILURE: "F"}.get(s.set_type, "")
            style = TYPE_STYLE[s.set_type]
            cells: list[Text | str] = [
                Text(mark, style=style),
                Text(_set_text(s, unit, kind), style=style),
                effort,
                format_e1rm(est, unit, with_unit=False) if est else "",
            ]
            rows.append((cells, s.notes, above))
        parts: list[RenderableType] = _rows_with_notes(rows, unit)
        if folded:
            parts.append(_noted(Text(f"   +{plural(folded, 'warm-up')}", style="dim yellow"), folded_notes))
        self.update(Group(*parts) if len(parts) > 1 else parts[0])


def _noted(line: Text, notes: str) -> Text:
    """`line`, then `  ↳ notes` when there are any (the folded warm-ups' notes)."""
    if notes:
        line.append_text(Text.assemble(("  ↳ ", "dim"), (notes, "italic")))
    return line


_MIN_WIDTHS = (2, 9, 6, 5)


def _headers(unit: Unit) -> tuple[str, ...]:
    return ("#", f"set ({unit.value})", "effort", "e1RM")


def _table(unit: Unit, widths: Sequence[int] | None = None, *, header: bool = True) -> Table:
    """The sets' table: # (number or type mark), set, effort, e1RM. `widths`: fixed column
    widths, so that tables cut apart by notes line up as one."""
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold dim", expand=False, show_header=header)
    for i, (name, least) in enumerate(zip(_headers(unit), _MIN_WIDTHS)):
        width = widths[i] if widths is not None else None
        table.add_column(name, justify="right" if i in (0, 3) else "left", no_wrap=True, min_width=least, width=width)
    return table


def _rows_with_notes(rows: Sequence[tuple[list[Text | str], str, str]], unit: Unit) -> list[RenderableType]:
    """The table, each set's note in full right under its own row (`↳ forgot RPE`, indented
    to the set column): a column would cut a note to a few characters, and notes gathered
    under the table read as the last set's. A row's title (`Pull-up, swapped out`) goes on
    its own line above it."""
    if not any(note or title for _, note, title in rows):
        table = _table(unit)
        for cells, _, _ in rows:
            table.add_row(*cells)
        return [table]
    widths = [max([least, cell_len(name)] + [cell_len(str(cells[i])) for cells, _, _ in rows])
              for i, (name, least) in enumerate(zip(_headers(unit), _MIN_WIDTHS))]
    out: list[RenderableType] = []
    table = _table(unit, widths)
    headed = False  # the column headers are out (they stay above the first title)
    for cells, note, title in rows:
        if title:
            if table.row_count or not headed:
                out.append(table)  # with no rows yet: the headers alone
            out.append(Text(title, style="bold dim", no_wrap=True, overflow="ellipsis"))
            table = _table(unit, widths, header=False)
            headed = True
        table.add_row(*cells)
        headed = True
        if note:
            out.append(table)
            out.append(Padding(Text.assemble(("↳ ", "dim"), (note, "italic")), (0, 0, 0, widths[0] + 3)))
            table = _table(unit, widths, header=False)
    if table.row_count:
        out.append(table)
    return out


def _set_text(s: SetEntry, unit: Unit, kind: LoadKind) -> str:
    """`100 x 5`, `BW+10 x 8`, `BW-25 x 8`, `45 s`, `40 m 0:45` (the unit is in the header)."""
    w = format_weight(s.weight_kg, unit, with_unit=False)
    if kind is LoadKind.BODYWEIGHT:
        return (f"BW+{w}" if s.weight_kg else "BW") + f" x {s.reps}"
    if kind is LoadKind.ASSISTED:
        return f"BW-{w} x {s.reps}"
    if s.distance_m is not None:
        return f"{s.distance_m:g} m" + (f" {format_clock(s.duration_s)}" if s.duration_s else "") + (f" +{w}" if s.weight_kg else "")
    if s.duration_s is not None:
        return f"{s.duration_s} s" + (f" +{w}" if s.weight_kg else "")
    return f"{w} x {s.reps}"


class SessionInfo(Static):
    """Readiness, session notes and the plan's cool-down, under the exercise list."""

    def show(self, state: SessionState, cooldown: str) -> None:
        text = Text()
        ready = state.readiness.describe(" · ")
        text.append("Readiness\n", style="bold")
        text.append((ready or "not checked in") + "\n\n", style="" if ready else "dim")
        text.append("Notes", style="bold")
        text.append("  N to edit\n", style="dim")
        text.append((state.notes or "none") + "\n\n", style="" if state.notes else "dim")
        if cooldown:
            text.append("Cool-down\n", style="bold")  # Text.append is literal: safe for user text
            text.append(cooldown, style="italic")
        self.update(text)
