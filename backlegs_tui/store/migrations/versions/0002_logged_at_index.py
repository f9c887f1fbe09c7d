"""index set entries by time, for the date-range reads of History and the fatigue analysis

Revision ID: 0002_logged_at_index
Revises: 0001_initial
"""

from alembic import op

revision = "0002_logged_at_index"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_set_entries_logged_at", "set_entries", ["logged_at"])


def downgrade() -> None:
    op.drop_index("ix_set_entries_logged_at", table_name="set_entries")
