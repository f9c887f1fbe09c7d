"""sessions.deload: a deload session's lighter numbers never count as a decline (issue 7)

Revision ID: 0003_session_deload
Revises: 0002_logged_at_index
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_session_deload"
down_revision = "0002_logged_at_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deload", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_column("deload")
