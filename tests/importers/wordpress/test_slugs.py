"""Slug decoding and path spellings (khabar/importers/wordpress/slugs.py)."""

import pytest

from khabar.importers.wordpress.slugs import clean_slug, decode_slug
from tests.importers.wordpress.files import expected


def stored_slugs():
    """Every slug of the Arabic export with WordPress's own decoding."""
    for post in expected()["posts"]:
        yield post["post_name"], post["post_name_decoded"]
    for terms in expected()["terms"].values():
        for term in terms:
            yield term["slug"], term["slug_decoded"]


def test_the_arabic_exports_slugs_decode_as_wordpress_decodes_them():
    pairs = list(stored_slugs())

    assert len(pairs) > 60
    for stored, decoded in pairs:
        assert decode_slug(stored) == decoded


def test_the_arabic_export_has_slugs_cut_at_200_encoded_characters():
    cut = [p for p in expected()["posts"] if len(p["post_name"]) >= 196]

    assert cut
    for post in cut:
        assert len(post["post_name"]) <= 200
        assert decode_slug(post["post_name"]) == post["post_name_decoded"]


@pytest.mark.parametrize("tail", ["%", "%d", "%d8", "%d8%"])
def test_an_escape_cut_in_the_middle_is_dropped(tail):
    stored = expected()["terms"]["post_tag"][0]["slug"]  # الانتخابات
    decoded = expected()["terms"]["post_tag"][0]["slug_decoded"]

    assert decode_slug(stored + "-" + tail) == decoded + "-"


def test_upper_case_escapes_decode_alike():
    stored = expected()["terms"]["category"][1]["slug"]

    assert (
        decode_slug(stored.upper())
        == expected()["terms"]["category"][1]["slug_decoded"]
    )


def test_bytes_that_are_not_utf8_stay_escaped():
    assert decode_slug("a%ff-b") == "a%ff-b"


def test_bidi_and_zero_width_characters_leave_slugs():
    # The export's film title has a ZWNJ and an RLM; WordPress dropped them
    # from the slug, and so does decoding one that kept them.
    title_post = next(p for p in expected()["posts"] if "\u200c" in p["title"])
    assert "\u200f" in title_post["title"]
    with_marks = "%e2%80%8f" + title_post["post_name"] + "%e2%80%8c%ef%bb%bf"

    assert decode_slug(with_marks) == title_post["post_name_decoded"]
    for mark in "\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\u2069\ufeff":
        assert clean_slug(f"خانه{mark}ی") == "خانهی"
