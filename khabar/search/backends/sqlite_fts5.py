"""SQLite FTS5: the word index of the embedded set-up.

An FTS5 table, ``search_fts``, holds each document's stems in three
columns (title, summary, body) and its variants in a fourth; its rowid is
the article id. FTS5 receives the analyzer's output only (already
normalised and stemmed, space-separated), since its own unicode61
tokenizer splits words at harakat and keeps tatweel.
"""

from django.db import connection

from khabar.search.backends.base import DOCUMENTS, Backend
from khabar.search.documents import stems, variants

#: Created by migration 0002_word_index.
TABLE = "search_fts"


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

    def match_sql(self, query, any_unit):
        return (
            f"{TABLE} JOIN {DOCUMENTS} d ON d.article_id = {TABLE}.rowid",
            f"{TABLE} MATCH %s",
            [match_expression(query, any_unit)],
        )

    def write_words(self, entries):
        rows = [
            (
                entry.article_id,
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
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")
