"""PostgreSQL full-text search: the word index at scale.

Each document has a row in a narrow table of its own
(:class:`~khabar.search.models.SearchWords`) with a ``tsvector`` column,
``vector``, under a GIN index.
The vector is written from the analyzer's output directly (a tsvector
literal built here), not by PostgreSQL's parser or a text search
configuration, so that it holds exactly the terms FTS5 gets: stems at
their positions (title, summary and body apart, so that a phrase never
runs from one into the next) and variants as ``~variant`` at the same
positions. Queries are tsquery literals built the same way; none uses
weights or positions except phrases, so the GIN index answers them
without rechecking rows.

Phrases are checked by their positions, which PostgreSQL reads from each
candidate's tsvector (in TOAST): for two words that are common in the
archive and rarely stand together that is thousands of reads, seconds on
a million articles. So, as Lucene's ShingleFilter does, the vector also
holds a *pair* lexeme (``'a_b'``, no positions) for every two
neighbouring stems of a field, and a phrase ANDs its pairs in: the GIN
index finds the documents where the words stand together, and a
two-word phrase needs no positions at all.
"""

import contextlib
import json
from typing import NamedTuple

from django.db import connection

from khabar import fast_paths
from khabar.newsroom.models import Section
from khabar.search.backends.base import DOCUMENTS, Backend
from khabar.search.documents import BASE_KEY, EXACT_KEY
from khabar.search.models import SearchWords

#: The word index's table: what the GIN index and the filters read.
WORDS = SearchWords._meta.db_table

#: Highest position a tsvector stores.
MAX_POSITION = 16383
#: Positions a tsvector keeps per lexeme.
MAX_POSITIONS = 256
#: Positions left empty between fields.
FIELD_GAP = 10
VARIANT = "~"
#: Lexemes (without positions) of what ranking asks of the body: a word
#: as spelled, a stem that occurs at least twice, four times.
SIGNAL_PREFIXES = {"exact": "=", "base": "^", "twice": "+", "often": "*", "stem": ""}
#: Joins two stems into the lexeme of a pair (stems are letters and
#: digits only, so it cannot be part of one).
PAIR = "_"


def pairs(stems):
    """The pair lexemes of a run of neighbouring *stems*, one for each two.

    Every pair, not only those with a common word (Lucene's
    CommonGramsFilter): a list of the language's common words leaves out
    the words an archive uses often, whose phrases are the slow ones."""
    return [
        first + PAIR + second for first, second in zip(stems, stems[1:], strict=False)
    ]


def tsvector(entry):
    """The tsvector literal of an :class:`~khabar.search.documents.IndexEntry`."""
    positions = {}
    paired = set()
    position = 0
    for field in ("title", "summary", "body"):
        for term in entry.terms[field]:
            position = min(position + 1, MAX_POSITION)
            positions.setdefault(term.stem, []).append(position)
            for variant in term.variants:
                positions.setdefault(VARIANT + variant, []).append(position)
        # Pairs within a field only, as phrases match.
        paired.update(pairs([term.stem for term in entry.terms[field]]))
        position += FIELD_GAP
    words = (
        f"'{lexeme}':{','.join(map(str, sorted(set(found))[:MAX_POSITIONS]))}"
        for lexeme, found in positions.items()
    )
    signals = [
        *(SIGNAL_PREFIXES["exact"] + word for word in entry.body_exact()),
        *(SIGNAL_PREFIXES["base"] + word for word in entry.bases("body")),
        *(SIGNAL_PREFIXES["twice"] + stem for stem in entry.body_repeats(2)),
        *(SIGNAL_PREFIXES["often"] + stem for stem in entry.body_repeats(4)),
    ]
    return " ".join(
        [*words, *(f"'{lexeme}'" for lexeme in [*sorted(paired), *signals])]
    )


#: The repeat markers' first characters: counted by no statistics key.
REPEAT_MARKS = SIGNAL_PREFIXES["twice"] + SIGNAL_PREFIXES["often"]


def stored_keys(lexemes, head_exact, head_bases):
    """A stored document's statistics keys (``IndexEntry.keys()``): its
    vector's stems and variants (without their mark) and the body's words
    as spelled and bases (with theirs), and the title's and summary's
    words as spelled and bases (space-separated)."""
    keys = {EXACT_KEY + word for word in head_exact.split()}
    keys.update(BASE_KEY + word for word in head_bases.split())
    marks = {SIGNAL_PREFIXES["exact"]: EXACT_KEY, SIGNAL_PREFIXES["base"]: BASE_KEY}
    for lexeme in lexemes:
        if PAIR in lexeme or lexeme[0] in REPEAT_MARKS:
            continue
        if lexeme[0] in marks:
            keys.add(marks[lexeme[0]] + lexeme[1:])
        else:
            keys.add(lexeme.removeprefix(VARIANT))
    return keys


