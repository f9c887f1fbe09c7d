"""Writes for building plans in Plan mode, mixed into Repository: a new plan (empty or a
copy), items added, removed and moved, a plan deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from .models import ExerciseRow, PlanItemRow, PlanRow
from .schema import StoreError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

    from ..domain.model import Plan


class PlanEdits:
    """Plan building: every method commits before it returns."""

    if TYPE_CHECKING:

        def _uow(self) -> OrmSession: ...
        def plan(self, plan_id: int) -> Plan: ...

    def new_plan(self, name: str, copy_from: int | None = None) -> Plan:
        """A plan called `name`: empty, or with the items, warm-up, cool-down and notes of
        plan `copy_from`."""
        name = " ".join(name.split())
        if not name:
            raise StoreError("a plan needs a name")
        try:
            with self._uow() as s, s.begin():
                if s.scalar(select(PlanRow.id).where(PlanRow.name.ilike(name))) is not None:
                    raise StoreError(f"there is already a plan called {name!r}")
                row = PlanRow(name=name)
                if copy_from is not None:
                    src = s.scalar(
                        select(PlanRow).where(PlanRow.id == copy_from).options(selectinload(PlanRow.items))
                    )
                    if src is None:
                        raise StoreError(f"no plan with id {copy_from}")
                    row.warmup, row.cooldown, row.notes = src.warmup, src.cooldown, src.notes
                    for it in src.items:
                        row.items.append(
                            PlanItemRow(
                                position=it.position, exercise_id=it.exercise_id, sets_min=it.sets_min,
                                sets_max=it.sets_max, reps_min=it.reps_min, reps_max=it.reps_max,
                                target_rpe=it.target_rpe, target_rir=it.target_rir, rest_s=it.rest_s,
                                alternative_ids=list(it.alternative_ids or ()), pairing_group=it.pairing_group,
                                notes=it.notes,
                            )
                        )
                s.add(row)
                s.flush()
                plan_id = row.id
        except IntegrityError:
            raise StoreError(f"there is already a plan called {name!r}") from None
        return self.plan(plan_id)

    def add_plan_item(
        self, plan_id: int, exercise_id: int, sets: tuple[int, int], reps: tuple[int, int],
        target_rpe: float | None = None,
    ) -> Plan:
        """Append an exercise to the end of a plan."""
        with self._uow() as s, s.begin():
            if s.get(PlanRow, plan_id) is None or s.get(ExerciseRow, exercise_id) is None:
                raise StoreError("that plan or exercise is gone")
            last = s.scalar(select(PlanItemRow.position).where(PlanItemRow.plan_id == plan_id)
                            .order_by(PlanItemRow.position.desc()).limit(1))
            s.add(
                PlanItemRow(
                    plan_id=plan_id, position=(last if last is not None else -1) + 1, exercise_id=exercise_id,
                    sets_min=sets[0], sets_max=sets[1], reps_min=reps[0], reps_max=reps[1],
                    target_rpe=target_rpe, alternative_ids=[],
                )
            )
        return self.plan(plan_id)

    def _items(self, s: OrmSession, item_id: int) -> list[PlanItemRow]:
        plan_id = s.scalar(select(PlanItemRow.plan_id).where(PlanItemRow.id == item_id))
        if plan_id is None:
            raise StoreError("that plan item is gone")
        return list(s.scalars(select(PlanItemRow).where(PlanItemRow.plan_id == plan_id).order_by(PlanItemRow.position)))

    def remove_plan_item(self, item_id: int) -> None:
        """Take an item out of its plan; the others close the gap."""
        with self._uow() as s, s.begin():
            items = [it for it in self._items(s, item_id) if it.id != item_id]
            s.execute(delete(PlanItemRow).where(PlanItemRow.id == item_id))
            for pos, it in enumerate(items):
                it.position = pos

    def move_plan_item(self, item_id: int, step: int) -> None:
        """Move an item `step` places (negative: earlier); stops at either end."""
        with self._uow() as s, s.begin():
            items = self._items(s, item_id)
            i = next(k for k, it in enumerate(items) if it.id == item_id)
            j = max(0, min(len(items) - 1, i + step))
            items.insert(j, items.pop(i))
            for pos, it in enumerate(items):
                it.position = pos

    def delete_plan(self, plan_id: int) -> None:
        """Delete a plan, its items and its days on the schedule; past sessions keep theirs."""
        with self._uow() as s, s.begin():
            s.execute(delete(PlanRow).where(PlanRow.id == plan_id))
