"""The article page's title, description and sharing cards: the editor's
search title and description when set, the title and summary otherwise."""

import html
import re

import pytest
from django.conf import settings

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def head(client, article):
    text = client.get(article.get_absolute_url()).content.decode()
    return text[: text.index("</head>")]


def meta(page, attribute, name):
    found = re.findall(
        rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', page
    )
    return [html.unescape(value) for value in found]


def test_the_editors_search_title_and_description_are_used(client):
    article = ArticleFactory(
        title="وزراء الاقتصاد العرب يجتمعون في القاهرة لبحث أسعار الغذاء",
        summary="ملخص طويل للقارئ.",
        seo_title="اجتماع وزراء الاقتصاد العرب",
        search_description="ما يبحثه الوزراء غدا وما ينتظره المواطن.",
    )
    page = head(client, article)

    assert (
        f"<title>اجتماع وزراء الاقتصاد العرب · {settings.KHABAR_SITE_NAME}</title>"
        in page
    )
    assert meta(page, "name", "description") == [article.search_description]
    for attribute, name in (("property", "og:title"), ("name", "twitter:title")):
        assert meta(page, attribute, name) == [article.seo_title]
    for attribute, name in (
        ("property", "og:description"),
        ("name", "twitter:description"),
    ):
        assert meta(page, attribute, name) == [article.search_description]
    # The page's own headline stays the story's title.
    body = client.get(article.get_absolute_url()).content.decode()
    assert f'<h1 class="article__title">{article.title}</h1>' in body


def test_without_them_the_title_and_summary_are_used(client):
    article = ArticleFactory(title="عنوان الخبر", summary="ملخص الخبر.")
    page = head(client, article)

    assert f"<title>عنوان الخبر · {settings.KHABAR_SITE_NAME}</title>" in page
    assert meta(page, "name", "description") == ["ملخص الخبر."]
    assert meta(page, "property", "og:title") == ["عنوان الخبر"]
    assert meta(page, "name", "twitter:description") == ["ملخص الخبر."]
