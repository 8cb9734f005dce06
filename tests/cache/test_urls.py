"""Which paths the page cache keeps, their tags, and the URLs a purge sends.

A table of today's answers, so that where the URL shapes are written can
change without the cache's keys, tags or purges changing.
"""

import pytest

from khabar.cache import policy, purge

BASE = "https://news.example"

#: path, its key, its key with ``?page=2&utm_source=x`` (the page number
#: only where the page reads one), its tags.
PAGES = [
    ("/", "/", "/", ["home"]),
    ("/a/7", "/a/7", "/a/7", ["article:7"]),
    ("/a/123456", "/a/123456", "/a/123456", ["article:123456"]),
    ("/latest/", "/latest/", "/latest/?page=2", ["latest"]),
    ("/s/سياسة/", "/s/سياسة/", "/s/سياسة/?page=2", ["section:سياسة"]),
    ("/s/news/", "/s/news/", "/s/news/?page=2", ["section:news"]),
    ("/t/غزة/", "/t/غزة/", "/t/غزة/?page=2", ["tag:غزة"]),
    ("/t/x-y/", "/t/x-y/", "/t/x-y/?page=2", ["tag:x-y"]),
    (
        "/authors/ليلى-أحمد/",
        "/authors/ليلى-أحمد/",
        "/authors/ليلى-أحمد/?page=2",
        ["author:ليلى-أحمد"],
    ),
    ("/rss/", "/rss/", "/rss/", ["feeds"]),
    ("/atom/", "/atom/", "/atom/", ["feeds"]),
    ("/feed.json", "/feed.json", "/feed.json", ["feeds"]),
    (
        "/s/سياسة/feed.json",
        "/s/سياسة/feed.json",
        "/s/سياسة/feed.json",
        ["section:سياسة"],
    ),
    ("/t/غزة/feed.json", "/t/غزة/feed.json", "/t/غزة/feed.json", ["tag:غزة"]),
    (
        "/authors/ليلى-أحمد/feed.json",
        "/authors/ليلى-أحمد/feed.json",
        "/authors/ليلى-أحمد/feed.json",
        ["author:ليلى-أحمد"],
    ),
    ("/s/سياسة/rss/", "/s/سياسة/rss/", "/s/سياسة/rss/", ["section:سياسة"]),
    ("/s/سياسة/atom/", "/s/سياسة/atom/", "/s/سياسة/atom/", ["section:سياسة"]),
    ("/t/غزة/rss/", "/t/غزة/rss/", "/t/غزة/rss/", ["tag:غزة"]),
    ("/t/غزة/atom/", "/t/غزة/atom/", "/t/غزة/atom/", ["tag:غزة"]),
    (
        "/authors/ليلى-أحمد/rss/",
        "/authors/ليلى-أحمد/rss/",
        "/authors/ليلى-أحمد/rss/",
        ["author:ليلى-أحمد"],
    ),
    (
        "/authors/ليلى-أحمد/atom/",
        "/authors/ليلى-أحمد/atom/",
        "/authors/ليلى-أحمد/atom/",
        ["author:ليلى-أحمد"],
    ),
    ("/sitemap.xml", "/sitemap.xml", "/sitemap.xml", ["sitemaps"]),
    (
        "/sitemap-articles.xml",
        "/sitemap-articles.xml",
        "/sitemap-articles.xml?page=2",
        ["sitemaps"],
    ),
    (
        "/sitemap-sections.xml",
        "/sitemap-sections.xml",
        "/sitemap-sections.xml?page=2",
        ["sitemaps"],
    ),
    (
        "/news-sitemap.xml",
        "/news-sitemap.xml",
        "/news-sitemap.xml",
        ["sitemaps"],
    ),
    ("/robots.txt", "/robots.txt", "/robots.txt", ["site"]),
    ("/search/", None, None, []),
    ("/admin/", None, None, []),
    ("/admin/login/", None, None, []),
    ("/api/v1/search", None, None, []),
    # The read API: lists and objects, but never a search (page is one).
    ("/api/v1/articles", "/api/v1/articles", None, ["api"]),
    ("/api/v1/articles/7", "/api/v1/articles/7", "/api/v1/articles/7", ["article:7"]),
    (
        "/api/v1/articles/7/ninjs",
        "/api/v1/articles/7/ninjs",
        "/api/v1/articles/7/ninjs",
        ["article:7"],
    ),
    ("/api/v1/sections", "/api/v1/sections", "/api/v1/sections", ["api"]),
    (
        "/api/v1/sections/سياسة",
        "/api/v1/sections/سياسة",
        "/api/v1/sections/سياسة",
        ["api"],
    ),
    ("/api/v1/tags", "/api/v1/tags", "/api/v1/tags", ["api"]),
    ("/api/v1/tags/غزة", "/api/v1/tags/غزة", "/api/v1/tags/غزة", ["api"]),
    ("/api/v1/authors", "/api/v1/authors", "/api/v1/authors", ["api"]),
    ("/api/v1/authors/x", "/api/v1/authors/x", "/api/v1/authors/x", ["api"]),
    ("/api/v1/most-read", "/api/v1/most-read", "/api/v1/most-read", ["api"]),
    ("/api/v1/openapi.json", "/api/v1/openapi.json", "/api/v1/openapi.json", ["site"]),
    ("/api/v1/docs", "/api/v1/docs", "/api/v1/docs", ["site"]),
    ("/api/v1/", None, None, []),
    ("/api/v1/articles/", None, None, []),
    ("/api/v1/articles/x", None, None, []),
    ("/api/v1/nothing", None, None, []),
    ("/opensearch.xml", None, None, []),
    ("/v/7", None, None, []),
    ("/v/7.gif", None, None, []),
    ("/documents/1/x.pdf", None, None, []),
    ("/media/x.jpg", None, None, []),
    ("/static/x.css", None, None, []),
    ("/a/", None, None, []),
    ("/a/x", None, None, []),
    ("/a/7/", None, None, []),
    ("/s/", None, None, []),
    ("/s/x", None, None, []),
    ("/s/x/y/", None, None, []),
    ("/latest", None, None, []),
    ("/rss", None, None, []),
    ("/s/x/rss", None, None, []),
    ("/s/x/feed/", None, None, []),
    ("/feed.json/", None, None, []),
    ("/s/x/json/", None, None, []),
    ("/sitemap-.xml", None, None, []),
    ("/favicon.ico", None, None, []),
    ("", None, None, []),
]
ONE_TAG = [
    ("home", ["/"]),
    (
        "api",
        [
            "/api/v1/articles",
            "/api/v1/authors",
            "/api/v1/most-read",
            "/api/v1/sections",
            "/api/v1/tags",
            "/wp-json/wp/v2/categories",
            "/wp-json/wp/v2/media",
            "/wp-json/wp/v2/posts",
            "/wp-json/wp/v2/tags",
        ],
    ),
    ("latest", ["/latest/"]),
    ("feeds", ["/atom/", "/feed.json", "/rss/"]),
    ("sitemaps", ["/news-sitemap.xml", "/sitemap.xml"]),
    (
        "article:7",
        [
            "/a/7",
            "/api/v1/articles/7",
            "/api/v1/articles/7/ninjs",
            "/wp-json/wp/v2/posts/7",
        ],
    ),
    (
        "section:سياسة",
        [
            "/s/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9/",
            "/s/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9/atom/",
            "/s/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9/feed.json",
            "/s/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9/rss/",
        ],
    ),
    (
        "tag:غزة",
        [
            "/t/%D8%BA%D8%B2%D8%A9/",
            "/t/%D8%BA%D8%B2%D8%A9/atom/",
            "/t/%D8%BA%D8%B2%D8%A9/feed.json",
            "/t/%D8%BA%D8%B2%D8%A9/rss/",
        ],
    ),
    (
        "author:ليلى-أحمد",
        [
            "/authors/%D9%84%D9%8A%D9%84%D9%89-%D8%A3%D8%AD%D9%85%D8%AF/",
            "/authors/%D9%84%D9%8A%D9%84%D9%89-%D8%A3%D8%AD%D9%85%D8%AF/atom/",
            "/authors/%D9%84%D9%8A%D9%84%D9%89-%D8%A3%D8%AD%D9%85%D8%AF/feed.json",
            "/authors/%D9%84%D9%8A%D9%84%D9%89-%D8%A3%D8%AD%D9%85%D8%AF/rss/",
        ],
    ),
]
EVERY_TAG = [
    "home",
    "latest",
    "feeds",
    "sitemaps",
    "article:7",
    "article:12",
    "section:سياسة",
    "section:news",
    "tag:غزة",
    "author:ليلى-أحمد",
]
KEYS = [
    "/latest/?page=2",
    "/s/سياسة/?page=3",
    "/sitemap-articles.xml",
    "/a/7",
    "/t/غزة/?full=1&page=2",
    "/authors/ليلى-أحمد/rss/",
    "/",
]
EVERY_URL = [
    "/a/12",
    "/a/7",
    "/",
    "/api/v1/articles/12",
    "/api/v1/articles/7",
    "/latest/",
    "/latest/?page=2",
    "/s/news/",
    "/s/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9/",
    "/s/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9/?page=3",
    "/authors/%D9%84%D9%8A%D9%84%D9%89-%D8%A3%D8%AD%D9%85%D8%AF/",
    "/t/%D8%BA%D8%B2%D8%A9/",
    "/t/%D8%BA%D8%B2%D8%A9/?full=1&page=2",
    "/atom/",
    "/authors/%D9%84%D9%8A%D9%84%D9%89-%D8%A3%D8%AD%D9%85%D8%AF/atom/",
    "/authors/%D9%84%D9%8A%D9%84%D9%89-%D8%A3%D8%AD%D9%85%D8%AF/feed.json",
    "/authors/%D9%84%D9%8A%D9%84%D9%89-%D8%A3%D8%AD%D9%85%D8%AF/rss/",
    "/feed.json",
    "/rss/",
    "/s/news/atom/",
    "/s/news/feed.json",
    "/s/news/rss/",
    "/s/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9/atom/",
    "/s/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9/feed.json",
    "/s/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9/rss/",
    "/t/%D8%BA%D8%B2%D8%A9/atom/",
    "/t/%D8%BA%D8%B2%D8%A9/feed.json",
    "/t/%D8%BA%D8%B2%D8%A9/rss/",
    "/api/v1/articles/12/ninjs",
    "/api/v1/articles/7/ninjs",
    "/news-sitemap.xml",
    "/sitemap-articles.xml",
    "/sitemap.xml",
    # The WordPress dialect's posts: last, after every reader's page.
    "/wp-json/wp/v2/posts/12",
    "/wp-json/wp/v2/posts/7",
]
# The same list without the tagged articles' own pages: /a/7 stays, as a
# key the store held.
WITHOUT_ARTICLES = [
    url
    for url in EVERY_URL
    if url
    not in {
        "/a/12",
        "/api/v1/articles/12",
        "/api/v1/articles/7",
        "/api/v1/articles/12/ninjs",
        "/api/v1/articles/7/ninjs",
        "/wp-json/wp/v2/posts/12",
        "/wp-json/wp/v2/posts/7",
    }  # fmt: skip
]


