"""digest log: exactly-once record of digest periods

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import pipelines.storage.models

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # UNIQUE(digest_id, period_start) is the constraint two senders meet (scheduler/digests/log.py).
    op.create_table(
        "digest_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest_id", sa.String(length=64), nullable=False),
        sa.Column("period_start", pipelines.storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("period_end", pipelines.storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("window_start", pipelines.storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("window_end", pipelines.storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", pipelines.storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.Column("stories", sa.Integer(), nullable=True),
        sa.Column("created_at", pipelines.storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pipelines.storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", pipelines.storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_log")),
        sa.UniqueConstraint("digest_id", "period_start", name=op.f("uq_digest_log_digest_id_period_start")),
    )
    with op.batch_alter_table("digest_log", schema=None) as batch_op:
        batch_op.create_index(
            "ix_digest_log_status_next_attempt_at", ["status", "next_attempt_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("digest_log", schema=None) as batch_op:
        batch_op.drop_index("ix_digest_log_status_next_attempt_at")

    op.drop_table("digest_log")
