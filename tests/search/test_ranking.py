"""Ranking: BM25F over the fields, how closely a word meets the reader's,
document frequencies, repetition, length, proximity and recency; and the
statistics it reads, kept with the index.

Each test builds the few articles it ranks; the suite runs on SQLite and
on PostgreSQL, so both backends pass the same tests.
"""

import datetime as dt

import pytest
from django.utils import timezone

from khabar.search.index import clear_index, index_articles, remove_articles
from khabar.search.models import SearchStatistic
from khabar.search.results import search
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

FILLER = "نص عادي لا يذكر شيئا مما يبحث عنه القارئ في هذا الخبر اليوم"


def _paragraphs(*texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def indexed(title, body=FILLER, hours=5, summary="ملخص عام."):
    article = ArticleFactory(
        title=title,
        summary=summary,
        body=_paragraphs(body),
        first_published_at=timezone.now() - dt.timedelta(hours=hours),
    )
    index_articles([article.pk])
    return article


def found(text):
    return [hit.article.pk for hit in search(text)[0:50]]


def test_the_word_as_typed_in_the_body_ranks_above_its_stem():
    # The reader's own form, even deep in a body, beats a title that only
    # shares the stem (الثقافات, not الثقافة): the title's shared stem
    # matters less than holding the word asked for.
    stem_in_body = indexed("خبر أول", f"{FILLER} عن الثقافة العربية")
    exact_in_body = indexed("خبر ثان", f"{FILLER} عن الثقافات العربية")

    assert found("الثقافات") == [exact_in_body.pk, stem_in_body.pk]


def test_the_word_without_its_prefix_ranks_between_exact_and_stem():
    stem = indexed("خبر أول", f"{FILLER} زار المدرسين")
    base = indexed("خبر ثان", f"{FILLER} زار بالمدرسة")
    exact = indexed("خبر ثالث", f"{FILLER} زار والمدرسة")

    assert found("والمدرسة") == [exact.pk, base.pk, stem.pk]


def test_a_rare_word_counts_more_than_a_common_one():
    # Every article has حكومة; only two have زلزال.
    for n in range(6):
        indexed(f"الحكومة تجتمع رقم {n}")
    rare_in_title = indexed("زلزال قوي", f"{FILLER} الحكومة")
    common_in_title = indexed("الحكومة تعلن", f"{FILLER} زلزال")

    ranked = found("زلزال الحكومة")

    assert ranked[:2] == [rare_in_title.pk, common_in_title.pk]


def test_repetition_adds_less_and_less():
    once = indexed("خبر أول", f"{FILLER} مطار {FILLER}")
    twice = indexed("خبر ثان", f"{FILLER} مطار {FILLER} مطار")
    often = indexed("خبر ثالث", f"{FILLER} مطار مطار {FILLER} مطار مطار")

    hits = search("مطار")[0:3]

    assert [hit.article.pk for hit in hits] == [often.pk, twice.pk, once.pk]
    gain_twice = hits[1].score - hits[2].score
    gain_often = hits[0].score - hits[1].score
    assert gain_often < gain_twice * 2  # saturating: four is not four times one


def test_a_match_in_a_short_body_ranks_above_one_in_a_long_body():
    long_body = indexed("خبر أول", f"{FILLER} مطار {FILLER} {FILLER} {FILLER}")
    short_body = indexed("خبر ثان", f"{FILLER} مطار")

    assert found("مطار") == [short_body.pk, long_body.pk]


def test_words_side_by_side_rank_above_the_same_words_apart():
    apart = indexed("خبر أول", f"وزير {FILLER} الخارجية")
    together = indexed("خبر ثان", f"{FILLER} وزير الخارجية")

    assert found("وزير الخارجية") == [together.pk, apart.pk]


def test_a_short_word_does_not_meet_a_function_word():
    # بأعلاها once met every على through a broken-plural pair (أعلى/على).
    wanted = indexed("خبر أول", f"{FILLER} صعدوا بأعلاها")
    indexed("خبر ثان", f"{FILLER} وقف على الباب")

    assert found("بأعلاها") == [wanted.pk]


def _statistics():
    return dict(SearchStatistic.objects.values_list("name", "value"))


def test_the_statistics_follow_the_index_as_a_rebuild_would_count_them():
    articles = [
        indexed("مطار حلب", f"{FILLER} وصلت الطائرة"),
        indexed("مطار دمشق الدولي", "افتتاح المطار بعد الترميم"),
        indexed("سوق الذهب", "سعر الذهب اليوم في الأسواق"),
    ]
    article = articles[1]
    article.title = "مطار دمشق"
    article.save()
    index_articles([article.pk])  # written again: counted once
    remove_articles([articles[2].pk])
    articles[0].delete()
    kept = _statistics()

    clear_index()
    assert _statistics() == {}
    index_articles([articles[1].pk])

    assert kept == _statistics()
    assert kept[" documents"] == 1
    assert kept["مطار"] == 1
    assert "ذهب" not in kept


def test_past_the_read_budget_the_commonest_signals_take_their_default(monkeypatch):
    from khabar.search.ranking import Ranker

    in_title = indexed("مطار حلب")
    in_body = indexed("خبر أول", f"{FILLER} مطار")
    exact_in_body = indexed("خبر ثان", f"{FILLER} الثقافات")
    stem_in_body = indexed("خبر ثالث", f"{FILLER} الثقافة")

    monkeypatch.setattr(Ranker, "signal_budget", 0)
    # Nothing read from the body's signals: the title still ranks first,
    # a required word is still taken to be in the body, but the word as
    # spelled is no longer told from its stem there (a tie: newest id).
    assert found("مطار") == [in_title.pk, in_body.pk]
    assert found("الثقافات") == [stem_in_body.pk, exact_in_body.pk]

    # Enough for the rare spelling's signal: read, and it counts again.
    monkeypatch.setattr(Ranker, "signal_budget", 1)
    assert found("الثقافات") == [exact_in_body.pk, stem_in_body.pk]


def test_body_signals_count_with_excluded_words_and_when_any_word_will_do():
    # The body's signals hold for the candidates of a query with an
    # excluded word, and of the any-word fallback.
    # The stem's story is the newest: only the signal puts the other first.
    stem_in_body = indexed("خبر أول", f"{FILLER} الثقافة", hours=4)
    exact_in_body = indexed("خبر ثان", f"{FILLER} الثقافات")
    with_airport = indexed("خبر ثالث", f"{FILLER} الثقافات في مطار", hours=6)

    assert found("الثقافات -مطار") == [exact_in_body.pk, stem_in_body.pk]
    # No story has both words: any of them, the spelling still first.
    assert found("الثقافات زلزال") == [
        exact_in_body.pk,
        with_airport.pk,
        stem_in_body.pk,
    ]
