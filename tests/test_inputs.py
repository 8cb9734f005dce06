"""Inputs are checked at the edge: a 400 or a 404, never a 500 (issue 13).

The validators of khabar/inputs.py on tables of values, then each URL that
answered 500 before, through Django's test client.
"""

import datetime as dt

import pytest
from django.http import Http404
from django.test import Client

from khabar import inputs
from khabar.search.index import index_articles
from khabar.site import files
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

BIG = "9" * 26  # past 64 bits
HUGE = "9" * 5000  # past int()'s 4,300 digits


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0), ("7", 7), ("0042", 42), (str(inputs.MAX_ID), inputs.MAX_ID),
        (str(inputs.MAX_ID + 1), None), (BIG, None), (HUGE, None),
        ("²", None), ("¹⁰", None), ("٣", None), ("-1", None), ("+1", None),
        (" 1", None), ("1 ", None), ("1\n", None), ("1.0", None), ("", None),
        ("1e3", None), ("\x00", None), (None, None),
    ],
)  # fmt: skip
def test_whole_numbers_are_ascii_digits_within_64_bits(value, expected):
    assert inputs.whole_number(value) == expected


def test_whole_numbers_keep_to_their_range():
    assert inputs.whole_number("50", 1, 50) == 50
    assert inputs.whole_number("51", 1, 50) is None
    assert inputs.whole_number("0", 1, 50) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, 1), ("1", 1), ("12", 12), ("0", None), ("01", None), ("", None),
        ("-1", None), ("abc", None), ("²", None), (BIG, None), (HUGE, None),
    ],
)  # fmt: skip
def test_page_numbers_are_written_one_way(value, expected):
    assert inputs.page_number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05-28", dt.date(2025, 5, 28)),
        ("1900-01-01", dt.date(1900, 1, 1)),
        ("2100-12-31", dt.date(2100, 12, 31)),
        ("9999-12-31", None), ("0001-01-01", None), ("1899-12-31", None),
        ("2025-02-30", None), ("2025-5-28", None), ("20250528", None),
        ("٢٠٢٥-٠٥-٢٨", None), ("2025-05-28\x00", None), ("", None),
    ],
)  # fmt: skip
def test_days_are_iso_dates_of_sane_years(value, expected):
    assert inputs.day(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("politics", "politics"), ("سياسة-محلية", "سياسة-محلية"),
        ("a\x00b", None), ("a\x1fb", None), ("a\x7fb", None), ("a\x85b", None),
        ("a/b", None), ("", None), ("x" * 100, "x" * 100), ("x" * 101, None),
    ],
)  # fmt: skip
def test_slugs_hold_no_control_characters(value, expected):
    assert inputs.slug(value) == expected


# --- the URLs that answered 500 ---------------------------------------------


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.fixture
def content(db):
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    article = ArticleFactory(
        title="افتتاح مطار حلب", section=section, tags=[tag], authors=[author]
    )
    index_articles([article.pk])
    return section, tag, author


SEARCH = {"q": "مطار"}


@pytest.mark.parametrize("url", ["/search/", "/api/v1/search"])
@pytest.mark.parametrize(
    "params",
    [
        {"to": "9999-12-31"}, {"from": "0001-01-01"}, {"to": "2025-13-01"},
        {"section": "a\x00b"}, {"tag": "a\x00b"}, {"author": "a\x00b"},
        {"section": "x" * 5000},
    ],
)  # fmt: skip
def test_search_filters_no_date_or_slug_could_be_are_400s(client, content, url, params):
    assert client.get(url, {**SEARCH, **params}).status_code == 400


@pytest.mark.parametrize("page", [BIG, HUGE, "²", "0"])
def test_search_pages_no_number_could_be_are_404s(client, content, page):
    assert client.get("/search/", {**SEARCH, "page": page}).status_code == 404


@pytest.mark.parametrize("page", [BIG, HUGE, "²", "0"])
def test_search_api_pages_no_number_could_be_are_400s(client, content, page):
    assert client.get("/api/v1/search", {**SEARCH, "page": page}).status_code == 400


@pytest.mark.parametrize("limit", ["²", "¹⁰", "٣", HUGE, BIG, "0", "51", "-1", ""])
def test_most_read_limits_no_number_could_be_are_400s(client, db, limit):
    response = client.get("/api/v1/most-read", {"limit": limit})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert [error["parameter"] for error in response.json()["errors"]] == ["limit"]


@pytest.mark.parametrize("pk", [BIG, HUGE, str(inputs.MAX_ID + 1)])
def test_article_ids_past_64_bits_are_404s(client, db, pk):
    assert client.get(f"/a/{pk}").status_code == 404


def test_the_largest_64_bit_article_id_is_a_plain_404(client, db):
    assert client.get(f"/a/{inputs.MAX_ID}").status_code == 404


@pytest.mark.parametrize("prefix", ["/s/", "/t/", "/authors/"])
@pytest.mark.parametrize("suffix", ["", "rss/", "atom/"])
@pytest.mark.parametrize("slug", ["a\x00b", "a%00b", "\x1b", "x" * 101])
def test_slugs_with_control_characters_are_404s(client, db, prefix, suffix, slug):
    assert client.get(f"{prefix}{slug}/{suffix}").status_code == 404


def test_pages_of_real_slugs_still_answer(client, content):
    for obj in content:
        url = obj.get_absolute_url()
        for suffix in ("", "rss/", "atom/"):
            assert client.get(f"{url}{suffix}").status_code == 200, url + suffix


# --- uploaded files (khabar/site/files.py) ----------------------------------


@pytest.mark.parametrize("document_id", ["0", BIG, "9" * 155, HUGE, "٣"])
def test_document_ids_no_row_could_have_are_404s(rf, db, document_id):
    with pytest.raises(Http404):
        files.serve_document(rf.get("/"), document_id, "x.pdf")


@pytest.mark.parametrize(
    "name",
    [
        "images/" + "a" * 256, "images/" + "ب" * 128, "a" * 5000,
        "images/a\x00.jpg", "images/" + "a/" * 600,
    ],
)  # fmt: skip
def test_media_paths_no_file_could_have_are_404s(rf, tmp_path, name):
    (tmp_path / "images").mkdir()

    with pytest.raises(Http404):
        files.serve_media(rf.get("/"), name, document_root=tmp_path)


def test_media_files_are_still_served(rf, tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "صورة.jpg").write_bytes(b"jpeg")

    response = files.serve_media(rf.get("/"), "images/صورة.jpg", document_root=tmp_path)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"jpeg"
