"""The change log behind /api/v1/changes: what is recorded, when, and what a
partner reading it ends with."""

import base64
import datetime as dt
import importlib
import io
import json
import random
import threading

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.actions.unpublish import UnpublishAction

from khabar.api import recording
from khabar.api.changelog import (
    MAX_LIMIT,
    BadCursor,
    CursorGone,
    changes_since,
    decode_cursor,
    encode_cursor,
)
from khabar.api.models import ArticleChange, ChangeHorizon
from khabar.newsroom.models import Article, ArticleCorrection
from khabar.scheduling.ticker import run_due
from tests.factories import ArticleFactory
from tests.waiting import wait_until

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` runs what waits for the commit (the recording)
    at the end of the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def kinds(article):
    return list(
        ArticleChange.objects.filter(article_id=article.pk)
        .order_by("pk")
        .values_list("kind", flat=True)
    )


def draft():
    return ArticleFactory(draft=True)


def unpublish(article, committed):
    article.refresh_from_db()  # publish() made a copy of it live
    with committed():
        UnpublishAction(article).execute(skip_permission_checks=True)


def expire(article, committed):
    Article.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with committed():
        run_due()  # the scheduler: unpublishes with expired=True


# What is recorded


def test_a_first_publication_is_published_and_a_second_updated(publish):
    article = publish(draft())
    publish(article, title="عنوان معدل")
    assert kinds(article) == ["published", "updated"]


def test_a_publication_that_brings_a_correction_is_corrected(publish):
    article = publish(draft())
    article.corrections.add(ArticleCorrection(note="صُحّح اسم الوزير."))
    publish(article)
    article = Article.objects.get(pk=article.pk)  # the correction as saved
    publish(article, title="تحديث لاحق بلا تصحيح جديد")
    assert kinds(article) == ["published", "corrected", "updated"]


def test_unpublishing_leaves_a_tombstone(publish, committed):
    article = publish(draft())
    unpublish(article, committed)
    assert kinds(article) == ["published", "unpublished"]


def test_expiry_is_told_from_unpublishing(publish, committed):
    article = publish(draft())
    expire(article, committed)
    assert kinds(article) == ["published", "expired"]


def test_deleting_leaves_a_tombstone_after_the_row_is_gone(publish, committed):
    article = publish(draft())
    pk = article.pk
    with committed():
        article.delete()
    assert not Article.objects.filter(pk=pk).exists()
    changes, _ = changes_since()
    assert [(c.article_id, c.kind, c.live) for c in changes] == [
        (pk, "published", True),
        (pk, "deleted", False),
    ]
    assert changes[-1].url == f"http://127.0.0.1:8000/a/{pk}"


def test_publishing_again_after_unpublishing_is_published(publish, committed):
    article = publish(draft())
    unpublish(article, committed)
    publish(article)
    assert kinds(article) == ["published", "unpublished", "published"]


def test_what_never_reached_readers_records_nothing(committed):
    never = draft()
    with committed():
        UnpublishAction(never).execute(skip_permission_checks=True)
        draft().delete()
    assert not ArticleChange.objects.exists()


def test_each_change_is_recorded_once_however_often_it_is_announced(publish):
    article = publish(draft())
    recording.record([article.pk])  # the same state again
    recording.record([article.pk, article.pk])
    assert kinds(article) == ["published"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_publication_is_never_recorded():
    article = draft()

    def publish_then_fail():
        with transaction.atomic():
            article.save_revision().publish()
            raise RuntimeError("the editor's request failed after publishing")

    with pytest.raises(RuntimeError):
        publish_then_fail()
    assert not ArticleChange.objects.exists()

    article.refresh_from_db()
    article.save_revision().publish()  # committed: recorded at once
    assert kinds(article) == ["published"]


# Imports: one row per article per batch, in bulk


def _import(tmp_path, committed, count, title="خبر مستورد"):
    lines = [
        {
            "id": f"wire-{n}",
            "title": f"{title} {n}",
            "published_at": "2025-05-28T11:46:00+03:00",
            "section": "سياسة",
            "body_text": "فقرة.",
        }
        for n in range(count)
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines),
        encoding="utf-8",
    )
    with CaptureQueriesContext(connection) as queries, committed():
        call_command(
            "import-jsonl", str(path), stdout=io.StringIO(), stderr=io.StringIO()
        )
    return [q["sql"] for q in queries if "api_articlechange" in q["sql"]]


def test_an_import_batch_records_each_article_once_in_bulk(tmp_path, committed):
    recording.prune()  # not due during the counts below
    few = _import(tmp_path, committed, 3)
    ArticleChange.objects.all().delete()
    Article.objects.all().delete()
    many = _import(tmp_path, committed, 60)

    assert len(many) == len(few)  # the same statements for 60 as for 3
    assert sum(q.startswith("INSERT") for q in many) == 1
    assert ArticleChange.objects.filter(kind="published").count() == 60


def test_importing_again_records_updates(tmp_path, committed):
    _import(tmp_path, committed, 4)
    _import(tmp_path, committed, 4, title="عنوان جديد")
    by_kind = sorted(ArticleChange.objects.values_list("kind", flat=True))
    assert by_kind == ["published"] * 4 + ["updated"] * 4


def test_recording_a_batch_runs_a_fixed_number_of_queries(django_assert_num_queries):
    recording.prune()  # not due during the counts below
    small = [a.pk for a in ArticleFactory.create_batch(3)]
    large = [a.pk for a in ArticleFactory.create_batch(120)]
    with CaptureQueriesContext(connection) as first:
        recording.record(small, changed=True)
    with django_assert_num_queries(len(first)):
        recording.record(large, changed=True)


# Reading: cursors


def test_pages_by_cursor_lose_and_repeat_nothing_while_changes_arrive(
    publish, committed
):
    articles = [publish(draft()) for _ in range(7)]
    seen, cursor = [], None
    for step in range(12):
        changes, cursor = changes_since(cursor, limit=3)
        seen += [c.cursor for c in changes]
        if step < 5:  # the newsroom goes on between polls
            publish(random.choice(articles), title=f"تعديل {step}")
            publish(draft())
        if step == 3:
            unpublish(articles[0], committed)
    every = [
        encode_cursor(pk) for pk in ArticleChange.objects.values_list("pk", flat=True)
    ]
    assert seen == sorted(every, key=decode_cursor)
    assert len(seen) == len(set(seen)) == ArticleChange.objects.count()


def test_caught_up_readers_get_their_cursor_back(publish):
    publish(draft())
    changes, cursor = changes_since()
    assert len(changes) == 1
    assert changes_since(cursor) == ([], cursor)
    assert changes_since(None) == (changes, cursor)


def test_an_empty_log_starts_at_the_start():
    assert changes_since() == ([], encode_cursor(0))
    assert changes_since(encode_cursor(0)) == ([], encode_cursor(0))


def test_cursors_are_opaque_and_round_trip():
    cursor = encode_cursor(12345)
    assert "12345" not in cursor
    assert decode_cursor(cursor) == 12345


def _b64(text):
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("cursor", "says"),
    [
        ("", "empty"),
        ("x" * 500, "characters long"),
        ("abc$", "alphabet"),
        ("djE6MTIz=", "alphabet"),
        ("a", "base64"),
        (_b64("\u0661\u0662"), "base64"),
        (_b64("v2:12"), "version"),
        (_b64("12"), "version"),
        (_b64("v1:"), "position"),
        (_b64("v1:-3"), "position"),
        (_b64("v1:\u0663"), "base64"),
        (_b64("v1:99999999999999999999"), "position"),
        (_b64("v1:007"), "written"),
        (_b64("v1:5:0"), "written"),
        (_b64("v1:5:x"), "position"),
    ],
)
def test_a_bad_cursor_says_what_is_wrong(cursor, says):
    with pytest.raises(BadCursor, match=says) as raised:
        changes_since(cursor)
    assert isinstance(raised.value, ValueError)
    assert "leave the cursor out" in str(raised.value)


@pytest.mark.parametrize("limit", [0, -1, MAX_LIMIT + 1, "10", 2.5, True])
def test_a_limit_out_of_bounds_is_refused(limit):
    with pytest.raises(ValueError, match="limit"):
        changes_since(None, limit=limit)


def test_a_cursor_ahead_of_the_log_is_gone(publish):
    publish(draft())
    _, cursor = changes_since()
    with pytest.raises(CursorGone, match="ahead"):
        changes_since(encode_cursor(decode_cursor(cursor) + 1))


# Retention and compaction


def _age_everything(days):
    ArticleChange.objects.update(at=timezone.now() - dt.timedelta(days=days))


def test_pruning_keeps_each_live_articles_latest_change(publish, committed):
    kept = publish(draft())
    publish(kept, title="تعديل")
    gone = publish(draft())
    unpublish(gone, committed)
    _age_everything(recording.RETENTION.days + 1)

    removed = recording.prune()

    assert removed == 3  # kept's first row, gone's row and its tombstone
    assert kinds(kept) == ["updated"]
    assert kinds(gone) == []


def test_recent_changes_are_never_pruned(publish, committed):
    article = publish(draft())
    publish(article, title="تعديل")
    unpublish(article, committed)
    assert recording.prune() == 0
    assert kinds(article) == ["published", "updated", "unpublished"]


def test_a_cursor_before_a_pruned_tombstone_is_gone(publish, committed):
    article = publish(draft())
    _, before = changes_since()
    unpublish(article, committed)
    _, after = changes_since()
    _age_everything(recording.RETENTION.days + 1)
    recording.prune()

    with pytest.raises(CursorGone, match="Sync again from the start"):
        changes_since(before)
    assert changes_since(after) == ([], after)  # it had seen the tombstone
    assert changes_since(None)[0] == []  # and from the start: nothing to see


def test_a_full_sync_of_a_compacted_log_pages_to_its_end(publish, committed):
    """Cursors given out after a compaction are not sent back to the
    start, though their positions are below its horizon: the rows there
    are the latest changes of live articles, all still served."""
    kept = [publish(draft()) for _ in range(5)]
    gone = publish(draft())
    unpublish(gone, committed)
    _age_everything(recording.RETENTION.days + 1)
    recording.prune()
    stale_cursor = encode_cursor(ArticleChange.objects.order_by("pk").first().pk)

    seen, cursor = [], None
    while True:
        changes, cursor = changes_since(cursor, limit=2)
        seen += [change.article_id for change in changes]
        if len(changes) < 2:
            break

    assert seen == [article.pk for article in kept]
    with pytest.raises(CursorGone):  # one given out before it still is
        changes_since(stale_cursor)


def test_pruning_superseded_changes_leaves_every_cursor_good(publish):
    article = publish(draft())
    _, early = changes_since()
    publish(article, title="تعديل")
    _age_everything(recording.RETENTION.days + 1)
    recording.prune()

    changes, _ = changes_since(early)
    assert [c.kind for c in changes] == ["updated"]


def test_recording_prunes_once_a_day(publish):
    article = publish(draft())
    publish(article, title="تعديل")
    _age_everything(recording.RETENTION.days + 1)
    ChangeHorizon.objects.update_or_create(
        pk=1, defaults={"pruned_at": timezone.now() - dt.timedelta(hours=1)}
    )
    publish(draft())
    assert kinds(article) == ["published", "updated"]  # pruned an hour ago

    ChangeHorizon.objects.filter(pk=1).update(
        pruned_at=timezone.now() - recording.PRUNE_EVERY
    )
    publish(draft())
    assert kinds(article) == ["updated"]


# The backfill


def test_record_changes_backfills_the_live_set_once():
    live = ArticleFactory.create_batch(3)
    ArticleFactory(draft=True)
    ArticleFactory(expire_at=timezone.now() - dt.timedelta(minutes=1))
    out = io.StringIO()

    call_command("record-changes", stdout=out)

    assert "3 published" in out.getvalue()
    changes, _ = changes_since()
    assert sorted(c.article_id for c in changes) == sorted(a.pk for a in live)
    call_command("record-changes", stdout=out)
    assert "in step" in out.getvalue()
    assert ArticleChange.objects.count() == 3


def test_record_changes_repairs_what_the_log_missed():
    shown, hidden = ArticleFactory(), ArticleFactory()
    recording.reconcile()
    Article.objects.filter(pk=hidden.pk).update(live=False)  # no event sent
    Article.objects.filter(pk=shown.pk).update(expired=True, live=False)
    added = ArticleFactory()

    written = recording.reconcile(step=2)

    assert written == {"published": 1, "unpublished": 1, "expired": 1}
    assert kinds(added) == ["published"]
    assert kinds(hidden)[-1] == "unpublished"
    assert kinds(shown)[-1] == "expired"


def test_the_migration_records_the_live_set():
    live = ArticleFactory.create_batch(2)
    ArticleFactory(draft=True)
    migration = importlib.import_module("khabar.api.migrations.0002_backfill")

    migration.record_live_set(apps, None)

    assert sorted(ArticleChange.objects.values_list("article_id", flat=True)) == sorted(
        a.pk for a in live
    )


# A partner that mirrors the site through the feed


class Partner:
    """Mirrors the site's live set by applying the feed, as docs/changes.md
    tells a partner to."""

    def __init__(self):
        self.mirror, self.cursor = set(), None

    def poll(self):
        while True:
            try:
                changes, self.cursor = changes_since(self.cursor, limit=7)
            except CursorGone:
                self.mirror, self.cursor = set(), None  # a full sync
                continue
            for change in changes:
                if change.live:
                    self.mirror.add(change.article_id)
                else:
                    self.mirror.discard(change.article_id)
            if len(changes) < 7:
                return


def test_a_partner_applying_the_feed_ends_with_exactly_the_live_set(
    publish, committed, tmp_path
):
    rng = random.Random(20)
    ArticleFactory.create_batch(5)  # on the site before the log existed
    recording.reconcile()
    partner = Partner()
    partner.poll()
    for step in range(60):
        live = list(Article.objects.visible())
        action = rng.choice(["new", "new", "edit", "correct", "unpublish", "expire",
                             "delete", "republish"])  # fmt: skip
        if action == "new" or not live:
            publish(draft())
        elif action == "edit":
            publish(rng.choice(live), title=f"تعديل {step}")
        elif action == "correct":
            article = rng.choice(live)
            article.corrections.add(ArticleCorrection(note=f"تصحيح {step}"))
            publish(article)
        elif action == "unpublish":
            unpublish(rng.choice(live), committed)
        elif action == "expire":
            expire(rng.choice(live), committed)
        elif action == "delete":
            with committed():
                rng.choice(live).delete()
        else:
            hidden = Article.objects.filter(live=False).first()
            publish(hidden or draft())
        if step % 7 == 0:
            partner.poll()
        if step == 40:  # a month passes: the log is compacted under the partner
            _age_everything(recording.RETENTION.days + 1)
            recording.prune()
    _import(tmp_path, committed, 5)
    partner.poll()

    assert partner.mirror == set(Article.objects.visible().values_list("pk", flat=True))
    late = Partner()  # and one that starts from nothing, after the pruning
    late.poll()
    assert late.mirror == partner.mirror


# Writers take turns (PostgreSQL: concurrent transactions)


def _waiting_for_the_log():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE NOT granted "
            "AND relation = 'api_articlechange'::regclass"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_reader_never_passes_a_change_that_commits_later():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time by itself")
    slow, quick = ArticleFactory(), ArticleFactory()
    recording.prune()  # not due inside the writers below
    holding, release = threading.Event(), threading.Event()

    def slow_writer():
        try:
            with transaction.atomic():
                recording.record([slow.pk])  # takes its id first...
                holding.set()
                release.wait(30)  # ...and commits last
        finally:
            connections.close_all()

    def quick_writer():
        try:
            recording.record([quick.pk])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=slow_writer)]
    threads[0].start()
    try:
        assert holding.wait(30)
        threads.append(threading.Thread(target=quick_writer))
        threads[1].start()
        assert wait_until(_waiting_for_the_log), "the second writer did not wait"

        changes, cursor = changes_since()
        assert changes == []  # nothing committed yet, so nothing to pass
    finally:
        release.set()
        for thread in threads:
            thread.join(30)

    changes, _ = changes_since(cursor)
    assert [c.article_id for c in changes] == [slow.pk, quick.pk]
