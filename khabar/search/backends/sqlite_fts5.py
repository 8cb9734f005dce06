"""SQLite FTS5: the word index of the embedded set-up.

An FTS5 table, ``search_fts``, holds each document's stems in three
columns (title, summary, body) and its variants in a fourth, then what
ranking asks of the body: its words as spelled (``exact``) and without
what is written in front of them (``bases``), and its stems
that occur at least twice (``twice``) and four times (``often``); its rowid is
the document's ``key`` (publication time, then article id), so that FTS5
lists matches newest first without sorting them. FTS5 receives the
analyzer's output only (already normalised and stemmed, space-separated),
since its own unicode61 tokenizer splits words at harakat and keeps
tatweel.
"""

from django.db import connection

from khabar.search.backends.base import DOCUMENTS, Backend, Filters
from khabar.search.documents import (
    BASE_KEY,
    EXACT_KEY,
    recency_key,
    stems,
    variants,
)

#: Ranking signals (Backend.signal_sql): the FTS5 column each reads.
SIGNAL_COLUMNS = {
    "exact": "exact",
    "base": "bases",
    "twice": "twice",
    "often": "often",
    "stem": "{title summary body}",
}

ANY = Filters()

TABLE = "search_fts"
#: As migration 0003_recency_key creates it; clear() makes it again.
CREATE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(title, summary, body, variants, "
    "exact, bases, twice, often, tokenize = 'unicode61 remove_diacritics 0')"
)


def stored_keys(stems, exact, bases):
    """A stored document's statistics keys (``IndexEntry.keys()``) from
    its stems and variants, words as spelled and bases, each a string of
    space-separated words."""
    return {
        *stems.split(),
        *(EXACT_KEY + word for word in exact.split()),
        *(BASE_KEY + word for word in bases.split()),
    }


def _quoted(token):
    # Tokens are letters and digits only; quoting keeps FTS5 from reading
    # a word such as NEAR, OR or NOT as its own syntax.
    return f'"{token}"'


def _alternatives(term):
    return "(" + " OR ".join(_quoted(s) for s in dict.fromkeys(term.stems)) + ")"


def _unit(terms):
    if len(terms) == 1:
        return _alternatives(terms[0])
    phrase = " ".join(term.stem for term in terms)
    return f'{{title summary body}} : "{phrase}"'


def match_expression(query, any_unit=False):
    """The FTS5 MATCH expression of *query*."""
    joiner = " OR " if any_unit else " AND "
    expression = "(" + joiner.join(_unit(unit) for unit in query.units) + ")"
    for excluded in query.excluded:
        expression += f" NOT {_unit(excluded)}"
    return expression


class SqliteFts5Backend(Backend):
    vendor = "sqlite"
    instr = "instr"

    # The FTS rowid is the document's key (publication time first), so
    # FTS5 hands matches over newest first and stops at the LIMIT.
    newest_order = f"{TABLE}.rowid DESC"

    def match_sql(self, query, any_unit):
        return (
            f"{TABLE} JOIN {DOCUMENTS} d ON d.key = {TABLE}.rowid",
            f"{TABLE} MATCH %s",
            [match_expression(query, any_unit)],
        )

    def filter_sql(self, filters, now):
        sql, params = super().filter_sql(filters, now)
        # Dates as a rowid range: FTS5 skips the rest of the doclist.
        if filters.since is not None:
            sql += f" AND {TABLE}.rowid >= %s"
            params.append(recency_key(filters.since, 0))
        if filters.until is not None:
            sql += f" AND {TABLE}.rowid < %s"
            params.append(recency_key(filters.until, 0))
        return sql, params

    def count_sql(self, query, filters, now, any_unit):
        if filters != ANY:
            return super().count_sql(query, filters, now, any_unit)
        # Without filters FTS5 counts alone, from its doclists. The index
        # holds visible articles only; one whose expiry passed in the last
        # scheduler interval may be counted, not shown.
        return (
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {TABLE} WHERE {TABLE} MATCH %s "
            "LIMIT %s) n",
            [match_expression(query, any_unit), self.count_limit + 1],
        )

    def write_words(self, entries):
        rows = [
            (
                entry.key,
                stems(entry.terms["title"]),
                stems(entry.terms["summary"]),
                stems(entry.terms["body"]),
                " ".join(
                    variants(entry.terms[field])
                    for field in ("title", "summary", "body")
                ),
                " ".join(entry.body_exact()),
                " ".join(entry.bases("body")),
                " ".join(entry.body_repeats(2)),
                " ".join(entry.body_repeats(4)),
            )
            for entry in entries
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, summary, body, variants, "
                "exact, bases, twice, often) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )

    def stored_keys(self, article_ids):
        if not article_ids:
            return []
        holders = ", ".join(["%s"] * len(article_ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT f.title || ' ' || f.summary || ' ' || f.body || ' ' || "
                f"f.variants, d.title_exact || ' ' || d.summary_exact || ' ' || "
                f"f.exact, d.title_bases || ' ' || d.summary_bases || ' ' || "
                f"f.bases, d.title_length, d.summary_length, d.body_length "
                f"FROM {DOCUMENTS} d JOIN {TABLE} f ON f.rowid = d.key "
                f"WHERE d.article_id IN ({holders})",
                list(article_ids),
            )
            return [
                (stored_keys(stems, exact, bases), tuple(lengths))
                for stems, exact, bases, *lengths in cursor.fetchall()
            ]

    def signal_sql(self, kind, token, floor, reads=None):
        if kind == "pair":
            expression = f'{{title summary body}} : "{token[0]} {token[1]}"'
        else:
            expression = f"{SIGNAL_COLUMNS[kind]} : {_quoted(token)}"
        # From the oldest candidate's key on: FTS5 skips the rest of the
        # doclist.
        return (
            f"d.key IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s "
            f"AND rowid >= {floor} * 1048576)",
            [expression],
        )

    def clear(self):
        # Dropping the table is far quicker than deleting every row.
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {TABLE}")
            cursor.execute(CREATE)
