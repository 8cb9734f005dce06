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

from django.db import connection

from khabar.search.documents import BASE_KEY, EXACT_KEY, FIELDS, padded
from khabar.search.models import SearchDocument, SearchStatistic

#: A number parameter, as a double on every backend (psycopg would send
#: 10.0 as a numeric literal, and numeric arithmetic rounds differently).
FLOAT = "CAST(%s AS DOUBLE PRECISION)"
#: Statistics rows that are totals, not stems (names begin with a space).
DOCUMENTS = " documents"
OLDEST = " oldest"
LENGTHS = {field: f" {field}" for field in FIELDS}
DAY = 24 * 3600
#: A LIMIT no candidate list reaches (see Ranker.ranked_sql).
FENCE = 1_000_000_000


#: How closely a document's word meets the reader's, best first: as
#: spelled; without what is written in front of either (بالمدرسة for
#: والمدرسة); by stem; a word that is one of its variants (بشيء for
#: بأشياء: the singular of a broken plural, as a word); through a variant
#: (another form of that singular, another reading). A match at one level
#: is a match at every level below.
LEVELS = ("exact", "base", "stem", "variant_word", "variant")
#: Each level's number in the SQL (higher: closer).
RANKS = dict(zip(LEVELS, (5, 4, 3, 2, 1), strict=True))


def level_keys(term):
    """The statistics key of *term* at each level: its document frequency
    there is that key's."""
    return {
        "exact": EXACT_KEY + term.exact,
        "base": BASE_KEY + term.bare,
        "stem": term.stem,
        "variant_word": BASE_KEY + (term.variants[0] if term.variants else term.stem),
        "variant": term.stem,
    }


def query_keys(query):
    """Every statistics key the ranking of *query* reads, sorted: each
    word's keys at every level, its variants as words, and the stems of
    the neighbours that earn proximity."""
    keys = set()
    for term in query.scored_terms:
        keys.update(level_keys(term).values())
        keys.update(BASE_KEY + variant for variant in term.variants)
    keys.update(term.stem for pair in neighbours(query) for term in pair)
    return sorted(keys)


@dataclass(frozen=True)
class Weights:
    """The ranking's constants (docs/search.md, "Ranking")."""

    #: BM25's saturation: how fast more matches of a word stop adding.
    k1: float = 0.5
    #: Per field: its weight, and how much its length normalises (b).
    title: tuple = (3.0, 0.3)
    summary: tuple = (1.5, 0.5)
    body: tuple = (1.0, 0.3)
    #: Per level (LEVELS): how much a match there counts. Each level is
    #: scored as a word of its own, with its own document frequency, so
    #: that a rare spelling counts for more than its common stem.
    levels: tuple = (1.0, 0.5, 0.5, 0.3, 0.3)
    #: Two query words side by side in a field add this share of their
    #: mean inverse document frequency.
    proximity: float = 2.0
    #: Recency breaks near ties: a story published now counts up to this
    #: much more, half as much after ``recency_scale`` seconds.
    recency: float = 0.08
    recency_scale: int = 3 * DAY


WEIGHTS = Weights()


@dataclass(frozen=True)
class Reads:
    """What a signal's read is expected to cost, for a backend that may
    read it in more than one way: the documents holding its key, the
    share of the archive published from the oldest candidate on, and the
    documents in the archive."""

    documents: float
    after: float
    archive: int


@dataclass(frozen=True)
class Statistics:
    """What the index knows of itself, for one query's words."""

    documents: int
    #: Average words per field.
    average: dict
    #: Documents holding each key.
    frequency: dict
    #: The oldest document's publication second.
    oldest: int = 0

    def idf(self, key):
        """Inverse document frequency, as Lucene's BM25 computes it
        (never negative, whatever the share of documents)."""
        n, df = self.documents, self.frequency.get(key, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))


def statistics(keys):
    """The :class:`Statistics` of the index for *keys*, and its oldest
    publication: one query (the oldest from the documents' index, before
    a search turns index scans off)."""
    names = [DOCUMENTS, *LENGTHS.values(), *keys]
    table = SearchStatistic._meta.db_table
    documents_table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name, value FROM {table} WHERE name IN "
            f"({', '.join(['%s'] * len(names))}) UNION ALL "
            f"SELECT %s, MIN(published) FROM {documents_table}",
            [*names, OLDEST],
        )
        values = dict(cursor.fetchall())
    documents = values.get(DOCUMENTS, 0)
    average = {
        field: max(values.get(name, 0) / max(documents, 1), 1.0)
        for field, name in LENGTHS.items()
    }
    frequency = {key: values.get(key, 0) for key in keys}
    return Statistics(documents, average, frequency, values.get(OLDEST) or 0)


def _flag(condition):
    # Integers, and numbers the scores multiply as doubles: PostgreSQL
    # reads 1.0 as an arbitrary-precision numeric, slow arithmetic.
    return f"(CASE WHEN {condition} THEN 1 ELSE 0 END)"