def _alternatives(term):
    options = []
    for stem in dict.fromkeys(term.stems):
        options += [f"'{stem}'", f"'{VARIANT}{stem}'"]
    return "(" + " | ".join(options) + ")"


def _unit(terms):
    if len(terms) == 1:
        return _alternatives(terms[0])
    stems = [term.stem for term in terms]
    found = [f"'{pair}'" for pair in pairs(stems)]
    if len(stems) == 2:
        # The pair is the phrase: the GIN index alone answers it.
        return f"({found[0]})"
    # Longer: the pairs find the candidates, positions say whether the
    # pairs follow each other.
    return "(" + " & ".join([" <-> ".join(f"'{s}'" for s in stems), *found]) + ")"


def _bounds(terms):
    """tsquery literals each matching every document the unit *terms*
    matches (and more): a word itself, or a phrase's pairs. The
    planner's estimates of their counts bound the unit's."""
    if len(terms) == 1:
        return [_alternatives(terms[0])]
    return [f"'{pair}'" for pair in pairs([term.stem for term in terms])]


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


class Estimates(NamedTuple):
    """The planner's row estimates that size a search's first window."""

    documents: float
    filtered: float
    together: float
    alone: list

    @property
    def rarest(self):
        """The matches of the rarest unit, which bound the query's: the
        planner's estimate of all together assumes the words independent,
        and words that stand together in news are not (ten times too few
        on a million articles), so reading "few" at once could read tens
        of thousands."""
        return min(self.alone or [self.together])


