"""Sections, tags and authors: public profiles of what is published."""

import pytest

from khabar.api import schemas
from tests.api.helpers import problem, walk
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _slugs(response, shape):
    assert response.status_code == 200, response.content[:300]
    shape.model_validate(response.json())
    return [item["slug"] for item in response.json()["items"]]


def test_sections_are_the_menu_in_its_order(client):
    second = SectionFactory(name="اقتصاد", order=2)
    first = SectionFactory(name="سياسة", order=1)
    empty = SectionFactory(name="ثقافة", order=3)  # nothing published: still a section

    slugs = _slugs(client.get("/api/v1/sections"), schemas.SectionList)

    assert slugs == [first.slug, second.slug, empty.slug]


def test_one_section_by_its_arabic_slug(client):
    section = SectionFactory(name="سياسة", description="الشأن المحلي")

    data = client.get(f"/api/v1/sections/{section.slug}").json()

    schemas.Section.model_validate(data)
    assert (data["name"], data["description"]) == ("سياسة", "الشأن المحلي")
    assert data["api_url"].endswith("/api/v1/sections/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9")
    problem(client.get("/api/v1/sections/no-such-section"), 404)


def test_tags_and_authors_are_listed_once_they_have_a_visible_article(client):
    shown_tag, draft_tag, unused_tag = TagFactory(), TagFactory(), TagFactory()
    shown_writer, draft_writer, idle_writer = (
        AuthorFactory(),
        AuthorFactory(),
        AuthorFactory(),
    )
    ArticleFactory(tags=[shown_tag], authors=[shown_writer])
    ArticleFactory(draft=True, tags=[draft_tag], authors=[draft_writer])

    assert _slugs(client.get("/api/v1/tags"), schemas.TagList) == [shown_tag.slug]
    assert _slugs(client.get("/api/v1/authors"), schemas.AuthorList) == [
        shown_writer.slug
    ]
    for hidden in (draft_tag, unused_tag):
        problem(client.get(f"/api/v1/tags/{hidden.slug}"), 404)
    for hidden in (draft_writer, idle_writer):
        problem(client.get(f"/api/v1/authors/{hidden.slug}"), 404)
    assert client.get(f"/api/v1/tags/{shown_tag.slug}").json()["slug"] == (
        shown_tag.slug
    )


def test_tags_and_authors_page_by_cursor(client):
    tags = [TagFactory() for _ in range(5)]
    writers = [AuthorFactory() for _ in range(5)]
    ArticleFactory(tags=tags, authors=writers)

    listed_tags = walk(client, "/api/v1/tags?limit=2")
    listed_writers = walk(client, "/api/v1/authors?limit=2")

    assert [t["slug"] for t in listed_tags] == [t.slug for t in tags]
    assert [a["slug"] for a in listed_writers] == [a.slug for a in writers]


def test_an_author_is_a_public_profile(client, photo):
    writer = AuthorFactory(name="ليلى أحمد", bio="مراسلة من دمشق.", photo=photo)
    ArticleFactory(authors=[writer])

    data = client.get(f"/api/v1/authors/{writer.slug}").json()

    schemas.Author.model_validate(data)
    assert (data["name"], data["bio"]) == ("ليلى أحمد", "مراسلة من دمشق.")
    assert data["photo"]["small"]["width"] == 400


def test_no_answer_tells_an_authors_account(client):
    """The newsroom account behind a byline (login, email, user id) is in
    no answer of the API."""
    user = UserFactory(
        username="leila.login", email="leila@newsroom.example", first_name="سرية"
    )
    writer = AuthorFactory(name="ليلى", user=user)
    article = ArticleFactory(authors=[writer], tags=[TagFactory()])
    urls = [
        "/api/v1/articles",
        f"/api/v1/articles/{article.pk}",
        "/api/v1/authors",
        f"/api/v1/authors/{writer.slug}",
        "/api/v1/sections",
        "/api/v1/tags",
        "/api/v1/openapi.json",
    ]
    for url in urls:
        text = client.get(url).content.decode()
        assert "ليلى" in text or url.endswith(("sections", "tags", "openapi.json"))
        for secret in ("leila.login", "newsroom.example", "سرية", '"user'):
            assert secret not in text, (url, secret)
        assert f'"user_id":{user.pk}' not in text
