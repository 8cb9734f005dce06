"""Relevance: BM25F over title, summary and body, in one SQL expression.

Every backend ranks with the SQL built here, from the same inputs: the
document row (field lengths, the title's and summary's padded term
lists), the index's statistics (document frequencies, average field
lengths: :class:`~khabar.search.models.SearchStatistic`) and *signals*,
sets of documents that the backend's word index answers (the body holds
the word as spelled, holds its stem twice or four times, holds two query
words side by side). The same query therefore scores the same documents
with the same numbers on SQLite and on PostgreSQL. docs/search.md gives
the formula and the evaluation its constants were chosen on.
"""

import math
from dataclasses import dataclass

from khabar.search.documents import FIELDS, padded
from khabar.search.models import SearchStatistic

#: A number parameter, as a double on every backend (psycopg would send
#: 10.0 as a numeric literal, and numeric arithmetic rounds differently).
FLOAT = "CAST(%s AS DOUBLE PRECISION)"
#: Statistics rows that are totals, not stems (names begin with a space).
DOCUMENTS = " documents"
LENGTHS = {field: f" {field}" for field in FIELDS}
DAY = 24 * 3600


@dataclass(frozen=True)
class Weights:
    """The ranking's constants (docs/search.md, "Ranking")."""

    #: BM25's saturation: how fast more matches of a word stop adding.
    k1: float = 1.2
    #: Per field: its weight, and how much its length normalises (b).
    title: tuple = (3.0, 0.3)
    summary: tuple = (1.5, 0.5)
    body: tuple = (1.0, 0.75)
    #: How a document's word meets the reader's: as spelled, without what
    #: is written in front of either (بالمدرسة for والمدرسة), by stem,
    #: through a variant (a broken plural's singular, another reading).
    exact: float = 1.0
    base: float = 0.8
    stem: float = 0.6
    variant: float = 0.35
    #: Two query words side by side in a field add this share of their
    #: mean weight.
    proximity: float = 0.5
    #: Recency breaks near ties: a story published now counts up to this
    #: much more, half as much after ``recency_scale`` seconds.
    recency: float = 0.08
    recency_scale: int = 3 * DAY


WEIGHTS = Weights()


@dataclass(frozen=True)
class Statistics:
    """What the index knows of itself, for one query's words."""

    documents: int
    #: Average words per field.
    average: dict
    #: Documents holding each stem.
    frequency: dict

    def idf(self, stem):
        """Inverse document frequency, as Lucene's BM25 computes it
        (never negative, whatever the share of documents)."""
        n, df = self.documents, self.frequency.get(stem, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))


def statistics(stems):
    """The :class:`Statistics` of the index for *stems*: one query."""
    names = [DOCUMENTS, *LENGTHS.values(), *stems]
    values = dict(
        SearchStatistic.objects.filter(name__in=names).values_list("name", "value")
    )
    documents = values.get(DOCUMENTS, 0)
    average = {
        field: max(values.get(name, 0) / max(documents, 1), 1.0)
        for field, name in LENGTHS.items()
    }
    frequency = {stem: values.get(stem, 0) for stem in stems}
    return Statistics(documents, average, frequency)


def _flag(condition):
    return f"(CASE WHEN {condition} THEN 1.0 ELSE 0.0 END)"


def _level(instr, field, term, weights):
    """``(sql, params)``: how *term* meets *field* of the title or the
    summary: its exact, stem or variant weight, else 0."""
    col = f"d.{field}"
    alternatives = [f"{instr}({col}_variants, %s) > 0"]
    variant_params = [padded([term.stem])]
    for other in term.variants:
        alternatives.append(f"{instr}({col}_stems, %s) > 0")
        alternatives.append(f"{instr}({col}_variants, %s) > 0")
        variant_params += [padded([other])] * 2
    sql = (
        f"(CASE WHEN {instr}({col}_exact, %s) > 0 THEN {FLOAT} "
        f"WHEN {instr}({col}_bases, %s) > 0 THEN {FLOAT} "
        f"WHEN {instr}({col}_stems, %s) > 0 THEN {FLOAT} "
        f"WHEN ({' OR '.join(alternatives)}) THEN {FLOAT} ELSE 0.0 END)"
    )
    params = [
        padded([term.exact]),
        weights.exact,
        padded([term.bare]),
        weights.base,
        padded([term.stem]),
        weights.stem,
        *variant_params,
        weights.variant,
    ]
    return sql, params


def neighbours(query):
    """Pairs of query words that, side by side in a document, earn the
    proximity weight: neighbours among the words, and within phrases."""
    found = []
    for run in [query.terms, *query.phrases]:
        for first, second in zip(run, run[1:], strict=False):
            if first.stem != second.stem:
                found.append((first, second))
    return found


