"""Known-item search evaluation on real Arabic text (issue #15), and its
metrics, beside a plain FTS5 + light10 baseline.

The corpus (about 3,500 paragraphs of news, classical prose, fiqh and
proverbs, a third of them vocalised) is arrand's, read from the installed
package (tests/real_text/corpus.py). Each document becomes an article
(title: its first words; body: the paragraph), written with the JSONL
import's writer and indexed through the import event, as ``khabar
import-jsonl`` does. The queries (tests/real_text/queries.py) are words
of those documents typed the way readers type them, twelve types of
variation; relevant are the documents that contain the word form the
reader means (the evaluation's own spelling rules, not Khabar's).

tests/search/test_real_text_quality.py keeps the figures from regressing;
bench/search_quality_real.py prints them, with the worst queries.
"""

import datetime as dt
import io
import random
import re
import statistics
import time
from dataclasses import dataclass
from functools import cache

from django.db import transaction
from django.test import TestCase
from django.utils import timezone

from khabar.importers.jsonl import ArticleRow, FileSummary, batched
from khabar.importers.writer import ArticleWriter
from khabar.newsroom.models import Article
from khabar.search.index import update_statistics
from khabar.search.query import QueryError
from khabar.search.results import search
from tests.real_text import baseline, corpus, queries
from tests.real_text.spelling import fold, strip_marks, surface_words

K = 10
TYPES = queries.TYPES
DESCRIPTIONS = queries.DESCRIPTIONS
#: The article sections the sources go to.
SECTIONS = {"news": "أخبار", "prose": "أدب", "fiqh": "فقه", "proverb": "أمثال"}
#: Publication times are spread over this many days before the load.
DAYS = 3 * 365
#: External ids of the articles: this prefix and the document's id.
ID_PREFIX = "real-"
_BATCH = 500


@cache
def matcher() -> queries.Matcher:
    return queries.Matcher(corpus.documents())


@cache
def all_queries() -> tuple[queries.Query, ...]:
    return tuple(queries.generate(matcher()))


def load(documents=None, now=None) -> dict[int, int]:
    """Write every document as a published article, index them, and
    return ``{document id: article id}``.

    Goes through the JSONL import's writer, a batch of 500 at a time;
    the search index follows its ``articles_imported`` event, which is
    sent on commit, and run here at once even inside a test's
    transaction. Publication times are spread over three years before
    *now* (fixed seed), so that recency plays its part in ranking as in a
    real archive.
    """
    documents = corpus.documents() if documents is None else documents
    now = now or timezone.now()
    dates = random.Random(f"{corpus.SEED}-dates")
    rows = [
        ArticleRow(
            id=f"{ID_PREFIX}{doc.id}",
            title=doc.title,
            section=SECTIONS[doc.source],
            body_html=None,
            body_text=doc.text,
            published_at=now - dt.timedelta(seconds=dates.uniform(3600, DAYS * 86400)),
        )
        for doc in documents
    ]
    summary = FileSummary()
    for row in rows:
        summary.add(row)
    with TestCase.captureOnCommitCallbacks(execute=True), transaction.atomic():
        writer = ArticleWriter(summary)
        for batch in batched(rows, _BATCH):
            writer.write(batch)
    update_statistics()
    found = Article.objects.filter(external_id__startswith=ID_PREFIX)
    return {
        int(external_id.removeprefix(ID_PREFIX)): pk
        for external_id, pk in found.values_list("external_id", "pk")
    }


def khabar_runner(article_ids):
    """Khabar's search as the page and the API run it, answering with
    document ids. *article_ids* is what :func:`load` returned."""
    document_of = {pk: doc_id for doc_id, pk in article_ids.items()}

    def run(text):
        try:
            found = search(text).ids(K)
        except QueryError:
            return []
        return [document_of[pk] for pk in found if pk in document_of]

    return run


@dataclass
class Outcome:
    """How one system did on one query."""

    query: queries.Query
    ranked: list[int]

    @property
    def recall(self) -> float:
        hits = len(set(self.ranked[:K]) & set(self.query.relevant))
        return hits / min(len(self.query.relevant), K)

    @property
    def reciprocal_rank(self) -> float:
        relevant = set(self.query.relevant)
        for rank, doc_id in enumerate(self.ranked[:K], 1):
            if doc_id in relevant:
                return 1 / rank
        return 0.0


def run_all(run, query_list=None) -> tuple[list[Outcome], float]:
    """Every query through *run*; the outcomes and the seconds taken."""
    query_list = all_queries() if query_list is None else query_list
    started = time.perf_counter()
    outcomes = [Outcome(query, run(query.text)) for query in query_list]
    return outcomes, time.perf_counter() - started


def metrics(outcomes) -> dict[str, dict]:
    """``{type: {"n", "recall", "mrr", "relevant"}}`` with an ``"all"``
    entry; ``relevant`` is the mean size of the relevant sets."""
    by_kind = {kind: [o for o in outcomes if o.query.kind == kind] for kind in TYPES}
    by_kind["all"] = list(outcomes)
    return {
        kind: {
            "n": len(found),
            "recall": statistics.fmean(o.recall for o in found),
            "mrr": statistics.fmean(o.reciprocal_rank for o in found),
            "relevant": statistics.fmean(len(o.query.relevant) for o in found),
        }
        for kind, found in by_kind.items()
        if found
    }


