"""The news themes' meta (khabar/importers/wordpress/meta.py), read from
the Arabic export made by WordPress."""

import pytest

from khabar.importers.wordpress.meta import (
    VIEW_KEYS,
    Link,
    SeoContext,
    expand_template,
    read_meta,
)
from khabar.importers.wordpress.slugs import decode_slug
from khabar.importers.wordpress.wxr import Item, read_wxr
from tests.importers.wordpress.files import ARABIC, expected


@pytest.fixture(scope="module")
def items():
    return {r.id: r for r in read_wxr(ARABIC) if isinstance(r, Item)}


def holders(key):
    return {h["post_ID"]: h["value"] for h in expected()["meta"][key]}


def test_views_are_the_largest_counter_with_its_key(items):
    counts = {}
    for key in VIEW_KEYS:
        for post_id, value in holders(key).items():
            counts.setdefault(post_id, {})[key] = int(value)

    for post_id, found in counts.items():
        meta = read_meta(items[post_id].meta)
        assert meta.views_found == found
        assert meta.views == max(found.values())
        assert found[meta.views_key] == meta.views
    # Two counters that agree: the first in VIEW_KEYS names the source.
    both = next(i for i, f in counts.items() if len(set(f.values())) == 1 < len(f))
    assert read_meta(items[both].meta).views_key == min(
        counts[both], key=VIEW_KEYS.index
    )


def test_kickers_from_jannah_tagdiv_and_betterstudio(items):
    wanted = {
        **{i: v["td_subtitle"] for i, v in holders("td_post_theme_settings").items()},
        **holders("bs_subtitle"),
        **holders("tie_post_sub_title"),
    }

    assert {i: read_meta(items[i].meta).kicker for i in wanted} == wanted
    keys = {read_meta(items[i].meta).kicker_key for i in wanted}
    assert keys == {
        "tie_post_sub_title",
        "td_post_theme_settings:td_subtitle",
        "bs_subtitle",
    }


def test_sources_and_vias(items):
    for post_id, value in holders("tie_source").items():
        links = read_meta(items[post_id].meta).sources
        assert links == tuple(Link(**entry) for entry in value)
    for post_id, value in holders("tie_via").items():
        assert read_meta(items[post_id].meta).vias == tuple(Link(**e) for e in value)
    for post_id, value in holders("td_post_theme_settings").items():
        meta = read_meta(items[post_id].meta)
        if "td_source" in value:
            assert meta.sources == (Link(value["td_source"], value["td_source_url"]),)
            assert meta.vias == (Link(value["td_via"], value["td_via_url"]),)


def test_primary_category_from_seo_plugins_then_themes(items):
    yoast = holders("_yoast_wpseo_primary_category")
    rank_math = holders("rank_math_primary_category")
    betterstudio = holders("_bs_primary_category")
    tagdiv = {
        i: v["td_primary_cat"] for i, v in holders("td_post_theme_settings").items()
    }
    wanted = {**tagdiv, **betterstudio, **rank_math, **yoast}

    for post_id, term_id in wanted.items():
        assert read_meta(items[post_id].meta).primary_category == int(term_id)
    assert set(yoast) & set(rank_math)  # both plugins on one post, agreeing
    problems = [p for i in wanted for p in read_meta(items[i].meta).problems]
    assert not [p for p in problems if p.startswith("primary category")]


def test_a_disagreement_on_the_primary_category_is_reported():
    meta = read_meta(
        {"_yoast_wpseo_primary_category": ["9"], "rank_math_primary_category": ["10"]}
    )

    assert meta.primary_category == 9
    assert meta.problems == (
        "primary category: _yoast_wpseo_primary_category says 9, "
        "rank_math_primary_category says 10; _yoast_wpseo_primary_category is used",
    )


def test_yoast_and_rank_math_titles_are_expanded(items):
    context = SeoContext(title="", sitename=expected()["site"]["blogname"])
    for key in ("_yoast_wpseo_title", "rank_math_title"):
        for post_id in holders(key):
            item = items[post_id]
            meta = read_meta(item.meta, SeoContext(item.title, context.sitename))
            assert meta.seo_title == f"{item.title} - {context.sitename}"
            assert "%" not in meta.seo_title
    assert (
        read_meta(items[11].meta).seo_description
        == holders("rank_math_description")[11]
    )
    assert read_meta(items[9].meta).seo_description_key == "_yoast_wpseo_metadesc"


def test_a_template_with_an_unknown_variable_is_dropped_and_reported():
    meta = read_meta(
        {
            "_yoast_wpseo_title": ["%%title%% %%cf_source%%"],
            "rank_math_title": ["%title% | %customfield(x)%"],
            "_yoast_wpseo_metadesc": ["%%excerpt%%"],  # no excerpt known
        },
        SeoContext(title="خبر"),
    )

    assert (meta.seo_title, meta.seo_description) == ("", "")
    assert len(meta.problems) == 3
    assert "%%cf_source%%" in meta.problems[0]


@pytest.mark.parametrize(
    ("template", "text"),
    [
        ("%%title%% %%sep%% %%sitename%%", "عنوان | خبر"),
        ("%%title%% %%page%% %%sep%% %%sitename%%", "عنوان | خبر"),
        ("%%title%% %%sep%% %%page%%", "عنوان"),
        ("%title% %sep% %primary_category%", "عنوان | سياسة"),
        ("خصم 50% على %title%", "خصم 50% على عنوان"),
    ],
)
def test_template_expansion(template, text):
    context = SeoContext(
        title="عنوان", sitename="خبر", sep="|", primary_category="سياسة"
    )

    assert expand_template(template, context) == (text, None)


def test_old_slugs_and_featured_image(items):
    for post_id, value in holders("_wp_old_slug").items():
        assert read_meta(items[post_id].meta).old_slugs == (decode_slug(value),)
    for post_id, value in holders("_thumbnail_id").items():
        assert read_meta(items[post_id].meta).thumbnail_id == int(value)


def test_damaged_serialised_meta_is_reported_not_raised():
    meta = read_meta(
        {"td_post_theme_settings": ['a:1:{s:11:"td_subtitle";s:3:"خبر";}']}
    )

    assert meta.kicker == ""
    assert "td_post_theme_settings: not readable PHP data" in meta.problems[0]
