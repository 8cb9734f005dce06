"""Refusals: problem documents in one language, never a 500.

A table of what a stranger sends (numbers past 64 bits and past int()'s
4,300 digits, unicode digits, NUL and control characters, bytes that are
not UTF-8, made-up cursors, impossible dates), each asked in Arabic and in
English: every answer is a 400 (a value not as the description says) or a
404 (well-formed values that name nothing) as ``application/problem+json``,
naming the parameter it refuses, in the language asked for and no other.
"""

import json
import re

import pytest

from tests.api.helpers import problem
from tests.factories import ArticleFactory, AuthorFactory, TagFactory

pytestmark = pytest.mark.django_db

BIG = "9" * 26  # past 64 bits
HUGE = "9" * 5000  # past int()'s 4,300 digits

#: (path and query as sent, status, the parameter refused or None).
HOSTILE = [
    ("/api/v1/articles?limit=abc", 400, "limit"),
    ("/api/v1/articles?limit=0", 400, "limit"),
    ("/api/v1/articles?limit=101", 400, "limit"),
    (f"/api/v1/articles?limit={BIG}", 400, "limit"),
    (f"/api/v1/articles?limit={HUGE}", 400, "limit"),
    ("/api/v1/articles?limit=%D9%A3", 400, "limit"),  # Arabic-Indic 3
    ("/api/v1/articles?limit=%C2%B2", 400, "limit"),  # superscript 2
    ("/api/v1/articles?limit=1%00", 400, "limit"),
    ("/api/v1/articles?limit=%FF", 400, "limit"),
    ("/api/v1/articles?cursor=garbage", 404, "cursor"),
    ("/api/v1/articles?cursor=%00", 400, "cursor"),
    (f"/api/v1/articles?cursor={'a' * 300}", 400, "cursor"),
    ("/api/v1/articles?since=2020-13-45", 400, "since"),
    ("/api/v1/articles?since=9999-12-31", 400, "since"),
    ("/api/v1/articles?updated_since=2025-05-28T23:59:60Z", 400, "updated_since"),
    ("/api/v1/articles?until=2025-02-30", 400, "until"),
    ("/api/v1/articles?until=%D9%A2%D9%A0%D9%A2%D9%A5-05-28", 400, "until"),
    ("/api/v1/articles?updated_since=2025-05-28", 400, "updated_since"),
    ("/api/v1/articles?updated_since=2025-05-28T11:46:00", 400, "updated_since"),
    ("/api/v1/articles?updated_since=1e9", 400, "updated_since"),
    ("/api/v1/articles?section=%00", 400, "section"),
    ("/api/v1/articles?section=a%1Bb", 400, "section"),
    ("/api/v1/articles?section=%C2%85", 400, "section"),
    (f"/api/v1/articles?section={'x' * 300}", 400, "section"),
    ("/api/v1/articles?tag=%FF%FE", 400, "tag"),
    ("/api/v1/articles?author=..%2F..%2Fetc%2Fpasswd", 400, "author"),
    ("/api/v1/articles?q=", 400, "q"),
    ("/api/v1/articles?q=%FF", 400, "q"),
    (f"/api/v1/articles?q={'x' * 600}", 400, "q"),
    ("/api/v1/articles?page=2", 404, "page"),
    (f"/api/v1/articles?q=%D9%85&page={HUGE}", 400, "page"),
    ("/api/v1/tags?limit=-1", 400, "limit"),
    ("/api/v1/authors?cursor=1.2", 404, "cursor"),
    ("/api/v1/articles?section=no-such-section", 404, "section"),
    ("/api/v1/search?q=%D9%85&tag=no-such-tag", 404, "tag"),
    ("/api/v1/tags?cursor=0&s=x", 404, "cursor"),  # not the site's ?s= search
    ("/api/v1/most-read?window=1y", 400, "window"),
    ("/api/v1/most-read?limit=51", 400, "limit"),
    ("/api/v1/search", 400, "q"),
    ("/api/v1/search?q=%D9%85%D8%B7%D8%A7%D8%B1&sort=random", 400, "sort"),
    ("/api/v1/search?q=%D9%85%D8%B7%D8%A7%D8%B1&from=yesterday", 400, "from"),
    ("/api/v1/search?q=%D9%85%D8%B7%D8%A7%D8%B1&page=0", 400, "page"),
    ("/api/v1/articles/0", 404, None),
    (f"/api/v1/articles/{BIG}", 404, None),
    ("/api/v1/articles/abc", 404, None),
    ("/api/v1/articles/1.5", 404, None),
    ("/api/v1/sections/%00", 404, None),
    ("/api/v1/sections/%FF", 404, None),
    ("/api/v1/tags/no-such-tag", 404, None),
    ("/api/v1/authors/no-such-author", 404, None),
    ("/api/v1/", 404, None),
    ("/api/v1/articles/", 404, None),
    ("/api/v1/..%2F..%2Fetc%2Fpasswd", 404, None),
    ("/api/v1/changes-nothing", 404, None),
    ("/api/v1/authors/a%0Ab", 404, None),  # a newline: the API's 404, not the site's
]

