"""`khabar flush-views`: the web workers' flusher loop, run on its own.

With ``KHABAR_VIEWS_FLUSHER=0`` on the web servers (docs/readership.md), it
is the only thing that applies claims and prunes old rows for the site.
"""

import datetime as dt
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from khabar.readership import flusher
from khabar.readership.counters import get_counters, reset_counters
from khabar.readership.models import ArticleHourlyViews, FlushLog
from khabar.readership.totals import totals
from tests.factories import ArticleFactory
from tests.sites import migrated_database
from tests.waiting import wait_until

BROWSER = (
    "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36"
)


@pytest.fixture
def counters(settings, tmp_path):
    """The embedded store in a temporary side file; web workers that only
    spill (KHABAR_VIEWS_FLUSHER=0)."""
    settings.VAR_DIR = tmp_path
    settings.KHABAR_VIEWS_REDIS_URL = ""
    settings.KHABAR_TRUSTED_PROXIES = []
    settings.KHABAR_VIEWS_FLUSHER = False
    reset_counters()
    totals.clear()
    yield get_counters()
    reset_counters()
    totals.clear()


def flush_views_once():
    out = io.StringIO()
    call_command("flush-views", once=True, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_flush_views_applies_what_web_workers_only_spilled(client, counters):
    article = ArticleFactory()
    flusher.refresh_live(counters)
    client.post(f"/v/{article.pk}", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7")
    flusher.tick(counters)  # a web worker's pass: the view goes to the store
    article.refresh_from_db()
    assert article.view_count == 0

    output = flush_views_once()

    article.refresh_from_db()
    assert article.view_count == 1
    assert output == "Flushed 1 views in 1 batches.\n"


@pytest.mark.django_db
def test_flush_views_prunes_rows_past_their_keeping_time(counters):
    article = ArticleFactory()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    old_hour = now - flusher.KEEP_HOURS - dt.timedelta(hours=1)
    kept_hour = now - flusher.KEEP_HOURS + dt.timedelta(hours=1)
    for hour in (old_hour, kept_hour):
        ArticleHourlyViews.objects.create(article=article, hour=hour, views=3)
    old_flush = now - flusher.KEEP_FLUSH_LOG - dt.timedelta(hours=1)
    FlushLog.objects.create(flush_id="old", flushed_at=old_flush)
    FlushLog.objects.create(flush_id="recent", flushed_at=now)

    flush_views_once()

    hours = ArticleHourlyViews.objects.values_list("hour", flat=True)
    assert list(hours) == [kept_hour]
    assert list(FlushLog.objects.values_list("flush_id", flat=True)) == ["recent"]


def test_flush_views_rejects_a_zero_interval():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="above 0"):
        call_command("flush-views", interval=0)


# -- as a service: a real process on a throwaway site ------------------------

OLD_ROWS = (
    "import datetime as dt; from django.utils import timezone;"
    "from khabar.newsroom.models import Article, Section;"
    "from khabar.readership.models import ArticleHourlyViews, FlushLog;"
    "s = Section.objects.create(name='سياسة');"
    "a = Article.objects.create(title='خبر', section=s, live=True,"
    " first_published_at=timezone.now(), last_published_at=timezone.now());"
    "old = timezone.now() - dt.timedelta(days=30);"
    "ArticleHourlyViews.objects.create(article=a, hour=old, views=1);"
    "FlushLog.objects.create(flush_id='old', flushed_at=old)"
)


def _count(database, table):
    with sqlite3.connect(database, timeout=30) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.server
def test_flush_views_service_prunes_and_stops_on_sigterm(tmp_path):
    env = {
        **os.environ,
        "KHABAR_VAR_DIR": str(tmp_path),
        "KHABAR_DEBUG": "1",
        "KHABAR_VIEWS_FLUSHER": "0",  # the documented production set-up
    }
    for name in ("DATABASE_URL", "REDIS_URL", "KHABAR_VIEWS_REDIS_URL"):
        env.pop(name, None)
    khabar = [sys.executable, "-m", "khabar"]
    database = tmp_path / "khabar.sqlite3"
    migrated_database(database)
    subprocess.run(
        [*khabar, "shell", "-c", OLD_ROWS], env=env, check=True, capture_output=True
    )
    service = subprocess.Popen(
        [*khabar, "flush-views", "--interval", "0.2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        pruned = wait_until(
            lambda: (
                _count(database, "readership_articlehourlyviews") == 0
                and _count(database, "readership_flushlog") == 0
            ),
            60,
            0.2,
        )
        assert pruned, "flush-views did not prune the rows of 30 days ago"

        started = time.monotonic()
        service.send_signal(signal.SIGTERM)
        service.wait(timeout=10)
        assert service.returncode == 0, service.stderr.read()
        assert time.monotonic() - started < 5
    finally:
        if service.poll() is None:
            service.kill()
            service.wait()