class Ranker:
    """Builds the ranking SQL for one query on one backend.

    The backend gives :meth:`signal_sql`: a condition that a document
    (alias ``d``) is in the set of documents its word index finds for one
    token, for the candidates only (``floor``: SQL of the oldest
    candidate's publication second, which bounds what is read).
    """

    def __init__(self, backend, query, stats, now, any_unit, weights=WEIGHTS):
        self.backend = backend
        self.query = query
        self.stats = stats
        self.now = now
        self.any_unit = any_unit
        self.weights = weights
        self.terms = query.scored_terms

    def levels_sql(self, floor):
        """``(sql, params)``: the per-document columns the score reads,
        for a SELECT over ``d`` (the candidates' documents)."""
        w = self.weights
        instr = self.backend.instr
        columns, params = [], []
        for field, (_, b) in zip(FIELDS, (w.title, w.summary, w.body), strict=True):
            average = self.stats.average[field]
            columns.append(
                f"({FLOAT} - {FLOAT} + {FLOAT} * CAST(d.{field}_length AS DOUBLE "
                f"PRECISION) / {FLOAT}) AS n_{field}"
            )
            params += [1.0, b, b, average]
        for i, term in enumerate(self.terms):
            for field in ("title", "summary"):
                sql, level_params = _level(instr, field, term, w)
                columns.append(f"{sql} AS {field[0]}{i}")
                params += level_params
            for name, kind, token in (
                ("e", "exact", term.exact),
                ("b", "base", term.bare),
                ("r", "twice", term.stem),
                ("f", "often", term.stem),
                *((("a", "stem", term.stem),) if self.any_unit else ()),
            ):
                sql, signal_params = self.backend.signal_sql(kind, token, floor)
                columns.append(f"{_flag(sql)} AS {name}{i}")
                params += signal_params
        for j, (first, second) in enumerate(neighbours(self.query)):
            sql, signal_params = self.backend.signal_sql(
                "pair", (first.stem, second.stem), floor
            )
            columns.append(f"{_flag(sql)} AS p{j}")
            params += signal_params
        return ", ".join(columns), params

    def _body_level(self, i):
        """SQL of how word *i* meets the body: spelled as typed, by stem
        (repeated, or the only place a required word can be), or not."""
        w = self.weights
        if self.any_unit:
            # Held somewhere, and not in the title or summary: in the body.
            unknown = (
                f"(CASE WHEN l.t{i} + l.s{i} > 0 THEN 0.0 ELSE l.a{i} * {FLOAT} END)"
            )
            unknown_params = [w.stem]
        else:
            # Every word of the query is in every match: not in the title
            # or summary, it is in the body.
            unknown = f"(CASE WHEN l.t{i} + l.s{i} > 0 THEN 0.0 ELSE {FLOAT} END)"
            unknown_params = [w.stem]
        sql = (
            f"(CASE WHEN l.e{i} > 0 THEN {FLOAT} WHEN l.b{i} > 0 THEN {FLOAT} "
            f"WHEN l.r{i} > 0 THEN {FLOAT} ELSE {unknown} END)"
        )
        return sql, [w.exact, w.base, w.stem, *unknown_params]

    def weight_sql(self):
        """``(sql, params)``: each word's field-weighted, length-normalised
        frequency (BM25F's pseudo-frequency), over the levels ``l``."""
        w = self.weights
        columns, params = [], []
        for i in range(len(self.terms)):
            body, body_params = self._body_level(i)
            columns.append(
                f"({FLOAT} * l.t{i} / l.n_title + {FLOAT} * l.s{i} / l.n_summary "
                f"+ {FLOAT} * {body} * (CASE WHEN l.f{i} > 0 THEN 4.0 "
                f"WHEN l.r{i} > 0 THEN 2.0 ELSE 1.0 END) / l.n_body) AS x{i}"
            )
            params += [w.title[0], w.summary[0], w.body[0], *body_params]
        return ", ".join(columns), params

    def score_sql(self):
        """``(sql, params)``: the score, over the weights ``x`` (and the
        levels' other columns, carried along)."""
        w = self.weights
        parts, params = [], []
        idfs = [self.stats.idf(term.stem) for term in self.terms]
        for i, idf in enumerate(idfs):
            parts.append(f"({FLOAT} * x.x{i} * {FLOAT} / ({FLOAT} + x.x{i}))")
            params += [idf, w.k1 + 1, w.k1]
        index = {term.stem: i for i, term in enumerate(self.terms)}
        for j, (first, second) in enumerate(neighbours(self.query)):
            mean = (
                idfs[index[first.stem]] + idfs[index[second.stem]]
                if first.stem in index and second.stem in index
                else 0.0
            ) / 2
            parts.append(f"({FLOAT} * x.p{j})")
            params.append(w.proximity * mean)
        text = " + ".join(parts) or "0.0"
        sql = (
            f"(({text}) * ({FLOAT} + {FLOAT} / ({FLOAT} + ({FLOAT} - x.published) "
            f"/ {FLOAT})))"
        )
        params += [1.0, w.recency, 1.0, float(self.now), float(w.recency_scale)]
        return sql, params

    def ranked_sql(self, candidates, documents, floor):
        """``(sql, params)``: ``article_id, score, published`` of every
        candidate. *candidates*: SQL selecting the candidates among the
        *documents* table's rows ``d``."""
        levels, level_params = self.levels_sql(floor)
        weights, weight_params = self.weight_sql()
        score, score_params = self.score_sql()
        carried = ["l.article_id", "l.published"]
        carried += [f"l.p{j}" for j in range(len(neighbours(self.query)))]
        sql = (
            f"SELECT x.article_id, {score} AS score, x.published FROM "
            f"(SELECT {', '.join(carried)}, {weights} FROM "
            f"(SELECT d.article_id, d.published, {levels} FROM {documents} d "
            f"WHERE {candidates}) l) x"
        )
        return sql, [*score_params, *weight_params, *level_params]
