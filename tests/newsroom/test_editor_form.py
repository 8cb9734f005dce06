"""The article form and the taxonomy forms: tabs, tags, slugs, SEO fields."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from khabar.newsroom import roles
from khabar.newsroom.article_form import article_edit_handler
from khabar.newsroom.models import Article, Author, Section, Tag
from khabar.newsroom.preview import SHARE_CARD
from khabar.newsroom.tag_widget import TagNamesField
from khabar.readership.panels import ReadershipPanel
from tests.factories import ArticleFactory, TagFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_admin")]

NS = "wagtailsnippets_newsroom_article"
AUTOCOMPLETE = "/admin/newsroom/tags/autocomplete/"


# Tabs -----------------------------------------------------------------------


def test_the_form_has_three_tabs_and_other_apps_panels_close_the_last():
    tabs = article_edit_handler(Article).children
    with translation.override("en"):
        assert [str(tab.heading) for tab in tabs] == [
            "Content",
            "Metadata",
            "Publishing",
        ]
    assert isinstance(tabs[-1].children[-1], ReadershipPanel)
    names = [
        [getattr(panel, "field_name", None) for panel in tab.children] for tab in tabs
    ]
    assert "title" in names[0]
    assert "body" in names[0]
    assert "tags" in names[1]


def test_the_edit_page_shows_the_tabs_and_the_seo_fields(client):
    client.force_login(UserFactory(username="ed-tabs", role=roles.EDITOR))
    article = ArticleFactory()
    with translation.override("en"):
        html = client.get(reverse(f"{NS}:edit", args=[article.pk])).text
    assert html.count('role="tab"') == 3
    assert 'name="seo_title"' in html
    assert 'name="search_description"' in html
    assert 'class="readership-panel"' in html


# Tags -----------------------------------------------------------------------


def test_the_tag_field_shows_the_names_of_the_articles_tags(client):
    client.force_login(UserFactory(username="ed-tags", role=roles.EDITOR))
    article = ArticleFactory(tags=[TagFactory(name="الغوطة الشرقية")])
    html = client.get(reverse(f"{NS}:edit", args=[article.pk])).text
    assert 'data-controller="w-tag"' in html
    assert 'value="&quot;الغوطة الشرقية&quot;"' in html
    assert f'data-w-tag-url-value="{AUTOCOMPLETE}"' in html


def test_names_typed_become_tags_and_new_ones_are_made_for_who_may():
    existing = TagFactory(name="دمشق")
    field = TagNamesField(can_create=True)

    tags = field.clean('دمشق, "ريف دمشق"')

    assert tags[0] == existing
    assert tags[1].name == "ريف دمشق"
    assert tags[1].pk
    assert tags[1].slug == "ريف-دمشق"


def test_a_new_name_is_refused_to_who_may_not_add_tags():
    TagFactory(name="دمشق")
    with pytest.raises(ValidationError):
        TagNamesField(can_create=False).clean("دمشق, حلب")
    assert not Tag.objects.filter(name="حلب").exists()


def test_the_form_lets_a_reporter_create_tags():
    user = UserFactory(username="rep-form", role=roles.REPORTER)
    form_class = article_edit_handler(Article).get_form_class()
    form = form_class(instance=ArticleFactory(), for_user=user)
    assert isinstance(form.fields["tags"], TagNamesField)
    assert form.fields["tags"].can_create is True


def test_autocomplete_offers_tags_that_begin_then_contain_what_is_typed(client):
    for name in ("سوريا", "اقتصاد سوريا", "سودان", "لبنان"):
        TagFactory(name=name)
    client.force_login(UserFactory(username="rep-ac", role=roles.REPORTER))

    names = json.loads(client.get(AUTOCOMPLETE, {"term": "سور"}).content)

    assert names == ["سوريا", "اقتصاد سوريا"]


def test_autocomplete_is_refused_to_who_writes_no_articles(client):
    from django.contrib.auth.models import Permission

    user = UserFactory(username="reader-ac")
    user.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    client.force_login(user)
    assert client.get(AUTOCOMPLETE, {"term": "س"}).status_code == 403


# Slugs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "url", "data", "slug"),
    [
        (
            Section,
            "wagtailsnippets_newsroom_section:add",
            {"name": "الشرق الأوسط", "order": 1},
            "الشرق-الأوسط",
        ),
        (
            Author,
            "wagtailsnippets_newsroom_author:add",
            {"name": "أحمد الشّامي"},
            "أحمد-الشامي",
        ),
        (
            Tag,
            "wagtailsnippets_newsroom_tag:add",
            {"name": "أخبـــار الطقس"},
            "أخبار-الطقس",
        ),
    ],
)
def test_a_slug_left_empty_is_made_from_the_arabic_name(client, model, url, data, slug):
    client.force_login(UserFactory(username="chief-slug", role=roles.CHIEF_EDITOR))

    response = client.post(reverse(url), {**data, "slug": ""})

    assert response.status_code == 302, response.text[-2000:]
    assert model.objects.get(name=data["name"]).slug == slug


def test_a_second_section_of_a_like_name_gets_its_own_slug(client):
    client.force_login(UserFactory(username="chief-slug2", role=roles.CHIEF_EDITOR))
    add = reverse("wagtailsnippets_newsroom_section:add")
    client.post(add, {"name": "رياضة", "slug": "", "order": 0})
    client.post(add, {"name": "رياضة!", "slug": "", "order": 0})
    assert sorted(
        Section.objects.filter(name__startswith="رياضة").values_list("slug", flat=True)
    ) == ["رياضة", "رياضة-2"]


# Search and sharing ---------------------------------------------------------


def test_search_title_and_description_default_to_title_and_summary():
    article = ArticleFactory(title="العنوان", summary="الملخص")
    assert (article.meta_title, article.meta_description) == ("العنوان", "الملخص")
    article.seo_title, article.search_description = "عنوان البحث", "وصف البحث"
    assert (article.meta_title, article.meta_description) == (
        "عنوان البحث",
        "وصف البحث",
    )


def test_the_social_preview_shows_the_card_with_the_sites_host(settings):
    settings.KHABAR_BASE_URL = "https://khabar.example"
    article = ArticleFactory(
        title="العنوان", summary="الملخص", seo_title="عنوان المشاركة"
    )
    request = RequestFactory().get("/")
    assert SHARE_CARD in dict(article.preview_modes)

    html = render_to_string(
        article.get_preview_template(request, SHARE_CARD),
        article.get_preview_context(request, SHARE_CARD),
        request=request,
    )

    assert (
        '<p class="share-card__host" dir="ltr" data-share-host>khabar.example</p>'
        in html
    )
    assert "عنوان المشاركة</h2>" in html
    assert "الملخص</p>" in html
