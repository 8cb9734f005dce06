"""`khabar export-wxr`: the newsroom out again, as WordPress's own WXR."""

import hashlib
import io
import re
import shutil
from urllib.parse import unquote

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree
from wagtail.images import get_image_model

from khabar.importers.models import WordPressComment
from khabar.importers.wordpress.export import PostIds, cdata_sections
from khabar.importers.wordpress.slugs import decode_slug, encode_slug
from khabar.importers.wordpress.wxr import Author, Item, Site, Term, read_wxr
from khabar.newsroom.models import Article
from khabar.newsroom.slugs import free_slug
from khabar.newsroom.taxonomy import Author as Byline
from khabar.newsroom.taxonomy import Section, Tag
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.importers.wordpress.files import (
    ARABIC,
    UPLOADS,
    import_wxr,
    theme_unit_test_data,
)

pytestmark = pytest.mark.django_db

BASE = "https://khabar.example"


def export_wxr(path, **options):
    out = io.StringIO()
    call_command(
        "export-wxr",
        output=str(path),
        base_url=BASE,
        stdout=out,
        stderr=io.StringIO(),
        **options,
    )
    return out.getvalue()


def snapshot():
    """What a newsroom would check after a move, per article id."""
    articles = Article.objects.select_related("section", "lead_image").prefetch_related(
        "tags", "article_authors__author"
    )
    return {
        article.external_id: {
            "title": article.title,
            "live": article.live,
            "go_live_at": article.go_live_at,
            "first_published_at": article.first_published_at,
            "section": (article.section.name, article.section.slug),
            "tags": sorted((tag.name, tag.slug) for tag in article.tags.all()),
            "authors": [
                byline.author.name
                for byline in sorted(
                    article.article_authors.all(), key=lambda b: b.sort_order
                )
            ],
            "views": article.view_count,
            "kicker": article.kicker,
            "summary": article.summary,
            "seo": (article.seo_title, article.search_description),
            "lead_image": _image_digest(article.lead_image),
            # (An import without --media-dir keeps captions of images it
            # could not have.)
            "caption": article.lead_image_caption if article.lead_image else None,
            "body": [_block(raw) for raw in article.body.raw_data],
        }
        for article in articles
    }


def differences(before, after):
    """``{id: {field: (before, after)}}`` for what a round trip changed."""
    assert after.keys() == before.keys()
    changed = {}
    for key, fields in before.items():
        diff = {
            name: (value, after[key][name])
            for name, value in fields.items()
            if after[key][name] != value
        }
        if diff:
            changed[key] = diff
    return changed


def _image_digest(image):
    if image is None:
        return None
    with image.file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _block(raw):
    if raw["type"] != "image":
        return raw["type"], raw["value"]
    image = get_image_model().objects.get(pk=raw["value"]["image"])
    return "image", _image_digest(image), raw["value"]["caption"]


def comments():
    return sorted(
        (
            c.article.external_id,
            c.comment_id,
            c.parent_id,
            c.author,
            c.author_email,
            c.date,
            c.content,
            c.approved,
            c.type,
            c.meta,
        )
        for c in WordPressComment.objects.filter(article__isnull=False).select_related(
            "article"
        )
    )


def empty_the_newsroom():
    WordPressComment.objects.all().delete()
    Article.objects.all().delete()
    for model in (Section, Tag, Byline, get_image_model()):
        model.objects.all().delete()


def round_trip(tmp_path, source, **first_options):
    """Import *source*, export it, import the export into an emptied
    newsroom; return both snapshots, both comment lists and the export."""
    import_wxr(source, **first_options)
    before, before_comments = snapshot(), comments()
    exported = tmp_path / "out.xml"
    export_wxr(exported)
    # The export names each image file under the media folder, which an
    # import reads as --media-dir: keep a copy before the rows go.
    media = tmp_path / "media-copy"
    (tmp_path / "media").mkdir(exist_ok=True)
    shutil.copytree(tmp_path / "media", media)
    empty_the_newsroom()
    import_wxr(exported, media_dir=str(media))
    return before, snapshot(), before_comments, comments(), exported


def test_arabic_export_imports_back_the_same(tmp_path):
    before, after, before_comments, after_comments, _ = round_trip(
        tmp_path, ARABIC, media_dir=str(UPLOADS)
    )

    assert len(before) == 33
    assert differences(before, after) == {}
    assert len(before_comments) == 10
    assert after_comments == before_comments


def test_theme_unit_test_data_exports_and_imports_back_the_same(tmp_path):
    before, after, before_comments, after_comments, _ = round_trip(
        tmp_path, theme_unit_test_data()
    )

    assert len(before) == 79
    assert differences(before, after) == {}
    assert len(before_comments) == 33
    assert after_comments == before_comments


