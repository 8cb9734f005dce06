"""RSS and Atom feeds: what aggregators and feed readers parse."""

import calendar
import datetime as dt

import feedparser
import pytest
from django.utils import timezone

from khabar.newsroom.models import ArticleCorrection
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"
FEEDS = ["/rss/", "/atom/"]


def parse(response):
    assert response.status_code == 200, response.status_code
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def _ago(**kwargs):
    return timezone.now() - dt.timedelta(**kwargs)


@pytest.fixture
def story():
    return ArticleFactory(
        title="البرلمان يقرّ قانون الموازنة العامة",
        summary="صوّت النواب بالأغلبية على مشروع القانون بعد نقاش طويل.",
        section=SectionFactory(name="سياسة"),
        first_published_at=dt.datetime(2019, 5, 28, 11, 46, tzinfo=dt.UTC),
        last_published_at=dt.datetime(2019, 5, 28, 14, 5, tzinfo=dt.UTC),
        body=[
            ("paragraph", '<p>افتتح رئيس المجلس الجلسة <a href="/a/1">صباحاً</a>.</p>'),
            ("subheading", "خلفية القرار"),
            ("quotation", {"text": "هذا يوم مهم", "attribution": "رئيس المجلس"}),
        ],
        authors=[AuthorFactory(name="سلمى الخطيب"), AuthorFactory(name="رامي حداد")],
        tags=[TagFactory(name="البرلمان"), TagFactory(name="الموازنة")],
    )


@pytest.mark.parametrize("url", FEEDS)
def test_feed_lists_the_latest_fifty_visible_articles_newest_first(client, url):
    for n in range(55):
        ArticleFactory(title=f"خبر رقم {n}", first_published_at=_ago(minutes=n + 1))
    ArticleFactory(title="مسودة لم تنشر", draft=True)
    ArticleFactory(title="خبر مجدول", first_published_at=_ago(minutes=-30))

    entries = parse(client.get(url)).entries

    titles = [entry.title for entry in entries]
    assert len(titles) == 50
    assert titles[:2] == ["خبر رقم 0", "خبر رقم 1"]
    assert "خبر رقم 50" not in titles
    assert "مسودة لم تنشر" not in titles
    assert "خبر مجدول" not in titles


@pytest.mark.parametrize("url", FEEDS)
def test_arabic_title_summary_authors_and_categories_survive(client, story, url):
    feed = parse(client.get(url))
    entry = feed.entries[0]

    assert entry.title == story.title
    assert entry.summary == story.summary
    assert entry.link == f"{BASE}/a/{story.pk}"
    assert entry.id == f"{BASE}/a/{story.pk}"
    assert [a.name for a in entry.authors] == ["سلمى الخطيب", "رامي حداد"]
    assert [t.term for t in entry.tags] == ["سياسة", "البرلمان", "الموازنة"]
    assert feed.feed.language == "ar"
    assert feed.feed.title == "خبر"


@pytest.mark.parametrize("url", FEEDS)
def test_dates_are_utc(client, story, url):
    entry = parse(client.get(url)).entries[0]
    assert (
        calendar.timegm(entry.published_parsed) == story.first_published_at.timestamp()
    )
    assert calendar.timegm(entry.updated_parsed) == story.last_published_at.timestamp()


def test_rss_dates_are_rfc_822_in_utc(client, story):
    body = client.get("/rss/").text
    assert "<pubDate>Tue, 28 May 2019 11:46:00 +0000</pubDate>" in body
    assert "<lastBuildDate>" in body


def test_atom_dates_are_rfc_3339_in_utc(client, story):
    body = client.get("/atom/").text
    assert "<published>2019-05-28T11:46:00+00:00</published>" in body
    assert "<updated>2019-05-28T14:05:00+00:00</updated>" in body


@pytest.mark.parametrize("url", FEEDS)
def test_full_content_on_request(client, story, url):
    short = parse(client.get(url)).entries[0]
    assert "content" not in short

    full = parse(client.get(url, {"full": "1"})).entries[0]
    html = full.content[0].value
    assert "افتتح رئيس المجلس الجلسة" in html
    assert "<h2>خلفية القرار</h2>" in html
    assert "هذا يوم مهم" in html
    assert f'href="{BASE}/a/1"' in html  # links work outside the site
    assert full.summary == story.summary


@pytest.mark.parametrize("url", FEEDS)
def test_lead_image_is_an_enclosure_and_media_content(client, photo, url):
    ArticleFactory(lead_image=photo)

    entry = parse(client.get(url)).entries[0]

    enclosure = [link for link in entry.links if link.rel == "enclosure"][0]
    assert enclosure.href.startswith(f"{BASE}/media/images/")
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) > 0
    media = entry.media_content[0]
    assert media["url"] == enclosure.href
    assert media["width"] == "1200"
    assert media["medium"] == "image"


@pytest.mark.parametrize("url", FEEDS)
def test_body_pictures_have_absolute_urls_in_full_feeds(client, photo, url):
    ArticleFactory(body=[("image", {"image": photo, "caption": "المشهد"})])
    html = parse(client.get(url, {"full": "1"})).entries[0].content[0].value
    assert f'src="{BASE}/media/images/' in html
    assert "المشهد" in html


