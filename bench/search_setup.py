"""Scratch databases for the search benchmarks: SQLite in a temporary
folder, or a fresh database on a PostgreSQL server."""

import contextlib
import os
from urllib.parse import urlparse, urlunparse


@contextlib.contextmanager
def fresh_database(postgres_url, name, folder, *, keep=False, reuse=False):
    """Point Khabar's settings at an empty database for the block.

    With *keep* the database is left behind afterwards; with *reuse* the
    one a kept run left is used as it is (SQLite's lives in *folder*)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "khabar.settings"
    os.environ["KHABAR_VAR_DIR"] = str(folder)
    os.environ["KHABAR_SCHEDULER"] = "0"
    os.environ.pop("REDIS_URL", None)
    if not postgres_url:
        os.environ.pop("DATABASE_URL", None)
        yield
        return
    import psycopg

    admin = psycopg.connect(postgres_url, autocommit=True)
    if not reuse:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = urlparse(postgres_url)
    os.environ["DATABASE_URL"] = urlunparse(url._replace(path=f"/{name}"))
    try:
        yield
    finally:
        from django.db import connections

        connections.close_all()
        if not keep:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
