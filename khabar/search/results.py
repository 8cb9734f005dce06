"""Run a search: parse, match, rank, and fetch one page of articles.

:func:`search` returns a :class:`SearchResults`, which a ``Paginator``
pages like a queryset: its count and the page a view asks for come from
one query (a window count beside the page's rows), and the articles of
that page from one more.
"""

import time
from dataclasses import dataclass

from khabar.newsroom.models import Article
from khabar.search.backends import get_backend
from khabar.search.backends.base import Filters
from khabar.search.documents import body_blocks, summary_text
from khabar.search.query import Query, parse
from khabar.search.snippets import snippet

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
    "section__name",
    "section__slug",
)


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
            rows, total = self.backend.search(
                self.query,
                self.filters,
                self.now,
                sort=self.sort,
                offset=offset,
                limit=limit,
                any_unit=self.any_word,
            )
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
        articles = Article.objects.filter(pk__in=[pk for pk, _ in rows])
        by_pk = {a.pk: a for a in articles.select_related("section").only(*COLUMNS)}
        stems = self.query.highlight_stems
        known = {}  # words analysed for the snippets, kept for the next
        hits = []
        for pk, score in rows:
            article = by_pk.get(pk)
            if article is None:  # deleted since the search ran
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
