"""WordPress post content into Khabar body blocks, on real exports.

The inputs are WordPress's own theme unit test data and an Arabic export
made by WordPress 6.1 (tests/wordpress/README.md says what each post
holds); the expectations are what those posts show on WordPress.
"""

import re
import time

import pytest
from lxml import etree

from khabar.importers.wordpress.autop import autop
from khabar.importers.wordpress.bodies import (
    AttachedImages,
    ImageSource,
    Report,
    convert,
)
from khabar.importers.wordpress.shortcodes import Shortcode, parse
from tests.importers.wordpress.files import ARABIC, theme_unit_test_data

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
WP = "{http://wordpress.org/export/1.2/}"


def items(path):
    """``(title, post id, post_content)`` of every item of a WXR file."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    tree = etree.parse(str(path), parser)
    for item in tree.iter("item"):
        post_id = item.findtext(f"{WP}post_id") or item.findtext(
            "{https://wordpress.org/export/1.2/}post_id"
        )
        yield item.findtext("title") or "", post_id, item.findtext(CONTENT) or ""


def theme_post(title):
    (content,) = [
        content for found, _, content in items(theme_unit_test_data()) if found == title
    ]
    return convert(content)


def arabic_post(post_id):
    (content,) = [c for _, found, c in items(ARABIC) if found == str(post_id)]
    return convert(content)


def kinds(body):
    return [kind for kind, _ in body.blocks]


def images(body):
    return [
        (value["image"].attachment_id, value["caption"])
        for kind, value in body.blocks
        if kind == "image"
    ]


def embeds(body):
    return [
        (value["url"], value["title"]) for kind, value in body.blocks if kind == "embed"
    ]


def strings(value):
    """Every string in a block value, images' fields included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, ImageSource):
        yield value.url
        yield value.alt


# Every item of both exports

UNSAFE = re.compile(r"<script|<iframe|<style|\son\w+\s*=|javascript:", re.I)
LEFT_OVER = re.compile(
    r"<!--\s*/?wp:|<!--(more|nextpage)|"
    r"\[/?(caption|wp_caption|gallery|embed|audio|video|playlist|contact-form-7|foo)\b"
)


@pytest.mark.parametrize("export", ["theme", "arabic"])
def test_every_item_converts_to_safe_blocks_without_markup_left(export):
    path = ARABIC if export == "arabic" else theme_unit_test_data()
    converted = 0
    for title, _, content in items(path):
        body = convert(content)
        for kind, value in body.blocks:
            assert kind in {
                "paragraph",
                "subheading",
                "quotation",
                "image",
                "embed",
            } or (kind == "attached_images" and isinstance(value, AttachedImages)), (
                title
            )
            for text in strings(value):
                assert not UNSAFE.search(text), (title, text)
                assert not LEFT_OVER.search(text), (title, text)
        assert body.pages[0] == 0
        assert body.pages == sorted(body.pages)
        assert body.pages[-1] <= len(body.blocks)
        assert body.more is None or 0 <= body.more <= len(body.blocks)
        converted += bool(body.blocks)
    assert converted > (80 if export == "theme" else 30)


# The Arabic export (tests/wordpress/README.md)


def test_classic_paragraphs_come_from_blank_lines():
    body = arabic_post(9)

    assert kinds(body) == ["paragraph"] * 3
    assert "<b>عشرة آلاف مشروع</b>" in body.blocks[1][1]


def test_block_post_keeps_heading_list_and_quote_with_attribution():
    body = arabic_post(11)

    assert kinds(body) == [
        "paragraph",
        "subheading",
        "paragraph",
        "paragraph",
        "quotation",
    ]
    assert body.blocks[1][1] == "ماذا يعني القرار للأسواق؟"
    assert body.blocks[3][1].startswith("<ul><li>خام برنت")
    assert body.blocks[4][1] == {
        "text": "السوق كانت تنتظر هذه الإشارة منذ بداية العام.",
        "attribution": "محلل في أحد المصارف الاستثمارية",
    }
    assert body.reports == []


def test_embed_block_keeps_its_caption_as_title():
    assert embeds(arabic_post(12)) == [
        ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", "ملخص المباراة")
    ]


def test_three_page_story_gives_page_starts_and_more():
    body = arabic_post(18)

    assert body.pages == [0, 2, 4]
    assert body.more == 1
    assert body.blocks[2] == ("subheading", "التحلية ليست حلاً كاملاً")
    assert body.blocks[4] == ("subheading", "ما الذي يمكن فعله؟")


