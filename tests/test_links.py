"""khabar.links builds the same paths as Django's reverse()."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from khabar.links import link, parts, quote_argument

ARGUMENTS = [
    1,
    987654,
    "economy",
    "اقتصاد",
    "الشرق-الأوسط",
    "كرة_القدم",
    "a b",
    "100%",
    "x?y#z",
    "ñandú",
]


@pytest.mark.parametrize("name", ["site:section", "site:tag", "site:author"])
@pytest.mark.parametrize("argument", ARGUMENTS)
def test_slug_links_equal_reverse(name, argument):
    assert link(name, argument) == reverse(name, args=[argument])


@pytest.mark.parametrize("pk", [1, 42, 1_000_000])
def test_article_links_equal_reverse(pk):
    assert link("site:article", pk) == reverse("site:article", args=[pk])


@pytest.mark.parametrize("name", ["site:section", "site:tag", "site:author"])
@pytest.mark.parametrize("argument", [a for a in ARGUMENTS if isinstance(a, str)])
def test_parts_build_the_same_links(name, argument):
    """The sitemaps' way (parts once, then one quote per row)."""
    before, after = parts(name)
    assert before + quote_argument(argument) + after == reverse(name, args=[argument])


def test_script_prefix_is_kept():
    link("site:tag", "warm")  # built once under the default prefix
    set_script_prefix("/الخبر/")
    try:
        assert link("site:tag", "اقتصاد") == reverse("site:tag", args=["اقتصاد"])
        assert link("site:article", 7).startswith("/%D8%A7")
        before, after = parts("site:article")
        assert before + "7" + after == reverse("site:article", args=[7])
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize("argument", ["", "a/b"])
def test_what_reverse_refuses_is_refused(argument):
    with pytest.raises(NoReverseMatch):
        link("site:section", argument)


def test_an_article_link_takes_only_a_number():
    with pytest.raises(NoReverseMatch):
        link("site:article", "abc")
