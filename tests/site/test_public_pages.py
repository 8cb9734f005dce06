"""Home, listings and errors: what every anonymous reader gets."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def _ago(**kwargs):
    return timezone.now() - dt.timedelta(**kwargs)


def test_home_shows_top_story_latest_and_section_blocks(client):
    politics, sport = SectionFactory(name="سياسة"), SectionFactory(name="رياضة")
    ArticleFactory(
        title="أقدم خبر سياسي", section=politics, first_published_at=_ago(days=3)
    )
    ArticleFactory(
        title="مباراة الأمس", section=sport, first_published_at=_ago(hours=5)
    )
    ArticleFactory(
        title="القمة العربية تبدأ", section=politics, first_published_at=_ago(minutes=5)
    )

    for n in range(12):  # enough for the lead package and the latest list
        ArticleFactory(
            title=f"خبر {n}", section=politics, first_published_at=_ago(hours=n + 6)
        )

    page = client.get("/").text

    lead = page[page.index('<article class="card card--lead">') :]
    assert "القمة العربية تبدأ</a></h2>" in lead[: lead.index("</article>")]
    assert 'id="latest-heading"' in page
    assert 'href="/latest/">المزيد</a>' in page
    assert "مباراة الأمس" in page
    block = page[page.index(f'aria-labelledby="section-{politics.pk}"') :]
    assert "أقدم خبر سياسي" in block[: block.index("</section>")]


def test_home_breaking_strip_only_when_a_breaking_article_is_live(client, publish):
    assert 'class="breaking"' not in client.get("/").text
    ArticleFactory(
        title="زلزال يضرب المنطقة", is_breaking=True, first_published_at=_ago(hours=2)
    )
    # Newer stories take the lead package, which the strip does not repeat.
    ArticleFactory.create_batch(4, first_published_at=_ago(minutes=30))
    old = ArticleFactory(
        title="عاجل قديم", is_breaking=True, first_published_at=_ago(days=3)
    )
    publish(old)  # as the newsroom does: the home page is purged
    page = client.get("/").text
    strip = page[page.index('class="breaking"') : page.index("</section>")]
    assert "زلزال يضرب المنطقة" in strip
    assert "عاجل قديم" not in strip


def test_home_section_blocks_hold_a_lead_story_and_three_headlines(client):
    # Twelve newer stories fill the lead package and the latest list.
    ArticleFactory.create_batch(12, first_published_at=_ago(minutes=5))
    section = SectionFactory(name="اقتصاد")
    for n in range(7):
        ArticleFactory(
            title=f"اقتصاد {n}", section=section, first_published_at=_ago(hours=n + 1)
        )
    page = client.get("/").text
    block = page[page.index(f'aria-labelledby="section-{section.pk}"') :]
    block = block[: block.index("</section>")]
    assert block.count('<article class="card">') == 1
    assert block.count("<li>") == 3
    assert "اقتصاد 0" in block[: block.index("<li>")]
    assert "اقتصاد 3" in block
    assert "اقتصاد 4" not in block


@pytest.mark.usefixtures("no_page_cache")  # the cost of a render
def test_home_query_count_is_fixed(client, django_assert_num_queries):
    ArticleFactory.create_batch(3)
    # The front-page lineups (none chosen), the top stories, the breaking
    # strip, the sections, their blocks (one query for all) and the latest
    # headlines, all kept for the next render.
    with django_assert_num_queries(6):
        client.get("/")
    with django_assert_num_queries(0):
        client.get("/")
    for name in ("علوم", "ثقافة", "منوعات"):
        ArticleFactory.create_batch(
            5, section=SectionFactory(name=name), is_breaking=True
        )
    with django_assert_num_queries(6):
        client.get("/")


def test_latest_is_paginated_newest_first(client):
    for n in range(25):
        ArticleFactory(title=f"خبر رقم {n:02d}", first_published_at=_ago(minutes=n + 1))
    first = client.get("/latest/").text
    second = client.get("/latest/?page=2").text
    assert first.index("خبر رقم 00") < first.index("خبر رقم 19")
    assert "خبر رقم 20" not in first
    assert "خبر رقم 20" in second
    assert 'href="?page=2"' in first
    assert "الصفحة 2 من 2" in second


@pytest.mark.parametrize(
    "page",
    ["abc", "0", "-1", "02", "", "9999", "1e9", "%00", "\x00", "²", "٢",
     "9" * 30, "9" * 5000],
)  # fmt: skip
def test_page_numbers_not_written_the_sites_way_are_404s(client, page):
    # Not page 1 again under another URL (STYLE.md): one more cache entry.
    ArticleFactory()
    assert client.get("/latest/", {"page": page}).status_code == 404


def test_the_first_page_may_be_named(client):
    ArticleFactory()
    assert client.get("/latest/", {"page": "1"}).status_code == 200


def test_section_tag_and_author_pages_list_their_articles(client):
    section, tag, author = (
        SectionFactory(name="ثقافة"),
        TagFactory(name="مسرح"),
        AuthorFactory(name="ليلى"),
    )
    ArticleFactory(title="مهرجان المسرح", section=section, tags=[tag], authors=[author])
    ArticleFactory(title="خبر آخر لا علاقة له")
    for url in (
        section.get_absolute_url(),
        tag.get_absolute_url(),
        author.get_absolute_url(),
    ):
        page = client.get(url).text
        listed = page[page.index('<ol class="article-list">') :]
        listed = listed[: listed.index("</ol>")]
        assert "مهرجان المسرح" in listed, url
        assert "خبر آخر لا علاقة له" not in listed, url


def test_lists_hide_drafts_and_scheduled(client):
    ArticleFactory(title="مسودة", draft=True)
    ArticleFactory(
        title="مجدول", first_published_at=timezone.now() + dt.timedelta(hours=1)
    )
    for url in ("/", "/latest/"):
        page = client.get(url).text
        assert "مسودة" not in page
        assert "مجدول" not in page


@pytest.mark.parametrize(
    "url", ["/s/nothing/", "/t/nothing/", "/authors/nobody/", "/a/999999", "/nope"]
)
def test_unknown_pages_get_an_arabic_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "الصفحة غير موجودة" in response.text
    assert 'dir="rtl"' in response.text


def test_server_error_page_is_arabic(client, settings):
    from khabar.site.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert 'lang="ar" dir="rtl"' in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/latest/", "article", "section"])
def test_anonymous_responses_are_identical_and_cookieless(client, url):
    article = ArticleFactory()
    url = {
        "article": article.get_absolute_url(),
        "section": article.section.get_absolute_url(),
    }.get(url, url)
    first = client.get(url)
    client.cookies.clear()
    second = client.get(url, HTTP_USER_AGENT="another reader")
    assert first.content == second.content
    for response in (first, second):
        assert "Set-Cookie" not in response.headers
        assert "Cookie" not in response.headers.get("Vary", "")
        assert b"csrfmiddlewaretoken" not in response.content


def test_no_request_to_a_third_party_host(client):
    import re

    article = ArticleFactory(
        body=[("embed", {"url": "https://video.example.com/x", "title": "فيديو"})]
    )
    page = client.get(article.get_absolute_url()).text
    loaded = re.findall(
        r'<(?:script|img|iframe|source)[^>]+(?:src|srcset)="([^"]+)"', page
    )
    loaded += re.findall(
        r'<link rel="(?:stylesheet|icon|preload)"[^>]+href="([^"]+)"', page
    )
    assert loaded, "expected some assets"
    assert all(url.startswith("/") for url in loaded), loaded
    assert 'href="https://video.example.com/x"' in page  # a link, not a load


def test_article_page_weight_under_30_kb_compressed(client):
    import gzip
    from pathlib import Path

    import khabar

    article = ArticleFactory(
        body=[("paragraph", "<p>" + "كلمة " * 900 + "</p>"), ("subheading", "عنوان")]
    )
    html = client.get(article.get_absolute_url()).content
    static = Path(khabar.__file__).parent / "site" / "static" / "site"
    total = sum(
        len(gzip.compress(data, 9))
        for data in (
            html,
            (static / "khabar.css").read_bytes(),
            (static / "khabar.js").read_bytes(),
        )
    )
    assert total < 30 * 1024, total
