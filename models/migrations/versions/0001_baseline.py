"""baseline: the schema every store had when migrations were introduced

Revision ID: 0001
Revises: 
Create Date: 2026-11-30 23:10:08.787618

Written out literally, CHECK expressions included (as models.grading and models.indicators
rendered them on that day). A store made before migrations may lack tables added late
(orgrollup, indicatorscore, boundary): the baseline creates whichever are missing and leaves
the others alone, so upgrading such a store from nothing is safe.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _table(name: str, *elements: object, indexes: dict[str, list[str]] | None = None, **kw: object) -> None:
    """Create a table and its indexes unless a store made before migrations already has it."""
    if sa.inspect(op.get_bind()).has_table(name):
        return
    op.create_table(name, *elements, **kw)
    for index, columns in (indexes or {}).items():
        op.create_index(index, name, columns)


def upgrade() -> None:
    _table(
        'auditentry',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('actor', sa.String(length=64), nullable=False),
        sa.Column('action', sa.String(length=32), nullable=False),
        sa.Column('detail', sa.String(length=400), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        indexes={
            'ix_auditentry_at': ['at'],
        },
    )

    _table(
        'datasetinfo',
        sa.Column('key', sa.String(length=32), nullable=False),
        sa.Column('value', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('key'),
    )

    _table(
        'region',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=24), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('level', sa.String(length=12), nullable=False),
        sa.Column('parent_id', sa.Integer(), nullable=True),
        sa.Column('district_id', sa.Integer(), nullable=True),
        sa.Column('street_id', sa.Integer(), nullable=True),
        sa.Column('official', sa.Boolean(), nullable=False),
        sa.Column('lon', sa.Float(), nullable=True),
        sa.Column('lat', sa.Float(), nullable=True),
        sa.Column('area_km2', sa.Float(), nullable=True),
        sa.Column('population', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['district_id'], ['region.id']),
        sa.ForeignKeyConstraint(['parent_id'], ['region.id']),
        sa.ForeignKeyConstraint(['street_id'], ['region.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('code'),
        indexes={
            'ix_region_district_id': ['district_id'],
            'ix_region_level': ['level'],
            'ix_region_parent_id': ['parent_id'],
            'ix_region_street_id': ['street_id'],
        },
    )

    _table(
        'boundary',
        sa.Column('region_id', sa.Integer(), nullable=False),
        sa.Column('level', sa.String(length=12), nullable=False),
        sa.Column('district_id', sa.Integer(), nullable=True),
        sa.Column('street_id', sa.Integer(), nullable=True),
        sa.Column('geometry', sa.String(), nullable=False),
        sa.Column('source', sa.String(length=160), nullable=False),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['district_id'], ['region.id']),
        sa.ForeignKeyConstraint(['region_id'], ['region.id']),
        sa.ForeignKeyConstraint(['street_id'], ['region.id']),
        sa.PrimaryKeyConstraint('region_id'),
        indexes={
            'ix_boundary_district_id': ['district_id'],
            'ix_boundary_level': ['level'],
            'ix_boundary_street_id': ['street_id'],
        },
    )

    _table(
        'partyorg',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=32), nullable=False),
        sa.Column('name', sa.String(length=96), nullable=False),
        sa.Column('level', sa.String(length=12), nullable=False),
        sa.Column('org_type', sa.String(length=16), nullable=False),
        sa.Column('category', sa.String(length=16), nullable=False),
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('parent_id', sa.Integer(), nullable=True),
        sa.Column('path', sa.String(length=255), nullable=False),
        sa.Column('depth', sa.Integer(), nullable=False),
        sa.Column('region_id', sa.Integer(), nullable=True),
        sa.Column('district_id', sa.Integer(), nullable=True),
        sa.Column('street_id', sa.Integer(), nullable=True),
        sa.Column('members', sa.Integer(), nullable=False),
        sa.Column('founded_year', sa.Integer(), nullable=True),
        sa.Column('secretary_age_band', sa.String(length=8), nullable=True),
        sa.Column('secretary_education', sa.String(length=16), nullable=True),
        sa.CheckConstraint('members >= 0', name='ck_org_members'),
        sa.ForeignKeyConstraint(['district_id'], ['region.id']),
        sa.ForeignKeyConstraint(['parent_id'], ['partyorg.id']),
        sa.ForeignKeyConstraint(['region_id'], ['region.id']),
        sa.ForeignKeyConstraint(['street_id'], ['region.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('code'),
        indexes={
            'ix_partyorg_category': ['category'],
            'ix_partyorg_district_id': ['district_id'],
            'ix_partyorg_kind': ['kind'],
            'ix_partyorg_level': ['level'],
            'ix_partyorg_name': ['name'],
            'ix_partyorg_parent_id': ['parent_id'],
            'ix_partyorg_path': ['path'],
            'ix_partyorg_region_id': ['region_id'],
            'ix_partyorg_street_id': ['street_id'],
        },
    )

    _table(
        'building',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=32), nullable=False),
        sa.Column('name', sa.String(length=96), nullable=False),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('floors', sa.Integer(), nullable=True),
        sa.Column('firms', sa.Integer(), nullable=False),
        sa.Column('members', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=True),
        sa.Column('covered_since', sa.Integer(), nullable=True),
        sa.Column('region_id', sa.Integer(), nullable=True),
        sa.Column('district_id', sa.Integer(), nullable=True),
        sa.Column('street_id', sa.Integer(), nullable=True),
        sa.Column('lon', sa.Float(), nullable=True),
        sa.Column('lat', sa.Float(), nullable=True),
        sa.CheckConstraint('firms >= 0 AND members >= 0', name='ck_building_counts'),
        sa.CheckConstraint('floors IS NULL OR floors >= 0', name='ck_building_floors'),
        sa.ForeignKeyConstraint(['district_id'], ['region.id']),
        sa.ForeignKeyConstraint(['org_id'], ['partyorg.id']),
        sa.ForeignKeyConstraint(['region_id'], ['region.id']),
        sa.ForeignKeyConstraint(['street_id'], ['region.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('code'),
        indexes={
            'ix_building_district_id': ['district_id'],
            'ix_building_kind': ['kind'],
            'ix_building_name': ['name'],
            'ix_building_org_id': ['org_id'],
            'ix_building_region_id': ['region_id'],
            'ix_building_street_id': ['street_id'],
        },
    )

    _table(
        'indicatorscore',
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=8), nullable=False),
        sa.Column('score', sa.Float(), nullable=False),
        sa.CheckConstraint("(length(code) = 5 AND substr(code, 2, 1) = '.' AND substr(code, 4, 1) = '.' AND substr(code, 5, 1) BETWEEN '1' AND '3' AND ((substr(code, 1, 1) = '1' AND substr(code, 3, 1) BETWEEN '1' AND '4') OR (substr(code, 1, 1) = '2' AND substr(code, 3, 1) BETWEEN '1' AND '4') OR (substr(code, 1, 1) = '3' AND substr(code, 3, 1) BETWEEN '1' AND '3') OR (substr(code, 1, 1) = '4' AND substr(code, 3, 1) BETWEEN '1' AND '4') OR (substr(code, 1, 1) = '5' AND substr(code, 3, 1) BETWEEN '1' AND '4') OR (substr(code, 1, 1) = '6' AND substr(code, 3, 1) BETWEEN '1' AND '3')))", name='ck_indicator_code'),
        sa.CheckConstraint('score >= 0 AND score <= 100', name='ck_indicator_score'),
        sa.ForeignKeyConstraint(['org_id'], ['partyorg.id']),
        sa.PrimaryKeyConstraint('org_id', 'year', 'code'),
        sqlite_with_rowid=False,
    )

    _table(
        'orgrollup',
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('members', sa.Integer(), nullable=False),
        sa.Column('orgs_below', sa.Integer(), nullable=False),
        sa.Column('centres', sa.Integer(), nullable=False),
        sa.Column('buildings', sa.Integer(), nullable=False),
        sa.Column('below_district', sa.Integer(), nullable=False),
        sa.Column('below_street', sa.Integer(), nullable=False),
        sa.Column('below_community', sa.Integer(), nullable=False),
        sa.Column('below_grid', sa.Integer(), nullable=False),
        sa.Column('below_building', sa.Integer(), nullable=False),
        sa.Column('below_household', sa.Integer(), nullable=False),
        sa.Column('below_unit', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['org_id'], ['partyorg.id']),
        sa.PrimaryKeyConstraint('org_id'),
    )

    _table(
        'rating',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('score_committee', sa.Float(), nullable=False),
        sa.Column('score_department', sa.Float(), nullable=False),
        sa.Column('score_social', sa.Float(), nullable=False),
        sa.Column('composite', sa.Float(), nullable=False),
        sa.Column('grade', sa.String(length=1), nullable=False),
        sa.Column('weak', sa.Boolean(), nullable=False),
        sa.CheckConstraint("grade = CASE WHEN composite >= 85.0 THEN 'A' WHEN composite >= 70.0 THEN 'B' WHEN composite >= 60.0 THEN 'C' ELSE 'D' END", name='ck_grade_band'),
        sa.CheckConstraint('ABS(composite - (0.4 * score_committee + 0.4 * score_department + 0.2 * score_social)) <= 0.051', name='ck_composite'),
        sa.CheckConstraint('score_committee >= 0 AND score_committee <= 100', name='ck_score_committee'),
        sa.CheckConstraint('score_department >= 0 AND score_department <= 100', name='ck_score_department'),
        sa.CheckConstraint('score_social >= 0 AND score_social <= 100', name='ck_score_social'),
        sa.ForeignKeyConstraint(['org_id'], ['partyorg.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('org_id', 'year', name='uq_rating_org_year'),
        indexes={
            'ix_rating_grade': ['grade'],
            'ix_rating_org_id': ['org_id'],
            'ix_rating_year': ['year'],
            'ix_rating_year_grade': ['year', 'grade'],
        },
    )

    _table(
        'servicecenter',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=32), nullable=False),
        sa.Column('name', sa.String(length=96), nullable=False),
        sa.Column('tier', sa.String(length=12), nullable=False),
        sa.Column('region_id', sa.Integer(), nullable=True),
        sa.Column('district_id', sa.Integer(), nullable=True),
        sa.Column('street_id', sa.Integer(), nullable=True),
        sa.Column('org_id', sa.Integer(), nullable=True),
        sa.Column('address', sa.String(length=160), nullable=False),
        sa.Column('lon', sa.Float(), nullable=True),
        sa.Column('lat', sa.Float(), nullable=True),
        sa.Column('floor_area_m2', sa.Float(), nullable=True),
        sa.Column('function_rooms', sa.Integer(), nullable=True),
        sa.Column('services', sa.String(length=400), nullable=False),
        sa.Column('open_24h', sa.Boolean(), nullable=False),
        sa.Column('opened_on', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['district_id'], ['region.id']),
        sa.ForeignKeyConstraint(['org_id'], ['partyorg.id']),
        sa.ForeignKeyConstraint(['region_id'], ['region.id']),
        sa.ForeignKeyConstraint(['street_id'], ['region.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('code'),
        indexes={
            'ix_servicecenter_district_id': ['district_id'],
            'ix_servicecenter_org_id': ['org_id'],
            'ix_servicecenter_region_id': ['region_id'],
            'ix_servicecenter_street_id': ['street_id'],
            'ix_servicecenter_tier': ['tier'],
        },
    )

    _table(
        'weakorgcase',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('year_entered', sa.Integer(), nullable=False),
        sa.Column('first_secretary', sa.Boolean(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('year_closed', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['org_id'], ['partyorg.id']),
        sa.PrimaryKeyConstraint('id'),
        indexes={
            'ix_weakorgcase_org_id': ['org_id'],
            'ix_weakorgcase_year_entered': ['year_entered'],
        },
    )


def downgrade() -> None:
    op.drop_table('weakorgcase')
    op.drop_table('servicecenter')
    op.drop_table('rating')
    op.drop_table('orgrollup')
    op.drop_table('indicatorscore')
    op.drop_table('building')
    op.drop_table('partyorg')
    op.drop_table('boundary')
    op.drop_table('region')
    op.drop_table('datasetinfo')
    op.drop_table('auditentry')
