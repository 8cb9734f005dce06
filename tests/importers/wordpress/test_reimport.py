"""`khabar import-wxr` run again: after a stop, without the uploads, on
more posts."""

import pytest
from django.core.management import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from khabar.importers.wordpress import importer
from khabar.newsroom.models import Article
from tests.importers.wordpress.files import (
    ARABIC,
    UPLOADS,
    WXR_HEAD,
    expected,
    import_wxr,
)

pytestmark = pytest.mark.django_db


def imported_ids():
    """The post ids WordPress says the Arabic export's articles come from."""
    return {
        p["ID"]
        for p in expected()["posts"]
        if p["post_type"] in ("post", "page") and p["status"] != "trash"
    }


# A stopped import, resumed.


def interrupt_at(monkeypatch, stop_id):
    """Make the import stop as Ctrl-C would when it reaches post *stop_id*."""
    real = importer.map_item

    def map_item(item, *args, **kwargs):
        if item.id == stop_id:
            raise KeyboardInterrupt
        return real(item, *args, **kwargs)

    monkeypatch.setattr(importer, "map_item", map_item)


def test_a_stopped_batch_import_says_what_is_in_and_how_to_finish(monkeypatch):
    stop_id = max(imported_ids())  # in the last batch, whatever the order
    interrupt_at(monkeypatch, stop_id)

    with pytest.raises(CommandError) as error:
        import_wxr(ARABIC, transaction="batch", batch_size=5)

    message = str(error.value)
    assert error.value.returncode == 130
    assert "interrupted" in message
    committed = Article.objects.count()
    assert 0 < committed < len(imported_ids())
    assert "articles) were committed" in message
    assert f"({committed} articles)" in message
    assert "run the same command again" in message
    assert not Article.objects.filter(pk=stop_id).exists()

    monkeypatch.undo()
    out = import_wxr(ARABIC, transaction="batch", batch_size=5)

    assert set(Article.objects.values_list("pk", flat=True)) == imported_ids()
    assert f"({len(imported_ids()) - committed} created, {committed} updated" in out


def test_a_stopped_file_import_says_nothing_was_written(monkeypatch):
    interrupt_at(monkeypatch, max(imported_ids()))

    with pytest.raises(CommandError, match="nothing of this file was written"):
        import_wxr(ARABIC, batch_size=5)

    assert Article.objects.count() == 0


# Images an earlier run brought in.


def images_of(article):
    return [b.value["image"].pk for b in article.body if b.block_type == "image"]


def test_importing_again_without_the_uploads_keeps_the_images():
    import_wxr(ARABIC, media_dir=str(UPLOADS))
    before = {a.pk: (a.lead_image_id, images_of(a)) for a in Article.objects.all()}
    assert any(lead for lead, _ in before.values())
    assert any(body for _, body in before.values())

    out = import_wxr(ARABIC)

    after = {a.pk: (a.lead_image_id, images_of(a)) for a in Article.objects.all()}
    assert after == before
    assert "image not to be had this run: the one imported before kept" in out
    assert "no --media-dir or --media-base given" in out


def test_a_first_import_without_the_uploads_has_no_images():
    out = import_wxr(ARABIC)

    assert not Article.objects.filter(lead_image__isnull=False).exists()
    assert all(not images_of(a) for a in Article.objects.all())
    assert "the one imported before kept" not in out


# Sections, tags and authors are looked up once per batch.

POST = (
    "<item><title><![CDATA[خبر رقم {n}]]></title>"
    "<dc:creator><![CDATA[user{author}]]></dc:creator>"
    "<content:encoded><![CDATA[<p>نص الخبر {n}.</p>]]></content:encoded>"
    "<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
    "<wp:post_id>{n}</wp:post_id>"
    "<wp:post_date_gmt><![CDATA[2024-03-03 07:15:00]]></wp:post_date_gmt>"
    "<wp:post_name><![CDATA[post-{n}]]></wp:post_name>"
    "<wp:status><![CDATA[publish]]></wp:status>"
    "<wp:post_type><![CDATA[post]]></wp:post_type>"
    '<category domain="category" nicename="s{section}"><![CDATA[قسم {section}]]>'
    "</category>"
    '<category domain="post_tag" nicename="t{tag}"><![CDATA[وسم {tag}]]></category>'
    '<category domain="post_tag" nicename="t{tag2}"><![CDATA[وسم {tag2}]]>'
    "</category>"
    "</item>\n"
)


def write_posts(path, ids):
    """Posts *ids* among 3 sections, 6 tags and 4 authors."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(WXR_HEAD)
        for n in ids:
            out.write(
                POST.format(
                    n=n, author=n % 4, section=n % 3, tag=n % 6, tag2=(n + 1) % 6
                )
            )
        out.write("</channel>\n</rss>\n")


def lookups_to_import(path):
    """The SELECTs an import of *path* makes. (Inserts may be split by
    the backend's limit on parameters: how many does not matter.)"""
    with CaptureQueriesContext(connection) as queries:
        import_wxr(path)
    return sum(1 for q in queries.captured_queries if q["sql"].startswith("SELECT"))


def test_queries_do_not_grow_with_the_posts_of_a_batch(tmp_path):
    first, few, many = (tmp_path / f"{n}.xml" for n in ("first", "few", "many"))
    write_posts(first, range(1, 13))  # makes the sections, tags and authors
    write_posts(few, range(101, 113))
    write_posts(many, range(1001, 1061))
    import_wxr(first)

    new = lookups_to_import(few), lookups_to_import(many)
    again = lookups_to_import(few), lookups_to_import(many)

    assert Article.objects.count() == 12 + 12 + 60
    assert new[0] == new[1], new
    assert again[0] == again[1], again
