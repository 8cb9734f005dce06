"""``/api/v1/articles``: what is listed, filtered, searched and shown."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from khabar.api import schemas
from khabar.newsroom.models import Article, ArticleCorrection
from khabar.search.index import index_articles
from tests.api.helpers import ids, problem, refused, walk
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def _ago(**delta):
    return timezone.now() - dt.timedelta(**delta)


def test_lists_visible_articles_newest_first(client):
    old = ArticleFactory(first_published_at=_ago(days=2))
    new = ArticleFactory(first_published_at=_ago(hours=1))
    middle = ArticleFactory(first_published_at=_ago(days=1))

    assert ids(client.get("/api/v1/articles")) == [new.pk, middle.pk, old.pk]


HIDDEN = {
    "a draft": {"live": False, "first_published_at": None},
    "unpublished": {"live": False},
    "scheduled": {"first_published_at": timezone.now() + dt.timedelta(hours=3)},
    "expired": {"expired": True},
    "past its expiry time": {"expire_at": timezone.now() - dt.timedelta(minutes=1)},
}


@pytest.mark.parametrize("state", HIDDEN)
def test_articles_readers_cannot_see_appear_nowhere(client, state):
    shown = ArticleFactory()
    hidden = ArticleFactory(title="قصة لم تنشر بعد", **HIDDEN[state])
    index_articles([shown.pk, hidden.pk])

    assert ids(client.get("/api/v1/articles")) == [shown.pk]
    problem(client.get(f"/api/v1/articles/{hidden.pk}"), 404)
    found = client.get("/api/v1/articles", {"q": "قصة"}).json()
    assert hidden.pk not in [item["id"] for item in found["items"]]


def test_filters_by_section_tag_and_author(client):
    sport, economy = SectionFactory(name="رياضة"), SectionFactory(name="اقتصاد")
    gaza, writer = TagFactory(), AuthorFactory()
    both = ArticleFactory(section=sport, tags=[gaza], authors=[writer])
    tagged = ArticleFactory(section=economy, tags=[gaza])
    written = ArticleFactory(section=sport, authors=[writer])

    def listed(**params):
        return set(ids(client.get("/api/v1/articles", params)))

    assert listed(section=sport.slug) == {both.pk, written.pk}
    assert listed(tag=gaza.slug) == {both.pk, tagged.pk}
    assert listed(author=writer.slug) == {both.pk, written.pk}
    assert listed(section=sport.slug, tag=gaza.slug, author=writer.slug) == {both.pk}


def test_dates_are_days_of_the_site_inclusive(client, settings):
    settings.TIME_ZONE = "Asia/Damascus"
    zone = timezone.get_current_timezone()
    # 00:30 on the 2nd in Damascus is still the 1st in UTC.
    first = ArticleFactory(
        first_published_at=dt.datetime(2025, 5, 1, 23, 0, tzinfo=zone)
    )
    second = ArticleFactory(
        first_published_at=dt.datetime(2025, 5, 2, 0, 30, tzinfo=zone)
    )
    third = ArticleFactory(first_published_at=dt.datetime(2025, 5, 3, 12, tzinfo=zone))

    def listed(**params):
        return ids(client.get("/api/v1/articles", params))

    assert listed(since="2025-05-02") == [third.pk, second.pk]
    assert listed(until="2025-05-02") == [second.pk, first.pk]
    assert listed(since="2025-05-02", until="2025-05-02") == [second.pk]


def test_updated_since_lists_articles_changed_since(client):
    changed = ArticleFactory(first_published_at=_ago(days=3))
    untouched = ArticleFactory(first_published_at=_ago(days=2))
    Article.objects.filter(pk=untouched.pk).update(updated_at=_ago(days=2))
    Article.objects.filter(pk=changed.pk).update(updated_at=_ago(minutes=5))
    since = _ago(hours=1).isoformat()

    assert ids(client.get("/api/v1/articles", {"updated_since": since})) == [changed.pk]


def test_q_searches_in_arabic_best_first(client):
    title = ArticleFactory(
        title="افتتاح مطار دمشق الدولي", first_published_at=_ago(days=3)
    )
    body = ArticleFactory(
        title="أخبار النقل",
        body=[("paragraph", "<p>وصلت الطائرة إلى المطار متأخرة.</p>")],
        first_published_at=_ago(hours=1),
    )
    ArticleFactory(title="مباراة كرة القدم")
    index_articles(Article.objects.values_list("pk", flat=True))

    found = ids(client.get("/api/v1/articles", {"q": "المطارات"}))

    assert found == [title.pk, body.pk]  # the title's match first, not the newest


def test_q_pages_by_number_and_stops(client):
    for n in range(5):
        ArticleFactory(title=f"مطار رقم {n}", first_published_at=_ago(hours=n + 1))
    index_articles(Article.objects.values_list("pk", flat=True))

    items = walk(client, "/api/v1/articles?q=%D9%85%D8%B7%D8%A7%D8%B1&limit=2")

    assert len(items) == len({item["id"] for item in items}) == 5


def test_an_article_is_shown_whole(client, photo):
    section = SectionFactory(name="سياسة", description="أخبار السياسة")
    tag = TagFactory(name="غزة")
    first, second = AuthorFactory(name="ليلى"), AuthorFactory(name="سامر")
    article = ArticleFactory(
        title="العنوان",
        kicker="عاجل",
        section=section,
        tags=[tag],
        authors=[first, second],
        lead_image=photo,
        lead_image_caption="صورة المطار",
        body=[
            ("paragraph", "<p>الفقرة <b>الأولى</b>.</p>"),
            ("subheading", "خلفية"),
            ("quotation", {"text": "قول مأثور", "attribution": "قائل"}),
        ],
    )
    ArticleCorrection.objects.create(
        article=article, note="صُحّح الاسم.", published_at=timezone.now()
    )
    Article.objects.filter(pk=article.pk).update(view_count=56)

    response = client.get(f"/api/v1/articles/{article.pk}")

    assert response.status_code == 200
    data = response.json()
    schemas.Article.model_validate(data)
    assert data["id"] == article.pk
    assert data["url"].endswith(f"/a/{article.pk}")
    assert (data["title"], data["kicker"]) == ("العنوان", "عاجل")
    assert "<b>الأولى</b>" in data["body_html"]
    assert "<h2>خلفية</h2>" in data["body_html"]
    assert data["body_text"].split("\n\n") == [
        "الفقرة الأولى.",
        "خلفية",
        "قول مأثور",
        "قائل",
    ]
    assert [a["name"] for a in data["authors"]] == ["ليلى", "سامر"]
    assert data["section"]["description"] == "أخبار السياسة"
    assert [t["name"] for t in data["tags"]] == ["غزة"]
    assert [c["note"] for c in data["corrections"]] == ["صُحّح الاسم."]
    assert data["view_count"] == 56
    lead = data["lead_image"]
    assert lead["caption"] == "صورة المطار"
    assert [lead["renditions"][n]["width"] for n in ("small", "medium", "large")] == [
        400, 800, 1200,
    ]  # fmt: skip
    assert lead["renditions"]["small"]["url"].startswith("http")


def test_the_body_html_is_sanitised(client):
    # Written past the editor (a script, the ORM): rendered as stored, so
    # the API cleans it as the feeds do.
    article = ArticleFactory(
        body=[
            ("paragraph", '<p onclick="steal()">نص<script>alert(1)</script></p>'),
            ("paragraph", '<p><a href="javascript:alert(1)">رابط</a></p>'),
        ]
    )

    html = client.get(f"/api/v1/articles/{article.pk}").json()["body_html"]

    assert "<script" not in html
    assert "onclick" not in html
    assert "javascript:" not in html
    assert "نص" in html


def test_a_list_item_is_what_a_headline_needs(client, photo):
    article = ArticleFactory(lead_image=photo, authors=[AuthorFactory(name="ليلى")])

    (item,) = client.get("/api/v1/articles").json()["items"]

    assert item["id"] == article.pk
    assert item["api_url"].endswith(f"/api/v1/articles/{article.pk}")
    assert item["image"]["width"] == 400
    assert [a["name"] for a in item["authors"]] == ["ليلى"]
    assert item["section"] == {
        "slug": article.section.slug,
        "name": article.section.name,
    }


def test_a_list_runs_the_same_queries_whatever_its_length(client, photo):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    ArticleFactory.create_batch(3, lead_image=photo, authors=[AuthorFactory()])
    client.get("/api/v1/articles")  # the thumbnails are made once
    short = queries("/api/v1/articles")
    ArticleFactory.create_batch(20, lead_image=photo, authors=[AuthorFactory()])
    client.get("/api/v1/articles?limit=50")

    assert queries("/api/v1/articles?limit=50") == short


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"section": "no-such-section"}, "section"),
        ({"tag": "no-such-tag"}, "tag"),
        ({"author": "no-such-author"}, "author"),
        ({"page": "2"}, "page"),
        ({"q": "مطار", "cursor": "x"}, "cursor"),
        ({"q": "مطار", "updated_since": "2025-05-28T00:00:00Z"}, "updated_since"),
    ],
)
def test_well_formed_filters_that_name_nothing_are_404s(client, params, parameter):
    ArticleFactory()

    assert list(refused(client.get("/api/v1/articles", params), 404)) == [parameter]


@pytest.mark.parametrize("offset", ["-20:23", "+23:59", "Z"])
def test_updated_since_takes_any_offset_rfc_3339_allows(client, offset):
    # PostgreSQL refuses offsets past 15:59: a 500 before they were UTC.
    ArticleFactory()

    params = {"updated_since": f"2000-12-08T21:56:35.5{offset}"}
    assert len(ids(client.get("/api/v1/articles", params))) == 1


def test_until_before_since_is_an_empty_list(client):
    ArticleFactory(first_published_at=timezone.now() - dt.timedelta(days=2))

    params = {"since": "2025-05-28", "until": "2025-05-27"}
    assert ids(client.get("/api/v1/articles", params)) == []


def test_a_search_from_a_day_after_its_to_finds_nothing(client):
    index_articles([ArticleFactory(title="مطار").pk])
    params = {"q": "مطار", "from": "2025-05-28", "to": "2025-05-27"}

    response = client.get("/api/v1/search", params)

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_a_search_with_no_word_in_it_finds_nothing(client):
    index_articles([ArticleFactory(title="!!! مطار").pk])

    assert ids(client.get("/api/v1/articles", {"q": "مطار"})) != []
    assert ids(client.get("/api/v1/articles", {"q": "!!!"})) == []
