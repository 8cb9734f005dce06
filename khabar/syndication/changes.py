"""When the published archive last changed: what conditional GETs compare.

Feeds and sitemaps are computed from the database on each full request, so
they are never stale; this module only lets a reader or crawler that already
has the current version get a 304. Every publish, update, correction,
unpublish, expiry and import saves the article row and so moves its
``updated_at`` (indexed, so the maximum is one index lookup). Deleting an
article leaves no row to look at: a signal notes the time in the cache.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Max
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from khabar.newsroom.models import Article

DELETED_KEY = "khabar:syndication:deleted-at"


def changed_at():
    """The time of the latest change to any article (None when there are
    none): one query."""
    latest = Article.objects.aggregate(latest=Max("updated_at"))["latest"]
    deleted = cache.get(DELETED_KEY)
    times = [t for t in (latest, deleted) if t is not None]
    return max(times) if times else None


def request_changed_at(request):
    """changed_at(), computed once per request (ETag and Last-Modified both
    need it)."""
    if not hasattr(request, "_khabar_changed_at"):
        request._khabar_changed_at = changed_at()
    return request._khabar_changed_at


def last_modified(request, *args, **kwargs):
    """For ``django.views.decorators.http.condition``."""
    return request_changed_at(request)


def etag(request, *args, **kwargs):
    """For ``condition``: the change time to the microsecond (Last-Modified
    has whole seconds) and the exact URL, since ``?page=`` and ``?full=``
    change the body."""
    when = request_changed_at(request)
    if when is None:
        return None
    key = f"{request.get_full_path()}|{when.isoformat()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


@receiver(post_delete, sender=Article)
def _article_deleted(sender, instance, **kwargs):
    cache.set(DELETED_KEY, timezone.now(), timeout=None)
