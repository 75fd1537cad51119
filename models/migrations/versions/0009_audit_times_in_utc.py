"""audit times in UTC on SQLite: auditentry.at holds UTC wall time there (models.tables.UTCDateTime)

Revision ID: 0009
Revises: 0005
Create Date: 2026-12-03 19:40:00

PostgreSQL's column is TIMESTAMP WITH TIME ZONE and always held the exact moment: nothing to do there.
SQLite has no zone and kept each writer's wall time: the lines of the importer, backups, restores,
exports and migrations (written in Beijing time, data.importing.backup.now) move back 8 hours; login
and account lines were written by the app in UTC or by the accounts command line in Beijing time and
cannot be told apart: they are left as they are.
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0009"
down_revision: Union[str, Sequence[str], None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

BEIJING_ACTIONS = "('import', 'init', 'restore', 'backup', 'export', 'migrate')"  # literal: revisions import no live code


def _shift(hours: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # SQLAlchemy's SQLite format is "YYYY-MM-DD HH:MM:SS.ffffff": shift the seconds, keep the fraction
    op.execute("UPDATE auditentry SET at = strftime('%Y-%m-%d %H:%M:%S', at, '" + hours + "') || "
               "CASE WHEN length(at) > 19 THEN substr(at, 20) ELSE '' END "
               f"WHERE action IN {BEIJING_ACTIONS}")


def upgrade() -> None:
    _shift("-8 hours")


def downgrade() -> None:
    _shift("+8 hours")
