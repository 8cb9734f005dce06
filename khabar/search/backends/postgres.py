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


class PostgresBackend(Backend):
    vendor = "postgresql"
    instr = "strpos"

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

    def _filtered(self, query, filters, now, any_unit):
        """``(sql, params)``: the CTEs ``m`` (the GIN index's matches, with
        the columns filters read) and ``f`` (those passing the filters).

        Materialised apart, so that the tsvector is read by the index
        only: filtering by date first and checking @@ on each row would
        read each row's tsvector from TOAST."""
        where, where_params = self.filter_sql(filters, now)
        return (
            f"WITH m AS MATERIALIZED (SELECT article_id, published, section_id, "
            f"expires FROM {DOCUMENTS} WHERE vector @@ %s::tsquery), "
            f"f AS MATERIALIZED (SELECT d.article_id, d.published FROM m d "
            f"WHERE {where})",
            [tsquery(query, any_unit), *where_params],
        )

    def search(self, query, filters, now, *, sort, offset, limit, any_unit=False):
        ctes, cte_params = self._filtered(query, filters, now, any_unit)
        score, score_params = self.score_sql(query, now)
        order, depth = self.order_and_depth(sort, offset, limit)
        sql = (
            f"{ctes} SELECT d.article_id, {score} AS score, "
            f"(SELECT COUNT(*) FROM f) AS total FROM {DOCUMENTS} d "
            f"WHERE d.article_id IN (SELECT article_id FROM f "
            f"ORDER BY published DESC, article_id DESC LIMIT %s) "
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        rows = self.fetch(sql, [*cte_params, *score_params, depth, limit, offset])
        total = rows[0][2] if rows else None
        return [(row[0], row[1]) for row in rows], total

    def count_sql(self, query, filters, now, any_unit):
        ctes, params = self._filtered(query, filters, now, any_unit)
        return f"{ctes} SELECT COUNT(*) FROM f", params

    def match_sql(self, query, any_unit):
        return (
            f"{DOCUMENTS} d",
            "d.vector @@ %s::tsquery",
            [tsquery(query, any_unit)],
        )

    extra_columns = (("vector", "%s::tsvector"),)

    def extra_values(self, entry):
        return (tsvector(entry),)
