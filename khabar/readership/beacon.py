"""The view beacon: ``POST /v/<id>`` from script, ``GET /v/<id>.gif`` without.

Both answer at once from memory or one Redis round trip; the database is
never touched on this path (the flusher writes counts in batches).

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
from khabar.readership.store import NOT_LIVE, get_store
from khabar.readership.totals import totals

log = logging.getLogger(__name__)

#: The smallest transparent GIF: 43 bytes.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")
NO_STORE = "no-store"


def record_view(request, article_id, now=None):
    """Count this request as a view if it is one. Returns the store's
    answer (NOT_LIVE, REPEAT, COUNTED), or None for a bot or a prefetch."""
    meta = request.META
    user_agent = meta.get("HTTP_USER_AGENT", "")
    if bots.is_prefetch(meta) or bots.is_bot(user_agent):
        return None
    now = time.time() if now is None else now
    store = get_store()
    address = identity.client_address(meta)
    readers = [
        identity.reader_hash(store.salt(identity.day_of(now)), address, user_agent)
    ]
    yesterday = identity.previous_day(now)
    if yesterday:
        readers.append(identity.reader_hash(store.salt(yesterday), address, user_agent))
    return store.record(article_id, tuple(readers), now)


def _safely_record(request, article_id):
    try:
        return record_view(request, article_id)
    except Exception:
        # A reader must never see an error for our counting; log and go on.
        log.exception("Could not record a view of %s", article_id)
        return None


@csrf_exempt
@require_http_methods(["POST"])
def beacon(request, pk):
    """Count a view; answer with the article's stored total (or null)."""
    result = _safely_record(request, pk)
    # Only ids known to be live are looked up, so junk cannot grow the map.
    live = result is not None and result != NOT_LIVE
    response = JsonResponse({"views": totals.get(pk) if live else None})
    response["Cache-Control"] = NO_STORE
    return response


@require_http_methods(["GET", "HEAD"])
def pixel(request, pk):
    """The no-script fallback: an image that counts the view."""
    _safely_record(request, pk)
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = NO_STORE
    return response
