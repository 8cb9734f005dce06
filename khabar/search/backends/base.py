"""What every search backend shares: filters, ranking and the SQL around
the match.

A backend says how to match (:meth:`Backend.match_sql`), how to store
a document's words (:meth:`Backend.write`) and how its word index answers
a ranking signal (:meth:`Backend.signal_sql`); the ranking itself is
:mod:`khabar.search.ranking`, the same SQL on every database, so the same
query ranks the same articles in the same order on SQLite and on
PostgreSQL. The index's statistics (document frequencies, field lengths)
are kept here, with the documents, by :meth:`Backend.write` and
:meth:`Backend.delete`.
"""

from collections import Counter
from dataclasses import dataclass

from django.db import connection

from khabar.newsroom.models import Article, ArticleAuthor, Author, Section, Tag
from khabar.search import ranking
from khabar.search.documents import FIELDS
from khabar.search.models import SearchDocument, SearchStatistic

DOCUMENTS = SearchDocument._meta.db_table
#: The documents table's columns, in the order of ``IndexEntry.row()``.
DOCUMENT_COLUMNS = (
    "article_id",
    "key",
    "section_id",
    "published",
    "expires",
    "source_updated_at",
    "title_exact",
    "title_stems",
    "title_variants",
    "summary_exact",
    "summary_stems",
    "summary_variants",
    "title_bases",
    "summary_bases",
    "title_length",
    "summary_length",
    "body_length",
)
STATISTICS = SearchStatistic._meta.db_table

#: Result order by publication, newest first, ties by id.
NEWEST = "d.published DESC, d.article_id DESC"
#: The same over ranked rows (``r``).
RANKED_NEWEST = "r.published DESC, r.article_id DESC"


@dataclass(frozen=True)
class Filters:
    """Which articles a search may return, besides the words."""

    section: str = ""  # section slug
    author: str = ""  # author slug
    tag: str = ""  # tag slug
    since: int | None = None  # epoch seconds, inclusive
    until: int | None = None  # epoch seconds, exclusive


