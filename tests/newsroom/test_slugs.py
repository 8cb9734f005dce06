"""Slugs: one rule for the newsroom's forms and the importer."""

import pytest

from khabar.newsroom.models import Tag
from khabar.newsroom.slugs import free_slug, unique_slug
from tests.factories import TagFactory


@pytest.mark.parametrize(
    ("text", "taken", "slug"),
    [
        ("سياسة", set(), "سياسة"),
        ("أخبار العالم", set(), "أخبار-العالم"),
        ("Sport & Health", set(), "sport-health"),
        ("!!!", set(), "x"),
        ("سياسة", {"سياسة"}, "سياسة-2"),
        ("سياسة", {"سياسة", "سياسة-2"}, "سياسة-3"),
    ],
)
def test_free_slug(text, taken, slug):
    assert free_slug(text, taken.__contains__) == slug


@pytest.mark.django_db
def test_unique_slug_skips_other_rows_but_not_the_row_itself():
    tag = TagFactory(name="اقتصاد")
    assert tag.slug == "اقتصاد"
    assert unique_slug(Tag, "اقتصاد") == "اقتصاد-2"
    assert unique_slug(Tag, "اقتصاد", instance_pk=tag.pk) == "اقتصاد"
