"""Building a plan from Plan mode: a new plan (empty or a copy), add an exercise with its
targets, move or remove one, delete the plan. Each asks in a dialog, then hands its change
to the screen's `change()`, which runs it as a job and shows the result."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import DataTable

from ...domain.model import Exercise, PlanItem
from ...domain.plan_input import parse_plan_name, parse_reps, parse_sets, parse_target_rpe
from ..dialogs import ConfirmDialog, FieldSpec, FormDialog, PickerDialog

if TYPE_CHECKING:
    from .plan import PlanScreen


class PlanBuilding:
    """The plan-building actions of PlanScreen (mixed into it)."""

    def action_new_plan(self: PlanScreen) -> None:
        if self.view is None:
            return
        plans = self.view.plans
        choices: list[tuple[str, int | str]] = [("Empty plan", "empty")]
        choices += [(f"Copy of {p.name}", p.id) for p in plans]
        taken = [p.name for p in plans]

        def named(copy_from: int | None, values: dict[str, Any] | None) -> None:
            if values:
                self.change("create the plan", lambda repo: repo.new_plan(values["name"], copy_from).id)

        def picked(choice: int | str | None) -> None:
            if choice is None:  # cancelled
                return
            copy_from = choice if isinstance(choice, int) else None
            source = next((p.name for p in plans if p.id == copy_from), None)
            form = FormDialog(
                "Name the new plan",
                [FieldSpec("name", "Name", f"{source} (copy)" if source else "",
                           parse=lambda text: parse_plan_name(text, taken))],
                hint="Enter: create   Esc: cancel",
            )
            self.app.push_screen(form, lambda values: named(copy_from, values))

        self.app.push_screen(PickerDialog("Start from", choices, search=False), picked)

    def action_add_item(self: PlanScreen) -> None:
        if self.view is None or self.selected is None:
            return
        plan_id = self.selected
        exercises = sorted(self.view.exercises.values(), key=lambda e: e.name)

        def targets(ex: Exercise | None) -> None:
            if ex is None:
                return
            form = FormDialog(
                f"Add {ex.name}",
                [
                    FieldSpec("sets", "Sets (3 or 3-4)", "3", parse=parse_sets),
                    FieldSpec("reps", "Reps (8 or 8-12)", "8-12", parse=parse_reps),
                    FieldSpec("rpe", "Target RPE (blank: none)", "8", parse=parse_target_rpe),
                ],
                hint="Enter: next / add   Esc: cancel",
            )

            def add(values: dict[str, Any] | None) -> None:
                if values:
                    self.change(f"add {ex.name}", lambda repo: repo.add_plan_item(
                        plan_id, ex.id, values["sets"], values["reps"], values["rpe"]).id)

            self.app.push_screen(form, add)

        choices = [(f"{e.name}  ·  {e.kind.value}, {e.spinal_load.value} spinal", e) for e in exercises]
        self.app.push_screen(PickerDialog("Add which exercise?", choices), targets)

    def current_item(self: PlanScreen) -> PlanItem | None:
        plan = self.view.plan if self.view else None
        table = self.query_one("#plan-items", DataTable)
        if plan is None or not plan.items or not table.row_count:
            return None
        return plan.items[min(table.cursor_row, len(plan.items) - 1)]

    def action_remove_item(self: PlanScreen) -> None:
        item = self.current_item()
        if item is None or item.id is None:
            return
        item_id = item.id

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.change(f"remove {item.exercise_name}", lambda repo: repo.remove_plan_item(item_id))

        self.app.push_screen(ConfirmDialog(f"Remove {item.exercise_name} from this plan?"), confirmed)

    def action_move_item(self: PlanScreen, step: int) -> None:
        item = self.current_item()
        if item is None or item.id is None:
            return
        item_id = item.id
        table = self.query_one("#plan-items", DataTable)
        table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))
        self.change(f"move {item.exercise_name}", lambda repo: repo.move_plan_item(item_id, step))

    def action_delete_plan(self: PlanScreen) -> None:
        plan = self.view.plan if self.view else None
        if plan is None:
            return
        plan_id = plan.id

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.selected = None
                self.change("delete the plan", lambda repo: repo.delete_plan(plan_id))

        detail = "Its days on the schedule are cleared; past sessions keep their sets."
        self.app.push_screen(ConfirmDialog(f"Delete the plan {plan.name!r}?", detail), confirmed)