def test_the_export_reads_as_wordpress_export(tmp_path):
    import_wxr(ARABIC, media_dir=str(UPLOADS))
    path = tmp_path / "out.xml"
    out = export_wxr(path)

    records = list(read_wxr(path))
    site = records[0]
    items = [r for r in records if isinstance(r, Item)]
    posts = [i for i in items if i.type == "post"]
    attachments = [i for i in items if i.type == "attachment"]
    assert isinstance(site, Site)
    assert (site.wxr_version, site.base_site_url, site.language) == ("1.2", BASE, "ar")
    statuses = sorted(p.status for p in posts)
    assert statuses == ["draft"] * 8 + ["future"] * 2 + ["publish"] * 23
    assert len(attachments) == 6
    assert all(a.attachment_url.startswith(f"{BASE}/media/") for a in attachments)
    assert sum(len(p.comments) for p in posts) == 10
    assert (
        "Exported 33 articles (8 drafts, 2 scheduled, 23 published), 6 images, "
        "10 comments" in out
    )
    # Every post is block markup, and each image block names an attachment
    # of the file.
    attachment_ids = {a.id for a in attachments}
    for post in posts:
        assert post.content == "" or post.content.startswith("<!-- wp:")
        for found in _wp_image_ids(post.content):
            assert found in attachment_ids
    # Featured images point at attachments of the file.
    for post in posts:
        for value in post.meta.get("_thumbnail_id", []):
            assert int(value) in attachment_ids
    # Post ids are the WordPress ids the articles came with.
    assert {p.id for p in posts} == {
        int(i) for i in Article.objects.values_list("external_id", flat=True)
    }
    categories = [
        r for r in records if isinstance(r, Term) and r.taxonomy == "category"
    ]
    assert {decode_slug(c.slug) for c in categories} == set(
        Section.objects.values_list("slug", flat=True)
    )
    authors = [r for r in records if isinstance(r, Author)]
    assert {a.display_name for a in authors} == set(
        Byline.objects.values_list("name", flat=True)
    )


def _wp_image_ids(content):
    return [int(n) for n in re.findall(r"wp-image-(\d+)", content)]


def test_arabic_slugs_are_written_as_wordpress_stores_them(tmp_path):
    section = SectionFactory(name="شؤون دولية")
    tag = TagFactory(name="الأمم المتحدة")
    article = ArticleFactory(title="قمة عربية في بيروت", section=section, tags=[tag])
    path = tmp_path / "out.xml"
    export_wxr(path)

    text = path.read_text(encoding="utf-8")
    category = "%d8%b4%d8%a4%d9%88%d9%86-%d8%af%d9%88%d9%84%d9%8a%d8%a9"
    assert f"<wp:category_nicename><![CDATA[{category}]]>" in text
    assert encode_slug(tag.slug) in text
    (post,) = [r for r in read_wxr(path) if isinstance(r, Item)]
    assert post.post_name == encode_slug(free_slug(article.title, lambda s: False))
    assert decode_slug(post.post_name) == "قمة-عربية-في-بيروت"
    assert post.post_name == post.post_name.lower()
    assert unquote(post.terms_in("category")[0].nicename) == "شؤون-دولية"


def test_long_arabic_slugs_are_cut_between_letters():
    slug = "ا" * 40  # 6 encoded characters a letter: 240
    encoded = encode_slug(slug)
    assert len(encoded) == 198  # 33 letters: a 34th would pass 200
    assert decode_slug(encoded) == "ا" * 33


def test_cdata_is_split_as_wordpress_splits_it():
    buffer = io.BytesIO()
    with etree.xmlfile(buffer) as xf, xf.element("x"):
        xf.write(*cdata_sections("a]]>b]]>c"))
    assert buffer.getvalue() == b"<x><![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>c]]></x>"


def test_text_holding_the_cdata_end_survives(tmp_path):
    ArticleFactory(
        title="عنوان ]]> فيه نهاية",
        summary="ملخص ]]> وبعده",
        body=[("paragraph", "<p>نص ]]&gt; فيه</p>")],
        kicker="كلمة]]>",
    )
    path = tmp_path / "out.xml"
    export_wxr(path)

    raw = path.read_bytes()
    assert "<title><![CDATA[عنوان ]]]]><![CDATA[> فيه نهاية]]></title>".encode() in raw
    (post,) = [r for r in read_wxr(path) if isinstance(r, Item)]
    assert post.title == "عنوان ]]> فيه نهاية"
    assert post.excerpt == "ملخص ]]> وبعده"
    assert post.meta["tie_post_sub_title"] == ["كلمة]]>"]

    empty_the_newsroom()
    import_wxr(path)
    article = Article.objects.get()
    assert article.title == "عنوان ]]> فيه نهاية"
    assert article.kicker == "كلمة]]>"
    assert article.body.raw_data[0]["value"] == "<p>نص ]]&gt; فيه</p>"


