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

    def match_sql(self, query, any_unit):
        return (
            f"{DOCUMENTS} d",
            "d.vector @@ %s::tsquery",
            [tsquery(query, any_unit)],
        )

    extra_columns = (("vector", "%s::tsvector"),)

    def extra_values(self, entry):
        return (tsvector(entry),)
