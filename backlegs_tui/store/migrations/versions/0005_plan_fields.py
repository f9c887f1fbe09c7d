"""Plan fields (issue 10): a progression per plan item; per plan the warm-up and cool-down
minutes and a time budget for the session.

Revision ID: 0005_plan_fields
Revises: 0004_load_kinds
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_plan_fields"
down_revision = "0004_load_kinds"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("progression", sa.String(length=80), nullable=True))
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("warmup_min", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("cooldown_min", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("time_budget_min", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_column("time_budget_min")
        batch_op.drop_column("cooldown_min")
        batch_op.drop_column("warmup_min")
    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.drop_column("progression")
