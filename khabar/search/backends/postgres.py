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

import json

from django.db import connection

from khabar.newsroom.models import Section
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
#: The section, as the GIN index holds it: an expression no other index
#: has, so that the planner cannot take the section's own index and then
#: check @@ row by row (reading each row's tsvector from TOAST).
SECTION = "(d.section_id + 0)"


class PostgresBackend(Backend):
    vendor = "postgresql"
    instr = "strpos"
    #: A search looks in recent days first when the planner expects more
    #: than ``wide * need`` matches (need: the matches it must find, to
    #: count and to rank or page); see :meth:`search`.
    wide = 4
    #: ... in a window expected to hold ``window * need`` matches.
    window = 2
    #: Windows widened before everything is searched.
    widenings = 2
    #: Memory for a search's bitmaps and sorts.
    work_mem = "64MB"
    #: One section (slugs are unique): an equality, which the planner
    #: estimates from the column's statistics (``IN``, as a join, it
    #: estimates thirty times too low).
    section_match = "="

    def fetch(self, sql, params):
        # The planner does not know that evaluating @@ row by row reads
        # each row's large tsvector from TOAST: with many matches it picks
        # a sequential scan or a date-ordered scan that filters every row,
        # ten times slower than reading the GIN index's bitmap. Searches
        # always take the bitmap, with the memory to keep it exact: a
        # lossy bitmap (4 MB, the default, holds about 100,000 pages)
        # has every row of its lossy pages checked that way.
        with connection.cursor() as cursor:
            cursor.execute(
                "SET enable_seqscan = off; SET enable_indexscan = off; "
                f"SET work_mem = '{self.work_mem}'"
            )
            try:
                cursor.execute(sql, params)
                return cursor.fetchall()
            finally:
                cursor.execute(
                    "RESET enable_seqscan; RESET enable_indexscan; RESET work_mem"
                )

    def search(self, query, filters, now, *, sort, offset, limit, any_unit=False):
        """Look for the newest matches in recent days first.

        A query matching much of a large archive has its newest matches
        in the last days: the GIN index, which holds each document's day
        beside its words, then reads only those days' postings, and the
        table only their rows. A window holding at least ``need`` matches
        has the newest ones (it holds every document after its first
        day); one holding fewer is widened at the density it found, and
        after :attr:`widenings` everything is searched.
        """
        order, depth = self.order_and_depth(sort, offset, limit)
        need = max(depth, self.count_limit + 1)
        where, where_params = self.filter_sql(filters, now)
        match = [tsquery(query, any_unit), *where_params]
        score, score_params = self.score_sql(query, now)
        units = [] if any_unit else [_unit(unit) for unit in query.units]
        bounds, share = self._plan(units, match, where, filters, need)
        for attempt in range(self.widenings + 2):
            start = None
            position = int(len(bounds) * (1 - share))
            if attempt <= self.widenings and position > 0:
                start = bounds[position] // 86400
            days, days_params = self._days(filters, start)
            # g: the GIN index's matches (in the window and the dates, by
            # day), with what filters read; m: those passing the filters.
            # Apart, so that the planner cannot filter by date or section
            # first and then check @@ row by row, reading each row's
            # tsvector from TOAST.
            sql = (
                f"WITH g AS MATERIALIZED (SELECT d.ctid, d.article_id, "
                f"d.published, d.section_id, d.expires FROM {DOCUMENTS} d "
                f"WHERE d.vector @@ %s::tsquery{days}), "
                f"m AS MATERIALIZED (SELECT d.ctid, d.article_id, d.published "
                f"FROM g d WHERE {where}), "
                f"c AS MATERIALIZED (SELECT ctid FROM m "
                f"ORDER BY published DESC, article_id DESC LIMIT %s) "
                f"SELECT n.found, p.article_id, p.score FROM "
                f"(SELECT COUNT(*) AS found FROM m) n "
                f"LEFT JOIN LATERAL (SELECT d.article_id, {score} AS score "
                f"FROM {DOCUMENTS} d WHERE d.ctid = ANY(ARRAY(SELECT ctid FROM c)) "
                f"ORDER BY {order} LIMIT %s OFFSET %s) p ON TRUE"
            )
            params = [match[0], *days_params, *match[1:], depth]
            params += [*score_params, limit, offset]
            rows = self.fetch(sql, params)
            found = rows[0][0]
            if start is None or found >= need:
                break
            # At the density found, twice what is needed (at most 16 times
            # the window).
            share *= min(16, self.window * need / max(found, 1))
        total = min(found, self.count_limit + 1)
        page = [(pk, score) for _, pk, score in rows if pk is not None]
        return page, (total if page else None)

    def _plan(self, units, match, where, filters, need):
        """``(bounds, share)``: the histogram of the publication times the
        filters allow, and the share of them, newest first, expected to
        hold ``window * need`` matches (no bounds: search everything).

        From the planner's statistics: its estimates of the documents
        the query and each of its *units* (tsquery literals) match, of
        those passing the filters and of all documents, and the histogram
        of publication times. A window that errs small is widened at the
        density found. A histogram read, not a scan: counting back
        through the newest documents would cost as much as the search it
        saves."""
        words = " UNION ALL ".join(
            f"SELECT 1 FROM {DOCUMENTS} d WHERE d.vector @@ %s::tsquery"
            for _ in [match[0], *units]
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {DOCUMENTS} UNION ALL "
                f"SELECT 1 FROM {DOCUMENTS} d WHERE {where} UNION ALL {words}",
                [*match[1:], match[0], *units],
            )
            plan = cursor.fetchone()[0]
            if isinstance(plan, str):
                plan = json.loads(plan)
            documents, filtered, together, *alone = (
                sub["Plan Rows"] for sub in plan[0]["Plan"]["Plans"]
            )
            indexed = min([together, *alone])
            # Between the rarest unit's count, an upper bound, and the
            # planner's estimate of all together, which assumes them
            # independent (words that stand together in news are not:
            # ten times too few on a million articles).
            expected = (together * min(alone or [together])) ** 0.5
            if indexed <= self.wide * need:
                return [], 1  # few enough to read them all
            cursor.execute(
                "SELECT histogram_bounds::text FROM pg_stats WHERE "
                "schemaname = current_schema() AND tablename = %s "
                "AND attname = 'published'",
                [DOCUMENTS],
            )
            row = cursor.fetchone()
        if not row or not row[0]:
            return [], 1
        every = [int(bound) for bound in row[0].strip("{}").split(",")]
        bounds = [
            bound
            for bound in every
            if (filters.since is None or bound >= filters.since)
            and (filters.until is None or bound < filters.until)
        ]
        # Matches the GIN index would read in the dates without a window.
        if indexed * len(bounds) / len(every) <= self.wide * need:
            return [], 1
        passing = expected * filtered / max(documents, 1)
        return bounds, self.window * need / max(passing, 1)

    def _days(self, filters, start):
        """``(sql, params)``: the section and the days of the window (from
        its *start*, a day) and of the ``from`` and ``to`` dates, for the
        GIN index (the filters then keep the exact times)."""
        sql, params = "", []
        since = None if filters.since is None else filters.since // 86400
        if start is not None:
            since = start if since is None else max(since, start)
        if filters.section:
            sql += (
                f" AND {SECTION} = (SELECT id FROM {Section._meta.db_table} "
                "WHERE slug = %s)"
            )
            params.append(filters.section)
        if since is not None:
            sql += f" AND {DAY} >= CAST(%s AS BIGINT)"
            params.append(since)
        if filters.until is not None:
            sql += f" AND {DAY} <= CAST(%s AS BIGINT)"
            params.append((filters.until - 1) // 86400)
        return sql, params

    def clear(self):
        # Far quicker than deleting every row, and leaves no dead rows
        # (and TOAST) behind for a rebuild to grow past.
        with connection.cursor() as cursor:
            # Deferred foreign-key checks of rows written earlier in the
            # transaction must run first: TRUNCATE refuses to pass them.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {DOCUMENTS}")

    def update_statistics(self):
        # How many documents there are and how common each word is: the
        # window of a search is sized from them. Autovacuum would analyse
        # the table too, but only some minutes after a rebuild.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {DOCUMENTS}")

    def match_sql(self, query, any_unit):
        return (
            f"{DOCUMENTS} d",
            "d.vector @@ %s::tsquery",
            [tsquery(query, any_unit)],
        )

    extra_columns = (("vector", "%s::tsvector"),)

    def extra_values(self, entry):
        return (tsvector(entry),)
