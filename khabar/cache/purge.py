"""Tell the caches in front of Khabar which URLs changed.

Backends are Wagtail's frontend-cache backends (``WAGTAILFRONTENDCACHE``,
built from ``KHABAR_PURGE_URLS`` and the Cloudflare variables in
settings.py): ``HTTPBackend`` sends HTTP PURGE (Varnish, nginx with a purge
module), ``CloudflareBackend`` calls Cloudflare's API, and
:class:`RefreshBackend` suits open-source nginx, which cannot purge: it
asks nginx for the page with ``X-Khabar-Purge: 1``, which the repo's config
(deploy/nginx.conf) treats as ``proxy_cache_bypass``, so nginx fetches the
new page and stores it in place of the old one.

Purges are sent from a background thread so that publishing never waits
on the network; a process that exits (``khabar import-jsonl``) first sends
what is queued.
"""

import atexit
import logging
import queue
import threading
from urllib.error import URLError
from urllib.parse import quote, urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import get_backends

log = logging.getLogger(__name__)

#: The canonical URLs of a tag, beside the keys the store knows for it.
TAG_URLS = {
    "home": ["/"],
    "latest": ["/latest/"],
    "feeds": ["/rss/", "/atom/"],
    "sitemaps": ["/sitemap.xml", "/news-sitemap.xml"],
}
LIST_PREFIXES = {"section": "/s/", "tag": "/t/", "author": "/authors/"}


def urls_for(tags, keys, with_articles=True):
    """Absolute URLs to purge for *tags* and the store *keys* they had."""
    paths = set(keys)
    for tag in tags:
        kind, _, value = tag.partition(":")
        if tag in TAG_URLS:
            paths.update(TAG_URLS[tag])
        elif kind in LIST_PREFIXES:
            page = f"{LIST_PREFIXES[kind]}{value}/"
            paths.update((page, f"{page}rss/", f"{page}atom/"))
        elif kind == "article" and with_articles:
            paths.add(f"/a/{value}")
    base = settings.KHABAR_BASE_URL
    return sorted(base + quote(path, safe="/?=&") for path in paths)


class RefreshBackend(BaseBackend):
    """Refresh pages in open-source nginx: GET with ``X-Khabar-Purge: 1``.

    nginx keys its cache on the encoding it asks Khabar for (br, gzip or
    none), so each URL is fetched once per encoding.
    """

    ENCODINGS = ("br", "gzip", "")
    TIMEOUT = 10

    def __init__(self, params):
        super().__init__(params)
        location = urlsplit(params["LOCATION"])
        self.scheme, self.netloc = location.scheme, location.netloc

    def purge(self, url):
        parts = urlsplit(url)
        target = urlunsplit((self.scheme, self.netloc, parts.path, parts.query, ""))
        for encoding in self.ENCODINGS:
            headers = {"Host": parts.netloc, "X-Khabar-Purge": "1"}
            if encoding:
                headers["Accept-Encoding"] = encoding
            try:
                with urlopen(Request(target, headers=headers), timeout=self.TIMEOUT):
                    pass
            except (URLError, OSError) as error:
                log.warning("Could not refresh %s in %s: %s", url, self.netloc, error)


_queue = queue.Queue()
_thread = None
_thread_lock = threading.Lock()


def front(urls):
    """Queue *urls* for every configured front-cache backend."""
    if not urls or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    global _thread
    with _thread_lock:
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(
                target=_send_forever, name="khabar-purge", daemon=True
            )
            _thread.start()
    _queue.put(list(urls))


def _send_forever():
    while True:
        urls = _queue.get()
        try:
            send(urls)
        except Exception:  # keep the thread for the next purge
            log.exception("Purging the front caches failed")
        finally:
            _queue.task_done()


def send(urls):
    """Purge *urls* from every configured backend, now."""
    for name, backend in get_backends().items():
        mine = [
            url for url in urls if backend.invalidates_hostname(urlsplit(url).hostname)
        ]
        if mine:
            log.info("Purging %d URL(s) from %s", len(mine), name)
            backend.purge_batch(mine)


def drain(timeout=10):
    """Wait until the queued purges are sent (at most *timeout* seconds)."""
    done = threading.Event()

    def wait():
        _queue.join()
        done.set()

    threading.Thread(target=wait, daemon=True).start()
    return done.wait(timeout)


atexit.register(drain)
