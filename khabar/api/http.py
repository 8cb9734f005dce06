"""The read API's answers: the same JSON bytes for everyone, cacheable.

A list or an object the page cache keeps (khabar/cache/policy.py) goes to
it as plain JSON: the cache adds ``ETag``, ``Last-Modified``,
``Cache-Control`` and the compressed forms, and answers conditional
requests. An answer it does not keep (a search, the cache switched off,
an editor's request) gets the same headers here: an ETag of its bytes,
``Last-Modified`` from the latest change to any article, a 304 when the
client's copy is current, and compression.
"""

import hashlib
import json
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from khabar.cache import policy
from khabar.cache.public import compressed_public
from khabar.syndication.changes import changed_at
from khabar.syndication.structured_data import absolute

MEDIA_TYPE = "application/json; charset=utf-8"


def dumps(data):
    """*data* as compact UTF-8 JSON: Arabic as letters, not ``\\u`` escapes."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def kept_by_page_cache(request):
    """Whether the page cache will store this response and answer for it."""
    if not settings.KHABAR_PAGE_CACHE or request.method != "GET":
        return False
    key = policy.classify(request.META, request.path_info)
    return key is not None and key != policy.BYPASS


def answer(request, data, *, follows_articles=True):
    """A 200 with *data* as JSON, or a 304 when the client has it.

    *follows_articles*: the answer changes only when an article does, so
    the latest change to any article is its ``Last-Modified``. Not so for
    the most-read lists, which change with every view counted: those have
    an ETag alone.
    """
    body = dumps(data)
    response = HttpResponse(body, content_type=MEDIA_TYPE)
    if kept_by_page_cache(request):
        return response
    etag = f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'
    changed = changed_at() if follows_articles else None
    modified = int(changed.timestamp()) if changed else None
    response["ETag"] = etag
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    response = compressed_public(request, response)
    return get_conditional_response(
        request, etag=etag, last_modified=modified, response=response
    )


def next_url(request, reads, **changes):
    """The absolute URL of this list's next page: the parameters in
    *reads* as the request gave them (validated, so already canonical),
    with *changes*, in name order: one URL, and one cache key, per page.
    """
    values = {name: request.GET[name] for name in reads if name in request.GET}
    values.update((name, str(value)) for name, value in changes.items())
    return absolute(request.path) + "?" + urlencode(sorted(values.items()))


def headless(request, response):
    """*response* as a HEAD request gets it: its headers, its length, no body."""
    if request.method == "HEAD" and not response.streaming:
        response["Content-Length"] = str(len(response.content))
        response.content = b""
    return response
