"""The page cache inside Django: hits, and one render per missing page.

Placed right after SecurityMiddleware and WhiteNoise, so a hit skips
sessions, authentication and CSRF (it never touches the session). The WSGI
wrapper in ``khabar.cache.wsgi`` answers fresh hits even earlier; this
middleware does everything else: stale-while-revalidate, waiting for the
one render in progress, storing, and the editor bypass.
"""

import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.module_loading import import_string

from khabar.cache import policy
from khabar.cache.entry import OUTDATED, Entry
from khabar.cache.store import STALE_FOR, get_store

#: Middleware placed before this one that add headers on the way out
#: (HSTS, nosniff, CSP, Permissions-Policy...). A page is stored with their
#: headers, so that a hit answered before Django (khabar.cache.wsgi) has
#: them, and so that a page keeps the CSP whose hashes match its bytes.
HEADER_MIDDLEWARE = (
    "django.middleware.security.SecurityMiddleware",
    "khabar.security.middleware.SecurityHeadersMiddleware",
)
_CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


def to_response(status, headers, body):
    response = HttpResponse(body, status=status, headers=headers)
    if status == 304:
        del response.headers["Content-Type"]
    return response


class PageCacheMiddleware:
    #: Seconds a request waits for another request's render of the same
    #: page before it serves a purged copy or renders itself.
    WAIT = 5.0

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.KHABAR_PAGE_CACHE:
            return self.get_response(request)
        key = policy.classify(request.META, request.path_info)
        if key is None:
            return self.get_response(request)
        if key == policy.BYPASS:
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_cache=True)
            response["X-Khabar-Cache"] = "bypass"
            return response
        request.get_host()  # refuse unknown hosts, as Django would
        store = get_store()
        entry = store.get(key)
        now = time.time()
        if entry is not None and now > entry.fresh_until + STALE_FOR:
            entry = None
        if entry is not None and entry.is_fresh(now):
            return self._respond(entry, request, "hit")
        if request.method != "GET":
            return self.get_response(request)  # HEAD renders are not stored
        token = store.try_lock(key)
        if token is not None:
            # Another request may have rendered and unlocked between our
            # read and our lock: look again before rendering a second time.
            latest = store.get(key)
            if latest is not None and latest.is_fresh(time.time()):
                store.unlock(key, token)
                return self._respond(latest, request, "hit")
        if token is None:
            if entry is not None and not entry.invalid:
                # Expired: another request is rendering it; serve the copy.
                return self._respond(entry, request, "stale")
            fresh = store.wait(key, self.WAIT)
            if fresh is not None:
                return self._respond(fresh, request, "hit")
            # The render we waited for began before a purge, so its page is
            # already out of date (or it took too long): render anew rather
            # than hand out a copy known to be old, which the front cache
            # asking for this page after the purge would keep.
            token = store.try_lock(key)
            if token is None and entry is not None:
                return self._respond(entry, request, "stale")
        try:
            return self._render(request, key, store, entry)
        finally:
            if token is not None:
                store.unlock(key, token)

    def _respond(self, entry, request, state):
        if entry.invalid:
            # Purged, or purged while it was rendered: the reader gets it
            # rather than an error or a long wait, but nginx or a CDN that
            # kept it would serve a page older than the purge it was told of.
            state = OUTDATED
        return to_response(*entry.respond(request.META, state))

    def _render(self, request, key, store, previous):
        start = store.epoch()
        # Render the full page even for a conditional request: the cache
        # answers the condition from the stored entry.
        meta = request.META
        conditions = {name: meta.pop(name) for name in _CONDITIONAL if name in meta}
        try:
            response = self.get_response(request)
        finally:
            meta.update(conditions)
        body = self._storable_body(request, response)
        if body is None:
            if response.status_code >= 500 and previous is not None:
                return self._respond(previous, request, "stale")  # stale-if-error
            return response
        tags = policy.url_tags(key.partition("?")[0])
        tags.update(getattr(request, "_khabar_cache_tags", ()))
        ttl = settings.KHABAR_PAGE_CACHE_TTL
        until = getattr(request, "_khabar_fresh_until", None)
        if until is not None:
            # A page that changes by itself at a known time (a scheduled
            # front page, khabar.cache.tags.fresh_until) is kept until then.
            ttl = max(0, min(ttl, until - time.time()))
        entry = Entry.build(response.items(), body, tags, start, ttl, previous=previous)
        store.set(key, entry)
        return self._respond(entry, request, "miss")

    def _storable_body(self, request, response):
        """The final body if *response* may be stored, else None.

        Only a 200 without cookies, without ``Vary`` beyond Accept-Encoding,
        not marked private or no-store, not already encoded.
        """
        if response.status_code != 200 or response.cookies:
            return None
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
        if vary - {"", "accept-encoding"}:
            return None
        control = response.get("Cache-Control", "").lower()
        if any(word in control for word in ("private", "no-store", "no-cache")):
            return None
        if response.has_header("Content-Encoding"):
            return None
        for path in HEADER_MIDDLEWARE:
            if path in settings.MIDDLEWARE:
                middleware = import_string(path)(self.get_response)
                middleware.process_response(request, response)
        if response.streaming:
            # Read to the end, which ends the stream's generator and its
            # database cursor. Not response.close(): that sends
            # request_finished in the middle of the request, closing the
            # request's database connection; the response that goes out
            # is made from the entry, and the server closes that one.
            return b"".join(response.streaming_content)
        return response.content
