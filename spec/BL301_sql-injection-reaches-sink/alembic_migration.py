"""An Alembic migration that backfills columns with raw SQL."""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "4e3738cdc34c"
down_revision = "1b2c3d4e5f60"


def upgrade() -> None:
    op.add_column("project_task_link", sa.Column("id", sa.String(36), nullable=True))
    # Clean: a UUID's text cannot carry SQL syntax.
    op.execute(f"UPDATE project_task_link SET id = '{uuid.uuid4()}'")
    with op.batch_alter_table("project_task_link") as batch_op:
        batch_op.execute(f"UPDATE project_task_link SET id = '{uuid.uuid4()}' WHERE id IS NULL")


def backfill_priority(table: str, default: str) -> None:
    op.execute(f"UPDATE {table} SET priority = {default} WHERE priority IS NULL")  # error: BL301
    with op.batch_alter_table(table) as batch_op:
        batch_op.execute(f"UPDATE {table} SET priority = 0")


def downgrade() -> None:
    op.drop_column("project_task_link", "id")
