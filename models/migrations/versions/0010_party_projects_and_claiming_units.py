"""add claimunit, partyproject: 党建项目认领, the community micro-projects and the units that claim them
(issue 20 part 1)

Revision ID: 0010
Revises: 0012
Create Date: 2026-12-04 01:15:10

Reviewed: two new tables only (no data moves, nothing renamed); their CHECK constraints are written out
literally (the need, status and unit-type codes of models/vocab.py today, and the status/date rules of
models/tables_projects.py). The number 0010 was given by the lead, who re-chains it when merging.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0010'
down_revision: Union[str, Sequence[str], None] = '0012'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('claimunit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=96), nullable=False),
    sa.Column('unit_type', sa.String(length=16), nullable=False),
    sa.CheckConstraint("unit_type IN ('deputy', 'resident_unit', 'firm', 'social_org', 'party_group')", name='ck_claimunit_type'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('partyproject',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=96), nullable=False),
    sa.Column('need', sa.String(length=16), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('street_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('claimed_on', sa.Date(), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('beneficiaries', sa.Integer(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.CheckConstraint("(status = 'done' AND completed_on IS NOT NULL) OR (status <> 'done' AND completed_on IS NULL)", name='ck_project_completed'),
    sa.CheckConstraint("(status = 'open' AND unit_id IS NULL AND claimed_on IS NULL) OR (status <> 'open' AND unit_id IS NOT NULL AND claimed_on IS NOT NULL)", name='ck_project_claimed'),
    sa.CheckConstraint("need IN ('innovation', 'livelihood', 'welfare', 'volunteer')", name='ck_project_need'),
    sa.CheckConstraint("status IN ('open', 'claimed', 'underway', 'done')", name='ck_project_status'),
    sa.CheckConstraint('beneficiaries >= 0', name='ck_project_beneficiaries'),
    sa.CheckConstraint('claimed_on IS NULL OR claimed_on >= published_on', name='ck_project_claimed_after'),
    sa.CheckConstraint('completed_on IS NULL OR completed_on >= claimed_on', name='ck_project_completed_after'),
    sa.ForeignKeyConstraint(['district_id'], ['region.id'], ),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], ),
    sa.ForeignKeyConstraint(['street_id'], ['region.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['claimunit.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    with op.batch_alter_table('partyproject', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partyproject_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partyproject_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partyproject_street_id'), ['street_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partyproject_unit_id'), ['unit_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('partyproject', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partyproject_unit_id'))
        batch_op.drop_index(batch_op.f('ix_partyproject_street_id'))
        batch_op.drop_index(batch_op.f('ix_partyproject_region_id'))
        batch_op.drop_index(batch_op.f('ix_partyproject_district_id'))

    op.drop_table('partyproject')
    op.drop_table('claimunit')