@pytest.mark.parametrize(("path", "key", "paged_key", "tags"), PAGES)
def test_a_path_has_its_key_and_tags(path, key, paged_key, tags):
    meta = {"REQUEST_METHOD": "GET", "PATH_INFO": path.encode().decode("latin-1")}

    assert policy.classify(meta) == key
    assert policy.classify({**meta, "QUERY_STRING": "page=2&utm_source=x"}) == (
        paged_key
    )
    assert sorted(policy.url_tags(path)) == tags


@pytest.mark.parametrize(("tag", "paths"), ONE_TAG)
def test_a_tag_purges_its_canonical_urls(settings, tag, paths):
    settings.KHABAR_BASE_URL = BASE

    assert purge.urls_for([tag], []) == [BASE + path for path in paths]


def test_a_publish_purges_in_urgency_order(settings):
    settings.KHABAR_BASE_URL = BASE

    assert purge.urls_for(EVERY_TAG, KEYS) == [BASE + path for path in EVERY_URL]


def test_a_large_import_leaves_out_article_pages_not_in_the_store(settings):
    settings.KHABAR_BASE_URL = BASE

    urls = purge.urls_for(EVERY_TAG, KEYS, with_articles=False)

    assert urls == [BASE + path for path in WITHOUT_ARTICLES]


def test_a_paged_key_is_as_urgent_as_its_page(settings):
    settings.KHABAR_BASE_URL = BASE
    keys = ["/rss/?full=1", "/latest/?page=2", "/t/x/", "/sitemap-articles.xml?page=2"]

    urls = purge.urls_for([], keys)

    assert urls == [
        f"{BASE}/latest/?page=2",
        f"{BASE}/t/x/",
        f"{BASE}/rss/?full=1",
        f"{BASE}/sitemap-articles.xml?page=2",
    ]