def test_captions_in_both_forms_become_images_with_captions():
    body = arabic_post(19)

    assert kinds(body) == ["paragraph", "image", "paragraph", "image"]
    first, second = body.blocks[1][1], body.blocks[3][1]
    assert first["caption"] == "سوق الذهب في المدينة القديمة قبيل افتتاح المهرجان"
    assert first["image"] == ImageSource(
        6,
        "http://example.test/wp-content/uploads/2024/03/سوق-الذهب-300x200.jpg",
        "واجهات محلات الذهب",
    )
    assert second["caption"] == "الأمطار لم تمنع الزوار من الحضور"
    assert second["image"].url.endswith("/rain-2-300x200.jpg")


def test_gallery_with_ids_gives_one_image_per_id_in_order():
    body = arabic_post(20)

    assert kinds(body) == ["paragraph", "image", "image", "image", "paragraph"]
    assert images(body) == [(7, ""), (8, ""), (6, "")]


def test_gallery_without_ids_is_resolved_with_the_posts_attachments():
    body = arabic_post(21)
    assert body.blocks[-1] == ("attached_images", AttachedImages())

    resolved = body.with_attached_images(
        lambda marker: [ImageSource(22), ImageSource(23)]
    )

    assert kinds(resolved) == ["paragraph", "image", "image"]
    assert images(resolved) == [(22, ""), (23, "")]


def test_embed_bare_url_audio_and_video_become_embeds_and_unknown_is_reported():
    body = arabic_post(24)

    assert embeds(body) == [
        ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", ""),
        ("https://www.youtube.com/watch?v=ScMzIvxBSi4", ""),
        ("http://example.test/wp-content/uploads/2024/03/interview.mp3", ""),
        ("http://example.test/wp-content/uploads/2024/03/interview.mp4", ""),
    ]
    assert kinds(body)[-2:] == ["embed", "embed"]  # [foo bar="1"] is gone
    assert body.reports == [Report("shortcode", "[foo]", "removed")]


def test_block_post_with_image_gallery_html_embed_and_unknown_block():
    body = arabic_post(25)

    assert kinds(body) == [
        "paragraph", "image", "subheading", "paragraph", "image", "image",
        "quotation", "paragraph", "embed",
    ]  # fmt: skip
    assert body.more == 2
    assert images(body) == [
        (8, "فيضانات الشهر الماضي كانت حاضرة في نقاشات القمة"),
        (7, ""),
        (6, ""),
    ]
    assert body.blocks[3][1].startswith("<ol><li>صندوق")
    assert body.blocks[7][1] == (
        '<p><b>حقائق:</b> شاركت في القمة 14 دولة و<a href="https://climate.example.test/">'
        "منظمات دولية</a>.</p>"
    )
    assert embeds(body) == [
        ("https://twitter.com/example/status/1772000000000000000", "")
    ]
    assert body.reports == [
        Report("block", "core/html", "kept as sanitised HTML"),
        Report("block", "acme/poll", "dropped: no content stored"),
    ]


def test_contact_form_shortcode_is_removed_and_reported():
    body = arabic_post(44)

    assert kinds(body) == ["paragraph"]
    assert body.reports == [Report("shortcode", "[contact-form-7]", "removed")]
    assert str(body.reports[0]) == "shortcode [contact-form-7]: removed"


def test_zero_width_non_joiner_is_kept_in_the_text():
    assert "خانه\u200cی دوست" in arabic_post(26).blocks[0][1]


# WordPress's theme unit test data


def test_theme_gallery_post_has_a_page_break_and_ten_attached_galleries():
    body = theme_post("Post Format: Gallery")

    assert body.pages == [0, 1]
    assert kinds(body).count("attached_images") == 10
    assert body.blocks[0] == ("attached_images", AttachedImages())


def test_theme_tiled_gallery_lists_its_ids():
    assert images(theme_post("Post Format: Gallery (Tiled)")) == [
        (755, ""), (757, ""), (758, ""), (760, ""), (766, ""), (763, ""),
    ]  # fmt: skip


def test_theme_image_alignment_keeps_every_image_and_caption():
    body = theme_post("Markup: Image Alignment")

    assert images(body) == [
        (906, ""), (904, ""), (907, ""), (907, ""), (905, ""),
        (906, "Look at 580x300 getting some caption love."),
        (904, "Bigger caption than the image usually is."),
        (907, "Comment for massive image for your eyeballs."),
        (907, "This massive image is centered."),
        (905, "Feels good to be right all the time."),
        (827, ""),
    ]  # fmt: skip
    assert body.reports == []


