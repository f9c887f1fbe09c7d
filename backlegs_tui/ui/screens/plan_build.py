"""Building a plan from Plan mode: a new plan (empty or a copy), add an exercise with its
targets, move or remove one, delete the plan. Each asks in a dialog, then hands its change
to the screen's `change()`, which runs it as a job and shows the result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.widgets import DataTable

from ...domain.model import Exercise, PlanItem
from ...domain.plan_input import (
    format_effort,
    item_alternatives,
    parse_alternatives,
    parse_effort,
    parse_minutes,
    parse_note,
    parse_plan_name,
    parse_reps,
    parse_rest,
    parse_sets,
    parse_superset,
)
from ...domain.progression import PROGRESSION_HELP, parse_progression
from ...domain.timer import format_clock
from ..dialogs import ConfirmDialog, FieldSpec, FormDialog, PickerDialog

if TYPE_CHECKING:
    from .plan import PlanScreen


@dataclass
class ReadyPlansAdded(Message):
    """The names of the ready plans R added (none: every one was there already)."""

    names: list[str]


class PlanBuilding:
    """The plan-building actions of PlanScreen (mixed into it)."""

    def on_ready_plans_added(self: PlanScreen, message: ReadyPlansAdded) -> None:
        if message.names:
            self.notify("Added " + ", ".join(message.names), markup=False)
        else:
            self.notify("Every ready plan is here already (a plan of the same name is kept)", markup=False)

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
                [FieldSpec("name", "Name", f"{source} (copy)" if source else "", placeholder="e.g. Legs heavy",
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
                    # as the Edit form asks it: an RPE or reps in reserve
                    FieldSpec("effort", "Target (RPE 8 or 2 RIR)", "RPE 8", parse=parse_effort),
                ],
                hint="Enter: next / add   Esc: cancel",
            )

            def add(values: dict[str, Any] | None) -> None:
                if values:
                    rpe, rir = values["effort"]
                    self.change(f"add {ex.name}", lambda repo: repo.add_plan_item(
                        plan_id, ex.id, values["sets"], values["reps"], rpe, target_rir=rir).id)

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

    # ---- editing what is there (issue 10) -----------------------------------------------

    def action_edit_item(self: PlanScreen) -> None:
        """Every field of the item under the cursor, in one form."""
        item = self.current_item()
        if self.view is None or item is None or item.id is None:
            return
        item_id = item.id
        names = {e.name: e.id for e in self.view.exercises.values()}
        by_id = {e.id: e.name for e in self.view.exercises.values()}

        def span(lo: int, hi: int) -> str:
            return str(lo) if lo == hi else f"{lo}-{hi}"

        ex = self.view.exercises.get(item.exercise_id)
        own_rest = f", blank {format_clock(ex.rest_s)}" if ex is not None and ex.rest_s else ""
        # the field holds what the item stores; blank, the plan shows the catalogue's, named here
        own_alts = item_alternatives(item.alternative_ids, (), by_id)[0]
        catalogue_alts = item_alternatives((), ex.alternative_ids if ex else (), by_id)[0]
        alts_hint = f"catalogue's: {catalogue_alts}" if catalogue_alts else "blank: none"
        form = FormDialog(
            f"Edit {item.exercise_name}",
            [
                FieldSpec("sets", "Sets (3 or 3-4)", span(item.sets_min, item.sets_max), parse=parse_sets),
                FieldSpec("reps", "Reps (8 or 8-12)", span(item.reps_min, item.reps_max), parse=parse_reps),
                FieldSpec("effort", "Target (RPE 8 or 2 RIR)", format_effort(item.target_rpe, item.target_rir),
                          parse=parse_effort),
                FieldSpec("rest", f"Rest (m:ss{own_rest})", format_clock(item.rest_s) if item.rest_s else "",
                          parse=parse_rest),
                FieldSpec("alternatives", "Alternatives (a, b)", own_alts, placeholder=alts_hint,
                          parse=lambda t: parse_alternatives(t, names, item.exercise_id)),
                FieldSpec("superset", "Superset letter (A)", item.pairing or "", parse=parse_superset),
                FieldSpec("progression", "Progression", item.progression or "double",
                          placeholder=PROGRESSION_HELP, parse=lambda t: parse_progression(t).text),
                FieldSpec("notes", "Notes", item.notes, parse=parse_note),
            ],
            hint="Enter: next / save   ctrl+s: save   Esc: cancel",
        )

        def save(values: dict[str, Any] | None) -> None:
            if not values:
                return
            (smin, smax), (rmin, rmax) = values["sets"], values["reps"]
            rpe, rir = values["effort"]
            fields = dict(
                sets_min=smin, sets_max=smax, reps_min=rmin, reps_max=rmax, target_rpe=rpe, target_rir=rir,
                rest_s=values["rest"], alternative_ids=list(values["alternatives"]),
                pairing_group=values["superset"],
                progression=None if values["progression"] == "double" else values["progression"],
                notes=values["notes"],
            )
            self.change(f"change {item.exercise_name}", lambda repo: repo.update_plan_item(item_id, **fields))

        self.app.push_screen(form, save)

    def action_edit_plan(self: PlanScreen) -> None:
        """The plan's name, warm-up and cool-down (what and how long), time budget, notes."""
        plan = self.view.plan if self.view else None
        if self.view is None or plan is None:
            return
        plan_id = plan.id
        taken = [p.name for p in self.view.plans if p.id != plan_id]

        def mins(v: int | None) -> str:
            return str(v) if v else ""

        form = FormDialog(
            f"Plan {plan.name}",
            [
                FieldSpec("name", "Name", plan.name, parse=lambda t: parse_plan_name(t, taken)),
                FieldSpec("warmup", "Warm-up (items)", plan.warmup, placeholder="bike; leg swings; cat-cow",
                          parse=parse_note),
                FieldSpec("warmup_min", "Warm-up minutes", mins(plan.warmup_min),
                          parse=lambda t: parse_minutes(t, "Warm-up")),
                FieldSpec("cooldown", "Cool-down (items)", plan.cooldown, placeholder="hamstring stretch; lats",
                          parse=parse_note),
                FieldSpec("cooldown_min", "Cool-down minutes", mins(plan.cooldown_min),
                          parse=lambda t: parse_minutes(t, "Cool-down")),
                FieldSpec("time_budget_min", "Time budget (min)", mins(plan.time_budget_min),
                          parse=lambda t: parse_minutes(t, "Time budget")),
                FieldSpec("notes", "Notes", plan.notes, parse=parse_note),
            ],
            hint="Enter: next / save   ctrl+s: save   Esc: cancel",
        )

        def save(values: dict[str, Any] | None) -> None:
            if not values:
                return
            name = values.pop("name")

            def run(repo: Any) -> None:
                if name != plan.name:
                    repo.rename_plan(plan_id, name)
                repo.update_plan(plan_id, **values)

            self.change("change the plan", run)

        self.app.push_screen(form, save)

    def action_duplicate_plan(self: PlanScreen) -> None:
        """A copy of the plan under a free name ("Name (2)"), shown at once."""
        plan = self.view.plan if self.view else None
        if plan is None:
            return
        plan_id, name = plan.id, plan.name
        self.change("copy the plan", lambda repo: repo.new_plan(repo.free_plan_name(name), plan_id).id)

    def action_ready_plans(self: PlanScreen) -> None:
        """Add the article's ready plans (legs first, back first, alternating, the sample)
        that are not here yet by name."""

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            added: list[str] = []

            def add(repo: Any) -> None:
                added.extend(repo.add_ready_plans())

            self.change("add the ready plans", add)
            # jobs run in order: this one reads what the change added, and says so
            self.blapp.jobs.submit(self, "add the ready plans", lambda repo: list(added), ReadyPlansAdded)

        detail = "Legs first, back first, alternating and the article's sample; a plan of the same name is kept."
        self.app.push_screen(ConfirmDialog("Add the ready plans?", detail), confirmed)
