"""centre opening hours: ServiceCenter.opening_hours, a text a centre's register gives (issue 19)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 01:30:00

Reviewed: one nullable column, no data moves (a store made before it has no hours recorded: NULL, which
the problem list reports as a data gap), no CHECK constraint (the importer checks the length).
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0012'
down_revision: Union[str, Sequence[str], None] = '0011'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('servicecenter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opening_hours', sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('servicecenter', schema=None) as batch_op:
        batch_op.drop_column('opening_hours')
