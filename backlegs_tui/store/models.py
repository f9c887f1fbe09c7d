"""SQLAlchemy 2 typed ORM models. Only the store imports this module; the UI and CLI
receive plain domain objects from the repository."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


exercise_alternatives = Table(
    "exercise_alternatives",
    Base.metadata,
    Column("exercise_id", ForeignKey("exercises.id", ondelete="CASCADE"), primary_key=True),
    Column("alternative_id", ForeignKey("exercises.id", ondelete="CASCADE"), primary_key=True),
)


class ExerciseRow(Base):
    __tablename__ = "exercises"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    primary_muscles: Mapped[list[Any]] = mapped_column(default=list)
    secondary_muscles: Mapped[list[Any]] = mapped_column(default=list)
    spinal_load: Mapped[str] = mapped_column(String(10), default="low")
    kind: Mapped[str] = mapped_column(String(10), default="compound")
    equipment: Mapped[str] = mapped_column(String(20), default="barbell")
    default_rest_s: Mapped[int] = mapped_column(Integer, default=120)
    load_increment_kg: Mapped[float] = mapped_column(Float, default=2.5)
    bodyweight: Mapped[bool] = mapped_column(Boolean, default=False)
    # how a set's load counts: weighted, bodyweight, assisted, timed, distance (migration 0004)
    load_kind: Mapped[str] = mapped_column(String(10), default="weighted", server_default="weighted")
    # the lifter's standing note on the lift (seat height, grip, stance), shown each time it comes up
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")

    alternatives: Mapped[list[ExerciseRow]] = relationship(
        secondary=exercise_alternatives,
        primaryjoin=lambda: ExerciseRow.id == exercise_alternatives.c.exercise_id,
        secondaryjoin=lambda: ExerciseRow.id == exercise_alternatives.c.alternative_id,
        order_by=lambda: ExerciseRow.name,
    )


class PlanRow(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    warmup: Mapped[str] = mapped_column(Text, default="")
    cooldown: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    # minutes of the warm-up and cool-down blocks, and the session's time budget (migration 0005)
    warmup_min: Mapped[int | None] = mapped_column(Integer)
    cooldown_min: Mapped[int | None] = mapped_column(Integer)
    time_budget_min: Mapped[int | None] = mapped_column(Integer)

    items: Mapped[list[PlanItemRow]] = relationship(
        back_populates="plan", order_by="PlanItemRow.position", cascade="all, delete-orphan"
    )


class PlanItemRow(Base):
    __tablename__ = "plan_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercises.id", ondelete="RESTRICT"))
    sets_min: Mapped[int] = mapped_column(Integer, default=3)
    sets_max: Mapped[int] = mapped_column(Integer, default=3)
    reps_min: Mapped[int] = mapped_column(Integer, default=8)
    reps_max: Mapped[int] = mapped_column(Integer, default=12)
    target_rpe: Mapped[float | None] = mapped_column(Float)
    target_rir: Mapped[float | None] = mapped_column(Float)
    rest_s: Mapped[int | None] = mapped_column(Integer)
    # exercise ids the lifter may swap in for this slot
    alternative_ids: Mapped[list[Any]] = mapped_column(default=list)
    pairing_group: Mapped[str | None] = mapped_column(String(10))
    notes: Mapped[str] = mapped_column(Text, default="")
    # how the session prefills this lift: "double" (default when None), "fixed", "linear 2.5",
    # "topset 8 90" (migration 0005; domain/progression.parse_progression reads it)
    progression: Mapped[str | None] = mapped_column(String(80))

    plan: Mapped[PlanRow] = relationship(back_populates="items")
    exercise: Mapped[ExerciseRow] = relationship()


class ScheduleRow(Base):
    """Which plan is planned on which weekday (0 = Monday)."""

    __tablename__ = "schedule"
    __table_args__ = (UniqueConstraint("weekday", "plan_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    weekday: Mapped[int] = mapped_column(Integer)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))


class SessionRow(Base):
    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    started_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"))
    notes: Mapped[str] = mapped_column(Text, default="")
    session_rpe: Mapped[float | None] = mapped_column(Float)
    sleep_h: Mapped[float | None] = mapped_column(Float)
    soreness: Mapped[int | None] = mapped_column(Integer)
    energy: Mapped[int | None] = mapped_column(Integer)
    # a deload session: its lighter numbers never count as a decline (migration 0003)
    deload: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # live state, so a killed app resumes where it was
    current_item_id: Mapped[int | None] = mapped_column(Integer)
    rest_started_at: Mapped[datetime | None] = mapped_column(DateTime)
    rest_until: Mapped[datetime | None] = mapped_column(DateTime)
    # where the session came from ("app", "strong", "hevy", ...) and a key that makes
    # re-importing the same file a no-op
    source: Mapped[str] = mapped_column(String(20), default="app")
    import_key: Mapped[str | None] = mapped_column(String(200), unique=True)

    items: Mapped[list[SessionItemRow]] = relationship(
        order_by="SessionItemRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    sets: Mapped[list[SetRow]] = relationship(
        order_by="SetRow.position", cascade="all, delete-orphan", passive_deletes=True
    )


class SessionItemRow(Base):
    __tablename__ = "session_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercises.id", ondelete="RESTRICT"))
    plan_item_id: Mapped[int | None] = mapped_column(ForeignKey("plan_items.id", ondelete="SET NULL"))
    sets_planned: Mapped[int] = mapped_column(Integer, default=3)
    reps_min: Mapped[int] = mapped_column(Integer, default=8)
    reps_max: Mapped[int] = mapped_column(Integer, default=12)
    target_rpe: Mapped[float | None] = mapped_column(Float)
    rest_s: Mapped[int | None] = mapped_column(Integer)

    exercise: Mapped[ExerciseRow] = relationship()


class SetRow(Base):
    __tablename__ = "set_entries"
    __table_args__ = (
        Index("ix_set_entries_exercise_logged", "exercise_id", "logged_at"),
        Index("ix_set_entries_session_position", "session_id", "position"),
        Index("ix_set_entries_logged_at", "logged_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("session_items.id", ondelete="SET NULL"))
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercises.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer)
    set_type: Mapped[str] = mapped_column(String(10), default="working")
    weight_kg: Mapped[float] = mapped_column(Float)
    reps: Mapped[int] = mapped_column(Integer)
    rpe: Mapped[float | None] = mapped_column(Float)
    rir: Mapped[float | None] = mapped_column(Float)
    rest_s: Mapped[int | None] = mapped_column(Integer)
    logged_at: Mapped[datetime] = mapped_column(DateTime)
    notes: Mapped[str] = mapped_column(Text, default="")
    # a timed or distance set (migration 0004): seconds held or taken, metres covered
    duration_s: Mapped[int | None] = mapped_column(Integer)
    distance_m: Mapped[float | None] = mapped_column(Float)
    # the source's superset group (Hevy's superset_id), kept for the plan work
    superset: Mapped[str | None] = mapped_column(String(20))

    exercise: Mapped[ExerciseRow] = relationship()


class BodyWeightRow(Base):
    """The lifter's body weight, one reading per day (migration 0004)."""

    __tablename__ = "body_weights"
    __table_args__ = (UniqueConstraint("day", name="uq_body_weights_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    weight_kg: Mapped[float] = mapped_column(Float)


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)
