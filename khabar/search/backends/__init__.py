"""The search backend for the database in use: FTS5 or PostgreSQL."""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection


def get_backend():
    """The backend for the default database connection."""
    if connection.vendor == "sqlite":
        from khabar.search.backends.sqlite_fts5 import SqliteFts5Backend

        return SqliteFts5Backend()
    if connection.vendor == "postgresql":
        from khabar.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    raise ImproperlyConfigured(
        f"Search supports SQLite and PostgreSQL, not {connection.vendor}. "
        "Set DATABASE_URL to a sqlite:// or postgres:// address."
    )
