"""Run a search: parse, match, rank, and fetch one page of articles.

:func:`search` returns a :class:`SearchResults`, which a ``Paginator``
pages like a queryset: its count and the page a view asks for come from
one query (a window count beside the page's rows), and the articles of
that page from one more.

Those articles are read through ``Article.objects.visible()``, never
trusted to the index alone: a change that skipped the unpublish event (a
queryset ``update()``, an expiry set without publishing) leaves an
article's words in the index. Such an article is taken out of the index
when a search finds it, and the search runs again, so that the count and
the pages agree with what readers can see.
"""

import logging
import time
from dataclasses import dataclass

from django.db import DatabaseError, transaction

from khabar.newsroom.models import Article
from khabar.search.backends import get_backend
from khabar.search.backends.base import Filters
from khabar.search.documents import body_blocks, summary_text
from khabar.search.index import remove_articles
from khabar.search.query import Query, parse
from khabar.search.snippets import snippet

log = logging.getLogger(__name__)

SORTS = ("relevance", "newest")
#: No filter: every visible article.
ANY = Filters()
#: Article columns a result shows.
COLUMNS = (
    "pk",
    "title",
    "kicker",
    "summary",
    "body",
    "external_id",
    "first_published_at",
    "is_breaking",
    "breaking_hours",
    "section__name",
    "section__slug",
)
#: Searches of one page again after taking hidden articles out of the
#: index; past them, the hidden ones are left out of the page.
RETRIES = 2


@dataclass
class Hit:
    """One result: the article, its score and its marked-up snippet."""

    article: Article
    score: float
    snippet: str


class SearchResults:
    """The matches of a query, newest or best first, fetched a page at a
    time.

    Every word must match; when no article has them all, the results are
    those with any of them (``any_word`` is then True).
    """

    def __init__(self, query: Query, filters=ANY, sort="relevance", now=None):
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {SORTS}, not {sort!r}")
        self.query = query
        self.filters = filters
        self.sort = sort
        self.now = int(now if now is not None else time.time())
        self.any_word = False
        self.backend = get_backend()
        self._total = None
        self._pages = {}
        self._expected = None
        self._articles = {}  # visible articles of the rows read, by id

    def expect(self, offset, limit):
        """Say which slice will be asked for, so that counting fetches it
        in the same query."""
        self._expected = (offset, limit)
        return self

    def _page(self, offset, limit):
        key = (offset, limit)
        for (start, size), rows in self._pages.items():
            # The last page is asked for shorter than the page size.
            if start == offset and size >= limit:
                return rows[:limit]
        if key not in self._pages:
            rows, total = self._search(offset, limit)
            if (
                total is None
                and offset == 0
                and not self.any_word
                and len(self.query.units) > 1
            ):
                # Nothing has every word: fall back to any of them.
                self.any_word = True
                self._pages.clear()
                return self._page(offset, limit)
            if total is not None:
                self._total = total
            self._pages[key] = rows
        return self._pages[key]

    def _search(self, offset, limit):
        """The backend's ``(rows, total)`` for one page, every row's
        article visible (and fetched, for :meth:`hits`)."""
        for attempt in range(RETRIES + 1):
            rows, total = self.backend.search(
                self.query,
                self.filters,
                self.now,
                sort=self.sort,
                offset=offset,
                limit=limit,
                any_unit=self.any_word,
            )
            articles = self._fetch([pk for pk, _ in rows])
            hidden = [pk for pk, _ in rows if pk not in articles]
            self._articles.update(articles)
            if not hidden:
                return rows, total
            if attempt == RETRIES or not self._forget(hidden):
                break
        rows = [row for row in rows if row[0] in articles]
        return rows, (total - len(hidden) if total else total)

    def _forget(self, article_ids):
        """Take *article_ids*, found but not visible, out of the index."""
        log.warning(
            "Articles %s were in the search index but are not visible: an "
            "update skipped the unpublish event. Taking them out.",
            article_ids,
        )
        try:
            with transaction.atomic():
                remove_articles(article_ids)
        except DatabaseError:
            log.exception("Could not take articles out of the search index")
            return False
        return True

    def _fetch(self, ids):
        """The visible articles among *ids*, by id, with what a hit shows."""
        if not ids:
            return {}
        articles = (
            Article.objects.visible()
            .filter(pk__in=ids)
            .select_related("section")
            .only(*COLUMNS)
        )
        return {article.pk: article for article in articles}

    @property
    def total(self):
        """How many articles match, at most the backend's ``count_limit``
        (``capped`` says whether more do)."""
        return min(self._count(), self.backend.count_limit)

    @property
    def capped(self):
        """Whether more articles match than :attr:`total` says."""
        return self._count() > self.backend.count_limit

    def count(self):
        """How many results can be paged: the newest ``count_limit``
        matches newest first, the best of the backend's ``candidates``
        newest by relevance."""
        if self.sort == "relevance":
            return min(self.total, self.backend.candidates)
        return self.total

    def _count(self):
        if self._total is None:
            offset, limit = self._expected or (0, 10)
            self._page(offset, limit)
            if self._total is None:
                self._page(0, 1)
            if self._total is None:
                self._total = 0
        return self._total

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("SearchResults only takes slices.")
        offset = index.start or 0
        limit = (index.stop if index.stop is not None else offset + 10) - offset
        if limit <= 0:
            return []
        rows = self._page(offset, limit)
        # Pages end where the count does (a newest-first page could go on).
        return self.hits(rows[: max(0, self.count() - offset)])

    def ids(self, limit=10):
        """The ids of the best *limit* articles, without fetching them."""
        return [pk for pk, _ in self._page(0, limit)]

    def hits(self, rows):
        """The :class:`Hit` of each ``(article_id, score)`` row, in order."""
        if not rows:
            return []
        missing = [pk for pk, _ in rows if pk not in self._articles]
        self._articles.update(self._fetch(missing))
        stems = self.query.highlight_stems
        known = {}  # words analysed for the snippets, kept for the next
        hits = []
        for pk, score in rows:
            article = self._articles.get(pk)
            if article is None:  # hidden or deleted since the search ran
                continue
            text = snippet(
                body_blocks(article), stems, summary_text(article), known=known
            )
            hits.append(Hit(article, score, text))
        return hits


def search(text, filters=ANY, sort="relevance", now=None):
    """Parse *text* and return its :class:`SearchResults`.

    Raises :class:`~khabar.search.query.QueryError` for a query that
    cannot be searched.
    """
    return SearchResults(parse(text), filters, sort, now)
