"""Scheduled publishing and expiry: Wagtail's revisions, Khabar's ticker."""

import datetime as dt
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from django.utils import timezone

from khabar.newsroom.events import article_published, article_unpublished
from khabar.newsroom.models import Article
from khabar.scheduling.ticker import run_due
from tests.factories import ArticleFactory
from tests.services import free_port
from tests.sites import migrated_database
from tests.waiting import SERVER_START, wait_until

pytestmark = pytest.mark.django_db


def _schedule(article, when):
    article.go_live_at = when
    revision = article.save_revision()
    revision.publish()
    article.refresh_from_db()
    return revision


def _make_due(revision):
    """Move a scheduled revision's time into the past, as the clock would."""
    past = timezone.now() - dt.timedelta(seconds=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])


def test_scheduled_article_waits_then_goes_live():
    article = ArticleFactory(draft=True)
    revision = _schedule(article, timezone.now() + dt.timedelta(hours=1))
    assert not article.live
    assert article not in Article.objects.visible()

    run_due()
    assert article not in Article.objects.visible()

    _make_due(revision)
    run_due()
    article.refresh_from_db()
    assert article.live
    assert article in Article.objects.visible()


def test_going_live_sends_the_publish_event():
    seen = []

    def listener(sender, article, **kwargs):
        seen.append(article.pk)

    article = ArticleFactory(draft=True)
    article_published.connect(listener)
    try:
        revision = _schedule(article, timezone.now() + dt.timedelta(hours=1))
        assert seen == [], "scheduling is not publishing"
        _make_due(revision)
        run_due()
    finally:
        article_published.disconnect(listener)
    assert seen == [article.pk]


def test_expired_article_is_unpublished():
    seen = []

    def listener(sender, article, **kwargs):
        seen.append(article.pk)

    article = ArticleFactory(expire_at=timezone.now() - dt.timedelta(seconds=1))
    article_unpublished.connect(listener)
    try:
        run_due()
    finally:
        article_unpublished.disconnect(listener)
    article.refresh_from_db()
    assert article.expired
    assert not article.live
    assert seen == [article.pk]


def test_worker_rejects_a_bad_interval():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="1 second or more"):
        call_command("worker", interval=0)


def _status(url):
    try:
        return urllib.request.urlopen(url, timeout=5).status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


@pytest.mark.server
def test_embedded_server_publishes_on_time_with_nothing_else_running(tmp_path):
    """A real `khabar serve` (granian) with its own SQLite database."""
    env = {
        **os.environ,
        "KHABAR_VAR_DIR": str(tmp_path),
        "KHABAR_SCHEDULER_INTERVAL": "1",
        "KHABAR_DEBUG": "1",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    khabar = [sys.executable, "-m", "khabar"]
    migrated_database(tmp_path / "khabar.sqlite3")

    def shell(code):
        return subprocess.run(
            [*khabar, "shell", "-c", code],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    port = free_port()
    server = subprocess.Popen(
        [*khabar, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        started = wait_until(
            lambda: _status(f"http://127.0.0.1:{port}/"), SERVER_START, 0.2
        )
        assert started, f"khabar serve did not start in {SERVER_START} s"
        # Scheduled an hour ahead, then made due, as the clock would: the
        # test does not depend on how long the machine takes to get there.
        make = (
            "import datetime as dt; from django.utils import timezone;"
            "from khabar.newsroom.models import Article, Section;"
            "s = Section.objects.create(name='سياسة');"
            "a = Article(title='خبر مجدول', section=s, live=False,"
            " go_live_at=timezone.now() + dt.timedelta(hours=1));"
            "a.save(); a.save_revision().publish(); print(a.pk)"
        )
        pk = shell(make).split()[-1]
        url = f"http://127.0.0.1:{port}/a/{pk}"
        assert _status(url) == 404  # not yet due
        due = (
            "import datetime as dt; from django.utils import timezone;"
            "from khabar.newsroom.models import Article;"
            "past = timezone.now() - dt.timedelta(seconds=1);"
            f"r = Article.objects.get(pk={pk}).revisions.latest('pk');"
            "r.approved_go_live_at = past;"
            "r.content['go_live_at'] = past.isoformat();"
            "r.save(update_fields=['approved_go_live_at', 'content'])"
        )
        shell(due)
        live = wait_until(lambda: _status(url) == 200, 60, 0.2)
        assert live, "the due article did not go live in 60 s"
    finally:
        server.terminate()
        server.wait(timeout=60)  # cleaning up, not a measure of stopping