def _level(instr, field, term):
    """``(sql, params)``: how closely *term* meets *field* of the title or
    the summary: its level's number (:data:`RANKS`), else 0."""
    col = f"d.{field}"

    def holds(column, word):
        return f"{instr}({col}_{column}, %s) > 0", [padded([word])]

    # A word as spelled, or its base, has the word's stem: most fields
    # lack the stem, and one test settles them.
    stem, params = holds("stems", term.stem)
    exact, exact_params = holds("exact", term.exact)
    base, base_params = holds("bases", term.bare)
    params += exact_params + base_params
    variant, variant_params = holds("variants", term.stem)
    alternatives, words = [variant], ["1 = 0"]
    word_params = []
    for other in term.variants:
        for column in ("stems", "variants"):
            sql, other_params = holds(column, other)
            alternatives.append(sql)
            variant_params += other_params
        sql, other_params = holds("bases", other)
        words.append(sql)
        word_params += other_params
    sql = (
        f"(CASE WHEN {stem} THEN (CASE WHEN {exact} THEN 5 WHEN {base} THEN 4 "
        f"ELSE 3 END) WHEN ({' OR '.join(alternatives)}) THEN (CASE WHEN "
        f"({' OR '.join(words)}) THEN 2 ELSE 1 END) ELSE 0 END)"
    )
    return sql, [*params, *variant_params, *word_params]


def neighbours(query):
    """Pairs of query words that, side by side in a document, earn the
    proximity weight: neighbours in what the reader typed (function words
    included: إذا كنت), and within phrases."""
    found = []
    for run in [query.sequence, *query.phrases]:
        for first, second in zip(run, run[1:], strict=False):
            if first.stem != second.stem and (first, second) not in found:
                found.append((first, second))
    return found


