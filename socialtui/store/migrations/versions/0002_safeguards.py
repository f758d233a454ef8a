"""safeguards: passphrases, who changed a post, what an approval covered, the check policy

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

import socialtui.store.models

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.add_column(sa.Column("passphrase_hash", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("passphrase_is_setup_code", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("failed_sign_ins", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_until", socialtui.store.models.UTCDateTime(), nullable=True))
    with op.batch_alter_table("approvals") as batch:
        batch.add_column(sa.Column("covers_change_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("active_rules", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("policy_fingerprint", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("key_id", sa.String(length=16), nullable=True))
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("key_id", sa.String(length=16), nullable=True))
    op.create_table(
        "post_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("at", socialtui.store.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"], name=op.f("fk_post_changes_post_id_posts"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_post_changes_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_changes")),
    )
    op.create_index(op.f("ix_post_changes_post_id"), "post_changes", ["post_id"])
    op.create_table(
        "policy_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("changed_by", sa.String(length=120), nullable=False),
        sa.Column("recorded_at", socialtui.store.models.UTCDateTime(), nullable=False),
        sa.Column("acknowledged_by", sa.String(length=120), nullable=True),
        sa.Column("acknowledged_at", socialtui.store.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_records")),
    )


def downgrade() -> None:
    op.drop_table("policy_records")
    op.drop_index(op.f("ix_post_changes_post_id"), table_name="post_changes")
    op.drop_table("post_changes")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("key_id")
    with op.batch_alter_table("approvals") as batch:
        batch.drop_column("key_id")
        batch.drop_column("policy_fingerprint")
        batch.drop_column("active_rules")
        batch.drop_column("covers_change_id")
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("locked_until")
        batch.drop_column("failed_sign_ins")
        batch.drop_column("passphrase_is_setup_code")
        batch.drop_column("passphrase_hash")