def measure(article_ids) -> dict:
    """Khabar and the baseline over every query: ``{"khabar", "baseline"}``
    each with ``outcomes``, ``metrics`` and ``seconds``."""
    fts = baseline.Fts5Baseline(corpus.documents())
    try:
        systems = {"khabar": khabar_runner(article_ids), "baseline": fts.run}
        measured = {}
        for name, run in systems.items():
            outcomes, seconds = run_all(run)
            measured[name] = {
                "outcomes": outcomes,
                "metrics": metrics(outcomes),
                "seconds": seconds,
            }
    finally:
        fts.close()
    return measured


def table(measured) -> str:
    """Per type: n, mean relevant, Khabar's and the baseline's figures."""
    khabar, base = measured["khabar"]["metrics"], measured["baseline"]["metrics"]
    lines = [
        f"{'type':15} {'n':>3} {'|rel|':>5}  {'recall@10':>9} {'MRR':>6}  "
        f"{'FTS5 r@10':>9} {'FTS5 MRR':>8}  what varies"
    ]
    for kind in (*TYPES, "all"):
        if kind not in khabar:
            continue
        k, b = khabar[kind], base[kind]
        lines.append(
            f"{kind:15} {k['n']:>3} {k['relevant']:>5.1f}  {k['recall']:>9.3f} "
            f"{k['mrr']:>6.3f}  {b['recall']:>9.3f} {b['mrr']:>8.3f}  "
            f"{DESCRIPTIONS.get(kind, '')}"
        )
    return "\n".join(lines)


# Reading results by hand


def related_words(doc, query, limit=6) -> list[str]:
    """The words of *doc* that look like the query's or the original's
    (same light stem, or containing the original): what a person checks
    to see whether the judgement of relevance is right."""
    wanted = {
        baseline.stem(baseline.normalise(word))
        for text in (query.text, *query.original)
        for word in strip_marks(text).split()
    }
    cores = {fold(word) for word in query.original}
    found = {}
    for word, _ in surface_words(doc.text):
        bare = strip_marks(word)
        stemmed = baseline.stem(baseline.normalise(bare))
        if stemmed in wanted or any(core in fold(bare) for core in cores):
            found.setdefault(bare, None)
    return list(found)[:limit]


def khabar_marks(text, article_ids, shown=5) -> dict[int, list[str]]:
    """``{document id: the words Khabar marked in its snippet}`` for the
    top *shown* results of *text*: why Khabar thought them matches."""
    document_of = {pk: doc_id for doc_id, pk in article_ids.items()}
    try:
        hits = search(text)[:shown]
    except QueryError:
        return {}
    return {
        document_of[hit.article.pk]: list(dict.fromkeys(_MARKED.findall(hit.snippet)))
        for hit in hits
        if hit.article.pk in document_of
    }


_MARKED = re.compile(r"<mark>(.*?)</mark>")


def describe(outcome, shown=5, marks=None) -> str:
    """A query, its original, and its top results with their words: R
    marks a relevant document; relevant ones missed follow. With *marks*
    (from :func:`khabar_marks`), what Khabar matched in each result."""
    query = outcome.query
    documents = corpus.documents()
    relevant = set(query.relevant)
    out = io.StringIO()
    out.write(
        f"[{query.kind}] query {query.text!r}  original "
        f"{' + '.join(query.original)!r}  relevant {len(relevant)}  "
        f"recall {outcome.recall:.2f}  RR {outcome.reciprocal_rank:.2f}\n"
    )
    for rank, doc_id in enumerate(outcome.ranked[:shown], 1):
        mark = "R" if doc_id in relevant else " "
        words = " ".join(related_words(documents[doc_id], query))
        if marks and doc_id in marks:
            words += f"   (Khabar matched: {' '.join(marks[doc_id])})"
        out.write(f"   {rank:>2} {mark} doc {doc_id:<5} {words}\n")
    missed = [d for d in query.relevant if d not in outcome.ranked[:K]][:2]
    for doc_id in missed:
        words = " ".join(related_words(documents[doc_id], query))
        out.write(f"   missed  doc {doc_id:<5} {words}\n")
    return out.getvalue()


def spot_check(outcomes, count=20, seed=1) -> str:
    """*count* queries drawn at random, described for reading by hand."""
    rng = random.Random(seed)
    chosen = rng.sample(list(outcomes), min(count, len(outcomes)))
    return "\n".join(describe(outcome) for outcome in chosen)


def worst(outcomes, count, others=None) -> list[Outcome]:
    """The *count* queries Khabar did worst on (recall, then rank). With
    *others* (the baseline's outcomes, in the same order), ties go to the
    queries the baseline did best on: what Khabar loses first."""
    others = others or [None] * len(outcomes)
    ranked = sorted(
        zip(outcomes, others, strict=True),
        key=lambda pair: (
            pair[0].recall,
            pair[0].reciprocal_rank,
            -(pair[1].recall if pair[1] else 0),
            -(pair[1].reciprocal_rank if pair[1] else 0),
        ),
    )
    return [ours for ours, _ in ranked[:count]]


def dump(measured) -> list[dict]:
    """Every query with its relevant documents and both systems' top ten
    (document ids: ``tests.real_text.corpus.documents()[id]``)."""
    rows = []
    pairs = zip(
        measured["khabar"]["outcomes"], measured["baseline"]["outcomes"], strict=True
    )
    for ours, theirs in pairs:
        rows.append(
            {
                **ours.query.as_json(),
                "khabar": ours.ranked[:K],
                "khabar_recall": round(ours.recall, 4),
                "khabar_rr": round(ours.reciprocal_rank, 4),
                "baseline": theirs.ranked[:K],
                "baseline_recall": round(theirs.recall, 4),
                "baseline_rr": round(theirs.reciprocal_rank, 4),
            }
        )
    return rows
