"""The view beacon: ``POST /v/<id>`` from script, ``GET /v/<id>.gif`` without.

Both answer at once from memory or one Redis round trip; the database is
not touched on this path (the flusher writes counts in batches), but to
read the day's salt once per process when the counters are in Redis.

They are exempt from CSRF protection on purpose. A beacon carries no
authority: it changes nothing but a counter, and a forged one from another
site counts at most what the reader's own visit would (one view per reader
per article per 30 minutes, bots and prefetches excluded). Requiring a
token would need a cookie or a per-reader page, and pages must be the same
bytes for every reader. Responses set no cookie and are never cached.
"""

import base64
import logging
import time

from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from khabar.readership import bots, identity
from khabar.readership.counters import NOT_LIVE, get_counters
from khabar.readership.totals import totals

log = logging.getLogger(__name__)

#: The smallest transparent GIF: 43 bytes.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")
NO_STORE = "no-store"


def record_view(meta, article_id, now=None):
    """Count the request whose WSGI environ (Django's ``request.META``) is
    *meta* as a view, if it is one. Returns the store's answer (NOT_LIVE,
    REPEAT, COUNTED), or None for a bot or a prefetch."""
    user_agent = meta.get("HTTP_USER_AGENT", "")
    if bots.is_prefetch(meta) or bots.is_bot(user_agent):
        return None
    now = time.time() if now is None else now
    counters = get_counters()
    address = identity.client_address(meta)
    salt = counters.salt(identity.day_of(now))
    readers = [identity.reader_hash(salt, address, user_agent)]
    yesterday = identity.previous_day(now)
    if yesterday:
        readers.append(
            identity.reader_hash(counters.salt(yesterday), address, user_agent)
        )
    source = identity.reader_hash(salt, address, "")
    return counters.record(article_id, tuple(readers), now, source)


def safely_record(meta, article_id):
    try:
        return record_view(meta, article_id)
    except Exception:
        # A reader must never see an error for our counting; log and go on.
        log.exception("Could not record a view of %s", article_id)
        return None


def views_after(result, article_id):
    """The total to answer with. Only ids the store knows to be live are
    looked up, so junk ids cannot grow the map of totals."""
    if result is None or result == NOT_LIVE:
        return None
    return totals.get(article_id)


@csrf_exempt
@require_http_methods(["POST"])
def beacon(request, pk):
    """Count a view; answer with the article's stored total (or null)."""
    response = JsonResponse({"views": views_after(safely_record(request.META, pk), pk)})
    response["Cache-Control"] = NO_STORE
    return response


@require_http_methods(["GET", "HEAD"])
def pixel(request, pk):
    """The no-script fallback: an image that counts the view."""
    safely_record(request.META, pk)
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = NO_STORE
    return response
