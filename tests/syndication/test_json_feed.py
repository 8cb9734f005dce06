"""JSON Feed 1.1 beside RSS and Atom: checked against the spec's rules.

feedparser (6.0, the release installed) reads RSS and Atom but not JSON
Feed, so the checks below are written from the spec
(https://jsonfeed.org/version/1.1): required members, their types, URLs,
RFC 3339 dates, and no member the spec does not define unless it starts
with "_" (the spec's extensions).
"""

import datetime as dt
import json
import re

import feedparser
import pytest

from khabar.newsroom.models import ArticleCorrection
from khabar.syndication.feeds import body_html
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"
VERSION = "https://jsonfeed.org/version/1.1"

# --- the spec, as checks ------------------------------------------------------

_FEED_STRINGS = {"title", "home_page_url", "feed_url", "description",
                 "user_comment", "next_url", "icon", "favicon", "language"}  # fmt: skip
_FEED_URLS = {"home_page_url", "feed_url", "next_url", "icon", "favicon"}
_ITEM_STRINGS = {"id", "url", "external_url", "title", "content_html",
                 "content_text", "summary", "image", "banner_image",
                 "date_published", "date_modified", "language"}  # fmt: skip
_ITEM_URLS = {"url", "external_url", "image", "banner_image"}
_FEED_MEMBERS = _FEED_STRINGS | {"version", "authors", "expired", "hubs", "items"}
_ITEM_MEMBERS = _ITEM_STRINGS | {"authors", "tags", "attachments"}
_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
)


def _url(value):
    return isinstance(value, str) and re.match(r"https?://[^/\s]+", value)


def _authors_problems(authors, where):
    if not isinstance(authors, list):
        return [f"{where}.authors is not an array"]
    problems = []
    for n, author in enumerate(authors):
        keys = {"name", "url", "avatar"}
        if not isinstance(author, dict) or not keys & author.keys():
            problems.append(f"{where}.authors[{n}] has none of name, url, avatar")
        elif any(not isinstance(author[k], str) for k in keys & author.keys()):
            problems.append(f"{where}.authors[{n}] has a member that is not a string")
    return problems


def _unknown(obj, members, where):
    """Members the spec does not define; "_" starts an extension."""
    return [
        f"{where} member {name!r} is not in the spec"
        for name in sorted(obj.keys() - members)
        if not name.startswith("_")
    ]


def spec_problems(feed):
    """What in *feed* (parsed JSON) breaks JSON Feed 1.1; [] when nothing."""
    problems = []
    if feed.get("version") != VERSION:
        problems.append(f"version is {feed.get('version')!r}, not {VERSION}")
    if not isinstance(feed.get("title"), str) or not feed["title"]:
        problems.append("title is missing or not a string")
    if not isinstance(feed.get("items"), list):
        return [*problems, "items is missing or not an array"]
    for name in _FEED_STRINGS & feed.keys():
        if not isinstance(feed[name], str):
            problems.append(f"{name} is not a string")
    problems += [f"{name} is not a URL" for name in _FEED_URLS & feed.keys()
                 if not _url(feed[name])]  # fmt: skip
    if "authors" in feed:
        problems += _authors_problems(feed["authors"], "feed")
    if "expired" in feed and not isinstance(feed["expired"], bool):
        problems.append("expired is not a boolean")
    problems += _unknown(feed, _FEED_MEMBERS, "feed")
    ids = []
    for n, item in enumerate(feed["items"]):
        where = f"items[{n}]"
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(f"{where}.id is missing or not a string")
        ids.append(item.get("id"))
        if "content_html" not in item and "content_text" not in item:
            problems.append(f"{where} has neither content_html nor content_text")
        for name in _ITEM_STRINGS & item.keys():
            if not isinstance(item[name], str):
                problems.append(f"{where}.{name} is not a string")
        for name in _ITEM_URLS & item.keys():
            if not _url(item[name]):
                problems.append(f"{where}.{name} is not a URL")
        for name in {"date_published", "date_modified"} & item.keys():
            if not _RFC3339.fullmatch(str(item[name])):
                problems.append(f"{where}.{name} is not an RFC 3339 date")
        if "tags" in item and not (
            isinstance(item["tags"], list)
            and all(isinstance(tag, str) for tag in item["tags"])
        ):
            problems.append(f"{where}.tags is not an array of strings")
        if "authors" in item:
            problems += _authors_problems(item["authors"], where)
        problems += _unknown(item, _ITEM_MEMBERS, where)
    if len(set(ids)) != len(ids):
        problems.append("two items share an id")
    return problems


