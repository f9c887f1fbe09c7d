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

    from ..domain.catalogue import PlanDraft
    from ..domain.model import Plan


def _lock_plan_row(s: OrmSession, plan_id: int) -> None:
    """On PostgreSQL, lock the plan's row first, so two clients adding or moving its items
    take their positions one after the other (under READ COMMITTED both would read the same
    last position, or move from the same order). SQLite's one writer needs no lock (and a
    read here would start a read transaction a concurrent write would then fail to upgrade).
    As `repository._lock_session_row` does for a session's sets."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(select(PlanRow.id).where(PlanRow.id == plan_id).with_for_update())


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
                    row.warmup_min, row.cooldown_min = src.warmup_min, src.cooldown_min
                    row.time_budget_min = src.time_budget_min
                    for it in src.items:
                        row.items.append(
                            PlanItemRow(
                                position=it.position, exercise_id=it.exercise_id, sets_min=it.sets_min,
                                sets_max=it.sets_max, reps_min=it.reps_min, reps_max=it.reps_max,
                                target_rpe=it.target_rpe, target_rir=it.target_rir, rest_s=it.rest_s,
                                alternative_ids=list(it.alternative_ids or ()), pairing_group=it.pairing_group,
                                notes=it.notes, progression=it.progression,
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
        target_rpe: float | None = None, *, target_rir: float | None = None,
    ) -> Plan:
        """Append an exercise to the end of a plan, its target an RPE or reps in reserve."""
        with self._uow() as s, s.begin():
            _lock_plan_row(s, plan_id)
            if s.get(PlanRow, plan_id) is None or s.get(ExerciseRow, exercise_id) is None:
                raise StoreError("that plan or exercise is gone")
            last = s.scalar(select(PlanItemRow.position).where(PlanItemRow.plan_id == plan_id)
                            .order_by(PlanItemRow.position.desc()).limit(1))
            s.add(
                PlanItemRow(
                    plan_id=plan_id, position=(last if last is not None else -1) + 1, exercise_id=exercise_id,
                    sets_min=sets[0], sets_max=sets[1], reps_min=reps[0], reps_max=reps[1],
                    target_rpe=target_rpe, target_rir=target_rir, alternative_ids=[],
                )
            )
        return self.plan(plan_id)

    def _items(self, s: OrmSession, item_id: int) -> list[PlanItemRow]:
        plan_id = s.scalar(select(PlanItemRow.plan_id).where(PlanItemRow.id == item_id))
        if plan_id is None:
            raise StoreError("that plan item is gone")
        _lock_plan_row(s, plan_id)
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

    # ---- editing what is there (issue 10) -----------------------------------------------

    ITEM_FIELDS = frozenset({
        "sets_min", "sets_max", "reps_min", "reps_max", "target_rpe", "target_rir", "rest_s",
        "alternative_ids", "pairing_group", "notes", "progression",
    })
    PLAN_FIELDS = frozenset({"warmup", "cooldown", "notes", "warmup_min", "cooldown_min", "time_budget_min"})

    def update_plan_item(self, item_id: int, **fields: object) -> None:
        """Change any of an item's fields (ITEM_FIELDS); unknown names are refused."""
        if "alternative_ids" in fields:
            fields["alternative_ids"] = list(fields["alternative_ids"])  # type: ignore[call-overload]
        self._set_fields(PlanItemRow, item_id, fields, self.ITEM_FIELDS, "a plan item")

    def update_plan(self, plan_id: int, **fields: object) -> None:
        """Change a plan's warm-up, cool-down, notes, their minutes or its time budget."""
        self._set_fields(PlanRow, plan_id, fields, self.PLAN_FIELDS, "a plan")

    def _set_fields(self, model: type, row_id: int, fields: dict[str, object], allowed: frozenset[str], what: str) -> None:
        """Set `fields` on one row in one transaction; a name not in `allowed` is refused."""
        bad = set(fields) - allowed
        if bad:
            raise StoreError(f"{what} has no field {min(bad)!r}")
        with self._uow() as s, s.begin():
            row = s.get(model, row_id)
            if row is None:
                raise StoreError(f"that {what.removeprefix('a ')} is gone")
            for key, value in fields.items():
                setattr(row, key, value)

    def rename_plan(self, plan_id: int, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise StoreError("a plan needs a name")
        try:
            with self._uow() as s, s.begin():
                clash = s.scalar(select(PlanRow.id).where(PlanRow.name.ilike(name), PlanRow.id != plan_id))
                if clash is not None:
                    raise StoreError(f"there is already a plan called {name!r}")
                row = s.get(PlanRow, plan_id)
                if row is None:
                    raise StoreError("that plan is gone")
                row.name = name
        except IntegrityError:
            raise StoreError(f"there is already a plan called {name!r}") from None

    def plan_id_by_name(self, name: str) -> int | None:
        with self._uow() as s:
            return s.scalar(select(PlanRow.id).where(PlanRow.name.ilike(" ".join(name.split()))))

    def free_plan_name(self, name: str) -> str:
        """`name`, or "name (2)", "name (3)"... the first no plan has."""
        with self._uow() as s:
            taken = {n.lower() for n in s.scalars(select(PlanRow.name))}
        if name.lower() not in taken:
            return name
        n = 2
        while f"{name} ({n})".lower() in taken:
            n += 1
        return f"{name} ({n})"

    def _fill_plan(self, s: OrmSession, plan: PlanRow, draft: PlanDraft) -> None:
        """Set a plan row's fields and items from a draft (items replaced)."""
        by_name = {r.name.lower(): r for r in s.scalars(select(ExerciseRow))}
        plan.warmup, plan.cooldown, plan.notes = draft.warmup, draft.cooldown, draft.notes
        plan.warmup_min, plan.cooldown_min = draft.warmup_min, draft.cooldown_min
        plan.time_budget_min = draft.time_budget_min
        plan.items.clear()
        s.flush()
        for pos, it in enumerate(draft.items):
            ex = by_name.get(it.exercise.lower())
            if ex is None:
                raise StoreError(f"plan {draft.name!r}: no exercise called {it.exercise!r}")
            missing = [a for a in it.alternatives if a.lower() not in by_name]
            if missing:
                raise StoreError(f"plan {draft.name!r}: no exercise called {missing[0]!r}")
            plan.items.append(
                PlanItemRow(
                    position=pos, exercise=ex, sets_min=it.sets_min, sets_max=it.sets_max,
                    reps_min=it.reps_min, reps_max=it.reps_max, target_rpe=it.target_rpe,
                    target_rir=it.target_rir, rest_s=it.rest_s, pairing_group=it.superset,
                    progression=it.progression,
                    alternative_ids=[by_name[a.lower()].id for a in it.alternatives], notes=it.notes,
                )
            )

    def replace_plan(self, plan_id: int, draft: PlanDraft) -> Plan:
        """Write a draft over plan `plan_id`: its name, fields and items (all or nothing)."""
        name = " ".join(draft.name.split())
        try:
            with self._uow() as s, s.begin():
                clash = s.scalar(select(PlanRow.id).where(PlanRow.name.ilike(name), PlanRow.id != plan_id))
                if clash is not None:
                    raise StoreError(f"there is already a plan called {name!r}")
                row = s.scalar(select(PlanRow).where(PlanRow.id == plan_id).options(selectinload(PlanRow.items)))
                if row is None:
                    raise StoreError("that plan is gone")
                row.name = name
                self._fill_plan(s, row, draft)
        except IntegrityError:
            raise StoreError(f"there is already a plan called {name!r}") from None
        return self.plan(plan_id)

    def add_ready_plans(self) -> list[str]:
        """Add the ready plans (domain.catalogue.READY_PLANS) this database has no plan of
        that name for; returns the names added."""
        from ..domain.catalogue import READY_PLANS

        added = []
        for draft in READY_PLANS:
            if self.plan_id_by_name(draft.name) is None:
                with self._uow() as s, s.begin():
                    row = PlanRow(name=draft.name)
                    self._fill_plan(s, row, draft)
                    s.add(row)
                added.append(draft.name)
        return added

    # ---- plans as text (issue 10) -------------------------------------------------------

    def plan_text(self, plan_id: int) -> str:
        """The plan as TOML (domain.plan_text)."""
        from ..domain.plan_text import draft_of, plan_to_text

        with self._uow() as s:
            names = dict(s.execute(select(ExerciseRow.id, ExerciseRow.name)).all())
            rests = dict(s.execute(select(ExerciseRow.id, ExerciseRow.default_rest_s)).all())
        return plan_to_text(draft_of(self.plan(plan_id), names, rests))

    def import_plan_text(self, text: str, *, replace: int | None = None, rename: bool = True) -> Plan:
        """Read a plan's TOML and store it: over plan `replace`, else as a new plan (under
        a free name, "Name (2)", when `rename`). Raises PlanTextError or StoreError."""
        from dataclasses import replace as with_

        from ..domain.plan_text import plan_from_text

        with self._uow() as s:
            known = list(s.scalars(select(ExerciseRow.name)))
        draft = plan_from_text(text, known)
        if replace is not None:
            return self.replace_plan(replace, draft)
        if rename:
            draft = with_(draft, name=self.free_plan_name(draft.name))
        with self._uow() as s, s.begin():
            if s.scalar(select(PlanRow.id).where(PlanRow.name.ilike(draft.name))) is not None:
                raise StoreError(f"there is already a plan called {draft.name!r}")
            row = PlanRow(name=draft.name)
            self._fill_plan(s, row, draft)
            s.add(row)
            s.flush()
            plan_id = row.id
        return self.plan(plan_id)

    def plan_checks(self, plan_id: int) -> list:  # list[PlanCheck]
        """The plan's checks as Plan mode shows them (domain.plan_checks.all_checks)."""
        from ..domain.plan_checks import all_checks

        settings = self.settings()  # type: ignore[attr-defined]
        schedule = self.schedule()  # type: ignore[attr-defined]
        exercises = {e.id: e for e in self.exercises()}  # type: ignore[attr-defined]
        scheduled = {pid: self.plan(pid) for ids in schedule.values() for pid in ids}
        plan = scheduled.get(plan_id) or self.plan(plan_id)
        return all_checks(plan, exercises, settings.landmarks, schedule, scheduled, settings.default_rest_s)
