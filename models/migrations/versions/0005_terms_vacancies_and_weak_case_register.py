"""terms, secretary vacancies and the 软弱涣散 case register (issue 19, the problem list)

Revision ID: 0005
Revises: 0007
Create Date: 2026-12-03 18:45:35.179575

Reviewed: new nullable columns on partyorg (last election, term length, vacancy since, the current
secretary's start and how they came in) and on weakorgcase (dates, 包点 leader, 第一书记, measures,
closing review); the text columns get an empty server default so that existing rows are valid; the
two CHECK constraints of weakorgcase are written out literally (partyorg gets none: a CHECK makes SQLite
rebuild the table, which the tables referring to it forbid; the importer checks those columns). No data moves: existing organisations have no known
election date, existing cases keep status/year_closed (the rules read a case as closed by its status).
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('partyorg', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_election_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('term_years', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('secretary_vacant_since', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('secretary_changed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('secretary_change', sa.String(length=8), nullable=True))
        batch_op.create_index('ix_partyorg_secretary_change', ['secretary_change', 'secretary_changed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_partyorg_secretary_vacant_since'), ['secretary_vacant_since'], unique=False)
        batch_op.create_index('ix_partyorg_term', ['term_years', 'last_election_on', 'district_id', 'street_id'], unique=False)

    with op.batch_alter_table('weakorgcase', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opened_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('deadline', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('closed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('lead_leader', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('first_secretary_name', sa.String(length=32), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('first_secretary_rank', sa.String(length=32), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('first_secretary_unit', sa.String(length=96), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('first_secretary_since', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('measures', sa.String(length=400), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('closing_review', sa.String(length=400), nullable=False, server_default=''))
        batch_op.create_index(batch_op.f('ix_weakorgcase_closed_on'), ['closed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_weakorgcase_deadline'), ['deadline'], unique=False)
        batch_op.create_check_constraint('ck_case_deadline', 'deadline IS NULL OR opened_on IS NULL OR deadline >= opened_on')
        batch_op.create_check_constraint('ck_case_closed', 'closed_on IS NULL OR opened_on IS NULL OR closed_on >= opened_on')



def downgrade() -> None:
    with op.batch_alter_table('weakorgcase', schema=None) as batch_op:
        batch_op.drop_constraint('ck_case_closed', type_='check')
        batch_op.drop_constraint('ck_case_deadline', type_='check')
        batch_op.drop_index(batch_op.f('ix_weakorgcase_deadline'))
        batch_op.drop_index(batch_op.f('ix_weakorgcase_closed_on'))
        batch_op.drop_column('closing_review')
        batch_op.drop_column('measures')
        batch_op.drop_column('first_secretary_since')
        batch_op.drop_column('first_secretary_unit')
        batch_op.drop_column('first_secretary_rank')
        batch_op.drop_column('first_secretary_name')
        batch_op.drop_column('lead_leader')
        batch_op.drop_column('closed_on')
        batch_op.drop_column('deadline')
        batch_op.drop_column('opened_on')

    # partyorg without a batch copy: SQLite (3.35+) drops a plain column in place, and copying the table would
    # fail on the tables that refer to it.
    op.drop_index('ix_partyorg_term', table_name='partyorg')
    op.drop_index('ix_partyorg_secretary_vacant_since', table_name='partyorg')
    op.drop_index('ix_partyorg_secretary_change', table_name='partyorg')
    for column in ('secretary_change', 'secretary_changed_on', 'secretary_vacant_since', 'term_years', 'last_election_on'):
        op.execute(f'ALTER TABLE partyorg DROP COLUMN {column}')