def test_theme_html_tags_post_keeps_headings_and_quotations():
    body = theme_post("Markup: HTML Tags and Formatting")

    assert kinds(body)[:8] == ["paragraph"] + ["subheading"] * 7
    assert [v for k, v in body.blocks[1:7]] == [
        "Header one", "Header two", "Header three",
        "Header four", "Header five", "Header six",
    ]  # fmt: skip
    quotations = [value for kind, value in body.blocks if kind == "quotation"]
    assert quotations[0] == {"text": "Stay hungry. Stay foolish.", "attribution": ""}
    assert "image" not in kinds(body)


def test_theme_caption_shortcodes_in_both_forms():
    assert images(theme_post("Post Format: Image (Caption)")) == [
        (754, "Bell on wharf in San Francisco")
    ]
    assert images(theme_post("Post Format: Image (Linked)")) == [
        (
            612,
            "Chunk of resinous blackboy husk, Clarkson, Western Australia. "
            "This burns like a spinifex log.",
        )
    ]


def test_theme_prose_in_brackets_is_not_a_shortcode():
    body = theme_post("Post Format: Standard")

    assert body.more == 1
    assert any("[simple boat]" in value for kind, value in body.blocks)
    assert body.reports == []


def test_theme_bare_urls_and_audio_shortcode_become_embeds():
    assert embeds(theme_post("Post Format: Video (YouTube)")) == [
        ("https://www.youtube.com/watch?v=SQEQr7c0-dw", "")
    ]
    assert embeds(theme_post("Media: Twitter Embeds")) == [
        ("https://twitter.com/nacin/status/319508408669708289", "")
    ]
    (audio,) = embeds(theme_post("Post Format: Audio"))
    assert audio[0].endswith("/originaldixielandjazzbandwithalbernard-stlouisblues.mp3")


def test_theme_paginated_post():
    body = theme_post("Template: Paginated")

    assert body.pages == [0, 1, 2]
    assert kinds(body) == ["paragraph"] * 3


def test_theme_quote_and_pullquote_blocks_keep_their_citations():
    quotations = [
        value
        for kind, value in theme_post("Block: Quote").blocks
        if kind == "quotation"
    ]

    assert [q["attribution"] for q in quotations] == [
        "The Gutenberg Team", "Johannes Gutenberg", "Theme Review",
        "Theme Reviewer", "Theme Reviewer",
    ]  # fmt: skip
    assert quotations[0]["text"] == "Gutenberg is more than an editor."


def test_theme_legacy_embed_blocks():
    assert embeds(theme_post("Block category: Embeds")) == [
        (
            "https://twitter.com/WordPress/status/1057136472321613824",
            "Twitter, wide width",
        ),
        ("https://youtu.be/ex8fMxXJDJw", "YouTube"),
        ("https://www.facebook.com/6427302910/posts/10156380423617911/", ""),
        (
            "https://www.instagram.com/p/BpmueLLgEn_/"
            "?utm_source=ig_share_sheet&igshid=1hcxphic7p9e2",
            "",
        ),
        (
            "https://wordpress.tv/2018/10/14/"
            "kjell-reigstad-allan-cole-how-we-made-our-first-gutenberg-powered-theme/",
            "WordPress TV, full width",
        ),
    ]


def test_theme_widget_blocks_are_reported_and_shortcode_block_is_read():
    body = theme_post("Block category: Widgets")

    assert images(body) == [(770, ""), (771, "")]
    dropped = {r.name for r in body.reports if r.action == "dropped: no content stored"}
    assert dropped == {
        "core/archives", "core/calendar", "core/categories", "core/latest-comments",
        "core/latest-posts", "core/search", "core/tag-cloud", "core/rss",
    }  # fmt: skip


def test_theme_layout_blocks_more_and_page_break():
    body = theme_post("Block category: Layout Elements")

    assert body.more == 4
    assert body.pages == [0, 19]
    assert body.blocks[19] == (
        "paragraph",
        "<p>This paragraph block is on page two, after the page break.</p>",
    )
    assert [i for i, _ in images(body)] == [757, 755]  # media & text
    assert body.reports == []  # separators and spacers go silently


def test_theme_common_blocks_old_gallery_audio_video_and_cover():
    body = theme_post("Block category: Common")

    assert [i for i, _ in images(body)] == [968, 769, 768, 767, 770, 807, 766, 759]
    assert images(body)[1] == (769, "Jericoacoara Ceara Brasil")
    urls = [url for url, _ in embeds(body)]
    assert urls[0].endswith("stlouisblues.mp3")
    assert embeds(body)[1][1] == "This is a video block caption."


