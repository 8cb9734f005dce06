"""Cursor pages: bounded, signed, and stable while the newsroom publishes."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from khabar.api import cursors
from tests.api.helpers import ids, refused, walk
from tests.factories import ArticleFactory, TagFactory

pytestmark = pytest.mark.django_db


def _archive(count, ties=0, **fields):
    """*count* articles an hour apart, the newest *ties* at one instant."""
    now = timezone.now()
    same = now - dt.timedelta(minutes=30)
    return [
        ArticleFactory(
            first_published_at=same if n < ties else now - dt.timedelta(hours=n + 1),
            **fields,
        )
        for n in range(count)
    ]


def test_pages_follow_next_to_the_end(client):
    archive = _archive(7)

    first = client.get("/api/v1/articles", {"limit": "3"}).json()
    items = walk(client, "/api/v1/articles?limit=3")

    assert len(first["items"]) == 3
    assert first["next"].startswith("http://")
    assert [item["id"] for item in items] == [a.pk for a in archive]


def test_the_last_page_has_no_next(client):
    _archive(3)

    assert client.get("/api/v1/articles", {"limit": "3"}).json()["next"] is None


def test_next_keeps_the_filters_and_the_limit(client):
    tag = TagFactory()
    _archive(4, tags=[tag])

    following = client.get("/api/v1/articles", {"tag": tag.slug, "limit": "2"})
    query = parse_qs(urlsplit(following.json()["next"]).query)

    assert query["tag"] == [tag.slug]
    assert query["limit"] == ["2"]
    assert list(query) == sorted(query)  # one spelling, one cache entry


def test_publishing_between_pages_neither_repeats_nor_loses_an_item(client, publish):
    archive = _archive(12, ties=5)  # ties broken by id
    seen = []
    url = "/api/v1/articles?limit=4"
    while url:
        page = client.get(url).json()
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
        # The newsroom publishes between every two pages.
        publish(ArticleFactory(draft=True))

    assert seen == [a.pk for a in sorted(archive, key=_newest_first)]


def test_unpublishing_between_pages_repeats_nothing(client, publish):
    archive = _archive(8)
    first = client.get("/api/v1/articles", {"limit": "4"}).json()
    archive[1].unpublish()  # on the page already read

    rest = walk(client, first["next"])

    assert [item["id"] for item in first["items"] + rest] == [a.pk for a in archive]


def _newest_first(article):
    return (-article.first_published_at.timestamp(), -article.pk)


def test_a_deep_cursor_reads_no_offset(client):
    _archive(30)
    url = "/api/v1/articles?limit=1"
    for _ in range(25):
        url = client.get(url).json()["next"]

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    sql = " ".join(query["sql"] for query in captured.captured_queries).upper()
    assert "OFFSET" not in sql


def _tampered(cursor):
    return cursor[:-1] + ("B" if cursor.endswith("A") else "A")


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "x" * 200,
        cursors.write("tags", 5),  # another list's
        cursors.write("articles", 5),  # one number where two are kept
        _tampered(cursors.write("articles", 1, 2)),
    ],
)
def test_a_well_formed_cursor_the_api_did_not_write_is_a_404(client, cursor):
    _archive(2)

    answer = client.get(f"/api/v1/articles?cursor={cursor}")
    assert list(refused(answer, 404)) == ["cursor"]


@pytest.mark.parametrize("cursor", ["a%00b", "x" * 201, "a%20b", "a%2Fb"])
def test_a_cursor_no_api_could_write_is_a_400(client, cursor):
    answer = client.get(f"/api/v1/articles?cursor={cursor}")
    assert list(refused(answer)) == ["cursor"]


@pytest.mark.parametrize("limit", ["0", "101", "-1", "+5", "05", "1e2", "abc", ""])
def test_limits_are_1_to_100_written_plainly(client, limit):
    assert list(refused(client.get("/api/v1/articles", {"limit": limit}))) == ["limit"]


def test_a_hundred_is_the_most(client):
    _archive(3)

    assert len(ids(client.get("/api/v1/articles", {"limit": "100"}))) == 3
