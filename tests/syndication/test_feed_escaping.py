"""Feeds carry the text editors wrote, never markup a reader would run.

RSS ``<description>`` and Atom ``<summary type="html">`` are HTML to every
feed reader: a plain-text summary must reach them escaped (issue 13).
Parsed with feedparser, as an aggregator would.
"""

import html
from html.parser import HTMLParser
from xml.etree import ElementTree

import feedparser
import pytest

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
HOSTILE = "<img src=x onerror=alert(1)>"
SUMMARY = f"ملخص فيه {HOSTILE} وسط النص & رمز"


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_in(markup):
    """The elements a browser would build from *markup*."""
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser.tags


def _feed_urls():
    section, tag, author = (
        SectionFactory(name="ثقافة"),
        TagFactory(name="مسرح"),
        AuthorFactory(name="ليلى"),
    )
    ArticleFactory(
        title="مهرجان المسرح",
        summary=SUMMARY,
        section=section,
        tags=[tag],
        authors=[author],
    )
    urls = []
    for fmt in ("rss", "atom"):
        urls.append(f"/{fmt}/")
        for obj in (section, tag, author):
            urls.append(f"{obj.get_absolute_url()}{fmt}/")
    return urls


def _entry(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    assert len(parsed.entries) == 1, url
    return parsed.entries[0]


def test_every_feed_shows_a_summarys_markup_as_text(client):
    for url in _feed_urls():
        summary = _entry(client, url).summary

        assert html.unescape(summary) == SUMMARY, url
        assert tags_in(summary) == [], url


def test_full_text_feeds_escape_the_summary_too(client):
    for url in _feed_urls():
        summary = _entry(client, url, full="1").summary

        assert html.unescape(summary) == SUMMARY, url


def _items(client, url, **query):
    """Each item's (summary, content) HTML, read with an XML parser: what a
    reader without feedparser's own sanitiser would render."""
    root = ElementTree.fromstring(client.get(url, query).content)
    if root.tag == "rss":
        return [
            (item.findtext("description"), item.findtext(f"{{{CONTENT}}}encoded"))
            for item in root.iter("item")
        ]
    return [
        (entry.findtext(f"{{{ATOM}}}summary"), entry.findtext(f"{{{ATOM}}}content"))
        for entry in root.iter(f"{{{ATOM}}}entry")
    ]


@pytest.mark.parametrize("url", ["/rss/", "/atom/"])
def test_the_summary_html_holds_no_element(client, url):
    ArticleFactory(summary=SUMMARY)

    [(summary, _content)] = _items(client, url)

    assert tags_in(summary) == []
    assert html.unescape(summary) == SUMMARY


@pytest.mark.parametrize("url", ["/rss/", "/atom/"])
def test_full_text_is_sanitised_whatever_the_body_holds(client, url):
    # Written past the editor's and the importer's cleaning (the ORM).
    ArticleFactory(
        body=[
            ("paragraph", '<p>نص <img src=x onerror="alert(1)"> آخر</p>'),
            ("paragraph", '<p><a href="javascript:alert(1)">رابط</a></p>'),
            ("paragraph", "<script>alert(1)</script><p>بعد</p>"),
        ]
    )

    [(_summary, content)] = _items(client, url, full="1")

    assert all(word in content for word in ("نص", "رابط", "بعد"))
    for tag, attrs in tags_in(content):
        assert tag != "script"
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not (attrs.get("href") or "").startswith("javascript:"), attrs
