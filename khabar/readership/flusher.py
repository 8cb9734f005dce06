"""Move counted views from the store into the database, in batches.

Each claim (a batch with an id, see counters.py) is applied in one transaction
that adds to ``Article.view_count`` and upserts the per-day and per-hour
rows, with at most one row written per article per table, and records the
claim's id in ``FlushLog``. The store forgets the claim only after that
commit. So:

- a flusher that dies before the commit leaves the claim in the store; it
  is applied by the next flush (any process, after ``ORPHAN_AGE``);
- one that dies after the commit but before the release leaves a claim the
  database already holds: the next attempt finds its id in ``FlushLog``,
  adds nothing and releases it.

One loop, ``run_forever()``, makes a pass (``tick()``) every few seconds:
in a thread of every web worker (every ``KHABAR_VIEWS_FLUSH_INTERVAL``
seconds, and once more when the worker stops cleanly), or in ``khabar
flush-views``, which applies every claim for the whole site while the web
workers (``KHABAR_VIEWS_FLUSHER=0``) only spill their views into the store.
Whichever applies claims also prunes old rows, once an hour.
"""

import atexit
import datetime as dt
import logging
import multiprocessing.util
import threading
import time
import zoneinfo
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone

from khabar.newsroom.models import Article
from khabar.readership import most_read
from khabar.readership.counters import ORPHAN_AGE, get_counters
from khabar.readership.models import ArticleDailyViews, ArticleHourlyViews, FlushLog
from khabar.readership.totals import totals

log = logging.getLogger(__name__)

#: Statements carry at most this many articles (SQLite's variable limit).
CHUNK = 300
#: Hourly rows feed the 7-day list; flush ids guard retries. Kept this long.
KEEP_HOURS = dt.timedelta(days=8)
KEEP_FLUSH_LOG = dt.timedelta(days=7)
PRUNE_EVERY = 3600

_flush_lock = threading.Lock()
_stop = threading.Event()
_started = threading.Event()


@dataclass
class Flushed:
    batches: int = 0
    views: int = 0


def flush(counters=None, apply_claims=True, orphans_after=ORPHAN_AGE):
    """Spill this process's views and apply every claim that is due."""
    counters = counters or get_counters()
    done = Flushed()
    with _flush_lock:
        counters.spill()
        if not apply_claims:
            return done
        for claim in counters.claims(orphans_after=orphans_after):
            if claim.counts and apply(claim):
                done.batches += 1
                done.views += claim.views
            counters.release(claim.flush_id)
    return done


def apply(claim):
    """Add *claim* to the database. False if it was already there."""
    ids = sorted({article for article, _ in claim.counts})
    visible = set()
    for start in range(0, len(ids), CHUNK):
        visible.update(
            Article.objects.visible()
            .filter(pk__in=ids[start : start + CHUNK])
            .values_list("pk", flat=True)
        )
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    by_article, by_day, by_hour = Counter(), Counter(), Counter()
    for (article, hour), views in claim.counts.items():
        if article not in visible:
            continue  # unpublished since, or never was: not a reader's view
        start = dt.datetime.fromtimestamp(hour * 3600, dt.UTC)
        by_article[article] += views
        by_hour[article, start] += views
        by_day[article, start.astimezone(zone).date()] += views
    try:
        with transaction.atomic():
            # First, so that a second flusher applying the same claim waits
            # here for the first one's commit and then fails.
            FlushLog.objects.create(
                flush_id=claim.flush_id,
                articles=len(by_article),
                views=sum(by_article.values()),
            )
            stored = _add_totals(by_article)
            _add_rows(ArticleDailyViews, "day", by_day)
            _add_rows(ArticleHourlyViews, "hour", by_hour)
    except IntegrityError:
        if FlushLog.objects.filter(flush_id=claim.flush_id).exists():
            return False
        raise
    totals.update(stored)
    return True


def _add_totals(by_article):
    """``view_count = view_count + n`` for each article, a few statements
    in all; returns the new totals. ``updated_at`` is left alone: a view is
    not an edit (feeds and sitemaps date articles by it)."""
    table = connection.ops.quote_name(Article._meta.db_table)
    items = sorted(by_article.items())
    stored = {}
    with connection.cursor() as cursor:
        for start in range(0, len(items), CHUNK):
            chunk = items[start : start + CHUNK]
            cases = " ".join("WHEN %s THEN %s" for _ in chunk)
            marks = ", ".join("%s" for _ in chunk)
            params = [value for pair in chunk for value in pair]
            params += [pk for pk, _ in chunk]
            cursor.execute(
                f"UPDATE {table} SET view_count = view_count + CASE id {cases} END "
                f"WHERE id IN ({marks}) RETURNING id, view_count",
                params,
            )
            stored.update(cursor.fetchall())
    return stored


