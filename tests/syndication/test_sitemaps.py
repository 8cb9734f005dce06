"""Sitemaps, the Google News sitemap and robots.txt."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from khabar.syndication import sitemaps
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

# The sitemap views themselves: their streaming, limits and queries. The
# page cache keeps a sitemap whole; tests/syndication/test_caching.py
# fetches them through it.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

BASE = "http://127.0.0.1:8000"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def fetch(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response.streaming, "sitemaps are streamed"
    return ET.fromstring(b"".join(response.streaming_content))


def locs(tree):
    return [loc.text for loc in tree.iterfind(".//s:loc", NS)]


def _ago(**kwargs):
    return timezone.now() - dt.timedelta(**kwargs)


def test_index_names_every_sitemap_page_and_the_news_sitemap(client):
    ArticleFactory(tags=[TagFactory()], authors=[AuthorFactory()])
    tree = fetch(client, "/sitemap.xml")
    assert tree.tag == f"{{{NS['s']}}}sitemapindex"
    assert locs(tree) == [
        f"{BASE}/sitemap-articles.xml?page=1",
        f"{BASE}/sitemap-sections.xml?page=1",
        f"{BASE}/sitemap-tags.xml?page=1",
        f"{BASE}/sitemap-authors.xml?page=1",
        f"{BASE}/news-sitemap.xml",
    ]


def test_article_sitemap_lists_visible_articles_with_lastmod(client):
    shown = ArticleFactory(
        first_published_at=dt.datetime(2019, 5, 28, 11, 46, tzinfo=dt.UTC),
        last_published_at=dt.datetime(2019, 5, 29, 8, 0, tzinfo=dt.UTC),
    )
    ArticleFactory(draft=True)
    ArticleFactory(first_published_at=_ago(hours=-2))

    tree = fetch(client, "/sitemap-articles.xml")

    urls = tree.findall("s:url", NS)
    assert len(urls) == 1
    assert urls[0].findtext("s:loc", namespaces=NS) == f"{BASE}/a/{shown.pk}"
    assert urls[0].findtext("s:lastmod", namespaces=NS) == "2019-05-29T08:00:00+00:00"


def test_article_pages_split_at_the_url_limit(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "max_urls", 3)
    articles = ArticleFactory.create_batch(7)
    first = min(a.pk for a in articles)

    index = locs(fetch(client, "/sitemap.xml"))
    pages = [url for url in index if "sitemap-articles" in url]
    listed = []
    for url in pages:
        tree = fetch(client, "/sitemap-articles.xml", page=url.rsplit("=", 1)[1])
        assert len(tree.findall("s:url", NS)) <= 3
        listed += locs(tree)

    assert sorted(listed) == sorted(f"{BASE}/a/{a.pk}" for a in articles)
    assert len(pages) == len({(a.pk - 1) // 3 for a in articles})
    assert f"{BASE}/a/{first}" in locs(
        fetch(client, "/sitemap-articles.xml", page=(first - 1) // 3 + 1)
    )


def test_page_size_keeps_pages_under_the_byte_limit(settings):
    settings.KHABAR_BASE_URL = "https://" + "x" * 1500 + ".example"
    sitemap = sitemaps.ArticleSitemap()
    size = sitemap.page_size()
    longest = len(sitemap.entry(sitemap.longest_row()).encode())
    assert size < 50_000
    assert size * longest + 200 <= 50 * 1024 * 1024
    tags = sitemaps.TagSitemap()
    assert tags.page_size() * len(tags.entry(tags.longest_row()).encode()) < (
        50 * 1024 * 1024
    )


def test_section_tag_and_author_sitemaps_list_those_with_live_articles(client):
    section, tag, author = SectionFactory(name="رياضة"), TagFactory(), AuthorFactory()
    ArticleFactory(section=section, tags=[tag], authors=[author])
    empty_tag, silent = TagFactory(), AuthorFactory()
    ArticleFactory(draft=True, tags=[empty_tag], authors=[silent])

    assert f"{BASE}{section.get_absolute_url()}" in locs(
        fetch(client, "/sitemap-sections.xml")
    )
    assert locs(fetch(client, "/sitemap-tags.xml")) == [
        f"{BASE}{tag.get_absolute_url()}"
    ]
    assert locs(fetch(client, "/sitemap-authors.xml")) == [
        f"{BASE}{author.get_absolute_url()}"
    ]


def test_news_sitemap_follows_googles_rules(client, settings):
    settings.KHABAR_SITE_NAME = "جريدة خبر"
    fresh = ArticleFactory(title="قمة عربية في عمّان", first_published_at=_ago(hours=2))
    ArticleFactory(title="خبر قديم", first_published_at=_ago(hours=49))

    tree = fetch(client, "/news-sitemap.xml")

    urls = tree.findall("s:url", NS)
    assert len(urls) == 1
    url = urls[0]
    assert url.findtext("s:loc", namespaces=NS) == f"{BASE}/a/{fresh.pk}"
    news = url.find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "جريدة خبر"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "ar"
    assert news.findtext("news:title", namespaces=NS) == "قمة عربية في عمّان"
    published = dt.datetime.fromisoformat(
        news.findtext("news:publication_date", namespaces=NS)
    )
    assert published == fresh.first_published_at.replace(microsecond=0)
    assert published.utcoffset() == dt.timedelta(hours=3)  # Asia/Damascus


def test_news_sitemap_holds_at_most_a_thousand(client, monkeypatch):
    monkeypatch.setattr(sitemaps.NewsSitemap, "max_urls", 4)
    ArticleFactory.create_batch(6)
    assert len(fetch(client, "/news-sitemap.xml").findall("s:url", NS)) == 4


def test_news_sitemap_limits_are_googles():
    assert sitemaps.NewsSitemap.max_urls == 1_000
    assert sitemaps.NewsSitemap.hours == 48


def test_robots_txt_names_the_sitemaps_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {BASE}/sitemap.xml" in lines
    assert f"Sitemap: {BASE}/news-sitemap.xml" in lines


@pytest.mark.parametrize(
    "page", ["0", "2", "-1", "abc", "1e3", "٣", "9" * 40, "\x00", "1 "]
)
def test_pages_out_of_range_or_not_numbers_are_404(client, page):
    ArticleFactory()
    assert client.get("/sitemap-articles.xml", {"page": page}).status_code == 404


def test_unknown_sitemap_is_404(client):
    assert client.get("/sitemap-pages.xml").status_code == 404


@pytest.mark.parametrize("url", ["/sitemap.xml", "/news-sitemap.xml", "/robots.txt"])
@pytest.mark.parametrize(
    "query", [{"page": "abc"}, {"p": "-1"}, {"x": "\x00"}, {"page": "9" * 5000}]
)
def test_hostile_query_strings_never_break_the_index(client, url, query):
    ArticleFactory()
    assert client.get(url, query).status_code == 200


def test_markup_in_titles_is_escaped(client):
    ArticleFactory(title="R&D <تقنية> \x0bجديدة")
    tree = fetch(client, "/news-sitemap.xml")
    assert tree.findtext(".//news:title", namespaces=NS) == "R&D <تقنية> جديدة"


def test_sitemap_page_query_count_is_fixed(client, django_assert_num_queries):
    ArticleFactory.create_batch(3)
    # changed_at, has_page, the rows
    with django_assert_num_queries(3):
        b"".join(client.get("/sitemap-articles.xml").streaming_content)
    ArticleFactory.create_batch(10)
    with django_assert_num_queries(3):
        b"".join(client.get("/sitemap-articles.xml").streaming_content)
