"""byte-ordered codes and paths on PostgreSQL: partyorg.code and partyorg.path compare byte by byte

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 23:58:00

PostgreSQL otherwise compares them in the database's collation, which in a zh_CN / en_US database
ignores "/" and "-": the path ranges that select a subtree then miss rows or take in wrong ones, and
codes sort differently from SQLite. SQLite always compares bytes: nothing to do there.
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute('ALTER TABLE partyorg ALTER COLUMN code TYPE VARCHAR(32) COLLATE "C"')
    op.execute('ALTER TABLE partyorg ALTER COLUMN path TYPE VARCHAR(255) COLLATE "C"')


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute('ALTER TABLE partyorg ALTER COLUMN code TYPE VARCHAR(32) COLLATE "default"')
    op.execute('ALTER TABLE partyorg ALTER COLUMN path TYPE VARCHAR(255) COLLATE "default"')
