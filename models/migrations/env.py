"""Alembic environment of the store. Run through models.db (create_schema, alembic_config), never alone.

The connection always comes from the caller (config.attributes["connection"]): models.db opens it,
holds the write lock and commits, so a migration and the audit line it leaves are one transaction.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.types import TypeDecorator

from models.db import migration_metadata

config = context.config


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Write sqlmodel's column types (AutoString, UTCDateTime) as the plain SQLAlchemy types they store
    (sa.String(length=64), sa.DateTime(timezone=True)), so revisions never import sqlmodel."""
    if type_ == "type" and isinstance(obj, TypeDecorator) and type(obj).__module__.startswith("sqlmodel"):
        return f"sa.{obj.impl!r}"
    return False


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through models.db (create_schema / python -m models.migrations)")
    context.configure(
        connection=connection,
        target_metadata=migration_metadata(),
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters a table by copying it
        render_item=render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) mode is not supported: migrations run on a live connection")
run_migrations_online()
