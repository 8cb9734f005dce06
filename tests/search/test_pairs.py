"""PostgreSQL's index pairs every two neighbouring words, so that phrases
need no positions read from each candidate (pure functions: these run on
either database)."""

import pytest

from khabar.arabic.analyzer import analyse
from khabar.search.backends.postgres import (
    _bounds,
    pairs,
    tsquery,
    tsvector,
)
from khabar.search.documents import IndexEntry
from khabar.search.query import parse


def _entry(title, summary="", body=""):
    return IndexEntry(
        article_id=1,
        section_id=1,
        published=0,
        key=0,
        expires=None,
        source_updated_at=None,
        terms={
            "title": analyse(title),
            "summary": analyse(summary),
            "body": analyse(body),
        },
    )


def _lexemes(vector):
    return {item.split("'")[1]: item.split("'")[2] for item in vector.split(" ")}


def test_every_two_neighbouring_stems_make_a_pair():
    assert pairs(["وزير", "في", "حكوم"]) == ["وزير_في", "في_حكوم"]
    assert pairs(["نصايح", "مختص"]) == ["نصايح_مختص"]
    assert pairs(["دمشق"]) == []


def test_the_vector_holds_pairs_without_positions_and_within_a_field():
    lexemes = _lexemes(tsvector(_entry("مؤتمر في", "دمشق اليوم", "وصل الوزير في دمشق")))

    assert lexemes["في_دمشق"] == ""  # from the body; no positions
    assert lexemes["موتمر_في"] == ""
    assert lexemes["دمشق"] != ""
    # The title's last word and the summary's first never make a pair.
    assert sum(lexeme.startswith("في_") for lexeme in lexemes) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"وزير الخارجية"', "(('وزير_خارج'))"),
        ('"نصائح مختصين"', "(('نصايح_مختص'))"),
        ('"وزير في الحكومة"', "(('وزير' <-> 'في' <-> 'حكوم' & 'وزير_في' & 'في_حكوم'))"),
    ],
)
def test_a_phrase_queries_its_pairs(text, expected):
    assert tsquery(parse(text)) == expected


def test_a_phrase_is_estimated_by_its_pairs():
    """The planner's estimates of these bound the phrase's matches."""
    (phrase,) = parse('"وزير في الحكومة"').phrases

    assert _bounds(phrase) == ["'وزير_في'", "'في_حكوم'"]
