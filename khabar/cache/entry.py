"""A stored page and the responses made from it, without Django.

An :class:`Entry` holds the final bytes in every encoding plus the headers,
ETag and Last-Modified; :func:`respond` turns it into a status, a header
list and a body for one request (choosing the encoding, answering a
conditional GET with 304). The WSGI fast path and the middleware both use
it, so a hit is the same bytes whichever answered.
"""

import hashlib
import pickle
import time

from django.conf import settings
from django.utils.http import http_date, parse_http_date_safe

from khabar.cache import compression

#: Headers the entry sets itself, so never copied from the rendered page.
OWN_HEADERS = frozenset(
    {
        "cache-control",
        "content-encoding",
        "content-length",
        "etag",
        "expires",
        "last-modified",
        "vary",
        "x-khabar-cache",
    }
)
#: Seconds a CDN may serve a page after an error upstream.
STALE_IF_ERROR = 86400

_cache_control = {}


#: The state of a copy known to be out of date: purged since it was
#: rendered. Front caches store only hit, miss and stale (deploy/nginx.conf).
OUTDATED = "outdated"


def cache_control():
    """``Cache-Control`` for public pages, from the settings at call time."""
    ages = (settings.KHABAR_CACHE_MAX_AGE, settings.KHABAR_CACHE_S_MAXAGE)
    try:
        return _cache_control[ages]
    except KeyError:
        value = _cache_control[ages] = (
            f"public, max-age={ages[0]}, s-maxage={ages[1]}, "
            f"stale-while-revalidate={ages[1]}, stale-if-error={STALE_IF_ERROR}"
        )
        return value


class Entry:
    """One page: bodies by encoding, headers, validators and bookkeeping.

    *start_epoch* is the store's purge counter when rendering began: a
    purge after it makes the entry invalid even if it was stored later.
    """

    __slots__ = (
        "headers",
        "bodies",
        "etag",
        "last_modified",
        "stored_at",
        "fresh_until",
        "tags",
        "start_epoch",
        "invalid",
        "_prepared",
    )

    def __init__(
        self,
        headers,
        bodies,
        etag,
        last_modified,
        stored_at,
        fresh_until,
        tags,
        start_epoch,
        invalid=False,
    ):
        self.headers = headers
        self.bodies = bodies
        self.etag = etag
        self.last_modified = last_modified
        self.stored_at = stored_at
        self.fresh_until = fresh_until
        self.tags = tags
        self.start_epoch = start_epoch
        self.invalid = invalid
        self._prepared = {}

    @classmethod
    def build(cls, status_headers, body, tags, start_epoch, ttl, previous=None):
        """An entry for *body* with the page's own headers
        (*status_headers*, (name, value) pairs), fresh for *ttl* seconds.

        Last-Modified is when these bytes were first stored: a re-render
        that changed nothing keeps the previous entry's time.
        """
        now = time.time()
        etag = f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'
        if previous is not None and previous.etag == etag:
            last_modified = previous.last_modified
        else:
            last_modified = int(now)
        headers = tuple(
            (name, value)
            for name, value in status_headers
            if name.lower() not in OWN_HEADERS
        )
        return cls(
            headers,
            compression.variants(body),
            etag,
            last_modified,
            now,
            now + ttl,
            frozenset(tags),
            start_epoch,
        )

    @property
    def size(self):
        return sum(len(body) for body in self.bodies.values()) + 512

    def is_fresh(self, now=None):
        return not self.invalid and (now or time.time()) < self.fresh_until

    def dumps(self):
        return pickle.dumps(
            (
                self.headers,
                self.bodies,
                self.etag,
                self.last_modified,
                self.stored_at,
                self.fresh_until,
                tuple(self.tags),
                self.start_epoch,
            ),
            protocol=pickle.HIGHEST_PROTOCOL,
        )

    @classmethod
    def loads(cls, data, invalid=False):
        fields = pickle.loads(data)
        return cls(*fields[:6], frozenset(fields[6]), fields[7], invalid=invalid)

    def not_modified(self, meta):
        """True when the request's validators match (If-None-Match wins over
        If-Modified-Since, as RFC 9110 says)."""
        match = meta.get("HTTP_IF_NONE_MATCH")
        if match is not None:
            mine = self.etag[2:]
            for candidate in match.split(","):
                candidate = candidate.strip()
                if candidate == "*" or candidate.removeprefix("W/") == mine:
                    return True
            return False
        since = meta.get("HTTP_IF_MODIFIED_SINCE")
        if since:
            when = parse_http_date_safe(since)
            return when is not None and self.last_modified <= when
        return False

    def _validators(self, state):
        # A purged copy may still answer a reader (the new render failed or
        # is taking long), but no cache in front may keep it.
        control = "no-cache" if state == OUTDATED else cache_control()
        return [
            ("ETag", self.etag),
            ("Last-Modified", http_date(self.last_modified)),
            ("Cache-Control", control),
            ("Vary", "Accept-Encoding"),
            ("X-Khabar-Cache", state),
        ]

    def respond(self, meta, state):
        """(status, headers, body) for the request *meta* (a WSGI environ or
        ``request.META``); *state* is 'hit', 'miss', 'stale' or
        :data:`OUTDATED`."""
        # No 304 for an outdated copy: nginx would take it as "still
        # current" and keep its own copy another few seconds.
        if state != OUTDATED and self.not_modified(meta):
            return 304, self._validators(state), b""
        encoding = compression.choose(meta.get("HTTP_ACCEPT_ENCODING"))
        if encoding not in self.bodies:
            encoding = "identity"
        body = self.bodies[encoding]
        memo = (encoding, state, cache_control())
        headers = self._prepared.get(memo)
        if headers is None:
            headers = list(self.headers)
            if encoding != "identity":
                headers.append(("Content-Encoding", encoding))
            headers.append(("Content-Length", str(len(body))))
            headers += self._validators(state)
            self._prepared[memo] = headers
        if meta.get("REQUEST_METHOD") == "HEAD":
            body = b""
        return 200, headers, body
