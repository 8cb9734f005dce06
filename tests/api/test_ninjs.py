"""``/api/v1/articles/{id}/ninjs``: an article as IPTC ninjs 2.2, checked
against the IPTC's own JSON Schema (tests/api/data/README.md)."""

import datetime as dt
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker

from khabar.api.ninjs import NewsItem
from khabar.newsroom.models import Article, ArticleCorrection
from tests.api.helpers import problem
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "ninjs-schema-2.2.json").read_text("utf-8")
)
#: jsonschema leaves "date-time" and "uri" unchecked without optional
#: packages; these say what RFC 3339 and RFC 3986 ask of the values
#: Khabar writes, so a naive time or a relative link fails.
FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _rfc3339(value):
    if not isinstance(value, str):
        return True
    moment = dt.datetime.fromisoformat(value)
    return "T" in value and moment.tzinfo is not None


@FORMATS.checks("uri")
def _absolute_uri(value):
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and (parts.scheme == "tag" or bool(parts.netloc))


VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FORMATS)


def ninjs(client, article):
    response = client.get(f"/api/v1/articles/{article.pk}/ninjs")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = response.json()
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in VALIDATOR.iter_errors(document)
    ]
    assert errors == []
    NewsItem.model_validate(document)  # and the OpenAPI description says so
    return document


def _bodies(document):
    return {body["contenttype"]: body for body in document["bodies"]}


def test_the_validator_refuses_what_ninjs_2_2_refuses():
    """The schema is strict: a guard that the checks below can fail."""
    good = {"uri": "https://news.example/a/1", "type": "text"}

    assert VALIDATOR.is_valid(good)
    assert not VALIDATOR.is_valid({"type": "text"})  # uri is required
    assert not VALIDATOR.is_valid({**good, "title_html": "x"})  # unknown
    assert not VALIDATOR.is_valid({**good, "pubstatus": "live"})
    assert not VALIDATOR.is_valid({**good, "versioncreated": "2025-05-28 11:46"})
    assert not VALIDATOR.is_valid({**good, "headlines": [{"role": "main"}]})


def test_a_plain_article(client):
    article = ArticleFactory(title="العنوان", summary="الملخص", kicker="")

    document = ninjs(client, article)

    assert document["uri"] == client.get(f"/api/v1/articles/{article.pk}").json()["url"]
    assert document["type"] == "text"
    assert document["pubstatus"] == "usable"
    assert document["language"] == "ar"
    assert document["standard"]["version"] == "2.2"
    assert document["headlines"] == [
        {"role": "main", "contenttype": "text/plain", "value": "العنوان"}
    ]
    assert document["descriptions"] == [
        {"role": "summary", "contenttype": "text/plain", "value": "الملخص"}
    ]
    assert "associations" not in document
    assert "people" not in document
    assert [s["rel"] for s in document["subjects"]] == ["section"]
    assert document["firstcreated"] == article.first_published_at.isoformat()


def test_the_body_is_the_article_endpoints_sanitised_html_and_text(client):
    article = ArticleFactory(
        body=[
            (
                "paragraph",
                '<p onclick="steal()">الفقرة <b>الأولى</b>.<script></script></p>',
            ),
            ("subheading", "خلفية"),
            ("quotation", {"text": "قول مأثور", "attribution": "قائل"}),
        ]
    )
    whole = client.get(f"/api/v1/articles/{article.pk}").json()

    bodies = _bodies(ninjs(client, article))

    assert bodies["text/html"]["value"] == whole["body_html"]
    assert "<script" not in bodies["text/html"]["value"]
    assert "onclick" not in bodies["text/html"]["value"]
    assert bodies["text/plain"]["value"] == whole["body_text"]
    # الفقرة / الأولى. / خلفية / قول / مأثور / قائل
    assert bodies["text/plain"]["wordcount"] == 6
    assert bodies["text/plain"]["charcount"] == len(whole["body_text"])
    assert {b["role"] for b in bodies.values()} == {"main"}


def test_an_article_with_a_lead_image(client, photo):
    article = ArticleFactory(
        lead_image=photo,
        lead_image_caption="صورة المطار",
        lead_image_credit="وكالة الأنباء",
    )

    document = ninjs(client, article)

    (picture,) = document["associations"]
    assert picture["type"] == "picture"
    assert picture["uri"].startswith("tag:")
    assert picture["by"] == "وكالة الأنباء"
    assert picture["descriptions"][0] == {
        "role": "caption",
        "contenttype": "text/plain",
        "value": "صورة المطار",
    }
    renditions = {r["name"]: r for r in picture["renditions"]}
    assert [renditions[n]["width"] for n in ("small", "medium", "large")] == [
        400, 800, 1200,
    ]  # fmt: skip
    assert renditions["large"]["height"] == 675  # 1600×900 kept in proportion
    assert {r["contenttype"] for r in renditions.values()} == {"image/jpeg"}
    lead = client.get(f"/api/v1/articles/{article.pk}").json()["lead_image"]
    assert renditions["small"]["href"] == lead["renditions"]["small"]["url"]


