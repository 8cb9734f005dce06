"""Search shows only what readers may see, whatever the index still holds.

A change that skips the unpublish event (a queryset ``update()``, an
expiry written without publishing) leaves an article's words in the index;
the results, their count and their pages must not show it (issue 13).
"""

import datetime as dt

import pytest
from django.utils import timezone

from khabar.newsroom.models import Article
from khabar.search.index import index_articles
from khabar.search.models import SearchDocument
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

WORD = "مطار"


def indexed(title, **fields):
    article = ArticleFactory(title=title, summary=f"ملخص {title}", **fields)
    index_articles([article.pk])
    return article


def _unpublish_behind_the_index(article):
    Article.objects.filter(pk=article.pk).update(live=False)


def _expire_behind_the_index(article):
    past = timezone.now() - dt.timedelta(minutes=1)
    Article.objects.filter(pk=article.pk).update(expire_at=past)


HIDE = [_unpublish_behind_the_index, _expire_behind_the_index]


@pytest.mark.parametrize("hide", HIDE)
def test_search_page_leaves_out_an_article_hidden_behind_the_index(client, hide):
    shown = indexed("افتتاح مطار حلب")
    hidden = indexed("مسودة مطار سرية")
    hide(hidden)

    response = client.get("/search/", {"q": WORD})

    assert response.status_code == 200
    assert shown.title in response.text
    assert "مسودة مطار سرية" not in response.text
    assert "ملخص مسودة" not in response.text
    assert "نتيجة واحدة لـ«مطار»" in response.text


@pytest.mark.parametrize("hide", HIDE)
def test_search_api_leaves_out_an_article_hidden_behind_the_index(client, hide):
    shown = indexed("افتتاح مطار حلب")
    hidden = indexed("مسودة مطار سرية")
    hide(hidden)

    data = client.get("/api/v1/search", {"q": WORD}).json()

    assert [result["id"] for result in data["results"]] == [shown.pk]
    assert data["count"] == 1


def test_a_hidden_article_found_by_a_search_leaves_the_index(client):
    hidden = indexed("مسودة مطار سرية")
    _unpublish_behind_the_index(hidden)

    client.get("/api/v1/search", {"q": WORD})

    assert not SearchDocument.objects.filter(article_id=hidden.pk).exists()


def test_pages_and_count_agree_when_hidden_articles_are_left_out(client):
    now = timezone.now()
    articles = [
        indexed(f"مطار رقم {n}", first_published_at=now - dt.timedelta(hours=n + 1))
        for n in range(12)
    ]
    for article in articles[:2]:  # the two newest, on the first page
        _unpublish_behind_the_index(article)

    first = client.get("/api/v1/search", {"q": WORD, "sort": "newest"}).json()
    second = client.get(
        "/api/v1/search", {"q": WORD, "sort": "newest", "page": "2"}
    ).json()

    assert first["count"] == 10
    assert [r["id"] for r in first["results"]] == [a.pk for a in articles[2:]]
    assert second["results"] == []
    page = client.get("/search/", {"q": WORD, "sort": "newest"})
    assert 'rel="next"' not in page.text
    assert client.get("/search/", {"q": WORD, "page": "2"}).status_code == 404


def test_an_import_is_indexed_in_small_batches_and_the_word_caches_stay_bounded(
    monkeypatch,
):
    """An import's entries are held a batch at a time and the analyser's
    word caches emptied once past their bound, so its memory stays flat
    (bench/wxr_import.py)."""
    from khabar.arabic.analyzer import analyse_word
    from khabar.newsroom.events import articles_imported
    from khabar.search import index

    articles = [ArticleFactory(title=f"عنوان فريد {n}") for n in range(5)]
    batches = []
    write = index.get_backend().write
    monkeypatch.setattr(index, "IMPORT_BATCH_SIZE", 2)
    monkeypatch.setattr(index, "IMPORT_WORDS", 0)
    monkeypatch.setattr(
        type(index.get_backend()),
        "write",
        lambda self, entries: (batches.append(len(entries)), write(entries))[1],
    )

    articles_imported.send(sender=None, article_ids=[a.pk for a in articles])

    assert batches == [2, 2, 1]
    assert analyse_word.cache_info().currsize == 0
    assert SearchDocument.objects.count() == 5
