"""A story is breaking for the window its editor chose, then by itself no
longer: the home page's strip and the headline badge both follow it."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from khabar.newsroom import roles
from khabar.newsroom.models import BREAKING_WINDOWS, Article
from khabar.site.views import _breaking
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db
NS = "wagtailsnippets_newsroom_article"
PUBLISHED = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def _ago(**kwargs):
    return timezone.now() - dt.timedelta(**kwargs)


def _story(**fields):
    return Article(
        title="خبر", is_breaking=True, first_published_at=PUBLISHED, **fields
    )


@pytest.mark.parametrize("hours", BREAKING_WINDOWS)
def test_a_story_is_breaking_until_its_window_ends(hours):
    story = _story(breaking_hours=hours)
    end = PUBLISHED + dt.timedelta(hours=hours)

    assert story.breaking_now(PUBLISHED)
    assert story.breaking_now(end - dt.timedelta(seconds=1))
    assert not story.breaking_now(end)
    assert not story.breaking_now(end + dt.timedelta(days=30))


def test_the_window_is_six_hours_unless_the_editor_chooses():
    story = _story()
    assert story.breaking_hours == 6
    assert story.breaking_now(PUBLISHED + dt.timedelta(hours=5, minutes=59))
    assert not story.breaking_now(PUBLISHED + dt.timedelta(hours=6))


def test_a_story_not_flagged_or_never_published_is_never_breaking():
    not_flagged = _story(breaking_hours=48)
    not_flagged.is_breaking = False
    never_published = _story(breaking_hours=48)
    never_published.first_published_at = None

    assert not not_flagged.breaking_now(PUBLISHED)
    assert not never_published.breaking_now(PUBLISHED)


def test_is_breaking_now_reads_the_clock():
    assert ArticleFactory.build(
        is_breaking=True, breaking_hours=2, first_published_at=_ago(hours=1)
    ).is_breaking_now
    assert not ArticleFactory.build(
        is_breaking=True, breaking_hours=1, first_published_at=_ago(hours=2)
    ).is_breaking_now


def test_the_strip_leaves_out_stories_whose_window_ended():
    ArticleFactory(
        title="انتهت نافذته", is_breaking=True, breaking_hours=1,
        first_published_at=_ago(hours=2),
    )  # fmt: skip
    ArticleFactory(
        title="عاجل طويل", is_breaking=True, breaking_hours=48,
        first_published_at=_ago(hours=30),
    )  # fmt: skip
    ArticleFactory(
        title="يوم كامل مضى", is_breaking=True, breaking_hours=24,
        first_published_at=_ago(hours=25),
    )  # fmt: skip

    assert [story.title for story in _breaking()] == ["عاجل طويل"]


def test_the_strip_holds_the_newest_three_in_their_window():
    for n in range(5):
        ArticleFactory(
            title=f"عاجل {n}", is_breaking=True, breaking_hours=12,
            first_published_at=_ago(hours=n + 1),
        )  # fmt: skip
    ArticleFactory(
        title="الأحدث لكن انتهى", is_breaking=True, breaking_hours=1,
        first_published_at=_ago(hours=1, minutes=1),
    )  # fmt: skip

    assert [story.title for story in _breaking()] == ["عاجل 0", "عاجل 1", "عاجل 2"]


def test_the_home_page_strip_follows_the_window(client):
    # Newer stories fill the front page's lead package, which the strip
    # does not repeat.
    ArticleFactory.create_batch(6, first_published_at=_ago(minutes=10))
    ArticleFactory(
        title="زلزال الآن", is_breaking=True, breaking_hours=3,
        first_published_at=_ago(hours=2),
    )  # fmt: skip
    ArticleFactory(
        title="زلزال البارحة", is_breaking=True, breaking_hours=12,
        first_published_at=_ago(hours=13),
    )  # fmt: skip

    page = client.get("/").text
    strip = page[page.index('class="breaking"') : page.index("</section>")]

    assert "زلزال الآن" in strip
    assert "زلزال البارحة" not in strip


def test_the_badge_shows_only_inside_the_window(django_assert_num_queries):
    section = SectionFactory()
    ArticleFactory(
        title="ما زال عاجلا", section=section, is_breaking=True, breaking_hours=24,
        first_published_at=_ago(hours=20),
    )  # fmt: skip
    ArticleFactory(
        title="كان عاجلا", section=section, is_breaking=True, breaking_hours=6,
        first_published_at=_ago(hours=7),
    )  # fmt: skip
    items = list(Article.objects.visible().newest_first().headlines())

    # headlines() loads the window: the badges cost no query of their own.
    with django_assert_num_queries(0):
        html = render_to_string(
            "site/includes/headlines.html", {"items": items, "with_time": False}
        )

    still, over = (
        next(row for row in html.split("<li>") if title in row)
        for title in ("ما زال عاجلا", "كان عاجلا")
    )
    assert 'class="badge"' in still
    assert 'class="badge"' not in over


def test_search_results_load_the_window():
    from khabar.search.results import COLUMNS

    assert "breaking_hours" in COLUMNS


@pytest.mark.usefixtures("wagtail_admin")
def test_the_edit_form_offers_the_window_beside_the_flag(client):
    client.force_login(UserFactory(username="editor-b", role=roles.EDITOR))
    article = ArticleFactory(title="خبر للتحرير")

    page = client.get(reverse(f"{NS}:edit", args=[article.pk])).text

    assert 'name="breaking_hours"' in page
    assert page.index('name="is_breaking"') < page.index('name="breaking_hours"')
    for hours in BREAKING_WINDOWS:
        assert f'<option value="{hours}"' in page


@pytest.mark.usefixtures("wagtail_admin")
def test_the_editor_saves_a_window(client):
    client.force_login(UserFactory(username="editor-c", role=roles.EDITOR))
    article = ArticleFactory(title="خبر للتحرير")
    form = article_form(
        title=article.title, section_id=article.section_id, is_breaking="on",
        breaking_hours="48", **{"action-publish": "action-publish"},
    )  # fmt: skip

    response = client.post(reverse(f"{NS}:edit", args=[article.pk]), form)

    assert response.status_code == 302  # saved and published
    article.refresh_from_db()
    assert article.is_breaking
    assert article.breaking_hours == 48


@pytest.mark.usefixtures("wagtail_admin")
def test_the_form_refuses_a_window_not_offered(client):
    client.force_login(UserFactory(username="editor-d", role=roles.EDITOR))
    article = ArticleFactory(title="خبر للتحرير", breaking_hours=6)
    form = article_form(
        title=article.title, section_id=article.section_id, is_breaking="on",
        breaking_hours="5", **{"action-publish": "action-publish"},
    )  # fmt: skip

    response = client.post(reverse(f"{NS}:edit", args=[article.pk]), form)

    assert response.status_code == 200  # the form again, with its error
    assert 'name="breaking_hours"' in response.text
    article.refresh_from_db()
    assert article.breaking_hours == 6


def test_the_window_sits_in_the_flags_row_of_the_panels():
    rows = [
        [child.field_name for child in panel.children]
        for panel in Article.panels
        if type(panel).__name__ == "FieldRowPanel"
    ]
    assert ["section", "is_breaking", "breaking_hours"] in rows


def test_the_window_choices_speak_the_language_of_the_reader_of_the_form():
    # Fixed at import they stayed in one language, and makemigrations saw a
    # change whenever the catalogue did.
    field = Article._meta.get_field("breaking_hours")
    with translation.override("en"):
        english = dict(field.choices)[3]
        assert str(english) == "3 hours"
    with translation.override("ar"):
        assert str(english) == "3 ساعات"
