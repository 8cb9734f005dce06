"""The newsroom's article search: the index for what readers can see, the
same analyzer over the stories they cannot.

Registered with :mod:`khabar.newsroom.finder` when the app is ready, so the
story desk and the admin's search box find what the reader's search finds,
whatever the spelling (احمد, أحمد; الملوخيه, الملوخية). The index holds
visible articles only; drafts, stories in review or scheduled, and expired
or unpublished ones are matched here, word by word, with the analyzer that
built the index: their title, kicker, summary and body as saved on the
article (a live story's pending changes live in its revisions, and it is
found by its published text).
"""

import time

from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL

from khabar.arabic.analyzer import WORD, word_stems
from khabar.inputs import whole_number
from khabar.search.backends import get_backend
from khabar.search.documents import body_blocks, summary_text
from khabar.search.models import SearchDocument
from khabar.search.query import QueryError, parse

#: Stories outside the index read per search, the most recently changed
#: first. Drafts and stories in review are the desk's working set (dozens
#: to hundreds); older unpublished ones matter less. Reading a story of 600
#: words costs about 0.45 ms of CPU once its words are known (0.55 ms
#: through ``analyse()``), so 1,000 stories about half a second.
SCAN = 1000
_COLUMNS = ("pk", "title", "kicker", "summary", "body")


def find_articles(queryset, text):
    """The articles of *queryset* that match *text*: every word (or
    "phrase", as its words) in the story, no -excluded word. An article's
    id finds it too. A query with nothing to search for finds nothing."""
    number = whole_number(text.strip(), low=1)
    by_id = Q(pk=number) if number is not None else Q(pk__in=[])
    try:
        query = parse(text)
    except QueryError:
        return queryset.filter(by_id)
    sql, params = get_backend().matching_ids_sql(query, int(time.time()))
    unindexed = _match_outside_index(queryset, query)
    return queryset.filter(Q(pk__in=RawSQL(sql, params)) | Q(pk__in=unindexed) | by_id)


def _match_outside_index(queryset, query):
    """Ids of the articles of *queryset* the index lacks that match."""
    indexed = SearchDocument.objects.filter(article_id=OuterRef("pk"))
    candidates = (
        queryset.filter(~Exists(indexed))
        .select_related(None)
        .order_by("-updated_at", "-pk")
        .only(*_COLUMNS)[:SCAN]
    )
    return [article.pk for article in candidates if _matches(article, query)]


def _stems(article):
    """Every stem and variant of the story's words: each distinct word
    analysed once (and cached across stories, ``word_stems``), which is
    what makes reading a few hundred stories per search affordable."""
    text = "\n".join([article.title, summary_text(article), *body_blocks(article)])
    stems = set()
    for word in set(WORD.findall(text)):
        stems.update(word_stems(word))
    return stems


def _has(stems, terms):
    return all(not stems.isdisjoint(term.stems) for term in terms)


def _matches(article, query):
    stems = _stems(article)
    if not all(_has(stems, unit) for unit in query.units):
        return False
    return not any(_has(stems, excluded) for excluded in query.excluded)
