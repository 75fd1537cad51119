"""add secretary, committeestaffing, committeescore, volunteeryear, hometownorg: the secretary team, the
区属党(工)委 ranking, volunteers and 同乡村 organisations (issue 20 parts 3-5)

Revision ID: 0007
Revises: 0003
Create Date: 2026-12-03 18:44:42

Reviewed: five new tables only (no data moves, nothing renamed); their CHECK constraints are written out
literally (the 40:40:20 composite of committeescore as it reads in models/grading.py today, the education
codes of models/vocab.py today). The number 0007 was reserved by the lead; the lead re-chains it when
merging branches.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0007'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('volunteeryear',
    sa.Column('street_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('volunteers', sa.Integer(), nullable=False),
    sa.Column('service_hours', sa.Float(), nullable=False),
    sa.Column('love_bank_points', sa.Integer(), nullable=True),
    sa.CheckConstraint('love_bank_points IS NULL OR love_bank_points >= 0', name='ck_volunteer_points'),
    sa.CheckConstraint('volunteers >= 0 AND service_hours >= 0', name='ck_volunteer_counts'),
    sa.ForeignKeyConstraint(['district_id'], ['region.id'], ),
    sa.ForeignKeyConstraint(['street_id'], ['region.id'], ),
    sa.PrimaryKeyConstraint('street_id', 'year')
    )
    with op.batch_alter_table('volunteeryear', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_volunteeryear_district_id'), ['district_id'], unique=False)

    op.create_table('committeescore',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('street_id', sa.Integer(), nullable=True),
    sa.Column('score_committee', sa.Float(), nullable=False),
    sa.Column('score_department', sa.Float(), nullable=False),
    sa.Column('score_social', sa.Float(), nullable=False),
    sa.Column('composite', sa.Float(), nullable=False),
    sa.CheckConstraint('ABS(composite - (0.4 * score_committee + 0.4 * score_department + 0.2 * score_social)) <= 0.051', name='ck_committee_composite'),
    sa.CheckConstraint('score_committee >= 0 AND score_committee <= 100', name='ck_committee_score_committee'),
    sa.CheckConstraint('score_department >= 0 AND score_department <= 100', name='ck_committee_score_department'),
    sa.CheckConstraint('score_social >= 0 AND score_social <= 100', name='ck_committee_score_social'),
    sa.ForeignKeyConstraint(['district_id'], ['region.id'], ),
    sa.ForeignKeyConstraint(['org_id'], ['partyorg.id'], ),
    sa.ForeignKeyConstraint(['street_id'], ['region.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('org_id', 'year', name='uq_committee_score_org_year')
    )
    with op.batch_alter_table('committeescore', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_committeescore_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_committeescore_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_committeescore_street_id'), ['street_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_committeescore_year'), ['year'], unique=False)

    op.create_table('committeestaffing',
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('street_id', sa.Integer(), nullable=True),
    sa.Column('secretary', sa.Boolean(), nullable=False),
    sa.Column('deputy', sa.Boolean(), nullable=False),
    sa.Column('organiser', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['region.id'], ),
    sa.ForeignKeyConstraint(['org_id'], ['partyorg.id'], ),
    sa.ForeignKeyConstraint(['street_id'], ['region.id'], ),
    sa.PrimaryKeyConstraint('org_id')
    )
    with op.batch_alter_table('committeestaffing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_committeestaffing_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_committeestaffing_street_id'), ['street_id'], unique=False)

    op.create_table('hometownorg',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=96), nullable=False),
    sa.Column('hometown', sa.String(length=32), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=True),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('street_id', sa.Integer(), nullable=True),
    sa.Column('members', sa.Integer(), nullable=False),
    sa.Column('reach', sa.Integer(), nullable=False),
    sa.CheckConstraint('members >= 0 AND reach >= 0', name='ck_hometown_counts'),
    sa.ForeignKeyConstraint(['district_id'], ['region.id'], ),
    sa.ForeignKeyConstraint(['org_id'], ['partyorg.id'], ),
    sa.ForeignKeyConstraint(['street_id'], ['region.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    with op.batch_alter_table('hometownorg', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hometownorg_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hometownorg_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hometownorg_street_id'), ['street_id'], unique=False)

    op.create_table('secretary',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('street_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=32), nullable=True),
    sa.Column('birth_year', sa.Integer(), nullable=False),
    sa.Column('education', sa.String(length=16), nullable=False),
    sa.Column('tenure_start', sa.Integer(), nullable=False),
    sa.Column('terms_served', sa.Integer(), nullable=False),
    sa.CheckConstraint("education IN ('high_school', 'college', 'bachelor', 'master')", name='ck_secretary_education'),
    sa.CheckConstraint('birth_year >= 1930 AND birth_year <= 2010', name='ck_secretary_birth_year'),
    sa.CheckConstraint('tenure_start >= birth_year + 18', name='ck_secretary_tenure'),
    sa.CheckConstraint('terms_served >= 1', name='ck_secretary_terms'),
    sa.ForeignKeyConstraint(['district_id'], ['region.id'], ),
    sa.ForeignKeyConstraint(['org_id'], ['partyorg.id'], ),
    sa.ForeignKeyConstraint(['street_id'], ['region.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('org_id')
    )
    with op.batch_alter_table('secretary', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_secretary_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_secretary_street_id'), ['street_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('secretary', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_secretary_street_id'))
        batch_op.drop_index(batch_op.f('ix_secretary_district_id'))

    op.drop_table('secretary')
    with op.batch_alter_table('hometownorg', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hometownorg_street_id'))
        batch_op.drop_index(batch_op.f('ix_hometownorg_org_id'))
        batch_op.drop_index(batch_op.f('ix_hometownorg_district_id'))

    op.drop_table('hometownorg')
    with op.batch_alter_table('committeestaffing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_committeestaffing_street_id'))
        batch_op.drop_index(batch_op.f('ix_committeestaffing_district_id'))

    op.drop_table('committeestaffing')
    with op.batch_alter_table('committeescore', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_committeescore_year'))
        batch_op.drop_index(batch_op.f('ix_committeescore_street_id'))
        batch_op.drop_index(batch_op.f('ix_committeescore_org_id'))
        batch_op.drop_index(batch_op.f('ix_committeescore_district_id'))

    op.drop_table('committeescore')
    with op.batch_alter_table('volunteeryear', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_volunteeryear_district_id'))

    op.drop_table('volunteeryear')
