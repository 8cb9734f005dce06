"""The content generation: a token that changes whenever what readers see
may have changed.

Lists that most pages show (the section menu, the latest headlines, each
section's newest stories) are kept by every process and used until the
token changes (:mod:`khabar.cache.shared`). A change in one process must
reach all of them, so the token lives outside: a counter in Redis when
``REDIS_URL`` is set (every worker and machine), else a file in the var
directory that grows by a byte per change (reading it is one ``stat``;
saving an article changes it twice). A request reads it once: with Redis
that is one round trip per page instead of one per list.

Any saved or deleted article, section or front-page lineup changes it (publishing, the
scheduler and expiry all save the article), and so do imports, which
write rows without saving models. Saving a draft changes it too: cheap,
and it keeps every way of changing an article covered.
"""

import os
import threading

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from khabar.newsroom.events import (
    article_unpublished,
    articles_imported,
    front_page_changed,
)
from khabar.newsroom.models import Article, Section

REDIS_KEY = "content-generation"
FILE_NAME = "content-generation"


def _path():
    return os.path.join(settings.VAR_DIR, FILE_NAME)


#: Outside a request every call reads the token; inside one the first does.
_OUTSIDE, _UNREAD = object(), object()
_request = threading.local()


@receiver(request_started)
def _request_started(**kwargs):
    _request.token = _UNREAD


@receiver(request_finished)
def _request_finished(**kwargs):
    _request.token = _OUTSIDE


def current():
    """The token now: equal tokens mean no change in between.

    A request keeps the token it read first: a change landing later in the
    request only makes a list computed meanwhile be computed again later."""
    token = getattr(_request, "token", _OUTSIDE)
    if token is _OUTSIDE:
        return _read()
    if token is _UNREAD:
        token = _request.token = _read()
    return token


def _read():
    if settings.REDIS_URL:
        return cache.get(REDIS_KEY, 0)
    try:
        st = os.stat(_path())
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_size


def bump():
    """Give every process a new token."""
    if getattr(_request, "token", _OUTSIDE) is not _OUTSIDE:
        _request.token = _UNREAD  # this request made the change: read anew
    if settings.REDIS_URL:
        cache.add(REDIS_KEY, 0, timeout=None)
        cache.incr(REDIS_KEY)
        return
    path = _path()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # O_APPEND: bumps from several threads and processes never overwrite
    # one another, so the size always grows. It is never started again (a
    # new file could get an old one's inode, and an old token with it): a
    # million changes make a file of two megabytes.
    with open(path, "ab") as handle:
        handle.write(b".")


@receiver(article_unpublished)
@receiver(articles_imported)
@receiver(front_page_changed)
@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
@receiver(post_save, sender=Section)
@receiver(post_delete, sender=Section)
def _content_changed(**kwargs):
    # Now, so that the transaction making the change reads its own lists
    # anew (tests' transactions never commit); and at the commit, so that
    # a list another thread read before the commit is not used after it.
    bump()
    transaction.on_commit(bump)
