"""The most-read lists: the last 24 hours and the last 7 days.

Defined on the stored hourly counts (``ArticleHourlyViews``, UTC clock
hours), so both stores give the same lists: "the last 24 hours" is the
current hour (so far) and the 23 before it; "the last 7 days" the current
hour and the 167 before it. Only articles visible now are listed; ties go
to the newer article. The lists are computed in one query, by the flusher
thread, at most once a minute (``CACHE_SECONDS``), and pages read them from
the cache: showing them costs a page no query at all.
"""

import datetime as dt

from django.core.cache import cache
from django.db.models import F, Q, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from khabar.links import link
from khabar.newsroom.models import Article

WINDOWS = {"24h": 24, "7d": 7 * 24}
#: Longest list kept; the API's ``limit`` is at most this.
MAX_LIMIT = 50
CACHE_SECONDS = 60
#: The lists stay servable this long if no flusher refreshes them.
KEEP_SECONDS = 3600
CACHE_KEY = "readership:most-read:v1"
LOCK_KEY = "readership:most-read:lock"


def hour_start(when):
    return when.replace(minute=0, second=0, microsecond=0)


def compute(limit=MAX_LIMIT, now=None):
    """Both lists from the database, in one query: ``{window: [item]}``."""
    now = hour_start(now or timezone.now()).astimezone(dt.UTC)
    since = {
        name: now - dt.timedelta(hours=hours - 1) for name, hours in WINDOWS.items()
    }
    sums = {
        name: Sum("hourly_views__views", filter=Q(hourly_views__hour__gte=start))
        for name, start in since.items()
    }
    ranked = (
        Article.objects.visible()
        .filter(hourly_views__hour__gte=min(since.values()))
        .values("pk", "title", "first_published_at")
        .annotate(**{f"views_{name}": total for name, total in sums.items()})
        .annotate(
            **{
                f"rank_{name}": Window(
                    RowNumber(),
                    order_by=[
                        F(f"views_{name}").desc(nulls_last=True),
                        F("first_published_at").desc(),
                        F("pk").desc(),
                    ],
                )
                for name in WINDOWS
            }
        )
        .filter(Q(rank_24h__lte=limit) | Q(rank_7d__lte=limit))
    )
    lists = {name: [] for name in WINDOWS}
    for row in ranked:
        for name in WINDOWS:
            views = row[f"views_{name}"]
            if views and row[f"rank_{name}"] <= limit:
                lists[name].append(
                    {
                        "id": row["pk"],
                        "title": row["title"],
                        "url": link("site:article", row["pk"]),
                        "published_at": row["first_published_at"],
                        "views": views,
                        "rank": row[f"rank_{name}"],
                    }
                )
    for items in lists.values():
        items.sort(key=lambda item: item["rank"])
        for item in items:
            del item["rank"]
    return lists


def refresh(force=False):
    """Recompute the lists if no process has in the last ``CACHE_SECONDS``.

    Called by the flusher thread, so pages never wait for the query: one
    process a minute runs it (``cache.add`` is the lock; with Redis it is
    shared by every worker and machine).
    """
    if not force and not cache.add(LOCK_KEY, 1, CACHE_SECONDS):
        return None
    lists = compute()
    cache.set(CACHE_KEY, lists, KEEP_SECONDS)
    return lists


def expire():
    """Have the next flusher pass recompute the lists (an unpublish)."""
    cache.delete(LOCK_KEY)


def most_read(window="24h", limit=10, compute_if_missing=False):
    """The cached list for *window* ("24h" or "7d"), at most *limit* long.

    Pages read only the cache (no query; empty until the first flusher pass
    after a start); the API computes the lists when they are missing.
    """
    if window not in WINDOWS:
        raise ValueError(f"window must be one of {', '.join(WINDOWS)}, not {window!r}")
    lists = cache.get(CACHE_KEY)
    if lists is None:
        if not compute_if_missing:
            return []
        lists = refresh(force=True)
    return lists[window][:limit]
