"""One plan in full: its items in order and its warm-up, cool-down and notes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from ...domain.model import Exercise, Plan, PlanItem
from ...domain.supersets import labels as superset_labels
from ...domain.plan_input import item_alternatives
from ...domain.timer import format_clock
from .plan_fit import clip, fit_widths
from .table import Table

COLUMNS = ("#", "Exercise", "Target", "Rest", "Alternatives")


def _alternatives(item: PlanItem, ex: Exercise | None, names: Mapping[int, str]) -> str:
    """The item's own alternatives; the catalogue's (which the item does not store) in
    parentheses; "-" for none."""
    text, from_catalogue = item_alternatives(item.alternative_ids, ex.alternative_ids if ex else (), names)
    return f"({text})" if from_catalogue else text or "-"


CATALOGUE_NOTE = "(…): the catalogue's alternatives; enter sets the plan's own"


class PlanDetail(Vertical):
    """Shows a plan: each lift's letter as a session shows it (A, B1, B2, C: a superset's
    lifts share a letter), exercise, sets x reps @ RPE,
    rest and alternatives; then its warm-up, cool-down and notes, the items' notes last."""

    def compose(self) -> ComposeResult:
        yield Table(id="plan-items", cursor_type="row", zebra_stripes=True)
        yield Static(id="plan-text")

    plan_id: int | None = None
    rows: Sequence[tuple[str, ...]] = ()
    fitted_to = -1

    def on_resize(self) -> None:
        if self.content_region.width != self.fitted_to:
            self._fill(self.query_one("#plan-items", DataTable).cursor_row)

    def _fill(self, cursor: int) -> None:
        """The rows in columns that fit the width: the number, target and rest are never
        cut; the alternatives give way first (cut after a word with "…"), then the name."""
        table = self.query_one("#plan-items", DataTable)
        width = self.fitted_to = self.content_region.width
        natural = [max([len(h), *(len(r[i]) for r in self.rows)]) for i, h in enumerate(COLUMNS)]
        room = width - 2 * table.cell_padding * len(COLUMNS)
        most = table.styles.max_height
        if most is not None and most.is_cells and len(self.rows) + 1 > most.value:
            room -= table.styles.scrollbar_size_vertical
        widths = fit_widths(natural, room, [(4, 5), (1, 10)]) if width else natural
        table.clear(columns=True)
        for label, w in zip(COLUMNS, widths):
            table.add_column(clip(label, w), width=w)
        for n, row in enumerate(self.rows, 1):
            table.add_row(*(Text(clip(cell, w), no_wrap=True, end="") for cell, w in zip(row, widths)), key=str(n))
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1), animate=False)

    def show(self, plan: Plan | None, exercises: Mapping[int, Exercise]) -> None:
        table = self.query_one("#plan-items", DataTable)
        # the same plan again (after an edit): keep the cursor where it was
        keep = table.cursor_row if plan is not None and plan.id == self.plan_id else 0
        self.plan_id = plan.id if plan is not None else None
        text = self.query_one("#plan-text", Static)
        if plan is None:
            self.rows = []
            self._fill(0)
            self.border_title = "Plan"
            text.update("No plan yet: press n to add one")
            return
        self.border_title = plan.name
        self.border_subtitle = "enter: edit · a add · del remove · shift+↑↓ move · p plan · esc back"
        names = {e.id: e.name for e in exercises.values()}
        letters = superset_labels(range(len(plan.items)), {i: it.pairing for i, it in enumerate(plan.items)})
        rows = []
        for n, it in enumerate(plan.items):
            ex = exercises.get(it.exercise_id)
            rest = it.rest_s if it.rest_s is not None else (ex.rest_s if ex else None)
            rows.append((
                letters[n],
                it.exercise_name,
                it.target_text + (f" · {it.progression}" if it.progression else ""),
                format_clock(rest) if rest else "-",
                _alternatives(it, ex, names),
            ))
        self.rows = rows
        self._fill(keep)
        def block(label: str, minutes: int | None) -> str:
            return f"{label} ({minutes} min)" if minutes else label

        parts = [
            (label, value or "-")
            for label, value in (
                (block("Warm-up", plan.warmup_min), plan.warmup),
                (block("Cool-down", plan.cooldown_min), plan.cooldown),
                ("Notes", plan.notes),
            )
            if value or (label != "Notes" and "min" in label)
        ]
        if plan.time_budget_min:
            parts.append(("Time budget", f"{plan.time_budget_min} min"))
        parts += [(f"{letters[n]}. {it.exercise_name}", it.notes) for n, it in enumerate(plan.items) if it.notes]
        content = (
            Content("\n").join(Content.from_markup("[b]$label[/b]  $value", label=l, value=v) for l, v in parts)
            if parts
            else Content("No warm-up or cool-down written: p to write them")
        )
        if any(row[-1].startswith("(") for row in rows):
            content = Content("\n").join([content, Content(CATALOGUE_NOTE)])
        text.update(content)