class Backend:
    """Search over SearchDocument plus a backend-specific word index."""

    vendor = ""
    #: SQL function: position of a string in another, 0 when absent.
    instr = "instr"
    #: Relevance ranks at most this many matches, the newest: a query that
    #: matches more (a common word in a large archive) is ranked among the
    #: recent ones, in bounded time (BM25F reads a dozen signals for each;
    #: 2,000 took p95 from 31 to 92 ms on 100,000 articles). Newest-first
    #: pages reach every match up to the count limit.
    candidates = 1000
    #: Counts stop here: a query with more matches has "more than 2,000
    #: results". Counting every match of a common word would read every
    #: match; the newest ones are all a reader can page through anyway.
    count_limit = 2000
    #: SQL ordering the matches newest first, cheaply for the backend.
    newest_order = NEWEST
    #: How the section filter compares the section with its slug's id:
    #: ``IN`` lets SQLite walk the FTS5 matches newest first.
    section_match = "IN"

    # --- to implement -------------------------------------------------

    def match_sql(self, query, any_unit):
        """``(from_sql, where_sql, params)`` selecting the documents whose
        words match *query*; the documents table is aliased ``d``."""
        raise NotImplementedError

    def write_words(self, entries):
        """Store the words of *entries* outside the documents table, if the
        backend keeps them there."""

    def stored_keys(self, article_ids):
        """``[(keys, lengths)]`` of the indexed documents among
        *article_ids*: the stems and variants each holds (as
        ``IndexEntry.keys()`` gave them) and its field lengths."""
        raise NotImplementedError

    def signal_sql(self, kind, token, floor, reads=None):
        """``(sql, params)``: a condition true when the document ``d`` is
        among those the word index finds for *token* of *kind*: the body
        holds the word as spelled (``exact``), without what is written in
        front of it (``base``), the stem twice (``twice``)
        or four times (``often``); a field holds the stem (``stem``); or,
        for ``pair`` (two stems), a field holds the two side by side. Only documents
        published at or after *floor* (the oldest candidate's publication
        second: SQL, or a number when the candidates were found first, and
        then *reads*, a :class:`~khabar.search.ranking.Reads`) need to be
        right."""
        raise NotImplementedError

    def clear(self):
        """Remove every document's words kept outside the documents table."""

    def update_statistics(self):
        """Refresh what the database's planner knows of the index, after
        many documents changed."""

    # --- shared ---------------------------------------------------------

    def write(self, entries):
        """Insert the documents and words of *entries* (none indexed yet)."""
        if not entries:
            return
        sql = (
            f"INSERT INTO {DOCUMENTS} ({', '.join(DOCUMENT_COLUMNS)}) "
            f"VALUES ({', '.join(['%s'] * len(DOCUMENT_COLUMNS))})"
        )
        adapt = connection.ops.adapt_datetimefield_value
        rows = []
        for entry in entries:
            row = list(entry.row())
            row[5] = adapt(row[5])  # source_updated_at
            rows.append(row)
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        self.write_words(entries)
        self.count([(entry.keys(), entry.lengths()) for entry in entries], 1)

    def delete(self, article_ids):
        """Remove the documents (and words) of *article_ids*."""
        self.count(self.stored_keys(article_ids), -1)
        SearchDocument.objects.filter(article_id__in=article_ids).delete()

    def count(self, documents, sign):
        """Add (*sign* 1) or take away (-1) the statistics of *documents*,
        ``(keys, lengths)`` pairs."""
        if not documents:
            return
        totals = Counter()
        for keys, lengths in documents:
            totals.update(keys)
            for field, length in zip(FIELDS, lengths, strict=True):
                totals[ranking.LENGTHS[field]] += length
        totals[ranking.DOCUMENTS] = len(documents)
        # In one order in every transaction: two writers on PostgreSQL
        # then wait for each other's rows instead of deadlocking.
        rows = [(name, sign * value) for name, value in sorted(totals.items())]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {STATISTICS} (name, value) VALUES (%s, %s) "
                f"ON CONFLICT (name) DO UPDATE SET value = {STATISTICS}.value "
                "+ excluded.value",
                rows,
            )
            if sign < 0:
                names = [name for name, _ in rows]
                for start in range(0, len(names), 500):
                    chunk = names[start : start + 500]
                    cursor.execute(
                        f"DELETE FROM {STATISTICS} WHERE value <= 0 AND name IN "
                        f"({', '.join(['%s'] * len(chunk))})",
                        chunk,
                    )

    def clear_statistics(self):
        SearchStatistic.objects.all().delete()

    def filter_sql(self, filters, now):
        """``(sql, params)``: visibility and the reader's filters."""
        sql = ["d.published <= %s", "(d.expires IS NULL OR d.expires > %s)"]
        params = [now, now]
        if filters.section:
            sql.append(
                f"d.section_id {self.section_match} (SELECT id FROM "
                f"{Section._meta.db_table} WHERE slug = %s)"
            )
            params.append(filters.section)
        if filters.author:
            sql.append(
                f"d.article_id IN (SELECT aa.article_id FROM "
                f"{ArticleAuthor._meta.db_table} aa JOIN {Author._meta.db_table} "
                "au ON au.id = aa.author_id WHERE au.slug = %s)"
            )
            params.append(filters.author)
        if filters.tag:
            through = Article.tags.through._meta.db_table
            sql.append(
                f"d.article_id IN (SELECT at.article_id FROM {through} at JOIN "
                f"{Tag._meta.db_table} tg ON tg.id = at.tag_id WHERE tg.slug = %s)"
            )
            params.append(filters.tag)
        if filters.since is not None:
            sql.append("d.published >= %s")
            params.append(filters.since)
        if filters.until is not None:
            sql.append("d.published < %s")
            params.append(filters.until)
        return " AND ".join(sql), params

    def _base(self, query, filters, now, any_unit):
        source, match, match_params = self.match_sql(query, any_unit)
        where, where_params = self.filter_sql(filters, now)
        return (
            f"FROM {source} WHERE {match} AND {where}",
            [*match_params, *where_params],
        )

    def matching_ids_sql(self, query, now):
        """``(sql, params)``: a SELECT of the ids of every visible article
        whose words match *query*, to filter a queryset with (the
        newsroom's search, which lists, counts and pages them itself)."""
        base, params = self._base(query, Filters(), now, any_unit=False)
        return f"SELECT d.article_id {base}", params

    def order_and_depth(self, sort, offset, limit):
        """The ORDER BY of a result page and how many matches it reads."""
        if sort == "newest":
            return RANKED_NEWEST, offset + limit
        return f"r.score DESC, {RANKED_NEWEST}", self.candidates

    def ranker(self, query, now, any_unit):
        """The :class:`~khabar.search.ranking.Ranker` of *query*, with the
        index's statistics for its words."""
        stats = ranking.statistics(ranking.query_keys(query))
        return ranking.Ranker(self, query, stats, now, any_unit)

    #: SQL of the oldest candidate's publication second, in a search's
    #: ``cand`` (see :meth:`search`).
    floor = "(SELECT MIN(published) FROM cand)"

    def search(self, query, filters, now, *, sort, offset, limit, any_unit=False):
        """``(rows, total)``: ``(article_id, score)`` rows of one page and
        the number of matches, up to one more than :attr:`count_limit`
        (None when the page is empty).

        Relevance ranks the newest :attr:`candidates` matches; newest first
        reads only as far as the page. Either way the backend finds them
        in publication order without sorting every match.
        """
        base, base_params = self._base(query, filters, now, any_unit)
        order, depth = self.order_and_depth(sort, offset, limit)
        ranked, ranked_params = self.ranker(query, now, any_unit).ranked_sql(
            "d.article_id IN (SELECT article_id FROM cand)", DOCUMENTS, self.floor
        )
        count, count_params = self.count_sql(query, filters, now, any_unit)
        sql = (
            f"WITH cand AS MATERIALIZED (SELECT d.article_id, d.key, d.published "
            f"{base} ORDER BY {self.newest_order} LIMIT %s) "
            f"SELECT r.article_id, r.score, ({count}) AS total FROM ({ranked}) r "
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        params = [*base_params, depth, *count_params, *ranked_params, limit, offset]
        rows = self.fetch(sql, params)
        total = rows[0][2] if rows else None
        return [(row[0], row[1]) for row in rows], total

    def count_sql(self, query, filters, now, any_unit):
        """``(sql, params)`` counting the matching documents, up to one
        more than :attr:`count_limit`."""
        base, params = self._base(query, filters, now, any_unit)
        return (
            f"SELECT COUNT(*) FROM (SELECT 1 {base} LIMIT %s) n",
            [*params, self.count_limit + 1],
        )

    def fetch(self, sql, params):
        """Run a search query; return its rows."""
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
