"""Alembic revisions of the store's schema (env.py, versions/). Configured in code by models.db.

    python -m models.migrations revision "add account table"   # autogenerate the next revision
    python -m models.migrations check                          # do models.tables and the revisions agree?
    python -m models.migrations history

Operators upgrade a store with `python -m data.importing migrate`; the app does it at start-up.
"""
