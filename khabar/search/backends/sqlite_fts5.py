"""SQLite FTS5: the word index of the embedded set-up.

An FTS5 table, ``search_fts``, holds each document's stems in three
columns (title, summary, body) and its variants in a fourth; its rowid is
the document's ``key`` (publication time, then article id), so that FTS5
lists matches newest first without sorting them. FTS5 receives the
analyzer's output only (already normalised and stemmed, space-separated),
since its own unicode61 tokenizer splits words at harakat and keeps
tatweel.
"""

from django.db import connection

from khabar.search.backends.base import DOCUMENTS, Backend, Filters
from khabar.search.documents import recency_key, stems, variants

ANY = Filters()

TABLE = "search_fts"
#: As migration 0003_recency_key creates it; clear() makes it again.
CREATE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(title, summary, body, variants, "
    "tokenize = 'unicode61 remove_diacritics 0')"
)


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
            )
            for entry in entries
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, summary, body, variants) "
                "VALUES (%s, %s, %s, %s, %s)",
                rows,
            )

    def clear(self):
        # Dropping the table is far quicker than deleting every row.
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {TABLE}")
            cursor.execute(CREATE)
