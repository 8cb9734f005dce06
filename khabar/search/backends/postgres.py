"""PostgreSQL full-text search: the word index at scale.

Each document row has a ``tsvector`` column, ``vector``, with a GIN index.
The vector is written from the analyzer's output directly (a tsvector
literal built here), not by PostgreSQL's parser or a text search
configuration, so that it holds exactly the terms FTS5 gets: stems at
their positions (title, summary and body apart, so that a phrase never
runs from one into the next) and variants as ``~variant`` at the same
positions. Queries are tsquery literals built the same way; none uses
weights or positions except phrases, so the GIN index answers them
without rechecking rows.
"""

from django.db import connection

from khabar.search.backends.base import DOCUMENTS, Backend

#: Highest position a tsvector stores.
MAX_POSITION = 16383
#: Positions a tsvector keeps per lexeme.
MAX_POSITIONS = 256
#: Positions left empty between fields.
FIELD_GAP = 10
VARIANT = "~"


def tsvector(entry):
    """The tsvector literal of an :class:`~khabar.search.documents.IndexEntry`."""
    positions = {}
    position = 0
    for field in ("title", "summary", "body"):
        for term in entry.terms[field]:
            position = min(position + 1, MAX_POSITION)
            positions.setdefault(term.stem, []).append(position)
            for variant in term.variants:
                positions.setdefault(VARIANT + variant, []).append(position)
        position += FIELD_GAP
    return " ".join(
        f"'{lexeme}':{','.join(map(str, sorted(set(found))[:MAX_POSITIONS]))}"
        for lexeme, found in positions.items()
    )


def _alternatives(term):
    options = []
    for stem in dict.fromkeys(term.stems):
        options += [f"'{stem}'", f"'{VARIANT}{stem}'"]
    return "(" + " | ".join(options) + ")"


def _unit(terms):
    if len(terms) == 1:
        return _alternatives(terms[0])
    return "(" + " <-> ".join(f"'{term.stem}'" for term in terms) + ")"


def tsquery(query, any_unit=False):
    """The tsquery literal of *query*: the same logic as FTS5's MATCH."""
    joiner = " | " if any_unit else " & "
    expression = "(" + joiner.join(_unit(unit) for unit in query.units) + ")"
    for excluded in query.excluded:
        expression += f" & !{_unit(excluded)}"
    return expression


#: The day of a publication time, as the GIN index holds it beside the
#: words (btree_gin): a search for the newest matches reads only the
#: postings of recent days.
DAY = "(d.published / 86400)"


class PostgresBackend(Backend):
    vendor = "postgresql"
    instr = "strpos"
    #: A search first looks among the newest ``window * need`` documents
    #: (need: the matches it must find); see :meth:`search`.
    window = 2
    #: Windows tried before the whole index is searched.
    windows = 2

    def fetch(self, sql, params):
        # The planner does not know that evaluating @@ row by row reads
        # each row's large tsvector from TOAST: with many matches it picks
        # a sequential scan or a date-ordered scan that filters every row,
        # ten times slower than reading the GIN index's bitmap. Searches
        # always take the bitmap.
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off; SET enable_indexscan = off")
            try:
                cursor.execute(sql, params)
                return cursor.fetchall()
            finally:
                cursor.execute("RESET enable_seqscan; RESET enable_indexscan")

    def search(self, query, filters, now, *, sort, offset, limit, any_unit=False):
        """Look for the newest matches in recent days first.

        A query matching much of a large archive has its newest matches
        in the last days: the GIN index, which holds each document's
        day beside its words, reads only those days' postings, and the
        table only their rows. A window holding at least ``need`` matches
        (enough to count to :attr:`count_limit` and to rank or page) has
        the newest ones; one holding fewer is widened, at the density it
        found, and the last try searches everything.
        """
        order, depth = self.order_and_depth(sort, offset, limit)
        need = max(depth, self.count_limit + 1)
        where, where_params = self.filter_sql(filters, now)
        score, score_params = self.score_sql(query, now)
        size = self.window * need
        for attempt in range(self.windows + 1):
            window, whole, window_params = "", "TRUE", []
            if attempt < self.windows:
                start, window_params = self._start(filters, size)
                window = f" AND {DAY} >= COALESCE({start}, 0)"
                whole = f"{start} IS NULL"
            sql = (
                f"WITH m AS MATERIALIZED (SELECT d.article_id, d.published "
                f"FROM {DOCUMENTS} d WHERE d.vector @@ %s::tsquery{window} "
                f"AND {where}), "
                f"c AS MATERIALIZED (SELECT article_id FROM m "
                f"ORDER BY published DESC, article_id DESC LIMIT %s) "
                f"SELECT n.found, n.whole, p.article_id, p.score FROM "
                f"(SELECT (SELECT COUNT(*) FROM m) AS found, {whole} AS whole) n "
                f"LEFT JOIN LATERAL (SELECT d.article_id, {score} AS score "
                f"FROM {DOCUMENTS} d WHERE d.article_id IN "
                f"(SELECT article_id FROM c) ORDER BY {order} LIMIT %s OFFSET %s) "
                f"p ON TRUE"
            )
            params = [tsquery(query, any_unit), *window_params, *where_params, depth]
            params += [*window_params, *score_params, limit, offset]
            rows = self.fetch(sql, params)
            found, whole = rows[0][0], rows[0][1]
            if found >= need or whole:
                break
            # Widen at the density found (at least eightfold).
            size = max(size * 8, size * need // max(found, 1) * 2)
        total = min(found, self.count_limit + 1)
        page = [(row[2], row[3]) for row in rows if row[2] is not None]
        return page, (total if page else None)

    def _start(self, filters, size):
        """``(sql, params)``: the day of the *size*-th newest document
        (before the ``to`` date, if any); NULL when there are fewer."""
        before, params = "", [size]
        if filters.until is not None:
            before, params = "WHERE s.published < %s ", [filters.until, size]
        sql = (
            f"(SELECT s.published / 86400 FROM {DOCUMENTS} s {before}"
            "ORDER BY s.published DESC OFFSET %s LIMIT 1)"
        )
        return sql, params

    def match_sql(self, query, any_unit):
        return (
            f"{DOCUMENTS} d",
            "d.vector @@ %s::tsquery",
            [tsquery(query, any_unit)],
        )

    extra_columns = (("vector", "%s::tsvector"),)

    def extra_values(self, entry):
        return (tsvector(entry),)
