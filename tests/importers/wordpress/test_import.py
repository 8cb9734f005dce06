"""`khabar import-wxr`: real WordPress exports into the newsroom."""

import datetime as dt
import re
import shutil
from collections import Counter

import pytest
from django.core.management import CommandError
from wagtail.models import Revision

from khabar.importers.models import WordPressComment
from khabar.importers.wordpress.meta import PRIMARY_CATEGORY_KEYS, VIEW_KEYS
from khabar.newsroom.models import Article, Section, Tag
from tests.importers.wordpress.files import (
    ARABIC,
    UPLOADS,
    expected,
    import_wxr,
    theme_unit_test_data,
)

pytestmark = pytest.mark.django_db


def utc(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def states():
    """Articles by (live, scheduled, section is the pages section)."""
    return Counter(
        (a.live, a.go_live_at is not None, a.section.name == "صفحات")
        for a in Article.objects.select_related("section")
    )


# WordPress's theme unit test data.

THEME_STATES = {
    # 56 published posts, one of them password-protected: a draft.
    (True, False, False): 55,
    (False, False, False): 2,  # the draft, the password-protected post
    (False, True, False): 1,  # the future post
    (False, False, True): 21,  # pages, drafts by default
}


def test_theme_unit_test_data_imports_with_exact_counts():
    out = import_wxr(theme_unit_test_data())

    assert states() == THEME_STATES
    assert WordPressComment.objects.count() == 33
    assert "79 articles (79 created, 0 updated, 1 scheduled)" in out
    assert "post publish → live: 55" in out
    assert "post publish → draft: 1" in out
    assert "post future → scheduled: 1" in out
    assert "post draft → draft: 1" in out
    assert "page publish → draft: 21" in out
    assert "post: password-protected: kept as a draft, never public: 1" in out
    assert "Comments kept: 33" in out


def test_theme_unit_test_data_keeps_ids_statuses_and_times():
    import_wxr(theme_unit_test_data())

    protected = Article.objects.get(pk=1168)
    assert not protected.live
    future = Article.objects.get(pk=1153)
    assert not future.live
    assert future.go_live_at == dt.datetime(2030, 1, 1, 19, 0, 18, tzinfo=dt.UTC)
    revision = Revision.objects.get(object_id="1153")
    assert revision.approved_go_live_at == future.go_live_at
    assert not Article.objects.get(pk=1164).live  # the draft with no slug
    assert not Article.objects.visible().filter(pk__in=[1168, 1153, 1164]).exists()


def test_importing_again_updates_instead_of_duplicating():
    import_wxr(theme_unit_test_data())
    first = {a.pk: (a.title, a.live, a.section_id) for a in Article.objects.all()}

    out = import_wxr(theme_unit_test_data())

    assert "79 articles (0 created, 79 updated, 1 scheduled)" in out
    assert states() == THEME_STATES
    again = {a.pk: (a.title, a.live, a.section_id) for a in Article.objects.all()}
    assert again == first
    assert WordPressComment.objects.count() == 33
    # Still one approved schedule for the future post, not two.
    assert Revision.objects.filter(approved_go_live_at__isnull=False).count() == 1


def test_pages_can_be_skipped_or_published():
    out = import_wxr(theme_unit_test_data(), pages="skip")
    assert Article.objects.count() == 58
    assert "page: pages are skipped (--pages skip): 21" in out

    import_wxr(theme_unit_test_data(), pages="live")
    assert Article.objects.filter(section__name="صفحات", live=True).count() == 21


# The Arabic export made by real WordPress.


@pytest.fixture
def arabic():
    return import_wxr(ARABIC, media_dir=str(UPLOADS))


def articles_of(type_):
    return [p for p in expected()["posts"] if p["post_type"] == type_]


def test_arabic_statuses_match_wordpress(arabic):
    for post in articles_of("post"):
        article = Article.objects.filter(pk=post["ID"]).first()
        if post["status"] == "trash":
            assert article is None
            continue
        public = post["status"] == "publish" and not post["has_password"]
        assert article.is_visible() is public, post["ID"]
        if post["status"] == "future":
            assert article.go_live_at == utc(post["date_gmt"])
            assert Revision.objects.get(
                object_id=str(post["ID"])
            ).approved_go_live_at == utc(post["date_gmt"])
        else:
            assert article.go_live_at is None
        if public:
            assert article.first_published_at == utc(post["date_gmt"])
    assert "post private → draft: 1" in arabic
    assert "post trash → skipped: 1" in arabic
    assert "post future → scheduled: 2" in arabic
    assert "post: pending review: kept as a draft: 1" in arabic


def test_arabic_titles_and_bylines(arabic):
    users = {user["login"]: user["display_name"] for user in expected()["users"]}
    guests = {
        p["post_name"]: p["title"]
        for p in expected()["posts"]
        if p["post_type"] == "guest-author"
    }
    for post in articles_of("post"):
        if post["status"] == "trash":
            continue
        article = Article.objects.get(pk=post["ID"])
        assert article.title == post["title"]
        names = [a.author.name for a in article.article_authors.order_by("sort_order")]
        if post["bylines"]:
            wanted = [
                users.get(slug.removeprefix("cap-")) or guests[slug]
                for slug in post["bylines"]
            ]
        else:
            wanted = [users[post["author"]]]
        assert names == wanted, post["ID"]


def test_arabic_sections_are_primary_categories_with_arabic_slugs(arabic):
    terms = {t["term_id"]: t for t in expected()["terms"]["category"]}
    by_slug = {t["slug"]: t for t in terms.values()}
    meta = expected()["meta"]

    def path(term):
        names = [term["name"]]
        while term["parent"]:
            term = terms[term["parent"]]
            names.append(term["name"])
        return " › ".join(reversed(names))

    for post in articles_of("post"):
        if post["status"] == "trash":
            continue
        primary = None
        for key in PRIMARY_CATEGORY_KEYS:
            holder, _, setting = key.partition(":")
            for entry in meta.get(holder, []):
                if entry["post_ID"] != post["ID"]:
                    continue
                value = entry["value"][setting] if setting else entry["value"]
                if primary is None and str(value).isdigit() and int(value):
                    primary = terms[int(value)]
        term = primary or by_slug[post["categories"][0]]
        section = Article.objects.get(pk=post["ID"]).section
        assert section.name == path(term), post["ID"]
        assert section.slug == term["slug_decoded"]
    assert Section.objects.get(slug="sports")
    tag_slugs = {t["slug_decoded"] for t in expected()["terms"]["post_tag"]}
    assert tag_slugs <= set(Tag.objects.values_list("slug", flat=True))


def test_arabic_kickers_views_and_their_keys(arabic):
    meta = expected()["meta"]
    for post in articles_of("post"):
        if post["status"] == "trash":
            continue
        article = Article.objects.get(pk=post["ID"])
        counts = {
            key: int(entry["value"])
            for key in VIEW_KEYS
            for entry in meta.get(key, [])
            if entry["post_ID"] == post["ID"]
        }
        assert article.view_count == max(counts.values(), default=0), post["ID"]
    subtitles = {e["post_ID"]: e["value"] for e in meta["tie_post_sub_title"]}
    for entry in meta["td_post_theme_settings"]:
        subtitles.setdefault(entry["post_ID"], entry["value"].get("td_subtitle"))
    for entry in meta["bs_subtitle"]:
        subtitles.setdefault(entry["post_ID"], entry["value"])
    for post_id, subtitle in subtitles.items():
        if subtitle:
            assert Article.objects.get(pk=post_id).kicker == subtitle
    assert "View counts, by the meta key they came from (posts):" in arabic
    for key in VIEW_KEYS:
        assert f"  {key}: " in arabic


def test_arabic_source_and_via_credits_end_the_body(arabic):
    meta = expected()["meta"]
    credited = {e["post_ID"] for key in ("tie_source", "tie_via") for e in meta[key]}
    assert credited
    for post_id in credited:
        block = list(Article.objects.get(pk=post_id).body.raw_data)[-1]
        last_kind, last = block["type"], block["value"]
        for key, label in (("tie_source", "المصدر"), ("tie_via", "عبر")):
            for entry in meta[key]:
                if entry["post_ID"] != post_id:
                    continue
                assert last_kind == "paragraph"
                assert label in last
                for link in entry["value"]:
                    assert f'href="{link["url"]}"' in last
                    assert link["text"] in last


def test_arabic_images_come_from_the_uploads_folder(arabic):
    attachments = {p["ID"]: p for p in articles_of("attachment")}
    for post in articles_of("post"):
        if post["status"] == "trash" or not post["thumbnail_id"]:
            continue
        image = Article.objects.get(pk=post["ID"]).lead_image
        attachment = attachments[post["thumbnail_id"]]
        assert (image.width, image.height) == (
            attachment["width"],
            attachment["height"],
        )
    # Every attachment used is in the library once, however often it is
    # used and in whichever size.
    assert "0 left out" in arabic
    bodies = [
        block
        for a in Article.objects.all()
        for block in a.body
        if block.block_type == "image"
    ]
    assert bodies
    assert all(block.value["image"] is not None for block in bodies)


def test_arabic_seo_templates_are_expanded_never_raw(arabic):
    for article in Article.objects.all():
        for text in (article.seo_title, article.search_description, article.title):
            assert "%" not in text
    site = expected()["site"]["blogname"]
    for post_id in (9, 11, 40):  # Yoast's and Rank Math's templates
        article = Article.objects.get(pk=post_id)
        assert article.seo_title == f"{article.title} - {site}"
    assert Article.objects.get(pk=9).search_description.startswith("تفاصيل خطة")


def test_seo_site_name_and_separator_can_be_given():
    import_wxr(ARABIC, site_name="خبر", separator="|")

    article = Article.objects.get(pk=9)
    assert article.seo_title == f"{article.title} | خبر"


def test_arabic_comments_are_kept(arabic):
    kept = WordPressComment.objects.all()
    assert kept.count() == expected()["counts"]["exported_comments"]
    wanted = {c["ID"]: c for c in expected()["comments"] if c["in_export"]}
    for comment in kept:
        source = wanted[comment.comment_id]
        assert comment.post_id == source["post_ID"]
        assert comment.approved == source["approved"]
        assert comment.date == utc(source["date_gmt"])
        on_article = Article.objects.filter(pk=source["post_ID"]).exists()
        assert (comment.article_id is not None) is on_article


def test_arabic_import_again_adds_no_images(arabic):
    from wagtail.images import get_image_model

    images = get_image_model().objects.count()
    out = import_wxr(ARABIC, media_dir=str(UPLOADS))

    assert get_image_model().objects.count() == images
    assert "Images: 0 imported" in out


# Files that are not what WordPress writes.


def damaged(tmp_path):
    """The Arabic export with one post's title closed by a wrong tag:
    ``(path, the line of the fault, the post's id)``."""
    text = ARABIC.read_text(encoding="utf-8")
    middle = text.index("<item>", len(text) // 2)
    end = text.index("</title>", middle)
    post_id = re.search(r"<wp:post_id>(\d+)<", text[middle:]).group(1)
    path = tmp_path / "damaged.xml"
    path.write_text(text[:end] + "</titel>" + text[end + 8 :], encoding="utf-8")
    return path, text[:end].count("\n") + 1, int(post_id)


def test_a_damaged_file_writes_nothing(tmp_path):
    path, _, _ = damaged(tmp_path)

    with pytest.raises(CommandError, match=r"damaged\.xml line \d+") as error:
        import_wxr(path)

    assert "nothing of this file was written" in str(error.value)
    assert Article.objects.count() == 0
    assert WordPressComment.objects.count() == 0


def test_recover_imports_the_rest_and_lists_what_it_skipped(tmp_path):
    path, line, post_id = damaged(tmp_path)

    out = import_wxr(path, recover=True)

    assert "Unreadable items skipped (--recover): 1" in out
    assert f"at line {line}:" in out
    wanted = {
        p["ID"]
        for p in expected()["posts"]
        if p["post_type"] in ("post", "page") and p["status"] != "trash"
    }
    assert post_id in wanted
    assert set(Article.objects.values_list("pk", flat=True)) == wanted - {post_id}


def test_check_writes_nothing():
    out = import_wxr(theme_unit_test_data(), check=True)

    assert "post publish: 56" in out
    assert Article.objects.count() == 0


def test_missing_and_broken_images_are_left_out_and_reported(tmp_path):
    uploads = tmp_path / "uploads"
    shutil.copytree(UPLOADS, uploads)
    (uploads / "2024/03/press-conference.jpg").unlink()
    (uploads / "2024/03/rain-1.jpg").write_bytes(b"not an image")

    out = import_wxr(ARABIC, media_dir=str(uploads))

    assert "file not found under --media-dir: 1 (2024/03/press-conference.jpg)" in out
    assert "not a readable image: 1 (2024/03/rain-1.jpg)" in out
    assert "Images: 4 imported" in out
    assert Article.objects.filter(live=True).count() == 23  # all imported
