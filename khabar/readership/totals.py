"""The stored totals the beacon answers with, kept in each process.

A beacon's response carries the article's stored total, so that a page
served from a cache still shows a fresh count. Looking it up must not touch
the database on the request path: the beacon reads this map, and the
flusher thread refreshes it after every flush, for the articles readers
asked about in the last ten minutes (only live ids get this far, so the
map cannot grow with junk).
"""

import threading
import time

from khabar.newsroom.models import Article

#: Articles not asked about for this long are dropped from the map.
KEEP = 600
CHUNK = 500


class Totals:
    def __init__(self):
        self._views = {}
        self._asked = {}
        self._lock = threading.Lock()

    def get(self, article_id):
        """The stored total, or None if this process has not loaded it."""
        self._asked[article_id] = time.monotonic()
        return self._views.get(article_id)

    def update(self, totals):
        with self._lock:
            self._views.update(totals)

    def refresh(self):
        """Reload the totals of recently asked-about articles (background)."""
        cutoff = time.monotonic() - KEEP
        with self._lock:
            self._asked = {pk: t for pk, t in self._asked.items() if t >= cutoff}
            wanted = sorted(self._asked)
        fresh = {}
        for start in range(0, len(wanted), CHUNK):
            fresh.update(
                Article.objects.filter(
                    pk__in=wanted[start : start + CHUNK]
                ).values_list("pk", "view_count")
            )
        with self._lock:
            self._views = fresh

    def clear(self):
        with self._lock:
            self._views, self._asked = {}, {}


totals = Totals()
