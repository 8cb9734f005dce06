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
import heapq
import itertools
import logging
import threading
import time
from urllib.error import URLError
from urllib.parse import quote, unquote, urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, reverse
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import get_backends

from khabar import links
from khabar.cache import policy
from khabar.cache.entry import OUTDATED

log = logging.getLogger(__name__)

#: How soon the caches in front hear of a page, by its URL name: articles,
#: then the home page and the article in the read API, sections and the
#: latest news (the API's too), tag and author pages; feeds (4) and the
#: sitemaps, robots.txt and the API's other answers (5) last. The order in
#: which an edit becomes visible in front.
URGENCY = {
    "site:article": 0,
    "site:home": 1,
    "api:article": 1,
    "site:section": 2,
    "site:latest": 2,
    "api:articles": 2,
    "site:tag": 3,
    "site:author": 3,
}
FEED_URGENCY, LAST_URGENCY = 4, 5


def urls_for(tags, keys, with_articles=True):
    """Absolute URLs to purge for *tags* and the store *keys* they had."""
    # Decoded path -> as sent. Keys are decoded paths with their query.
    paths = {key: quote(key, safe="/?=&") for key in keys}
    for tag in tags:
        if tag.partition(":")[0] == "article" and not with_articles:
            continue
        for path in canonical_paths(tag):
            paths[unquote(path)] = path
    base = settings.KHABAR_BASE_URL
    return [base + paths[path] for path in sorted(paths, key=_urgency)]


def canonical_paths(tag):
    """The percent-encoded paths of the pages that carry *tag* by their URL
    alone (``policy.PAGES``): ``/s/<slug>/`` and its feeds for a section.
    Pages with a value of their own (``/sitemap-<name>.xml``) are purged
    through the store's keys."""
    kind, _, value = tag.partition(":")
    prefix = quote(get_script_prefix(), safe=links.SAFE)
    for name, pattern, template in policy.pages()[0]:
        fields = policy.fields(template)
        if set(pattern.groupindex) != set(fields):
            continue
        try:
            if not fields and template == tag:
                path = reverse(name)
            elif len(fields) == 1 and template.partition(":")[0] == kind and value:
                path = links.link(name, value)
            else:
                continue
        except NoReverseMatch:
            continue  # a value no URL can hold has no page to purge
        yield "/" + path.removeprefix(prefix)


def _urgency(path):
    """Sort key of a decoded *path* (a store key, with its query): its URL
    name's urgency, then the path."""
    name = policy.url_name(path.partition("?")[0])
    if name in URGENCY:
        return (URGENCY[name], path)
    if name is None:
        return (3, path)
    view = name.partition(":")[2]
    if view.rpartition("-")[2] in policy.FEED_FORMATS:
        return (FEED_URGENCY, path)
    return (LAST_URGENCY, path)


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

    #: Pauses before asking again for a page that came back outdated.
    RETRY_PAUSES = (0.05, 0.2, 0.5)

    def purge(self, url):
        parts = urlsplit(url)
        target = urlunsplit((self.scheme, self.netloc, parts.path, parts.query, ""))
        # Every encoding at once: the first request to reach Khabar renders
        # the page, the others get that render, so the last copy in front is
        # new after one render rather than after three round trips in turn.
        _in_parallel(
            self._refresh_copy,
            [(url, target, parts.netloc, encoding) for encoding in self.ENCODINGS],
        )

    def _refresh_copy(self, url, target, host, encoding):
        headers = {"Host": host, "X-Khabar-Purge": "1"}
        if encoding:
            headers["Accept-Encoding"] = encoding
        # An outdated answer (a render begun before a purge, or the old copy
        # while another render is slow) is not stored by nginx, which then
        # keeps its own older copy: ask again.
        for pause in (*self.RETRY_PAUSES, None):
            if self._refresh(url, target, headers) != OUTDATED or pause is None:
                break
            time.sleep(pause)

    def _refresh(self, url, target, headers):
        """Ask nginx for *target* anew; return Khabar's X-Khabar-Cache."""
        try:
            with urlopen(Request(target, headers=headers), timeout=self.TIMEOUT) as r:
                return r.headers.get("X-Khabar-Cache")
        except (URLError, OSError) as error:
            log.warning("Could not refresh %s in %s: %s", url, self.netloc, error)
            return None

    def purge_batch(self, urls):
        # In parallel: each URL is one render in Khabar, none waits for
        # another.
        _in_parallel(self.purge, [(url,) for url in urls])


def _in_parallel(function, calls):
    """Call *function* with each argument tuple of *calls* at once, the
    first in this thread; return when all have returned.

    Plain threads: concurrent.futures refuses work once the interpreter is
    exiting, which is when `drain` sends the last purges; then, and whenever
    no thread can be started, the calls run in turn.
    """
    threads = []
    for args in calls[1:]:
        thread = threading.Thread(target=function, args=args, daemon=True)
        try:
            thread.start()
        except RuntimeError:
            function(*args)
        else:
            threads.append(thread)
    for args in calls[:1]:
        function(*args)
    for thread in threads:
        thread.join()


class _Sender:
    """Send purges from a few threads, most urgent URL first.

    URLs of every purge share one queue ordered by :func:`_urgency`, so the
    article and home page of a new edit go before the slow lists and
    sitemaps of the previous one. A URL already waiting is not queued twice.
    """

    WORKERS = 4
    #: Workers that take only readers' pages (articles, home, sections,
    #: latest), so that slow sitemaps never occupy every thread.
    RESERVED = 2
    URGENT = 2  # the last _urgency() rank a reserved worker takes
    CHUNK = 4  # URLs per call to a backend (Cloudflare takes up to 30)

    def __init__(self):
        self.heap = []
        self.waiting = set()
        self.unfinished = 0
        self.order = itertools.count()
        self.threads = []
        self.condition = threading.Condition()

    def put(self, urls):
        with self.condition:
            self.threads = [t for t in self.threads if t.is_alive()]
            while len(self.threads) < self.WORKERS:
                limit = self.URGENT if len(self.threads) < self.RESERVED else None
                thread = threading.Thread(
                    target=self._work, args=(limit,), name="khabar-purge", daemon=True
                )
                thread.start()
                self.threads.append(thread)
            for url in urls:
                if url not in self.waiting:
                    self.waiting.add(url)
                    rank = _urgency(unquote(urlsplit(url).path))[0]
                    heapq.heappush(self.heap, (rank, next(self.order), url))
                    self.unfinished += 1
            self.condition.notify_all()

    def _work(self, limit):
        def ready():
            return self.heap and (limit is None or self.heap[0][0] <= limit)

        while True:
            with self.condition:
                self.condition.wait_for(ready)
                rank, _, url = heapq.heappop(self.heap)
                urls = [url]
                while self.heap and len(urls) < self.CHUNK and self.heap[0][0] == rank:
                    urls.append(heapq.heappop(self.heap)[2])
                self.waiting.difference_update(urls)
            try:
                send(urls)
            except Exception:  # keep the thread for the next purge
                log.exception("Purging the front caches failed")
            finally:
                with self.condition:
                    self.unfinished -= len(urls)
                    self.condition.notify_all()

    def join(self, timeout):
        with self.condition:
            return self.condition.wait_for(lambda: not self.unfinished, timeout)


_sender = _Sender()


def front(urls):
    """Queue *urls* for every configured front-cache backend."""
    if urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        _sender.put(urls)


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
    return _sender.join(timeout)


atexit.register(drain)