@pytest.mark.parametrize("url", FEEDS)
def test_a_correction_moves_the_entrys_updated_date(client, story, url):
    corrected = dt.datetime(2019, 5, 30, 9, 15, tzinfo=dt.UTC)
    ArticleCorrection.objects.create(
        article=story, note="صُحّح اسم الوزير.", published_at=corrected
    )
    story.last_published_at = corrected
    story.save()

    entry = parse(client.get(url)).entries[0]

    assert calendar.timegm(entry.updated_parsed) == corrected.timestamp()
    assert calendar.timegm(entry.published_parsed) == (
        story.first_published_at.timestamp()
    )


@pytest.mark.parametrize("kind", ["section", "tag", "author"])
@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_section_tag_and_author_feeds_hold_their_articles_only(client, kind, fmt):
    section, tag, author = SectionFactory(name="ثقافة"), TagFactory(), AuthorFactory()
    ArticleFactory(title="مهرجان المسرح", section=section, tags=[tag], authors=[author])
    ArticleFactory(title="خبر آخر لا علاقة له")
    obj = {"section": section, "tag": tag, "author": author}[kind]

    feed = parse(client.get(f"{obj.get_absolute_url()}{fmt}/"))

    assert [entry.title for entry in feed.entries] == ["مهرجان المسرح"]
    assert obj.name in feed.feed.title


@pytest.mark.parametrize(
    "url",
    [
        "/s/nothing/rss/",
        "/s/nothing/atom/",
        "/t/nothing/rss/",
        "/t/nothing/atom/",
        "/authors/nobody/rss/",
        "/authors/nobody/atom/",
    ],
)
def test_unknown_section_tag_or_author_feed_is_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"full": "\x00"},
        {"full": "1" * 10_000},
        {"page": "abc"},
        {"page": "-1"},
        {"full": "١"},
        {"q": "</script><script>alert(1)</script>"},
    ],
)
@pytest.mark.parametrize("url", FEEDS)
def test_hostile_query_strings_never_break_a_feed(client, url, query):
    ArticleFactory()
    parse(client.get(url, query))


def test_control_characters_in_a_title_do_not_break_the_feed(client):
    ArticleFactory(title="عنوان\x0b فيه\x1f محارف تحكم")  # PostgreSQL refuses \x00
    for url in FEEDS:
        assert parse(client.get(url)).entries[0].title == "عنوان فيه محارف تحكم"


@pytest.mark.parametrize("url", FEEDS)
def test_markup_in_a_title_is_text(client, url):
    ArticleFactory(title="مقال <b>عن</b> R&D")
    assert parse(client.get(url)).entries[0].title == "مقال <b>عن</b> R&D"


@pytest.mark.parametrize("full", ["", "1"])
@pytest.mark.parametrize("url", ["/rss/", "/atom/", "section"])
@pytest.mark.usefixtures("no_page_cache")  # the cost of a render
def test_feed_query_count_is_fixed(client, photo, django_assert_num_queries, url, full):
    section = SectionFactory()
    url = {"section": f"/s/{section.slug}/rss/"}.get(url, url)

    def batch(n):
        for _ in range(n):
            ArticleFactory(
                section=section,
                lead_image=photo,
                authors=AuthorFactory.create_batch(2),
                tags=TagFactory.create_batch(3),
                body=[("paragraph", "<p>نص</p>"), ("image", {"image": photo})],
            )

    batch(2)
    client.get(url, {"full": full})  # renditions are made once
    expected = {
        # changed_at, articles, authors, tags, corrections, renditions
        "": 6,
        # … and the body pictures with their renditions
        "1": 8,
    }[full] + (1 if url.startswith("/s/") else 0)  # the section
    with django_assert_num_queries(expected):
        client.get(url, {"full": full})
    batch(6)
    client.get(url, {"full": full})
    with django_assert_num_queries(expected):
        client.get(url, {"full": full})


def test_section_tag_and_author_pages_link_their_feeds(client):
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    ArticleFactory(section=section, tags=[tag], authors=[author])
    pages = {"/": ("/rss/", "/atom/")}
    for obj in (section, tag, author):
        url = obj.get_absolute_url()
        pages[url] = (f"{url}rss/", f"{url}atom/")
    for page, (rss, atom) in pages.items():
        html = client.get(page).text
        assert '<link rel="alternate" type="application/rss+xml" title="' in html, page
        assert f'href="{BASE}{rss}"' in html, page
        assert 'type="application/atom+xml"' in html, page
        assert f'href="{BASE}{atom}"' in html, page


def test_the_footer_names_every_feed_and_the_api(client):
    html = client.get("/").text
    footer = html[html.index('aria-labelledby="footer-follow"') :]
    for href, label in (
        ("/rss/", "خلاصة RSS"),
        ("/atom/", "خلاصة Atom"),
        ("/feed.json", "خلاصة JSON"),
        ("/api/v1/docs", "واجهة برمجية للمطوّرين"),
    ):
        assert f'href="{href}">{label}</a>' in footer, href