def test_several_authors_tags_and_a_kicker(client):
    section = SectionFactory(name="سياسة")
    tags = [TagFactory(name="غزة"), TagFactory(name="انتخابات")]
    authors = [AuthorFactory(name="ليلى"), AuthorFactory(name="سامر")]
    article = ArticleFactory(
        kicker="عاجل", section=section, tags=tags, authors=authors,
        external_id="wp-42",
    )  # fmt: skip

    document = ninjs(client, article)

    assert [p["name"] for p in document["people"]] == ["ليلى", "سامر"]
    assert {p["rel"] for p in document["people"]} == {"author"}
    assert document["people"][0]["uri"].endswith(authors[0].get_absolute_url())
    assert document["by"] == "ليلى، سامر"
    assert document["subjects"][0] == {
        "name": "سياسة",
        "rel": "section",
        "uri": document["subjects"][0]["uri"],
        "literal": section.slug,
    }
    assert sorted(s["name"] for s in document["subjects"][1:]) == ["انتخابات", "غزة"]
    assert {"role": "kicker", "contenttype": "text/plain", "value": "عاجل"} in (
        document["headlines"]
    )
    assert {"role": "external-id", "value": "wp-42"} in document["altids"]


def test_corrections_are_descriptions_and_date_the_version(client):
    article = ArticleFactory()
    corrected = timezone.now() - dt.timedelta(minutes=5)
    ArticleCorrection.objects.create(
        article=article, note="صُحّح الاسم.", published_at=corrected
    )

    document = ninjs(client, article)

    assert document["descriptions"][-1] == {
        "role": "correction",
        "contenttype": "text/plain",
        "value": "صُحّح الاسم.",
    }
    assert document["versioncreated"] == corrected.isoformat()


def test_an_expiry_is_said(client):
    ends = timezone.now() + dt.timedelta(days=2)
    article = ArticleFactory(expire_at=ends)

    assert ninjs(client, article)["expires"] == ends.isoformat()


def test_an_edit_republished_is_a_new_version(client, publish):
    article = publish(ArticleFactory(draft=True, title="الأول"))
    before = ninjs(client, article)
    article.refresh_from_db()  # as the editor's form loads it

    publish(article, title="المعدّل")
    after = ninjs(client, article)

    assert after["headlines"][0]["value"] == "المعدّل"
    assert after["versioncreated"] > before["versioncreated"]
    assert int(after["version"]) > int(before["version"])
    assert after["firstcreated"] == before["firstcreated"]


@pytest.mark.parametrize(
    "hidden",
    [
        {"live": False, "first_published_at": None},
        {"live": False},
        {"first_published_at": timezone.now() + dt.timedelta(hours=3)},
        {"expired": True},
    ],
    ids=["draft", "unpublished", "scheduled", "expired"],
)
def test_what_readers_cannot_see_is_a_404_problem(client, hidden):
    article = ArticleFactory(**hidden)

    problem(client.get(f"/api/v1/articles/{article.pk}/ninjs"), 404)


def test_an_unknown_id_is_a_404_problem(client):
    problem(client.get("/api/v1/articles/999999/ninjs"), 404)


def test_the_article_links_to_it(client):
    article = ArticleFactory()

    link = client.get(f"/api/v1/articles/{article.pk}").json()["ninjs_url"]

    assert link.endswith(f"/api/v1/articles/{article.pk}/ninjs")
    assert client.get(urlsplit(link).path).status_code == 200


@pytest.mark.parametrize("cached", [True, False], ids=["page cache", "no cache"])
def test_a_current_copy_is_answered_304(client, settings, cached):
    settings.KHABAR_PAGE_CACHE = cached
    url = f"/api/v1/articles/{ArticleFactory().pk}/ninjs"
    first = client.get(url)

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert (again.status_code, again.content) == (304, b"")


def test_it_is_kept_with_the_article_and_purged_by_its_publish(
    client, page_cache, publish
):
    article = publish(ArticleFactory(draft=True, title="قبل"))
    url = f"/api/v1/articles/{article.pk}/ninjs"
    client.get(url)
    assert client.get(url)["X-Khabar-Cache"] == "hit"

    publish(article, title="بعد")

    assert client.get(url).json()["headlines"][0]["value"] == "بعد"
    assert Article.objects.get(pk=article.pk).title == "بعد"
