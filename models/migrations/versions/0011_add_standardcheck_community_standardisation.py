"""add standardcheck: the community standardisation check (社区党建标准化考核, issue 20 §2)

Revision ID: 0011
Revises: 0008
Create Date: 2026-12-04 01:16:04

Reviewed: one new table only (no data moves, nothing renamed). Its two CHECK constraints are written out
literally as models/standards.py states them today: the four result codes, and "达标 and 待考核 name no
failed aspect, 整改中 and 未达标 at least one" over the six aspect flags. The number 0011 was reserved by
the lead, who re-chains it when merging branches.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0011'
down_revision: Union[str, Sequence[str], None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('standardcheck',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('street_id', sa.Integer(), nullable=True),
    sa.Column('result', sa.String(length=12), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=True),
    sa.Column('fail_organisation', sa.Boolean(), nullable=False),
    sa.Column('fail_members', sa.Boolean(), nullable=False),
    sa.Column('fail_governance', sa.Boolean(), nullable=False),
    sa.Column('fail_service', sa.Boolean(), nullable=False),
    sa.Column('fail_duties', sa.Boolean(), nullable=False),
    sa.Column('fail_support', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.CheckConstraint("(CASE WHEN result IN ('rectifying', 'failed') THEN ((CASE WHEN fail_organisation THEN 1 ELSE 0 END) + (CASE WHEN fail_members THEN 1 ELSE 0 END) + (CASE WHEN fail_governance THEN 1 ELSE 0 END) + (CASE WHEN fail_service THEN 1 ELSE 0 END) + (CASE WHEN fail_duties THEN 1 ELSE 0 END) + (CASE WHEN fail_support THEN 1 ELSE 0 END)) > 0 ELSE ((CASE WHEN fail_organisation THEN 1 ELSE 0 END) + (CASE WHEN fail_members THEN 1 ELSE 0 END) + (CASE WHEN fail_governance THEN 1 ELSE 0 END) + (CASE WHEN fail_service THEN 1 ELSE 0 END) + (CASE WHEN fail_duties THEN 1 ELSE 0 END) + (CASE WHEN fail_support THEN 1 ELSE 0 END)) = 0 END)", name='ck_standardcheck_aspects'),
    sa.CheckConstraint("result IN ('passed', 'rectifying', 'failed', 'pending')", name='ck_standardcheck_result'),
    sa.ForeignKeyConstraint(['district_id'], ['region.id'], ),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], ),
    sa.ForeignKeyConstraint(['street_id'], ['region.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('region_id', 'year', name='uq_standardcheck_region_year')
    )
    with op.batch_alter_table('standardcheck', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_standardcheck_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_standardcheck_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_standardcheck_street_id'), ['street_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_standardcheck_year'), ['year'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('standardcheck', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_standardcheck_year'))
        batch_op.drop_index(batch_op.f('ix_standardcheck_street_id'))
        batch_op.drop_index(batch_op.f('ix_standardcheck_region_id'))
        batch_op.drop_index(batch_op.f('ix_standardcheck_district_id'))

    op.drop_table('standardcheck')
