"""The test run really uses the services its environment names.

CI runs the suite twice (docs/testing.md): on SQLite with the in-process
cache, and with DATABASE_URL and REDIS_URL set. These tests prove that the
second run reached PostgreSQL and Redis instead of quietly falling back.
"""

import os
import uuid

import dj_database_url
import psycopg
import pytest
import redis
from django.core.cache import cache, caches
from django.db import connection

from tests import services


@pytest.mark.postgres
def test_postgres_server_answers():
    url = services.postgres_url()

    with psycopg.connect(url, connect_timeout=5) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


@pytest.mark.django_db
def test_django_runs_on_the_database_named_by_database_url():
    url = os.environ.get("DATABASE_URL")
    if not url:
        assert connection.vendor == "sqlite"
        return
    expected = dj_database_url.parse(url)

    assert connection.settings_dict["ENGINE"] == expected["ENGINE"]
    if expected["ENGINE"].endswith("postgresql"):
        assert connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            cursor.execute("SELECT version(), inet_server_port()")
            version, port = cursor.fetchone()
        assert version.startswith("PostgreSQL")
        assert port == int(expected["PORT"] or 5432)


@pytest.mark.redis
def test_redis_server_answers():
    url = services.redis_url()

    client = redis.Redis.from_url(url, socket_timeout=5)
    try:
        assert client.ping() is True
    finally:
        client.close()


def test_default_cache_is_the_one_named_by_redis_url():
    backend = type(caches["default"]).__name__

    if os.environ.get("REDIS_URL"):
        assert backend == "FailoverRedisCache"
    else:
        assert backend == "LocMemCache"


@pytest.mark.redis
def test_cache_values_are_stored_in_redis():
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set: the default cache is in-process")
    services.redis_url()
    key, value = f"probe-{uuid.uuid4().hex}", {"عنوان": "خبر", "views": 56}

    cache.set(key, value, timeout=60)

    assert cache.get(key) == value
    client = redis.Redis.from_url(url, socket_timeout=5)
    try:
        assert client.exists(cache.make_key(key)) == 1, (
            "the value is not on the Redis server named by REDIS_URL"
        )
    finally:
        client.close()


def test_missing_service_fails_when_services_are_required(monkeypatch):
    monkeypatch.setenv("KHABAR_REQUIRE_SERVICES", "1")

    with pytest.raises(pytest.fail.Exception, match="KHABAR_REQUIRE_SERVICES"):
        services.unavailable("Frobnicator is not reachable")


@pytest.mark.parametrize("setting", ["", "0"])
def test_missing_service_skips_otherwise(monkeypatch, setting):
    monkeypatch.setenv("KHABAR_REQUIRE_SERVICES", setting)

    with pytest.raises(pytest.skip.Exception, match="Frobnicator"):
        services.unavailable("Frobnicator is not reachable")