class Ranker:
    """Builds the ranking SQL for one query on one backend.

    The backend gives :meth:`signal_sql`: a condition that a document
    (alias ``d``) is in the set of documents its word index finds for one
    token, for the candidates only (``floor``: SQL of the oldest
    candidate's publication second, which bounds what is read).
    """

    def __init__(self, backend, query, stats, now, any_unit, weights=None):
        self.backend = backend
        self.query = query
        self.stats = stats
        self.now = now
        self.any_unit = any_unit
        self.weights = weights or WEIGHTS
        self.terms = query.scored_terms
        self.pairs = neighbours(query)

    def levels_sql(self, floor):
        """``(sql, params)``: the per-document columns the score reads,
        for a SELECT over ``d`` (the candidates' documents): each field's
        length normaliser, each word's level in the title and summary,
        and the body's signals."""
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
                sql, level_params = _level(instr, field, term)
                columns.append(f"{sql} AS {field[0]}{i}")
                params += level_params
        for name, sql, signal_params in self._signals(floor):
            columns.append(f"{sql} AS {name}")
            params += signal_params
        return ", ".join(columns), params

    #: Doclist entries the signals of one search may read, estimated:
    #: signals of the rarest keys first, until the next would pass it
    #: (on 100,000 articles, 20,000 gave p95 51 ms against 31 ms, with
    #: the same figures on the real-text evaluation).
    signal_budget = 5_000

    def _wanted(self):
        """``[(column, kind, tokens, documents, default)]``: each signal,
        the documents holding its key and its value when not read."""
        freq = self.stats.frequency.get
        wanted = []
        for i, term in enumerate(self.terms):
            stem = freq(term.stem, 0)
            # Unread, the stem is taken to be where a required word not
            # in the title or summary must be: in the body.
            wanted += [
                (f"e{i}", "exact", [term.exact], freq(EXACT_KEY + term.exact, 0), 0),
                (f"b{i}", "base", [term.bare], freq(BASE_KEY + term.bare, 0), 0),
                (f"r{i}", "twice", [term.stem], stem, 0),
                (f"f{i}", "often", [term.stem], stem, 0),
                (f"a{i}", "stem", [term.stem], stem, 1),
                (
                    f"v{i}",
                    "base",
                    list(term.variants),
                    sum(freq(BASE_KEY + v, 0) for v in term.variants),
                    0,
                ),
            ]
        for j, (first, second) in enumerate(self.pairs):
            together = min(freq(first.stem, 0), freq(second.stem, 0))
            wanted.append((f"p{j}", "pair", [(first.stem, second.stem)], together, 0))
        return wanted

    def _signals(self, floor):
        """``[(column, sql, params)]`` of every signal.

        A signal reads its key's documents from the oldest candidate on:
        about its document frequency times the share of the archive's
        time span after that candidate (``share``). Within
        :attr:`signal_budget` all are read; past it, the commonest keys
        are not, and take their default. Each signal carries the largest
        share at which it is read. *floor* is the oldest candidate's
        publication: a number when the backend found the candidates
        first (the choice is then made here), else SQL that finds it as
        the query runs (the choice is the database's). Either way the
        same arithmetic on doubles decides, so every backend chooses the
        same signals."""
        now = float(self.now)
        span = max(now - self.stats.oldest, 1.0)
        share = f"(({FLOAT} - {floor}) / {FLOAT})"
        known = isinstance(floor, int)
        if known:
            passed = (now - floor) / span  # as the SQL's share computes it
            after = min(max(passed, 0.0), 1.0)
        found, spent = [], 0
        for name, kind, tokens, documents, default in sorted(
            self._wanted(), key=lambda signal: signal[3]
        ):
            reads = Reads(documents, after, self.stats.documents) if known else None
            sqls, params = [], []
            for token in tokens:
                sql, signal_params = self.backend.signal_sql(kind, token, floor, reads)
                sqls.append(sql)
                params += signal_params
            flag = _flag(" OR ".join(sqls) or "1 = 0")
            spent += documents
            if spent <= self.signal_budget or not sqls:
                found.append((name, flag, params))
            elif known:
                read = passed <= self.signal_budget / spent
                found.append((name, flag, params) if read else (name, str(default), []))
            else:
                found.append(
                    (
                        name,
                        f"(CASE WHEN {share} <= {FLOAT} THEN {flag} "
                        f"ELSE {default} END)",
                        [now, span, self.signal_budget / spent, *params],
                    )
                )
        return sorted(found, key=lambda signal: signal[0])

    def _body_level(self, i):
        """SQL of how closely word *i* meets the body (as :func:`_level`)."""
        # The stem held somewhere but not in the title or summary is in
        # the body. A required word met nowhere else is met in the body
        # through a variant; in the any-word fallback it may not be there.
        rest = (
            "0"
            if self.any_unit
            else f"(CASE WHEN l.t{i} + l.s{i} = 0 THEN 1 ELSE 0 END)"
        )
        return (
            f"(CASE WHEN l.e{i} > 0 THEN 5 WHEN l.b{i} > 0 THEN 4 "
            f"WHEN l.r{i} > 0 THEN 3 "
            f"WHEN l.a{i} > 0 AND l.t{i} < 3 AND l.s{i} < 3 THEN 3 "
            f"WHEN l.v{i} > 0 THEN 2 ELSE {rest} END)"
        )

    def weight_sql(self):
        """``(sql, params)``: for each word and level, BM25F's
        pseudo-frequency: the fields holding the word at that level or a
        closer one, weighted and normalised by length; the body's repeats
        count at the stem's level and below."""
        w = self.weights
        columns, params = [], []
        for i in range(len(self.terms)):
            body = self._body_level(i)
            for level in LEVELS:
                rank = RANKS[level]
                repeats = (
                    f"(CASE WHEN l.f{i} > 0 THEN 4 WHEN l.r{i} > 0 THEN 2 ELSE 1 END)"
                    if rank <= RANKS["stem"]
                    else "1"
                )
                columns.append(
                    f"({FLOAT} * (CASE WHEN l.t{i} >= {rank} THEN 1 ELSE 0 END) "
                    f"/ l.n_title + {FLOAT} * (CASE WHEN l.s{i} >= {rank} THEN 1 "
                    f"ELSE 0 END) / l.n_summary + {FLOAT} * (CASE WHEN {body} >= "
                    f"{rank} THEN {repeats} ELSE 0 END) / l.n_body) AS x{i}_{level}"
                )
                params += [w.title[0], w.summary[0], w.body[0]]
        return ", ".join(columns), params

    def score_sql(self):
        """``(sql, params)``: the score, over the weights ``x`` (and the
        levels' other columns, carried along)."""
        w = self.weights
        parts, params = [], []
        for i, term in enumerate(self.terms):
            keys = level_keys(term)
            for level, share in zip(LEVELS, w.levels, strict=True):
                idf = self.stats.idf(keys[level])
                parts.append(
                    f"({FLOAT} * x.x{i}_{level} * {FLOAT} / ({FLOAT} + x.x{i}_{level}))"
                )
                params += [share * idf, w.k1 + 1, w.k1]
        for j, (first, second) in enumerate(self.pairs):
            mean = (self.stats.idf(first.stem) + self.stats.idf(second.stem)) / 2
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
        carried += [f"l.p{j}" for j in range(len(self.pairs))]
        # Each layer is read by the next several times over: merged into
        # one expression (both databases flatten such subqueries), every
        # reference would copy the layer below, signals included, and the
        # plan would grow a hundredfold. An OFFSET keeps the layers apart.
        fence = f"LIMIT {FENCE} OFFSET 0"
        sql = (
            f"SELECT x.article_id, {score} AS score, x.published FROM "
            f"(SELECT {', '.join(carried)}, {weights} FROM "
            f"(SELECT d.article_id, d.published, {levels} FROM {documents} d "
            f"WHERE {candidates} {fence}) l {fence}) x"
        )
        return sql, [*score_params, *weight_params, *level_params]
