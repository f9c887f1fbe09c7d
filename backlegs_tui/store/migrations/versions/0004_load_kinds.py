"""Every set kept: an exercise's load kind, set durations and distances, Hevy's superset,
a dated body-weight log (issue 9)

- exercises.load_kind: weighted | bodyweight | assisted | timed | distance; an exercise with
  the old `bodyweight` flag becomes "bodyweight", every other one "weighted"
- set_entries.duration_s (seconds), distance_m (metres), superset (the source's group id)
- body_weights: one weight in kg per day
- exercises.notes: the lifter's standing note on a lift (seat height, grip, stance)
- a database that has exercises gains the catalogue's new lifts (NEW_LIFTS) it lacks; a
  lifter's own lift of the same name (any case, hyphens or spaces) is kept, never doubled

Revision ID: 0004_load_kinds
Revises: 0003_session_deload
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_load_kinds"
down_revision = "0003_session_deload"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("exercises", schema=None) as batch_op:
        batch_op.add_column(sa.Column("load_kind", sa.String(10), nullable=False, server_default="weighted"))
        batch_op.add_column(sa.Column("notes", sa.Text(), nullable=False, server_default=""))
    op.execute(sa.text("UPDATE exercises SET load_kind = 'bodyweight' WHERE bodyweight = :yes").bindparams(yes=True))
    with op.batch_alter_table("set_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("duration_s", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("distance_m", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("superset", sa.String(20), nullable=True))
    op.create_table(
        "body_weights",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("weight_kg", sa.Float(), nullable=False),
        sa.UniqueConstraint("day", name="uq_body_weights_day"),
    )

    _add_new_lifts()


# the lifts issue 9 added to the catalogue (domain.catalogue), as they were then
NEW_LIFTS = (
    "Calf raise", "Bulgarian split squat", "Hack squat", "Hip thrust", "Back extension", "Chin-up",
    "Assisted pull-up", "Seated cable row", "Chest-supported row", "Pull-through", "Farmer carry",
    "Plank", "Dead hang", "Glute-ham raise", "Good morning", "Pendlay row", "T-bar row",
)


def _key(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").split())


def _add_new_lifts() -> None:
    from backlegs_tui.domain.catalogue import CATALOGUE

    con = op.get_bind()
    names = {_key(n) for (n,) in con.execute(sa.text("SELECT name FROM exercises"))}
    if not names:  # a new database: seeding adds the whole catalogue after the migrations
        return
    exercises = sa.table(
        "exercises",
        sa.column("name", sa.String), sa.column("primary_muscles", sa.JSON), sa.column("secondary_muscles", sa.JSON),
        sa.column("spinal_load", sa.String), sa.column("kind", sa.String), sa.column("equipment", sa.String),
        sa.column("default_rest_s", sa.Integer), sa.column("load_increment_kg", sa.Float),
        sa.column("bodyweight", sa.Boolean), sa.column("load_kind", sa.String),
    )
    rows = [
        {
            "name": d.name, "primary_muscles": list(d.primary),
            "secondary_muscles": list(d.secondary), "spinal_load": d.spinal_load.value, "kind": d.kind.value,
            "equipment": d.equipment, "default_rest_s": d.rest_s, "load_increment_kg": d.increment_kg,
            "bodyweight": d.bodyweight, "load_kind": d.resolved_load_kind.value,
        }
        for d in CATALOGUE
        if d.name in NEW_LIFTS and _key(d.name) not in names
    ]
    if rows:
        op.bulk_insert(exercises, rows)


def downgrade() -> None:
    op.drop_table("body_weights")
    with op.batch_alter_table("set_entries", schema=None) as batch_op:
        batch_op.drop_column("superset")
        batch_op.drop_column("distance_m")
        batch_op.drop_column("duration_s")
    with op.batch_alter_table("exercises", schema=None) as batch_op:
        batch_op.drop_column("notes")
        batch_op.drop_column("load_kind")
