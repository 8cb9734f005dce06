"""The OpenAPI 3.1 description and the browsable docs, from our own files."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.urls import get_resolver

from khabar.api import schemas
from khabar.search.index import index_articles
from khabar.security import csp
from tests.factories import ArticleFactory, AuthorFactory, TagFactory

pytestmark = pytest.mark.django_db

#: URL names of the API that are not operations.
NOT_OPERATIONS = {"openapi-json", "openapi-view", "api-root"}


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def _api_routes():
    """``{URL name: OpenAPI path}`` of every operation in the URLconf."""
    (api,) = [
        entry
        for entry in get_resolver().url_patterns
        if getattr(entry, "namespace", "") == "api"
    ]
    routes = {}
    for pattern in api.url_patterns:
        if pattern.name and pattern.name not in NOT_OPERATIONS:
            route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))
            routes[pattern.name] = "/api/v1/" + route
    return routes


def test_it_is_openapi_3_1_with_every_operation(document):
    routes = _api_routes()

    assert document["openapi"] == "3.1.0"
    assert set(routes) >= {
        "articles", "article", "sections", "section", "tags", "tag", "authors",
        "author", "search", "most-read",
    }  # fmt: skip
    assert set(document["paths"]) == set(routes.values())


def test_every_operation_is_described_once(document):
    ids = []
    for path, operations in document["paths"].items():
        assert set(operations) == {"get"}, path  # HEAD is GET without a body
        operation = operations["get"]
        ids.append(operation["operationId"])
        assert operation["summary"], path
        responses = operation["responses"]
        assert "application/json" in responses["200"]["content"], path
        assert "application/problem+json" in responses["400"]["content"], path
        for parameter in operation["parameters"]:
            assert parameter["in"] in {"query", "path"}
            assert "null" not in str(parameter["schema"]), (path, parameter)
    assert len(ids) == len(set(ids))


def test_every_reference_resolves(document):
    text = str(document)
    references = set(re.findall(r"#/components/schemas/(\w+)", text))

    assert references
    assert references <= set(document["components"]["schemas"])


def test_parameters_say_what_they_take(document):
    parameters = {
        p["name"]: p["schema"]
        for p in document["paths"]["/api/v1/articles"]["get"]["parameters"]
    }

    assert parameters["limit"]["maximum"] == 100
    assert parameters["since"]["format"] == "date"
    assert parameters["updated_since"]["format"] == "date-time"
    assert parameters["section"]["maxLength"] == 100
    assert "pattern" in parameters["cursor"]


class _Assets(HTMLParser):
    """The scripts and style sheets a page loads, and its inline scripts."""

    def __init__(self):
        super().__init__()
        self.urls, self.inline = [], []
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            if attrs.get("src"):
                self.urls.append(attrs["src"])
            else:
                self._in_script = attrs.get("type", "")
        elif tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None and data.strip():
            self.inline.append(self._in_script)


def test_the_docs_load_only_local_static_files(client):
    response = client.get("/api/v1/docs")
    assets = _Assets()
    assets.feed(response.content.decode())

    assert response.status_code == 200
    assert assets.urls
    for url in assets.urls:
        assert url.startswith("/static/ninja/"), url
        assert finders.find(url.removeprefix("/static/")), url
    # Only data (the settings, as JSON): no inline code the CSP would refuse.
    assert assets.inline == ["application/json"]
    assert response["Content-Security-Policy"] == csp.public_policy()


def test_the_docs_ask_no_outside_host(client):
    html = client.get("/api/v1/docs").content.decode()

    assert '"validatorUrl": null' in html
    assert "cdn" not in html.lower()


def test_every_answer_has_the_shape_the_document_says(client, photo):
    writer, tag = AuthorFactory(bio="سيرة", photo=photo), TagFactory()
    article = ArticleFactory(
        title="مطار دمشق", tags=[tag], authors=[writer], lead_image=photo
    )
    index_articles([article.pk])
    answers = {
        "/api/v1/articles": schemas.ArticleList,
        "/api/v1/articles?q=%D9%85%D8%B7%D8%A7%D8%B1": schemas.ArticleList,
        f"/api/v1/articles/{article.pk}": schemas.Article,
        "/api/v1/sections": schemas.SectionList,
        f"/api/v1/sections/{article.section.slug}": schemas.Section,
        "/api/v1/tags": schemas.TagList,
        f"/api/v1/tags/{tag.slug}": schemas.Tag,
        "/api/v1/authors": schemas.AuthorList,
        f"/api/v1/authors/{writer.slug}": schemas.Author,
        "/api/v1/search?q=%D9%85%D8%B7%D8%A7%D8%B1": schemas.SearchAnswer,
        "/api/v1/most-read": schemas.MostRead,
    }
    for url, shape in answers.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/json; charset=utf-8", url
        shape.model_validate(response.json())


def _shapes(cls=schemas.Shape):
    for sub in cls.__subclasses__():
        yield sub
        yield from _shapes(sub)


def test_every_answer_shape_has_its_own_component_name(document):
    """The description names components by class name alone: two shapes
    of one name (ninjs' picture and the article's) would be one component,
    and every answer of the first would break the second's schema."""
    names = [shape.__name__ for shape in _shapes()]
    assert len(names) == len(set(names)), sorted(names)
    components = document["components"]["schemas"]
    assert components["Picture"]["required"] == ["url", "width", "height"]
    assert "renditions" in components["NinjsPicture"]["properties"]