def test_co_authors_keep_their_order_and_names(tmp_path):
    first, second = (
        AuthorFactory(name="سميرة الحداد"),
        AuthorFactory(name="خالد العمري"),
    )
    ArticleFactory(authors=[second, first])
    path = tmp_path / "out.xml"
    export_wxr(path)

    (post,) = [r for r in read_wxr(path) if isinstance(r, Item)]
    assert post.author == f"author-{second.pk}"
    assert post.bylines == (f"author-{second.pk}", f"author-{first.pk}")
    empty_the_newsroom()
    import_wxr(path)
    article = Article.objects.get()
    names = [b.author.name for b in article.article_authors.order_by("sort_order")]
    assert names == ["خالد العمري", "سميرة الحداد"]


def test_a_native_article_whose_id_a_wordpress_post_took_gets_a_new_one(tmp_path):
    native = ArticleFactory()
    imported = ArticleFactory(external_id=str(native.pk))
    other = ArticleFactory(external_id="site2-7")
    path = tmp_path / "out.xml"
    out = export_wxr(path)

    ids = {r.title: r.id for r in read_wxr(path) if isinstance(r, Item)}
    top = max(native.pk, imported.pk, other.pk)
    assert ids[imported.title] == native.pk
    assert ids[native.title] == top + 1
    assert ids[other.title] == other.pk
    assert len(set(ids.values())) == 3
    assert PostIds().image(5) == top + 1 + 5
    assert "1 articles have ids that imported WordPress posts keep" in out


def test_status_live_leaves_drafts_and_schedules_out(tmp_path):
    ArticleFactory(title="منشور")
    ArticleFactory(title="مسودة", draft=True)
    ArticleFactory(
        title="مجدول", live=False, first_published_at=None,
        go_live_at=timezone.now() + timezone.timedelta(days=1),
    )  # fmt: skip
    path = tmp_path / "all.xml"
    export_wxr(path)
    by_title = {r.title: r.status for r in read_wxr(path) if isinstance(r, Item)}
    assert by_title == {"منشور": "publish", "مسودة": "draft", "مجدول": "future"}

    export_wxr(path, status="live")
    titles = [r.title for r in read_wxr(path) if isinstance(r, Item)]
    assert titles == ["منشور"]


def test_queries_grow_with_chunks_not_with_articles(tmp_path):
    """Each chunk costs the same few queries however many articles it
    holds: nothing is fetched per article."""
    section = SectionFactory()
    authors = AuthorFactory.create_batch(2)
    tags = TagFactory.create_batch(2)

    def queries(count, chunk_size):
        Article.objects.all().delete()
        for _ in range(count):
            ArticleFactory(section=section, authors=authors, tags=tags)
        with CaptureQueriesContext(connection) as captured:
            export_wxr(tmp_path / "out.xml", chunk_size=chunk_size)
        return len(captured)

    one_chunk_of_4 = queries(4, chunk_size=4)
    one_chunk_of_8 = queries(8, chunk_size=8)
    two_chunks_of_4 = queries(8, chunk_size=4)

    assert one_chunk_of_8 == one_chunk_of_4
    assert two_chunks_of_4 > one_chunk_of_8


def test_a_failed_export_leaves_no_file(tmp_path, monkeypatch):
    ArticleFactory()
    path = tmp_path / "out.xml"
    path.write_text("the previous export")

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(
        "khabar.importers.wordpress.export._Writer.article", fail, raising=True
    )
    with pytest.raises(RuntimeError):
        export_wxr(path)

    assert path.read_text() == "the previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name != "media"] == ["out.xml"]


def test_a_link_as_output_stays_a_link(tmp_path):
    ArticleFactory(title="خبر")
    target = tmp_path / "exports" / "latest.xml"
    target.parent.mkdir()
    target.write_text("older")
    link = tmp_path / "out.xml"
    link.symlink_to(target)

    export_wxr(link)

    assert link.is_symlink()
    assert [r.title for r in read_wxr(target) if isinstance(r, Item)] == ["خبر"]
    assert [p.name for p in target.parent.iterdir()] == ["latest.xml"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"base_url": "khabar.example"}, "full address"),
        ({"chunk_size": 0}, "1 or more"),
        ({"output": "/no/such/folder/out.xml"}, "does not exist"),
    ],
)
def test_bad_options_are_refused_clearly(tmp_path, options, message):
    options = {"output": str(tmp_path / "out.xml"), "base_url": BASE} | options
    with pytest.raises(CommandError, match=message):
        call_command("export-wxr", stdout=io.StringIO(), **options)