ARABIC = re.compile("[\u0600-\u06ff]")
LATIN = re.compile("[A-Za-z]")
# Tokens a message may quote whatever its language: examples of a value
# (2025-05-28T11:46:00Z), an address (/api/v1/openapi.json), "UTF-8".
TOKENS = re.compile(r"\S*[0-9/]\S*")


def _prose(document):
    """Every sentence of a problem document meant for a person."""
    texts = [document["title"], document["detail"]]
    texts += [error["detail"] for error in document.get("errors", [])]
    return [TOKENS.sub("", text) for text in texts]


@pytest.fixture
def content():
    ArticleFactory(tags=[TagFactory()], authors=[AuthorFactory()])


@pytest.mark.parametrize(("url", "status", "parameter"), HOSTILE)
def test_a_hostile_request_gets_an_arabic_problem(
    client, content, url, status, parameter
):
    document = problem(client.get(url), status)

    if parameter is not None:
        assert [error["parameter"] for error in document["errors"]] == [parameter]
    for text in _prose(document):
        assert ARABIC.search(text), text
        assert not LATIN.search(text), text


@pytest.mark.parametrize(("url", "status", "parameter"), HOSTILE)
def test_a_hostile_request_gets_an_english_problem(
    english, content, url, status, parameter
):
    response = english.get(url)
    document = problem(response, status)

    assert response["Content-Language"] == "en"
    if parameter is not None:
        assert [error["parameter"] for error in document["errors"]] == [parameter]
    for text in _prose(document):
        assert LATIN.search(text), text
        assert not ARABIC.search(text), text


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("", "ar"),
        ("en", "en"),
        ("en-GB,en;q=0.9", "en"),
        ("fr-FR,en;q=0.5,ar;q=0.9", "ar"),
        ("ar;q=0.1,en;q=0.2", "en"),
        ("en;q=0", "ar"),
        ("de, fr", "ar"),
        ("*", "ar"),
        ("en;q=abc", "ar"),
        ("x" * 5000, "ar"),
    ],
)
def test_the_language_is_the_accept_language_header_s(client, header, language):
    response = client.get("/api/v1/articles?limit=0", HTTP_ACCEPT_LANGUAGE=header)

    assert response["Content-Language"] == language
    assert "Accept-Language" in response["Vary"]


def test_problems_are_written_in_letters_not_escapes(client):
    response = client.get("/api/v1/articles?limit=0")

    assert "معاملات".encode() in response.content
    assert b"\\u06" not in response.content
    assert json.loads(response.content)["type"] == (
        "urn:khabar:problem:invalid-parameters"
    )


def test_every_refusal_is_listed_at_once(client):
    response = client.get("/api/v1/articles?limit=0&since=x&section=%00")

    assert sorted(e["parameter"] for e in problem(response, 400)["errors"]) == [
        "limit", "section", "since",
    ]  # fmt: skip


def test_a_choice_says_what_is_allowed(client):
    document = problem(client.get("/api/v1/most-read?window=1y"), 400)

    assert document["errors"][0]["allowed"] == ["24h", "7d"]


def test_problems_are_never_kept_by_a_cache(client, page_cache):
    response = client.get("/api/v1/articles?limit=0")

    assert response["Cache-Control"] == "no-store"
    assert "X-Khabar-Cache" not in response


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
@pytest.mark.parametrize(
    "url", ["/api/v1/articles", "/api/v1/openapi.json", "/api/v1/x"]
)
def test_writing_is_not_allowed(client, method, url):
    client.handler.enforce_csrf_checks = True
    response = getattr(client, method)(url)

    document = problem(response, 405)
    assert document["type"] == "urn:khabar:problem:method-not-allowed"
    assert response["Allow"] == "GET, HEAD"