class PostgresBackend(Backend):
    vendor = "postgresql"
    instr = "strpos"
    #: A search looks in recent days first when the planner expects more
    #: than ``wide * need`` matches (need: the matches it must find, to
    #: count and to rank or page); see :meth:`search`.
    wide = 4
    #: ... in a window expected to hold ``window * need`` matches.
    window = 3
    #: Windows widened before everything is searched.
    widenings = 2
    #: How far the first window's expected matches lean towards the
    #: planner's estimate of the words together (1), away from the
    #: rarest word's count (0): see :meth:`_plan`.
    independence = 0.5
    #: Memory for a search's bitmaps and sorts.
    work_mem = "64MB"
    #: One section (slugs are unique): an equality, which the planner
    #: estimates from the column's statistics (``IN``, as a join, it
    #: estimates thirty times too low).
    section_match = "="

    @contextlib.contextmanager
    def _cursor(self):
        """A cursor with the settings searches run with, put back after."""
        # A search's SQL is long (a dozen signals, five levels per word),
        # so its estimated cost passes jit_above_cost: compiling it took
        # 400 ms of a 5 ms search on 100,000 articles. Never worth it here.
        settings = {"jit": "off"}
        if fast_paths.on("planner"):
            # The planner does not know that evaluating @@ row by row reads
            # each row's large tsvector from TOAST: with many matches it
            # picks a sequential scan or a date-ordered scan that filters
            # every row, ten times slower than reading the GIN index's
            # bitmap. Searches always take the bitmap, with the memory to
            # keep it exact: a lossy bitmap (4 MB, the default, holds about
            # 100,000 pages) has every row of its lossy pages checked that
            # way.
            settings.update(
                enable_seqscan="off", enable_indexscan="off", work_mem=self.work_mem
            )
        with connection.cursor() as cursor:
            cursor.execute(
                "; ".join(f"SET {name} = '{value}'" for name, value in settings.items())
            )
            try:
                yield cursor
            finally:
                cursor.execute("; ".join(f"RESET {name}" for name in settings))

    def search(self, query, filters, now, *, sort, offset, limit, any_unit=False):
        """Look for the newest matches in recent days first, then rank.

        A query matching much of a large archive has its newest matches
        in the last days: the GIN index, which holds each document's day
        beside its words, then reads only those days' postings, and the
        table only their rows. A window holding at least ``need`` matches
        has the newest ones (it holds every document after its first
        day); one holding fewer is widened at the density it found, and
        after :attr:`widenings` everything is searched.

        The candidates (the newest matches) come back with the oldest
        one's publication, so the ranking that follows, a statement of
        its own, knows which signals it reads and from which day.
        """
        order, depth = self.order_and_depth(sort, offset, limit)
        need = max(depth, self.count_limit + 1)
        where, where_params = self.filter_sql(filters, now)
        match = [tsquery(query, any_unit), *where_params]
        units = [] if any_unit else [b for unit in query.units for b in _bounds(unit)]
        bounds, share = self._plan(units, match, where, filters, need)
        # Before the search's settings: it reads the statistics by index.
        ranker = self.ranker(query, now, any_unit)
        with self._cursor() as cursor:
            for attempt in range(self.widenings + 2):
                start = None
                position = int(len(bounds) * (1 - share))
                if attempt <= self.widenings and position > 0:
                    start = bounds[position] // 86400
                days, days_params = self._days(filters, start)
                # g: the GIN index's matches (in the window and the dates,
                # by day), with what filters read; m: those passing the
                # filters. Apart, so that the planner cannot filter by date
                # or section first and then check @@ row by row, reading
                # each row's tsvector from TOAST.
                cursor.execute(
                    f"WITH g AS MATERIALIZED (SELECT d.article_id, "
                    f"d.published, d.section_id, d.expires FROM {WORDS} d "
                    f"WHERE d.vector @@ %s::tsquery{days}), "
                    f"m AS MATERIALIZED (SELECT d.article_id, d.published "
                    f"FROM g d WHERE {where}), "
                    f"c AS MATERIALIZED (SELECT article_id, published FROM m "
                    f"ORDER BY published DESC, article_id DESC LIMIT %s) "
                    # The candidates as an array literal: passed back to the
                    # ranking as it is (a thousand ids adapted by the driver
                    # cost a millisecond each way).
                    f"SELECT (SELECT COUNT(*) FROM m), "
                    f"ARRAY(SELECT article_id FROM c)::text, "
                    f"(SELECT MIN(published) FROM c)",
                    [match[0], *days_params, *match[1:], depth],
                )
                found, candidates, floor = cursor.fetchone()
                if start is None or found >= need:
                    break
                if found / share <= self.wide * need:
                    # Few matches in all the dates, at the density found:
                    # read them all at once.
                    share = 1
                else:
                    # At the density found, twice what is needed (at most
                    # 16 times the window).
                    share *= min(16, self.window * need / max(found, 1))
            if floor is None:  # no candidates
                return [], None
            ranked, ranked_params = ranker.ranked_sql(
                "d.article_id = ANY(CAST(%s AS BIGINT[]))", DOCUMENTS, int(floor)
            )
            cursor.execute(
                f"SELECT r.article_id, r.score FROM ({ranked}) r "
                f"ORDER BY {order} LIMIT %s OFFSET %s",
                [*ranked_params, candidates, limit, offset],
            )
            page = cursor.fetchall()
        return page, (min(found, self.count_limit + 1) if page else None)

    def _plan(self, units, match, where, filters, need):
        """``(bounds, share)``: the histogram of the publication times the
        filters allow, and the share of them, newest first, expected to
        hold ``window * need`` matches (no bounds: search everything).

        From the planner's statistics (:meth:`_estimates`, then the
        histogram when the matches may be many): a read, not a scan, since
        counting back through the newest documents would cost as much as
        the search it saves. The fast path "planner" (khabar/fast_paths.py):
        switched off, every search reads all its matches at once."""
        if not fast_paths.on("planner"):
            return [], 1
        estimates = self._estimates(units, match, where)
        if estimates.rarest <= self.wide * need:
            return [], 1  # few enough to read them all: no histogram needed
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT histogram_bounds::text FROM pg_stats WHERE "
                "schemaname = current_schema() AND tablename = %s "
                "AND attname = 'published'",
                [WORDS],
            )
            row = cursor.fetchone()
        if not row or not row[0]:
            return [], 1
        every = [int(bound) for bound in row[0].strip("{}").split(",")]
        return self.plan_window(estimates, every, filters, need)

    def _estimates(self, units, match, where):
        """The planner's estimates of the documents, of those passing the
        filters, of those the query matches and of those each of *units*
        matches (tsquery literals, each an upper bound of a part of the
        query): one EXPLAIN."""
        words = " UNION ALL ".join(
            f"SELECT 1 FROM {WORDS} d WHERE d.vector @@ %s::tsquery"
            for _ in [match[0], *units]
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {WORDS} UNION ALL "
                f"SELECT 1 FROM {WORDS} d WHERE {where} UNION ALL {words}",
                [*match[1:], match[0], *units],
            )
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        node = plan[0]["Plan"]
        # The Append of the parts, maybe under a node of its own.
        while node.get("Node Type") != "Append" and len(node.get("Plans", ())) == 1:
            node = node["Plans"][0]
        parts = [sub["Plan Rows"] for sub in node.get("Plans", ())]
        if len(parts) != 3 + len(units):
            # A plan of another shape: no estimates, search everything.
            return Estimates(0, 0, 0, [])
        documents, filtered, together, *alone = parts
        return Estimates(documents, filtered, together, alone)

    def plan_window(self, estimates, every, filters, need):
        """``(bounds, share)`` from the planner's *estimates* and *every*
        bound of its histogram of publication times: no database."""
        indexed = estimates.rarest
        if indexed <= self.wide * need or not every:
            return [], 1  # few enough to read them all
        # The window: from between the two (geometrically). One too small
        # costs one more query, sized by the density it found; one too
        # large reads too many rows.
        expected = estimates.together**self.independence * indexed ** (
            1 - self.independence
        )
        bounds = [
            bound
            for bound in every
            if (filters.since is None or bound >= filters.since)
            and (filters.until is None or bound < filters.until)
        ]
        # Matches the GIN index would read in the dates without a window.
        if indexed * len(bounds) / len(every) <= self.wide * need:
            return [], 1
        passing = expected * estimates.filtered / max(estimates.documents, 1)
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
            cursor.execute(f"TRUNCATE {WORDS}, {DOCUMENTS}")

    def update_statistics(self):
        # How many documents there are and how common each word is: the
        # window of a search is sized from them. Autovacuum would analyse
        # the table too, but only some minutes after a rebuild.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {WORDS}")
            cursor.execute(f"ANALYZE {DOCUMENTS}")

    def match_sql(self, query, any_unit):
        # The words table has every column the filters read.
        return (
            f"{WORDS} d",
            "d.vector @@ %s::tsquery",
            [tsquery(query, any_unit)],
        )

    def write_words(self, entries):
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {WORDS} (article_id, published, section_id, expires, "
                "vector) VALUES (%s, %s, %s, %s, %s::tsvector)",
                [
                    (e.article_id, e.published, e.section_id, e.expires, tsvector(e))
                    for e in entries
                ],
            )

    def stored_keys(self, article_ids):
        if not article_ids:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT tsvector_to_array(w.vector), d.title_exact || ' ' || "
                f"d.summary_exact, d.title_bases || ' ' || d.summary_bases, "
                f"d.title_length, d.summary_length, d.body_length FROM {DOCUMENTS} d "
                f"JOIN {WORDS} w ON w.article_id = d.article_id "
                "WHERE d.article_id = ANY(%s)",
                [list(article_ids)],
            )
            rows = cursor.fetchall()
        return [
            (stored_keys(lexemes, exact, bases), tuple(lengths))
            for lexemes, exact, bases, *lengths in rows
        ]

    #: Collecting one document of a day's postings from the GIN index,
    #: against fetching one row of the words table (measured on 100,000
    #: articles: a day range from five years back, about 100,000
    #: postings, cost what some 3,000 row fetches do).
    day_posting_cost = 1 / 30

    def signal_sql(self, kind, token, floor, reads=None):
        if kind == "pair":
            lexeme = token[0] + PAIR + token[1]
        else:
            lexeme = SIGNAL_PREFIXES[kind] + token
        # The GIN index holds each document's day (btree_gin): with the
        # candidates' days ANDed in, only their rows are fetched. But the
        # days' postings are read whole, every document since the oldest
        # candidate: worth it when that spares more row fetches than it
        # costs, as for a common key and recent candidates. Otherwise the
        # key's documents are fetched (a row of the narrow words table is
        # cheap). The bound is a BIGINT, as the index's day is: btree_gin
        # has no operators across integer types, and with an integer the
        # planner could only check the day row by row after fetching.
        day = f" AND (x.published / 86400) >= CAST({floor} AS BIGINT) / 86400"
        if reads is not None:
            spared = reads.documents * (1 - reads.after)
            collected = reads.archive * reads.after
            if spared <= collected * self.day_posting_cost:
                day = ""
        return (
            f"d.article_id IN (SELECT x.article_id FROM {WORDS} x WHERE "
            f"x.vector @@ %s::tsquery{day})",
            [f"'{lexeme}'"],
        )