def test_the_checks_catch_what_the_spec_forbids():
    assert spec_problems({"version": VERSION, "title": "خبر", "items": []}) == []
    broken = {
        "version": "https://jsonfeed.org/version/1",
        "items": [
            {
                "id": 7,
                "title": None,
                "date_published": "28/5/2019",
                "authors": [{}],
                "tags": "سياسة",
                "extra": 1,
            }
        ],  # fmt: skip
    }
    problems = "\n".join(spec_problems(broken))
    for expected in [
        "version is 'https://jsonfeed.org/version/1'",
        "title is missing",
        "items[0].id is missing or not a string",
        "items[0] has neither content_html nor content_text",
        "items[0].title is not a string",
        "items[0].date_published is not an RFC 3339 date",
        "items[0].tags is not an array of strings",
        "items[0].authors[0] has none of name, url, avatar",
        "items[0] member 'extra' is not in the spec",
    ]:
        assert expected in problems


# --- the feeds ----------------------------------------------------------------


def get_feed(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    feed = json.loads(response.content)
    assert spec_problems(feed) == []
    return feed


@pytest.fixture
def story():
    return ArticleFactory(
        title="البرلمان يقرّ قانون الموازنة العامة",
        summary="صوّت النواب بالأغلبية <على> مشروع القانون.",
        section=SectionFactory(name="سياسة"),
        first_published_at=dt.datetime(2019, 5, 28, 11, 46, tzinfo=dt.UTC),
        last_published_at=dt.datetime(2019, 5, 28, 14, 5, tzinfo=dt.UTC),
        body=[
            ("paragraph", '<p>افتتح رئيس المجلس الجلسة <a href="/a/1">صباحاً</a>.</p>'),
            ("quotation", {"text": "هذا يوم مهم", "attribution": "رئيس المجلس"}),
        ],
        authors=[AuthorFactory(name="سلمى الخطيب"), AuthorFactory(name="رامي حداد")],
        tags=[TagFactory(name="البرلمان"), TagFactory(name="الموازنة")],
    )


FEEDS = ["/feed.json", "/feed.json?full=1"]


def _scoped_urls():
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    ArticleFactory(section=section, tags=[tag], authors=[author])
    return [f"{obj.get_absolute_url()}feed.json" for obj in (section, tag, author)]


@pytest.mark.parametrize("full", ["", "1"])
def test_every_json_feed_meets_the_spec(client, story, full):
    for url in ["/feed.json", *_scoped_urls()]:
        feed = get_feed(client, url, full=full)
        assert feed["items"], url
        assert feed["feed_url"] == f"{BASE}{url}" + ("?full=1" if full else "")


def test_an_empty_feed_still_has_its_items(client):
    assert get_feed(client, "/feed.json")["items"] == []


def test_the_feed_describes_the_paper_in_arabic(client, story):
    response = client.get("/feed.json")
    feed = json.loads(response.content)

    assert "البرلمان".encode() in response.content  # UTF-8, not \u escapes
    assert feed["version"] == VERSION
    assert feed["title"] == "خبر"
    assert feed["home_page_url"] == f"{BASE}/"
    assert feed["language"] == "ar"
    assert feed["icon"].startswith(f"{BASE}/")
    assert feed["authors"] == [{"name": "خبر", "url": f"{BASE}/"}]
    assert "<" not in feed["description"]
    assert "&" not in feed["description"]


def test_an_item_carries_what_a_reader_shows(client, story):
    item = get_feed(client, "/feed.json")["items"][0]

    assert item["id"] == item["url"] == f"{BASE}/a/{story.pk}"
    assert item["title"] == story.title
    assert item["summary"] == story.summary  # plain text: "<على>" as typed
    assert item["content_text"] == story.summary
    assert "content_html" not in item
    assert item["date_published"] == "2019-05-28T11:46:00+00:00"
    assert item["date_modified"] == "2019-05-28T14:05:00+00:00"
    authors = [link.author for link in story.article_authors.all()]
    assert item["authors"] == [
        {"name": a.name, "url": f"{BASE}{a.get_absolute_url()}"} for a in authors
    ]
    assert [a["name"] for a in item["authors"]] == ["سلمى الخطيب", "رامي حداد"]
    assert item["tags"] == ["سياسة", "البرلمان", "الموازنة"]
    assert item["language"] == "ar"


def test_the_full_feed_has_the_rss_full_texts_html(client, story):
    item = get_feed(client, "/feed.json", full="1")["items"][0]

    assert item["content_html"] == body_html([story])[story.pk]
    assert f'href="{BASE}/a/1"' in item["content_html"]
    assert "content_text" not in item


def test_the_full_text_is_sanitised(client):
    hostile = (
        '<p onclick="x()">نص<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">رابط</a>'
    )
    ArticleFactory(body=[("paragraph", hostile)])
    html = get_feed(client, "/feed.json", full="1")["items"][0]["content_html"]
    assert "script" not in html
    assert "onclick" not in html
    assert "javascript:" not in html


def test_the_lead_image_is_the_items_image(client, photo):
    ArticleFactory(lead_image=photo)
    item = get_feed(client, "/feed.json")["items"][0]
    assert item["image"].startswith(f"{BASE}/media/images/")


def test_a_correction_moves_date_modified(client, story):
    corrected = dt.datetime(2019, 5, 30, 9, 15, tzinfo=dt.UTC)
    ArticleCorrection.objects.create(
        article=story, note="صُحّح اسم الوزير.", published_at=corrected
    )
    item = get_feed(client, "/feed.json")["items"][0]
    assert item["date_modified"] == "2019-05-30T09:15:00+00:00"


def test_the_same_articles_in_the_same_order_as_rss(client):
    for n in range(55):
        ArticleFactory(
            first_published_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
            + dt.timedelta(minutes=n)
        )
    rss = feedparser.parse(client.get("/rss/").content)
    items = get_feed(client, "/feed.json")["items"]
    assert [item["id"] for item in items] == [entry.id for entry in rss.entries]
    assert len(items) == 50


@pytest.mark.parametrize("url", ["/s/nothing/feed.json", "/t/nothing/feed.json",
                                 "/authors/nobody/feed.json"])  # fmt: skip
def test_an_unknown_section_tag_or_author_is_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", FEEDS)
def test_conditional_get_answers_304(client, url):
    ArticleFactory()
    first = client.get(url)
    assert first["ETag"]
    assert first["Last-Modified"]
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert by_date.status_code == 304


def test_publishing_refreshes_the_cached_feed(client, publish):
    ArticleFactory()
    before = client.get("/feed.json")
    new = publish(ArticleFactory(draft=True))
    after = client.get("/feed.json", headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert f"{BASE}/a/{new.pk}" in [
        item["id"] for item in json.loads(after.content)["items"]
    ]


def test_pages_link_their_json_feeds(client):
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    ArticleFactory(section=section, tags=[tag], authors=[author])
    pages = {"/": "/feed.json"}
    for obj in (section, tag, author):
        pages[obj.get_absolute_url()] = f"{obj.get_absolute_url()}feed.json"
    link = '<link rel="alternate" type="application/feed+json" title="'
    for page, feed in pages.items():
        html = client.get(page).text
        assert link in html, page
        assert f'href="{BASE}{feed}"' in html, page


@pytest.mark.parametrize("full", ["", "1"])
@pytest.mark.usefixtures("no_page_cache")  # the cost of a render
def test_query_count_is_fixed(client, photo, django_assert_num_queries, full):
    def batch(n):
        for _ in range(n):
            ArticleFactory(
                lead_image=photo,
                authors=AuthorFactory.create_batch(2),
                tags=TagFactory.create_batch(2),
                body=[("paragraph", "<p>نص</p>"), ("image", {"image": photo})],
            )

    batch(2)
    client.get("/feed.json", {"full": full})  # renditions are made once
    expected = {"": 6, "1": 8}[full]  # as RSS (test_feeds.py)
    with django_assert_num_queries(expected):
        client.get("/feed.json", {"full": full})
    batch(5)
    client.get("/feed.json", {"full": full})
    with django_assert_num_queries(expected):
        client.get("/feed.json", {"full": full})