def _add_rows(model, column, counts):
    """Insert or add to ``(article, <column>)`` rows, a few statements in all."""
    table = connection.ops.quote_name(model._meta.db_table)
    items = sorted(counts.items())
    with connection.cursor() as cursor:
        for start in range(0, len(items), CHUNK):
            chunk = items[start : start + CHUNK]
            rows = ", ".join("(%s, %s, %s)" for _ in chunk)
            params = [
                value for (article, when), n in chunk for value in (article, when, n)
            ]
            cursor.execute(
                f"INSERT INTO {table} (article_id, {column}, views) VALUES {rows} "
                f"ON CONFLICT (article_id, {column}) "
                f"DO UPDATE SET views = {table}.views + excluded.views",
                params,
            )


def refresh_live(counters=None):
    """Load the ids of live articles into the store's live set."""
    counters = counters or get_counters()
    started = timezone.now()
    counters.replace_live(
        Article.objects.visible().values_list("pk", flat=True).iterator()
    )
    # Articles published while the set was being built: set them again.
    recent = Article.objects.visible().filter(
        last_published_at__gte=started - dt.timedelta(minutes=1)
    )
    counters.set_live(recent.values_list("pk", flat=True))


def prune(now=None):
    now = now or timezone.now()
    ArticleHourlyViews.objects.filter(hour__lt=now - KEEP_HOURS).delete()
    FlushLog.objects.filter(flushed_at__lt=now - KEEP_FLUSH_LOG).delete()


def tick(counters=None, apply_claims=None, orphans_after=ORPHAN_AGE, prune_old=False):
    """One pass of the flusher; returns what it added to the database.

    *apply_claims* defaults to ``KHABAR_VIEWS_FLUSHER``: without it the pass
    only spills this process's views into the store. *prune_old* also
    deletes rows past their keeping time, if this pass applies claims.
    """
    counters = counters or get_counters()
    if apply_claims is None:
        apply_claims = settings.KHABAR_VIEWS_FLUSHER
    if counters.live_refresh_due(counters.live_refresh_every):
        refresh_live(counters)
    done = flush(counters, apply_claims=apply_claims, orphans_after=orphans_after)
    totals.refresh()
    most_read.refresh()
    if apply_claims and prune_old:
        prune()
    return done


def run_forever(interval, stop=None, counters=None, **options):
    """A pass every *interval* seconds, pruning at the first and then
    every ``PRUNE_EVERY`` seconds, until *stop* is set (see ``halt()``).
    *options* go to ``tick()``."""
    stop = stop or _stop
    counters = counters or get_counters()
    next_prune = time.monotonic()
    while not stop.is_set():
        prune_old = time.monotonic() >= next_prune
        if prune_old:
            next_prune = time.monotonic() + PRUNE_EVERY
        close_old_connections()
        try:
            tick(counters, prune_old=prune_old, **options)
        except Exception:  # keep going; the claim stays and is retried
            log.exception("Flushing views failed")
        finally:
            close_old_connections()
        wake = getattr(counters, "wake", None)
        if wake is not None:
            wake.wait(interval)
            wake.clear()
        else:
            stop.wait(interval)


def halt(stop, counters=None):
    """Have ``run_forever(stop=stop)`` return after the pass it is in,
    without waiting out its interval."""
    stop.set()
    wake = getattr(counters or get_counters(), "wake", None)
    if wake is not None:
        wake.set()


def shutdown_flush():
    """Flush everything this process holds; run when the worker stops."""
    if not _started.is_set() or _stop.is_set():
        return
    _stop.set()
    try:
        flush(apply_claims=settings.KHABAR_VIEWS_FLUSHER, orphans_after=ORPHAN_AGE)
    except Exception:
        log.exception("Flushing views at shutdown failed")
    finally:
        close_old_connections()


def start_in_background():
    """Start the flusher thread once per process and flush at exit.

    Granian's worker processes end through multiprocessing, which skips
    ``atexit``; its finalizers do run, so the flush is registered with both.
    """
    if _started.is_set():
        return
    _started.set()
    thread = threading.Thread(
        target=run_forever,
        args=(settings.KHABAR_VIEWS_FLUSH_INTERVAL,),
        name="khabar-views-flusher",
        daemon=True,
    )
    thread.start()
    atexit.register(shutdown_flush)
    multiprocessing.util.Finalize(None, shutdown_flush, exitpriority=100)
