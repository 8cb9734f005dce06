"""/wp-json/ cached like the read API: headers kept, 304s, purged on publish."""

import pytest

from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

POSTS = "/wp-json/wp/v2/posts"


def _state(response):
    return response.get("X-Khabar-Cache")


@pytest.fixture
def stories():
    return ArticleFactory.create_batch(3, section=SectionFactory())


def test_a_hit_keeps_the_totals_and_links(client, page_cache, stories):
    miss = client.get(POSTS, {"per_page": "2"})
    hit = client.get(POSTS, {"per_page": "2"})

    assert [_state(miss), _state(hit)] == ["miss", "hit"]
    assert hit.content == miss.content
    for name in (
        "X-WP-Total",
        "X-WP-TotalPages",
        "Link",
        "Access-Control-Allow-Origin",
    ):
        assert hit[name] == miss[name]
    assert hit["X-WP-Total"] == "3"


@pytest.mark.parametrize("cached", [True, False], ids=["page cache", "no cache"])
def test_a_current_copy_is_answered_304(client, settings, stories, cached):
    settings.KHABAR_PAGE_CACHE = cached
    first = client.get(POSTS)

    again = client.get(POSTS, HTTP_IF_NONE_MATCH=first["ETag"])

    assert (again.status_code, again.content) == (304, b"")


def test_spellings_of_one_query_share_an_entry(client, page_cache, stories):
    section = stories[0].section_id
    first = client.get(f"{POSTS}?categories={section}&per_page=2&utm_source=x")

    same = client.get(f"{POSTS}?per_page=2&categories[]={section}")

    assert _state(first) == "miss"
    assert _state(same) == "hit"
    assert same["Link"] == first["Link"]


def test_refusals_and_searches_are_never_stored(client, page_cache, stories):
    for query in ("per_page=101", "page=0", "page=9", "categories=abc", "after=x"):
        assert client.get(f"{POSTS}?{query}").status_code == 400
        assert _state(client.get(f"{POSTS}?{query}")) is None
    assert _state(client.get(POSTS, {"search": "خبر"})) is None


def test_a_publish_purges_lists_and_posts(client, page_cache, publish, stories):
    post = f"{POSTS}/{stories[0].pk}"
    for url in (POSTS, post, "/wp-json/wp/v2/categories"):
        client.get(url)
        assert _state(client.get(url)) == "hit"

    news = publish(ArticleFactory(draft=True, section=stories[0].section))
    publish(stories[0], title="عنوان مصحّح")

    after = client.get(POSTS)
    assert _state(after) == "miss"
    assert after.json()[0]["id"] == news.pk
    assert after["X-WP-Total"] == "4"
    assert client.get(post).json()["title"]["rendered"] == "عنوان مصحّح"
    counts = {
        c["id"]: c["count"] for c in client.get("/wp-json/wp/v2/categories").json()
    }
    assert counts[stories[0].section_id] == 4


def test_an_unpublished_post_is_gone_at_once(
    client, page_cache, stories, django_capture_on_commit_callbacks
):
    post = f"{POSTS}/{stories[0].pk}"
    client.get(post)
    client.get(POSTS)

    with django_capture_on_commit_callbacks(execute=True):
        stories[0].unpublish()

    assert client.get(post).status_code == 404
    assert stories[0].pk not in [p["id"] for p in client.get(POSTS).json()]
