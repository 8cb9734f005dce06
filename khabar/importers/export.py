"""Write articles as JSONL lines, in an order and a form that never change.

Articles come out ordered by their id (shorter ids first, so numeric ids in
numeric order), a chunk at a time, with each chunk's tags and bylines in
two queries, so memory stays flat however big the archive. Bodies are
canonicalised through :mod:`khabar.importers.sanitise`, which is what makes
export, import into an empty database and export again give the same bytes.
"""

import json
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import CharField
from django.db.models.functions import Cast, Coalesce, Length

from khabar.importers.jsonl import batched, format_time
from khabar.importers.sanitise import canonical_blocks, html_from_blocks
from khabar.newsroom.models import Article, ArticleAuthor

_COLUMNS = (
    "pk",
    "external_id",
    "title",
    "kicker",
    "summary",
    "section__name",
    "live",
    "first_published_at",
    "last_published_at",
    "created_at",
    "view_count",
    "body",
)


class ExportError(Exception):
    """The articles cannot be written as a file that imports back."""


@dataclass
class ExportResult:
    articles: int = 0
    #: Blocks with no place in the format (images), left out.
    dropped_blocks: int = 0


def export_articles(stream, *, section=None, chunk_size=500, on_article=None):
    """Write every article (of the section with slug *section*) to the text
    *stream*, one JSON object per line. Returns an :class:`ExportResult`."""
    _check_ids()
    articles = Article.objects.all()
    if section:
        articles = articles.filter(section__slug=section)
    ordered = (
        articles.annotate(jsonl_id=_jsonl_id())
        .order_by(Length("jsonl_id"), "jsonl_id")
        .values_list("pk", flat=True)
    )
    result = ExportResult()
    for chunk in batched(ordered.iterator(chunk_size=chunk_size), chunk_size):
        rows = {row[0]: row for row in _rows(chunk)}
        tags, authors = _relations(chunk)
        for pk in chunk:
            line, dropped = _line(rows[pk], tags[pk], authors[pk])
            stream.write(json.dumps(line, ensure_ascii=False) + "\n")
            result.articles += 1
            result.dropped_blocks += dropped
            if on_article:
                on_article()
    return result


def _jsonl_id():
    """An article's id in the file: its external id, else its own id."""
    return Coalesce("external_id", Cast("pk", output_field=CharField()))


def _check_ids():
    """Refuse an export in which two articles would share an id."""
    natives = Article.objects.filter(external_id__isnull=True).annotate(
        jsonl_id=Cast("pk", output_field=CharField())
    )
    external = Article.objects.filter(external_id__isnull=False)
    clashes = list(
        natives.filter(jsonl_id__in=external.values("external_id")).values_list(
            "pk", flat=True
        )[:10]
    )
    if clashes:
        ids = ", ".join(str(pk) for pk in clashes)
        raise ExportError(
            f"Articles {ids} have no external id, and other articles were "
            "imported with these numbers as theirs, so the file would give "
            "two articles the same id. Re-import the other articles with "
            "--id-prefix (their ids then differ), then export again."
        )


def _rows(pks):
    return Article.objects.filter(pk__in=pks).values_list(*_COLUMNS)


def _relations(pks):
    tags, authors = defaultdict(list), defaultdict(list)
    through = Article.tags.through.objects.filter(article_id__in=pks)
    for article_id, name in through.values_list("article_id", "tag__name"):
        tags[article_id].append(name)
    bylines = ArticleAuthor.objects.filter(article_id__in=pks).order_by(
        "sort_order", "pk"
    )
    for article_id, name in bylines.values_list("article_id", "author__name"):
        authors[article_id].append(name)
    return tags, authors


def _line(row, tags, authors):
    (
        pk, external_id, title, kicker, summary, section, live,
        first_published_at, last_published_at, created_at, views, body,
    ) = row  # fmt: skip
    # The importer needs a date for a published article, and takes a
    # missing updated_at as the publication date: export what it will read.
    published_at = first_published_at or (created_at if live else None)
    blocks, dropped = [], 0
    for raw in body.raw_data:
        canonical = canonical_blocks(raw["type"], raw["value"])
        if canonical is None:
            dropped += 1
        else:
            blocks.extend(canonical)
    line = {
        "id": external_id or str(pk),
        "title": title,
        "kicker": kicker,
        "summary": summary,
        "section": section,
        "authors": authors,
        "tags": sorted(tags),
        "status": "published" if live else "draft",
        "published_at": format_time(published_at),
        "updated_at": format_time(last_published_at or published_at),
        "views": views,
        "body_html": html_from_blocks(blocks),
    }
    return line, dropped
