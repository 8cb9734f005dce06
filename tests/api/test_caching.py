"""The read API cached like the pages: same bytes, 304s, purged on publish."""

import gzip

import pytest
from django.test import Client

from khabar.cache import policy
from tests.factories import ArticleFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/articles",
    "/api/v1/articles?limit=5",
    "/api/v1/sections",
    "/api/v1/tags",
    "/api/v1/authors",
    "/api/v1/most-read",
]


def _state(response):
    return response.get("X-Khabar-Cache")


@pytest.fixture
def story():
    return ArticleFactory(title="العنوان الأول", tags=[TagFactory()])


@pytest.mark.parametrize("url", [*LISTS, "article"])
def test_every_reader_gets_the_same_bytes(page_cache, story, url):
    url = f"/api/v1/articles/{story.pk}" if url == "article" else url
    readers = [
        Client(HTTP_ACCEPT_LANGUAGE="en", HTTP_USER_AGENT="app/1.0"),
        Client(HTTP_ACCEPT_LANGUAGE="ar", HTTP_COOKIE="theme=dark"),
        Client(),
    ]

    answers = [reader.get(url) for reader in readers]

    assert [_state(a) for a in answers] == ["miss", "hit", "hit"]
    assert len({a.content for a in answers}) == 1
    for answer in answers:
        assert answer.status_code == 200
        assert not answer.cookies
        assert "Cookie" not in answer.get("Vary", "")
        assert answer["Cache-Control"].startswith("public, max-age=")


def test_the_same_bytes_without_the_page_cache(story):
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/articles")
    arabic = Client(HTTP_ACCEPT_LANGUAGE="ar").get("/api/v1/articles")

    assert english.content == arabic.content
    assert english["ETag"] == arabic["ETag"]


@pytest.mark.parametrize("cached", [True, False], ids=["page cache", "no cache"])
def test_a_current_copy_is_answered_304(client, settings, story, cached):
    settings.KHABAR_PAGE_CACHE = cached
    url = f"/api/v1/articles/{story.pk}"
    first = client.get(url)

    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    stale = client.get(url, HTTP_IF_NONE_MATCH='W/"another"')

    assert (by_etag.status_code, by_etag.content) == (304, b"")
    assert by_etag["ETag"] == first["ETag"]
    assert by_date.status_code == 304
    assert stale.status_code == 200


def test_a_search_is_not_kept_but_is_cacheable(client, page_cache, story):
    url = "/api/v1/articles?q=%D8%A7%D9%84%D8%B9%D9%86%D9%88%D8%A7%D9%86"
    first = client.get(url)

    assert first.status_code == 200
    assert _state(first) is None
    assert first["Cache-Control"].startswith("public, ")
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert policy.classify({"REQUEST_METHOD": "GET", "PATH_INFO": "/api/v1/articles",
                            "QUERY_STRING": "q=x"}) is None  # fmt: skip


def test_answers_are_compressed_for_who_accepts_it(client, page_cache, story):
    client.get("/api/v1/articles")

    hit = client.get("/api/v1/articles", HTTP_ACCEPT_ENCODING="gzip")

    assert hit["Content-Encoding"] == "gzip"
    assert b"items" in gzip.decompress(hit.content)


def test_head_is_answered_without_a_body(client, page_cache, story):
    get = client.get("/api/v1/articles")
    head = client.head("/api/v1/articles")
    cold = client.head(f"/api/v1/articles/{story.pk}")

    assert (head.status_code, head.content) == (200, b"")
    assert head["Content-Length"] == get["Content-Length"]
    assert (cold.status_code, cold.content) == (200, b"")
    assert int(cold["Content-Length"]) > 0


def test_a_publish_shows_in_a_cached_list_at_once(client, page_cache, publish, story):
    assert _state(client.get("/api/v1/articles")) == "miss"
    assert _state(client.get("/api/v1/articles")) == "hit"
    client.get(f"/api/v1/tags/{story.tags.get().slug}")

    news = publish(ArticleFactory(draft=True, title="خبر نشر للتو"))
    after = client.get("/api/v1/articles")

    assert _state(after) == "miss"
    assert [item["id"] for item in after.json()["items"]] == [news.pk, story.pk]


def test_an_edit_shows_in_the_cached_article_at_once(
    client, page_cache, publish, story
):
    url = f"/api/v1/articles/{story.pk}"
    client.get(url)
    assert _state(client.get(url)) == "hit"

    publish(story, title="عنوان مصحّح")

    assert client.get(url).json()["title"] == "عنوان مصحّح"


def test_an_unpublished_article_is_gone_at_once(
    client, page_cache, story, django_capture_on_commit_callbacks
):
    url = f"/api/v1/articles/{story.pk}"
    client.get(url)
    client.get("/api/v1/articles")

    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()

    assert client.get(url).status_code == 404
    assert client.get("/api/v1/articles").json()["items"] == []


def test_parameters_an_answer_does_not_read_share_its_entry(client, page_cache, story):
    tag = story.tags.get().slug
    assert _state(client.get("/api/v1/articles", {"limit": "5", "tag": tag})) == "miss"

    again = [
        {"tag": tag, "limit": "5", "utm_source": "x"},  # another order, and junk
        {"limit": "5", "tag": tag, "_": "1699999999"},
    ]
    for params in again:
        assert _state(client.get("/api/v1/articles", params)) == "hit"
    assert _state(client.get("/api/v1/articles", {"limit": "6", "tag": tag})) == "miss"


def _stored(store):
    if hasattr(store, "redis"):
        client, prefix = store.redis.client, store.redis.prefix
        return len(list(client.scan_iter(f"{prefix}*")))
    return len(store._entries)


def test_refused_values_are_never_stored(client, page_cache, story):
    client.get("/api/v1/articles")
    before = _stored(page_cache)
    junk = [f"limit={n:03d}" for n in range(100)]
    junk += [f"cursor=made-up-{n}" for n in range(100)]
    junk += [f"section=no-such-{n}" for n in range(100)]
    junk += [f"since=2025-02-{n}" for n in range(30, 130)]
    for query in junk:
        # A 400 (not as described) or a 404 (names nothing): never kept.
        status = client.get(f"/api/v1/articles?{query}").status_code
        assert status in (400, 404), query

    assert _stored(page_cache) == before


def test_editors_bypass_the_cache(client, page_cache, story):
    client.force_login(UserFactory(is_staff=True))

    response = client.get("/api/v1/articles")

    assert _state(response) == "bypass"
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
