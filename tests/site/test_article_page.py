"""Every element of the reference article page (DESIGN.md's anatomy)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from khabar.newsroom.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

DAMASCUS = dt.timezone(dt.timedelta(hours=3))


@pytest.fixture
def article():
    section = SectionFactory(name="سياسة")
    return ArticleFactory(
        title="البرلمان يقر قانون الموازنة",
        kicker="عاجل",
        summary="صوت النواب بالأغلبية على مشروع القانون.",
        section=section,
        first_published_at=dt.datetime(2019, 5, 28, 11, 46, tzinfo=DAMASCUS),
        last_published_at=dt.datetime(2019, 5, 28, 14, 5, tzinfo=DAMASCUS),
        view_count=56,
        body=[
            ("paragraph", "<p>افتتح رئيس المجلس الجلسة صباحاً.</p>"),
            ("subheading", "خلفية القرار"),
            ("quotation", {"text": "هذا يوم مهم", "attribution": "رئيس المجلس"}),
            ("paragraph", "<p>وتستمر المناقشات غداً.</p>"),
        ],
        authors=[AuthorFactory(name="سلمى الخطيب"), AuthorFactory(name="رامي حداد")],
        tags=[TagFactory(name="البرلمان")],
    )


@pytest.fixture
def page(client, article):
    for n in range(10):
        ArticleFactory(
            title=f"عنوان آخر {n}",
            section=article.section,
            first_published_at=timezone.now() - dt.timedelta(minutes=n + 1),
        )
    response = client.get(f"/a/{article.pk}")
    assert response.status_code == 200
    return response.text


def test_latest_headlines_block_ends_in_more_link(page):
    block = re.search(r'<section class="latest-block".*?</section>', page, re.S)
    assert block, "no latest-headlines block"
    assert len(re.findall(r"<li>", block.group(0))) == 8
    assert '<a class="more" href="/latest/">المزيد</a>' in block.group(0)


def test_the_story_comes_before_the_latest_block(page):
    # On a phone the sidebar follows the story, and so does the keyboard.
    assert page.index("<h1") < page.index('class="latest-block"')


def test_title_kicker_summary(page, article):
    assert f'<h1 class="article__title">{article.title}</h1>' in page
    assert '<p class="kicker">عاجل</p>' in page
    assert article.summary in page


def test_publication_time_and_date_in_site_time_zone(page):
    assert (
        '<p class="published">نُشر <time datetime="2019-05-28T11:46:00+03:00">'
        "11:46 · 28 أيار/مايو 2019</time>"
    ) in page


@pytest.mark.parametrize(
    ("style", "expected"),
    [("levantine", "28 أيار 2019"), ("egyptian", "28 مايو 2019")],
)
def test_month_name_style_is_a_setting(client, article, settings, style, expected):
    settings.KHABAR_MONTH_NAMES = style
    assert f"11:46 · {expected}</time>" in client.get(f"/a/{article.pk}").text


def test_time_follows_the_configured_time_zone(client, article, settings):
    settings.TIME_ZONE = "Africa/Cairo"  # UTC+2: Egypt kept no DST in 2019
    page = client.get(f"/a/{article.pk}").text
    assert '<time datetime="2019-05-28T10:46:00+02:00">10:46 · ' in page


def test_short_numeric_permalink(page, article):
    assert f'href="/a/{article.pk}">http://127.0.0.1:8000/a/{article.pk}</a>' in page
    assert f'<link rel="canonical" href="http://127.0.0.1:8000/a/{article.pk}">' in page


def test_view_counter(page):
    assert re.search(r"<span[^>]*data-views[^>]*>56</span>\s*مشاهدة", page)


def test_font_size_control(page):
    assert "حجم الخط" in page
    assert 'data-font-step="-1"' in page
    assert 'data-font-step="1"' in page


def test_body_subheadings_and_quotation_with_attribution(page):
    assert "<h2>خلفية القرار</h2>" in page
    assert re.search(
        r"<blockquote><p>هذا يوم مهم</p></blockquote>\s*"
        r"<figcaption>رئيس المجلس</figcaption>",
        page,
    )
    assert "افتتح رئيس المجلس الجلسة صباحاً." in page


def test_authors_in_order_tags_and_section(page, article):
    assert page.index("سلمى الخطيب") < page.index("رامي حداد")
    tag = article.tags.get()
    assert f'href="{tag.get_absolute_url()}" rel="tag"' in page
    assert f'href="{article.section.get_absolute_url()}"' in page


def test_updated_time_shown_when_it_differs(page):
    assert "آخر تحديث" in page
    assert "14:05" in page


def test_updated_time_hidden_when_same(client):
    article = ArticleFactory()
    assert "آخر تحديث" not in client.get(f"/a/{article.pk}").text


def test_related_headlines_from_the_same_section(page):
    related = re.search(r'<section class="related".*?</section>', page, re.S)
    assert related
    assert "عنوان آخر 0" in related.group(0)


def test_page_is_rtl_arabic(page):
    assert '<html lang="ar" dir="rtl"' in page


@pytest.mark.parametrize(
    "make",
    [
        lambda: ArticleFactory(draft=True),
        lambda: ArticleFactory(
            first_published_at=timezone.now() + dt.timedelta(hours=2)
        ),
        lambda: ArticleFactory(expire_at=timezone.now() - dt.timedelta(minutes=1)),
        lambda: ArticleFactory(expired=True, live=False),
    ],
    ids=["draft", "future", "expiry-passed", "expired"],
)
def test_unpublished_articles_are_not_found(client, make):
    response = client.get(f"/a/{make().pk}")
    assert response.status_code == 404
    assert "الصفحة غير موجودة" in response.text


def test_is_visible_agrees_with_the_visible_queryset():
    now = timezone.now()
    articles = [
        ArticleFactory(),
        ArticleFactory(expire_at=now + dt.timedelta(hours=1)),
        ArticleFactory(draft=True),
        ArticleFactory(first_published_at=now + dt.timedelta(hours=2)),
        ArticleFactory(expire_at=now - dt.timedelta(minutes=1)),
        ArticleFactory(expired=True, live=False),
        ArticleFactory(expired=True),
    ]
    visible = set(Article.objects.visible().values_list("pk", flat=True))
    assert [a.pk in visible for a in articles] == [True, True] + [False] * 5
    for article in Article.objects.filter(pk__in=[a.pk for a in articles]):
        assert article.is_visible() == (article.pk in visible), article.pk


def test_the_prepared_queries_load_what_the_orm_loads():
    from khabar.newsroom.models import ArticleCorrection
    from khabar.site.context import _by_article, published_article

    article = ArticleFactory(
        expire_at=timezone.now() + dt.timedelta(days=3),
        authors=[AuthorFactory(), AuthorFactory()],
        tags=[TagFactory(name="ب"), TagFactory(name="أ")],
        body=[("paragraph", "<p>نص</p>"), ("subheading", "عنوان")],
    )
    ArticleCorrection.objects.create(
        article=article, note="تصحيح", published_at=timezone.now(), sort_order=0
    )
    loaded = published_article(article.pk)
    stored = Article.objects.get(pk=article.pk)
    for field in Article._meta.concrete_fields:
        mine, theirs = getattr(loaded, field.attname), getattr(stored, field.attname)
        if field.name == "body":
            mine, theirs = list(mine.raw_data), list(theirs.raw_data)
        assert mine == theirs, field.name
    assert loaded.expire_at.tzinfo is not None
    assert [c.note for c in loaded.corrections.all()] == ["تصحيح"]
    assert loaded.corrections.all()[0].published_at.tzinfo is not None
    authors = [link.author for link in stored.article_authors.order_by("sort_order")]
    assert _by_article("authors", article.pk) == authors
    assert _by_article("tags", article.pk) == list(stored.tags.order_by("name"))


def test_article_page_query_count_is_fixed(client, django_assert_num_queries):
    article = ArticleFactory(
        authors=[AuthorFactory()], tags=[TagFactory(), TagFactory()]
    )
    other = ArticleFactory(section=article.section)
    # The story, its byline, tags and corrections; the section menu, the
    # latest headlines and the section's newest (kept for the next page).
    with django_assert_num_queries(7):
        client.get(f"/a/{article.pk}")
    with django_assert_num_queries(4):
        client.get(f"/a/{other.pk}")
    more = ArticleFactory(
        section=article.section,
        authors=AuthorFactory.create_batch(4),
        tags=TagFactory.create_batch(6),
    )
    ArticleFactory.create_batch(12, section=article.section)
    with django_assert_num_queries(7):  # content changed: every list again
        client.get(f"/a/{more.pk}")
