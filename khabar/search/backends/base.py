"""What every search backend shares: filters, ranking and the SQL around
the match.

A backend says how to match (:meth:`Backend.match_sql`) and how to store
a document's words (:meth:`Backend.write`); the ranking is computed here,
in the same SQL expression on every database, from the columns of
:class:`~khabar.search.models.SearchDocument`. The same query therefore
ranks the same articles in the same order on SQLite and on PostgreSQL.
docs/search.md gives the formula.
"""

from dataclasses import dataclass

from django.db import connection

from khabar.newsroom.models import Article, ArticleAuthor, Author, Section, Tag
from khabar.search.documents import padded
from khabar.search.models import SearchDocument

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
)
#: A number parameter, as a double on every backend (psycopg would send
#: 10.0 as a numeric literal, and numeric arithmetic rounds differently).
FLOAT = "CAST(%s AS DOUBLE PRECISION)"
#: Length of a week in seconds: the recency term's time scale.
WEEK = 7 * 24 * 3600


#: Result order by publication, newest first, ties by id.
NEWEST = "d.published DESC, d.article_id DESC"


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
    # Field weights: a query word in the title counts this much, by how
    # closely it matches there (exact spelling, stem, variant).
    title_weights = (10.0, 7.0, 4.0)
    summary_weights = (4.0, 2.8, 1.6)
    #: A word found only in the body (in the any-word fallback: perhaps
    #: not at all).
    body_weight = 1.0
    #: Recency: the text score is multiplied by 1 + boost / (1 + age /
    #: scale), so today's article counts up to (1 + boost) times as much
    #: as an old one.
    recency_boost = 1.0
    recency_scale = WEEK
    #: Relevance ranks at most this many matches, the newest: a query that
    #: matches more (a common word in a large archive) is ranked among the
    #: recent ones, in bounded time. Newest-first pages reach every match.
    candidates = 2000
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

    #: Backend-specific columns of the documents table, and the SQL that
    #: takes each one's value.
    extra_columns = ()

    def extra_values(self, entry):
        """Values for :attr:`extra_columns` of *entry*."""
        return ()

    def write_words(self, entries):
        """Store the words of *entries* outside the documents table, if the
        backend keeps them there."""

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
        names = [*DOCUMENT_COLUMNS, *(name for name, _ in self.extra_columns)]
        holders = ["%s"] * len(DOCUMENT_COLUMNS) + [
            holder for _, holder in self.extra_columns
        ]
        sql = (
            f"INSERT INTO {DOCUMENTS} ({', '.join(names)}) "
            f"VALUES ({', '.join(holders)})"
        )
        adapt = connection.ops.adapt_datetimefield_value
        rows = []
        for entry in entries:
            row = list(entry.row())
            row[5] = adapt(row[5])  # source_updated_at
            rows.append([*row, *self.extra_values(entry)])
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        self.write_words(entries)

    def delete(self, article_ids):
        """Remove the documents (and words) of *article_ids*."""
        SearchDocument.objects.filter(article_id__in=article_ids).delete()

    def _field_case(self, term, field, weights):
        """``(sql, params)``: the WHEN clauses scoring *term* in *field*."""
        exact, stem, variant = weights
        col = f"d.{field}"
        clauses = [
            (f"{self.instr}({col}_exact, %s) > 0", [padded([term.exact])], exact),
            (f"{self.instr}({col}_stems, %s) > 0", [padded([term.stem])], stem),
        ]
        alternatives = [f"{self.instr}({col}_variants, %s) > 0"]
        params = [padded([term.stem])]
        for other in term.variants:
            alternatives.append(f"{self.instr}({col}_stems, %s) > 0")
            alternatives.append(f"{self.instr}({col}_variants, %s) > 0")
            params += [padded([other])] * 2
        clauses.append((f"({' OR '.join(alternatives)})", params, variant))
        sql, out = [], []
        for condition, condition_params, weight in clauses:
            sql.append(f"WHEN {condition} THEN {FLOAT}")
            out += [*condition_params, weight]
        return " ".join(sql), out

    def score_sql(self, query, now):
        """``(sql, params)``: the ranking score of a matching document."""
        parts, params = [], []
        for term in query.scored_terms:
            title, title_params = self._field_case(term, "title", self.title_weights)
            summary, summary_params = self._field_case(
                term, "summary", self.summary_weights
            )
            parts.append(f"(CASE {title} {summary} ELSE {FLOAT} END)")
            params += [*title_params, *summary_params, self.body_weight]
        text = " + ".join(parts) or FLOAT
        if not parts:
            params.append(self.body_weight)
        sql = (
            f"(({text}) * ({FLOAT} + {FLOAT} / ({FLOAT} + ({FLOAT} - d.published) "
            f"/ {FLOAT})))"
        )
        params += [1.0, self.recency_boost, 1.0, float(now), float(self.recency_scale)]
        return sql, params

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
            return NEWEST, offset + limit
        return f"score DESC, {NEWEST}", self.candidates

    def search(self, query, filters, now, *, sort, offset, limit, any_unit=False):
        """``(rows, total)``: ``(article_id, score)`` rows of one page and
        the number of matches, up to one more than :attr:`count_limit`
        (None when the page is empty).

        Relevance ranks the newest :attr:`candidates` matches; newest first
        reads only as far as the page. Either way the backend finds them
        in publication order without sorting every match.
        """
        base, base_params = self._base(query, filters, now, any_unit)
        score, score_params = self.score_sql(query, now)
        order, depth = self.order_and_depth(sort, offset, limit)
        candidates = f"SELECT d.article_id {base} ORDER BY {self.newest_order} LIMIT %s"
        count, count_params = self.count_sql(query, filters, now, any_unit)
        sql = (
            f"SELECT d.article_id, {score} AS score, ({count}) "
            f"AS total FROM {DOCUMENTS} d WHERE d.article_id IN ({candidates}) "
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        params = [*score_params, *count_params, *base_params, depth, limit, offset]
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
