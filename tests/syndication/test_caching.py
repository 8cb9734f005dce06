"""Feeds and sitemaps answer conditional GETs, and change when articles do:
through the page cache, as readers get them, the change made as the
newsroom makes it."""

import pytest
from wagtail.actions.unpublish import UnpublishAction

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

URLS = [
    "/rss/",
    "/atom/",
    "/rss/?full=1",
    "/sitemap.xml",
    "/sitemap-articles.xml?page=1",
    "/news-sitemap.xml",
]


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    if response.streaming:
        response.body = b"".join(response.streaming_content)
    else:
        response.body = response.content
    return response


@pytest.mark.parametrize("url", URLS)
def test_etag_and_last_modified_give_a_304(client, url):
    ArticleFactory()
    first = get(client, url)
    assert first.status_code == 200
    assert first["ETag"]
    assert first["Last-Modified"]

    by_etag = get(client, url, if_none_match=first["ETag"])
    by_date = get(client, url, if_modified_since=first["Last-Modified"])

    assert by_etag.status_code == 304
    assert by_date.status_code == 304
    assert by_etag.body == b""


@pytest.mark.usefixtures("no_page_cache")  # the view's own check
def test_a_304_runs_one_query(client, django_assert_num_queries):
    ArticleFactory()
    etag = get(client, "/rss/")["ETag"]
    with django_assert_num_queries(1):
        assert get(client, "/rss/", if_none_match=etag).status_code == 304


def test_etag_differs_between_short_and_full_feeds(client):
    ArticleFactory()
    assert get(client, "/rss/")["ETag"] != get(client, "/rss/?full=1")["ETag"]


def _refreshed(client, url, change):
    before = get(client, url)
    change()
    after = get(client, url, if_none_match=before["ETag"])
    assert after.status_code == 200, url
    return after.body.decode()


@pytest.mark.parametrize("url", URLS)
def test_publishing_refreshes(client, url, publish):
    ArticleFactory()
    new = []
    body = _refreshed(client, url, lambda: new.append(publish(ArticleFactory())))
    if url != "/sitemap.xml":  # the index lists pages, not articles
        assert f"/a/{new[0].pk}<" in body


@pytest.mark.parametrize("url", ["/rss/", "/atom/", "/news-sitemap.xml"])
def test_updating_an_older_article_refreshes(client, url, publish):
    old = ArticleFactory(title="العنوان القديم")
    ArticleFactory()

    def update():
        publish(old, title="العنوان بعد التعديل")

    assert "العنوان بعد التعديل" in _refreshed(client, url, update)


@pytest.mark.parametrize("url", ["/rss/", "/atom/", "/news-sitemap.xml"])
def test_unpublishing_an_older_article_refreshes(
    client, url, django_capture_on_commit_callbacks
):
    old = ArticleFactory(title="خبر سيسحب")
    ArticleFactory()

    def unpublish():
        with django_capture_on_commit_callbacks(execute=True):
            UnpublishAction(old).execute()

    body = _refreshed(client, url, unpublish)
    assert "خبر سيسحب" not in body


def test_deleting_an_article_refreshes(client, django_capture_on_commit_callbacks):
    doomed = ArticleFactory(title="خبر سيحذف")
    ArticleFactory()

    def delete():
        with django_capture_on_commit_callbacks(execute=True):
            doomed.delete()

    assert "خبر سيحذف" not in _refreshed(client, "/rss/", delete)


def test_a_bad_page_with_a_current_etag_is_still_not_served(client):
    ArticleFactory()
    etag = get(client, "/sitemap-articles.xml?page=1")["ETag"]
    response = get(client, "/sitemap-articles.xml?page=7", if_none_match=etag)
    assert response.status_code == 404