# The pieces: automatic paragraphs and the shortcode grammar


def test_autop_follows_wordpress_rules():
    assert autop("one\ntwo\n\nthree") == "<p>one<br />\ntwo</p>\n<p>three</p>"
    assert autop("<div>\ninside\n</div>") == "<div>\ninside\n</div>"
    assert autop("a<br><br>b") == "<p>a</p>\n<p>b</p>"
    assert autop("x\n<pre>1\n\n2</pre>\ny") == "<p>x</p>\n<pre>1\n\n2</pre>\n<p>y</p>"
    assert autop("<a\nhref='/'>link</a>") == "<p><a href='/'>link</a></p>"
    assert autop(" \n\n ") == ""


def test_shortcode_grammar():
    text = (
        "[gallery ids=\"1,2\" columns='3' size=medium] [[gallery]] "
        "[embed]https://x.test/v[/embed] [audio https://x.test/a.mp3 /] [sic]"
    )

    assert parse(text, {"gallery", "embed", "audio"}) == [
        Shortcode("gallery", {"ids": "1,2", "columns": "3", "size": "medium"}),
        " [gallery] ",
        Shortcode("embed", content="https://x.test/v"),
        " ",
        Shortcode("audio", positional=["https://x.test/a.mp3"]),
        " [sic]",
    ]


def test_unknown_enclosing_shortcodes_are_unwrapped_and_reported():
    body = convert(
        '[vc_row][vc_column el_class="x"]<p>نص المقال</p>[/vc_column][/vc_row]'
    )

    assert body.blocks == [("paragraph", "<p>نص المقال</p>")]
    assert {r.name for r in body.reports} == {"[vc_row]", "[vc_column]"}


# Hostile input: a clear outcome, no exception, bounded time

HOSTILE = {
    "brackets nested": "[" * 10_000 + "x" + "]" * 10_000,
    "shortcodes nested": "[foo a=1]" * 10_000 + "text" + "[/foo]" * 10_000,
    "captions nested": "[caption]" * 10_000 + "<img src=x>" + "[/caption]" * 10_000,
    "openings without end": "[foo " * 10_000,
    "enormous attribute": '[gallery ids="' + "1," * 200_000 + '"]',
    "enormous quoted value": '[foo bar="' + "x" * 1_000_000 + '"]after',
    "enormous block attribute": '<!-- wp:image {"alt":"' + "x" * 1_000_000 + '"} /-->',
    "block comments unbalanced": "<!-- wp:group --><p>a</p><!-- /wp:columns -->"
    "<!-- wp:columns --><p>b</p><!-- /wp:group -->" * 1_000,
    "blocks nested": "<!-- wp:group -->" * 10_000 + "<p>deep</p>",
    "figures unclosed": "<figure><img src=https://x.test/i.jpg>" * 10_000,
    "comments unclosed": "<!-- wp:paragraph" * 10_000,
    "bad json": '<!-- wp:image {"id":' + "[" * 100_000 + "} /-->",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_content_converts_quickly(name):
    started = time.monotonic()
    body = convert(HOSTILE[name])
    assert time.monotonic() - started < 10
    for _, value in body.blocks:
        for text in strings(value):
            assert not UNSAFE.search(text)


def test_unbalanced_block_comments_are_repaired_and_reported():
    body = convert("<!-- wp:group --><p>a</p><!-- /wp:columns --><p>b</p>")

    assert kinds(body) == ["paragraph", "paragraph"]
    assert (
        Report(
            "markup", "core/columns", "closing comment without an opening one, ignored"
        )
        in body.reports
    )
    assert (
        Report("markup", "core/group", "not closed, closed at the end") in body.reports
    )


def test_scripts_handlers_and_javascript_addresses_never_survive():
    body = convert(
        '<p onclick="x()">a<script>alert(1)</script></p>\n\n'
        '<img src="javascript:alert(1)" onerror="alert(2)">\n\n'
        "[embed]javascript:alert(3)[/embed]\n\n"
        '<!-- wp:embed {"url":"javascript:alert(4)"} /-->\n\n'
        '[caption caption="<script>x</script>t"]<img src="https://x.test/i.jpg">[/caption]\n\n'
        '<a href="javascript:alert(5)">link</a>'
    )

    for _, value in body.blocks:
        for text in strings(value):
            assert not UNSAFE.search(text), text
    assert ("embed", "[embed]") in {(r.what, r.name) for r in body.reports}
