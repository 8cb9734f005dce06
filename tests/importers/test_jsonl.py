"""`khabar import-jsonl` and `khabar export-jsonl`: the archive in and out."""

import datetime as dt
import io
import json
import os
import random
import threading

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from khabar.importers import sanitise
from khabar.importers.writer import ArticleWriter
from khabar.newsroom.events import article_unpublished, articles_imported
from khabar.newsroom.models import Article, ArticleAuthor, Author, Section, Tag
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def line(**fields):
    article = {
        "id": "wp-1",
        "title": "انتخابات بلدية في دمشق",
        "published_at": "2025-05-28T11:46:00+03:00",
        "section": "سياسة",
        "body_text": "فقرة أولى.",
    }
    article.update(fields)
    return {key: value for key, value in article.items() if value is not ...}


def write(tmp_path, *articles, name="articles.jsonl"):
    path = tmp_path / name
    text = "".join(
        (a if isinstance(a, str) else json.dumps(a, ensure_ascii=False)) + "\n"
        for a in articles
    )
    path.write_text(text, encoding="utf-8")
    return path


def import_file(path, **options):
    out = io.StringIO()
    call_command("import-jsonl", str(path), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def export_text(**options):
    out = io.StringIO()
    call_command("export-jsonl", stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def counts():
    return tuple(m.objects.count() for m in (Article, Section, Tag, Author))


# Importing


def test_import_sets_every_field(tmp_path):
    path = write(
        tmp_path,
        line(
            kicker="عاجل",
            summary="ملخص الخبر",
            tags=["دمشق", "انتخابات"],
            authors=["سارة", "أحمد"],
            updated_at="2025-05-28T12:30:00+03:00",
            views=56,
        ),
    )

    output = import_file(path)

    article = Article.objects.get(external_id="wp-1")
    assert (article.title, article.kicker, article.summary) == (
        "انتخابات بلدية في دمشق",
        "عاجل",
        "ملخص الخبر",
    )
    assert article.section.name == "سياسة"
    assert article.first_published_at == dt.datetime(2025, 5, 28, 8, 46, tzinfo=dt.UTC)
    assert article.last_published_at == dt.datetime(2025, 5, 28, 9, 30, tzinfo=dt.UTC)
    assert article.live
    assert article.view_count == 56
    assert sorted(article.tags.values_list("name", flat=True)) == ["انتخابات", "دمشق"]
    bylines = ArticleAuthor.objects.filter(article=article).order_by("sort_order")
    assert [b.author.name for b in bylines] == ["سارة", "أحمد"]
    assert output.startswith("Imported 1 articles (1 created, 0 updated) in ")
    assert output.rstrip().endswith("/s).")


def test_import_finds_sections_by_name_or_slug_and_creates_the_rest(tmp_path):
    politics = SectionFactory(name="سياسة", slug="politics")
    path = write(
        tmp_path,
        line(id="1", section="politics"),
        line(id="2", section="سياسة"),
        line(id="3", section="Sport"),
    )

    import_file(path)

    sections = dict(Article.objects.values_list("external_id", "section__slug"))
    assert sections == {"1": "politics", "2": "politics", "3": "sport"}
    assert Section.objects.exclude(pk=politics.pk).get().name == "Sport"


def test_body_text_becomes_one_paragraph_block_per_paragraph(tmp_path):
    text = "الفقرة الأولى\nتكملة السطر.\n\n  \nالثانية: 3 < 5 & <b>\r\n\r\nالثالثة"
    import_file(write(tmp_path, line(body_text=text)))

    body = Article.objects.get().body.raw_data
    assert [(b["type"], b["value"]) for b in body] == [
        ("paragraph", "<p>الفقرة الأولى تكملة السطر.</p>"),
        ("paragraph", "<p>الثانية: 3 &lt; 5 &amp; &lt;b&gt;</p>"),
        ("paragraph", "<p>الثالثة</p>"),
    ]


def test_body_html_is_sanitised_into_blocks(tmp_path):
    html = (
        '<p onclick="steal()">نص <script>alert(1)</script>'
        '<a href="javascript:alert(1)">خبيث</a> و<a href="https://example.org/x">رابط</a>'
        "</p><h2>عنوان فرعي</h2>"
        "<blockquote><p>قول مأثور</p><cite>قائل</cite></blockquote>"
        '<ul><li><strong>أ</strong></li><li style="x">ب</li></ul><img src="x.png">'
    )
    import_file(write(tmp_path, line(body_text=..., body_html=html)))

    body = [(b["type"], b["value"]) for b in Article.objects.get().body.raw_data]
    assert body == [
        ("paragraph", '<p>نص خبيث و<a href="https://example.org/x">رابط</a></p>'),
        ("subheading", "عنوان فرعي"),
        ("quotation", {"text": "قول مأثور", "attribution": "قائل"}),
        ("paragraph", "<ul><li><b>أ</b></li><li>ب</li></ul>"),
    ]
    stored = json.dumps(body)
    for unsafe in ("script", "alert", "onclick", "javascript", "style", "img"):
        assert unsafe not in stored


def test_reimport_updates_instead_of_duplicating(tmp_path):
    import_file(write(tmp_path, line(tags=["قديم"], views=5)))
    path = write(tmp_path, line(title="عنوان جديد", tags=["جديد"]), line(id="wp-2"))

    output = import_file(path)

    assert Article.objects.count() == 2
    article = Article.objects.get(external_id="wp-1")
    assert article.title == "عنوان جديد"
    assert list(article.tags.values_list("name", flat=True)) == ["جديد"]
    assert article.view_count == 5  # views absent: the site's count stays
    assert "(1 created, 1 updated)" in output


def test_reimport_drops_an_admin_draft_so_the_editor_sees_the_import(tmp_path):
    article = ArticleFactory(external_id="wp-1", title="قديم")
    article.save_revision()
    assert Article.objects.get().latest_revision_id

    import_file(write(tmp_path, line(title="جديد")))

    article = Article.objects.get()
    assert article.latest_revision_id is None
    assert article.get_latest_revision_as_object().title == "جديد"


def test_naive_times_are_read_in_the_time_zone_given(tmp_path):
    path = write(tmp_path, line(published_at="2025-05-28T11:46:00"))

    import_file(path, time_zone="Asia/Damascus")

    moment = Article.objects.get().first_published_at
    assert moment == dt.datetime(2025, 5, 28, 8, 46, tzinfo=dt.UTC)


def test_check_only_checks(tmp_path):
    output = import_file(write(tmp_path, line()), check=True)

    assert output.startswith("Checked 1 articles")
    assert counts() == (0, 0, 0, 0)


def test_quiet_prints_nothing(tmp_path):
    assert import_file(write(tmp_path, line()), quiet=True) == ""


def test_progress_bar_when_asked(tmp_path):
    err = io.StringIO()
    path = write(tmp_path, line())
    call_command(
        "import-jsonl", str(path), progress=True, stdout=io.StringIO(), stderr=err
    )
    assert "Importing" in err.getvalue()


GOOD = [line(id="a"), line(id="b")]


@pytest.mark.parametrize(
    ("bad", "field", "message"),
    [
        ('{"id": "c", "title": ', None, "not valid JSON"),
        ('["c"]', None, "must be a JSON object"),
        (line(id="c", title=...), "title", "missing"),
        (line(id="c", section="  "), "section", "is empty"),
        (line(id=3), "id", "must be a string, not a number (3)"),
        (
            line(id="c", published_at="yesterday"),
            "published_at",
            'not an ISO-8601 date-time: "yesterday"',
        ),
        (
            line(id="c", published_at="2025-05-28T11:46:00"),
            "published_at",
            "no UTC offset",
        ),
        (line(id="c", body_html="<p>x</p>"), "body_text", "not both"),
        (line(id="c", body_text=...), "body_html", "missing"),
        (line(id="c", status="archived"), "status", '"published" or "draft"'),
        (line(id="c", views=-1), "views", "0 or more"),
        (line(id="c", views=True), "views", "whole number"),
        (line(id="c", tags="دمشق"), "tags", "must be a list"),
        (line(id="c", kicker="ك" * 61), "kicker", "at most 60"),
        (line(id="c", titel="x"), "titel", "unknown field"),
        (line(id="a"), "id", "already the id of line 1"),
    ],
)
def test_a_bad_line_stops_the_import_and_nothing_is_written(
    tmp_path, bad, field, message
):
    ArticleFactory()
    before = counts()
    path = write(tmp_path, *GOOD, bad)

    with pytest.raises(CommandError) as raised:
        import_file(path)

    where = f"{path} line 3"
    if field:
        where += f', field "{field}"'
    assert str(raised.value).startswith(where + ": ")
    assert message in str(raised.value)
    assert counts() == before


def test_error_message_reads_like_the_documentation(tmp_path):
    path = write(tmp_path, line(published_at="yesterday"))
    with pytest.raises(CommandError) as raised:
        import_file(path)
    assert str(raised.value) == (
        f'{path} line 1, field "published_at": not an ISO-8601 date-time: "yesterday"'
    )


def test_a_failure_while_writing_leaves_nothing_behind(tmp_path, monkeypatch):
    written = []
    original = ArticleWriter.write

    def fail_on_second_batch(self, rows):
        if written:
            raise RuntimeError("disk full")
        written.append(rows)
        original(self, rows)

    monkeypatch.setattr(ArticleWriter, "write", fail_on_second_batch)
    path = write(tmp_path, *GOOD, line(id="c", section="جديد"))

    with pytest.raises(RuntimeError):
        import_file(path, batch_size=1, transaction="file")

    assert counts() == (0, 0, 0, 0)


def test_a_failure_between_batches_keeps_whole_batches_and_a_rerun_ends_it(
    tmp_path, monkeypatch
):
    """In batches (SQLite's default, so that editors can save meanwhile):
    what was written is whole articles, the message says what to do, and
    running the same command again finishes the file."""
    original = ArticleWriter.write
    calls = []

    def fail_on_second_batch(self, rows):
        calls.append(rows)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        original(self, rows)

    monkeypatch.setattr(ArticleWriter, "write", fail_on_second_batch)
    path = write(tmp_path, *GOOD, line(id="c", section="جديد"))

    with pytest.raises(CommandError) as stopped:
        import_file(path, batch_size=1, transaction="batch")

    assert str(stopped.value).startswith(
        "The import stopped after 1 of 3 articles: disk full. Those 1 are whole;"
        " run the same command again"
    )
    assert Article.objects.count() == 1
    monkeypatch.setattr(ArticleWriter, "write", original)
    assert "(2 created, 1 updated)" in import_file(path, transaction="batch")
    assert Article.objects.count() == 3


# Events


def test_import_announces_visible_articles_and_unpublished_ones(
    tmp_path, django_capture_on_commit_callbacks
):
    was_live = ArticleFactory(external_id="old")
    imported, unpublished = [], []

    def on_imported(sender, article_ids, **kwargs):
        imported.extend(article_ids)

    def on_unpublished(sender, article, **kwargs):
        unpublished.append(article.pk)

    articles_imported.connect(on_imported)
    article_unpublished.connect(on_unpublished)
    try:
        path = write(
            tmp_path,
            line(id="new"),
            line(id="old", status="draft"),
            line(id="draft", status="draft"),
        )
        with django_capture_on_commit_callbacks(execute=True):
            import_file(path)
    finally:
        articles_imported.disconnect(on_imported)
        article_unpublished.disconnect(on_unpublished)

    assert imported == [Article.objects.get(external_id="new").pk]
    assert unpublished == [was_live.pk]


# Exporting


def _archive():
    """A few articles with everything the format carries."""
    politics = SectionFactory(name="سياسة")
    sport = SectionFactory(name="رياضة")
    sara, ahmad = AuthorFactory(name="سارة"), AuthorFactory(name="أحمد")
    damascus, vote = TagFactory(name="دمشق"), TagFactory(name="انتخابات")
    ArticleFactory(
        title="بلا معرف خارجي",
        kicker="عاجل",
        section=politics,
        tags=[damascus, vote],
        authors=[sara, ahmad],
        view_count=56,
        body=[
            (
                "paragraph",
                '<p data-block-key="k1">نص <b>غامق</b> & '
                '<a href="https://e.org/?a=1&amp;b=2">رابط</a></p>',
            ),
            ("subheading", "عنوان  فرعي"),
            ("quotation", {"text": "سطر أول\nسطر ثان\n\nفقرة", "attribution": "قائل"}),
            ("paragraph", "<ul><li>بند</li></ul>"),
        ],
    )
    ArticleFactory(
        external_id="wp-9",
        title="مسودة",
        section=sport,
        draft=True,
        authors=[ahmad],
    )
    ArticleFactory(
        external_id="wp-10",
        section=sport,
        first_published_at=dt.datetime(2019, 5, 10, 8, 46, 0, tzinfo=dt.UTC),
        last_published_at=dt.datetime(2019, 5, 10, 9, 0, 30, 250000, tzinfo=dt.UTC),
    )


def _empty_the_site():
    Article.objects.all().delete()
    for model in (Section, Tag, Author):
        model.objects.all().delete()


def test_export_import_export_gives_identical_bytes(tmp_path):
    _archive()
    first = export_text()
    _empty_the_site()

    import_file(write(tmp_path, first))

    assert Article.objects.count() == 3
    assert export_text() == first


def test_export_lines_have_every_field_in_a_fixed_order():
    _archive()
    lines = [json.loads(text) for text in export_text().splitlines()]

    assert [a["id"] for a in lines] == [
        str(Article.objects.get(external_id=None).pk),
        "wp-9",
        "wp-10",
    ]
    assert list(lines[0]) == [
        "id", "title", "kicker", "summary", "section", "authors", "tags",
        "status", "published_at", "updated_at", "views", "body_html",
    ]  # fmt: skip
    assert lines[0]["authors"] == ["سارة", "أحمد"]
    assert lines[0]["tags"] == ["انتخابات", "دمشق"]
    assert lines[0]["body_html"] == (
        '<p>نص <b>غامق</b> &amp; <a href="https://e.org/?a=1&amp;b=2">رابط</a></p>'
        "<h2>عنوان فرعي</h2>"
        "<blockquote><p>سطر أول<br>سطر ثان</p><p>فقرة</p><cite>قائل</cite></blockquote>"
        "<ul><li>بند</li></ul>"
    )


def test_export_writes_times_in_utc(tmp_path):
    moment = dt.datetime(2025, 5, 28, 11, 46, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    ArticleFactory(first_published_at=moment, last_published_at=moment)

    (article,) = [json.loads(t) for t in export_text().splitlines()]

    assert article["published_at"] == "2025-05-28T08:46:00Z"
    assert article["updated_at"] == "2025-05-28T08:46:00Z"


def test_views_round_trip(tmp_path):
    ArticleFactory(view_count=1234)
    exported = export_text()
    _empty_the_site()

    import_file(write(tmp_path, exported))

    assert Article.objects.get().view_count == 1234
    assert json.loads(exported)["views"] == 1234


def test_drafts_round_trip_and_stay_hidden(client, tmp_path):
    ArticleFactory(external_id="d-1", draft=True, title="مسودة سرية")
    exported = export_text()
    assert json.loads(exported)["status"] == "draft"
    _empty_the_site()

    import_file(write(tmp_path, exported))

    article = Article.objects.get()
    assert not article.live
    assert client.get(f"/a/{article.pk}").status_code == 404
    assert "مسودة سرية" not in client.get("/").text
    assert export_text() == exported


def test_reimporting_an_export_updates_the_site_own_articles(tmp_path):
    article = ArticleFactory(title="قبل")
    exported = export_text().replace("قبل", "بعد")

    output = import_file(write(tmp_path, exported))

    assert "(0 created, 1 updated)" in output
    assert Article.objects.get().pk == article.pk
    assert Article.objects.get().title == "بعد"
    assert export_text() == exported


def test_numeric_ids_keep_their_permalinks_in_a_new_site(tmp_path):
    import_file(write(tmp_path, line(id="4217"), line(id="abc")))

    assert Article.objects.get(external_id="4217").pk == 4217
    assert Article.objects.get(external_id="abc").pk > 4217


def test_id_prefix_keeps_numeric_ids_apart(tmp_path):
    native = ArticleFactory(title="من الموقع")
    path = write(tmp_path, line(id=str(native.pk), title="من الأرشيف"))

    import_file(path, id_prefix="wp-")

    assert Article.objects.get(pk=native.pk).title == "من الموقع"
    assert Article.objects.get(external_id=f"wp-{native.pk}").title == "من الأرشيف"


def test_export_to_a_file_and_for_one_section(tmp_path):
    ArticleFactory(section=SectionFactory(name="سياسة", slug="politics"))
    ArticleFactory(section=SectionFactory(name="رياضة", slug="sport"))
    path = tmp_path / "out.jsonl"

    call_command(
        "export-jsonl",
        str(path),
        section="sport",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )

    (article,) = [json.loads(t) for t in path.read_text(encoding="utf-8").splitlines()]
    assert article["section"] == "رياضة"
    assert not list(tmp_path.glob("*.tmp"))


def test_export_to_a_link_or_a_pipe_writes_through_it(tmp_path):
    ArticleFactory(title="خبر")
    target = tmp_path / "exports" / "latest.jsonl"
    target.parent.mkdir()
    link = tmp_path / "out.jsonl"
    link.symlink_to(target)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    read = {}
    reader = threading.Thread(target=lambda: read.update(text=pipe.read_text()))
    reader.start()

    for path in (link, pipe):
        call_command(
            "export-jsonl", str(path), stdout=io.StringIO(), stderr=io.StringIO()
        )
    reader.join(timeout=30)

    assert link.is_symlink()
    assert pipe.is_fifo()
    for text in (target.read_text(encoding="utf-8"), read["text"]):
        assert [json.loads(line)["title"] for line in text.splitlines()] == ["خبر"]


def test_export_refuses_an_unknown_section():
    with pytest.raises(CommandError, match="No section has the slug 'nope'"):
        export_text(section="nope")


# The admin


def test_imported_article_opens_in_the_admin(client, tmp_path, wagtail_admin):
    import_file(
        write(tmp_path, line(body_html="<p>نص</p><h2>فرعي</h2>", body_text=...))
    )
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    article = Article.objects.get()
    url = reverse("wagtailsnippets_newsroom_article:edit", args=[article.pk])
    response = client.get(url)

    assert response.status_code == 200
    assert article.title in response.text


# The body's HTML form


def test_body_blocks_survive_a_trip_through_html():
    rng = random.Random(7)
    pieces = [
        "<p>", "</p>", "<b>", "</b>", "<em>", "</em>", '<a href="/x?a&b">', "</a>",
        "<br>", "<h2>", "</h2>", "<h4>", "<blockquote>", "</blockquote>", "<cite>",
        "</cite>", "<ul>", "</ul>", "<li>", "</li>", "<div>", "</div>", " ", "\n",
        "\n\n", "نص", "&amp;", "<", ">", '"', "\xa0",
    ]  # fmt: skip
    for _ in range(500):
        source = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        blocks = sanitise.blocks_from_html(source)
        assert sanitise.blocks_from_html(sanitise.html_from_blocks(blocks)) == blocks
