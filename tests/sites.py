"""A temporary SQLite site driven by ``khabar`` commands in processes, for
the tests that start real servers (tests/readership/test_load.py,
tests/site/test_serve.py, tests/test_failover.py), and what such a site
starts from: a migrated database, collected static files."""

import atexit
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from tests import services

#: The caller's database, Redis and page-cache choices are left out: each
#: site says what it runs on.
_LEFT_OUT = ("DATABASE_URL", "REDIS_URL", "KHABAR_VIEWS_REDIS_URL", "KHABAR_PAGE_CACHE")


class TemporarySite:
    def __init__(self, var_dir, **settings):
        self.env = dict(os.environ)
        for name in _LEFT_OUT:
            self.env.pop(name, None)
        self.env.update(
            KHABAR_VAR_DIR=str(var_dir),
            KHABAR_DEBUG="1",
            KHABAR_SCHEDULER="0",
            KHABAR_TRUSTED_PROXIES="127.0.0.1",
        )
        self.env.update(settings)
        self.database = Path(var_dir) / "khabar.sqlite3"

    def khabar(self, *args):
        """``khabar ARGS`` on this site; its standard output."""
        return subprocess.run(
            [sys.executable, "-m", "khabar", *args],
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def live_articles(self, count, hours_ago=1):
        """Migrate, then make *count* live articles in one section; their ids."""
        migrated_database(self.database)
        make = (
            "import datetime as dt; from django.utils import timezone;"
            "from khabar.newsroom.models import Article, Section;"
            "s = Section.objects.create(name='سياسة');"
            f"t = timezone.now() - dt.timedelta(hours={hours_ago});"
            "print(*[Article.objects.create(title=f'خبر {n}', section=s,"
            " live=True, first_published_at=t, last_published_at=t).pk"
            f" for n in range({count})])"
        )
        last_line = self.khabar("shell", "-c", make).strip().splitlines()[-1]
        return [int(pk) for pk in last_line.split()]


# What this run's `khabar migrate` and `khabar collectstatic` made, once
# made: the database file, the static directory, the PostgreSQL template.
_migrated = None
_collected = None
_migrated_postgres = None


def migrated_database(path):
    """Write an empty, migrated SQLite database of Khabar at *path*.

    ``khabar migrate`` takes about ten seconds, and a dozen server tests
    each started from an empty site: it runs once per test run, into a
    temporary directory, and each site gets a copy (milliseconds). The
    copy goes through SQLite's backup API, which reads what the write-ahead
    log still holds as well as the file.
    """
    global _migrated
    if _migrated is None:
        var_dir = Path(tempfile.mkdtemp(prefix="khabar-migrated-"))
        atexit.register(shutil.rmtree, var_dir, ignore_errors=True)
        site = TemporarySite(var_dir)
        site.khabar("migrate", "-v0")
        _migrated = site.database
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(_migrated)
    copy = sqlite3.connect(path)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def collected_static(static_root):
    """Fill *static_root* as ``khabar collectstatic`` does without DEBUG
    (hashed, compressed copies and their manifest).

    The command takes over 20 s, for files that depend only on the code:
    it runs once per test run and each site gets a copy of its output.
    """
    global _collected
    if _collected is None:
        var_dir = Path(tempfile.mkdtemp(prefix="khabar-static-"))
        atexit.register(shutil.rmtree, var_dir, ignore_errors=True)
        site = TemporarySite(var_dir, KHABAR_DEBUG="0")
        site.khabar("collectstatic", "--no-input", "-v0")
        _collected = var_dir / "static"
    shutil.copytree(_collected, static_root, dirs_exist_ok=True)


def postgres_database(prefix):
    """A new PostgreSQL database on DATABASE_URL's server, migrated, named
    *prefix* and a random suffix, for a server process of a test; None
    when DATABASE_URL is not PostgreSQL. With a function that drops it.

    A fresh one, not pytest-django's ``test_…``: that one lives in the
    test process's transactions, which a server never sees. Each is a copy
    of one database migrated once per test run (``CREATE DATABASE …
    TEMPLATE``, under a second), as :func:`migrated_database` is on SQLite:
    ``khabar migrate`` on PostgreSQL takes half a minute.
    """
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None, lambda: None
    import psycopg

    parsed = urlparse(url)
    if not services._reachable(url, 5432):
        services.unavailable(f"PostgreSQL is not reachable at {url}")
    admin = urlunparse(parsed._replace(path="/postgres"))

    def execute(sql):
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql)

    global _migrated_postgres
    if _migrated_postgres is None:
        template = f"khabar_migrated_{uuid.uuid4().hex[:12]}"
        execute(f'CREATE DATABASE "{template}"')
        atexit.register(execute, f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
        var_dir = Path(tempfile.mkdtemp(prefix="khabar-migrated-pg-"))
        atexit.register(shutil.rmtree, var_dir, ignore_errors=True)
        database = urlunparse(parsed._replace(path=f"/{template}"))
        TemporarySite(var_dir, DATABASE_URL=database).khabar("migrate", "-v0")
        _migrated_postgres = template
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    execute(f'CREATE DATABASE "{name}" TEMPLATE "{_migrated_postgres}"')

    def drop():
        execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunparse(parsed._replace(path=f"/{name}")), drop
