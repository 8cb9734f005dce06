"""What the article page shows, gathered in a fixed number of queries."""

import functools

from django.db import DEFAULT_DB_ALIAS, connections
from django.http import Http404

from khabar import fast_paths
from khabar.cache.shared import shared
from khabar.newsroom.models import Article, ArticleCorrection, Author, Section, Tag

LATEST_COUNT = 8
RELATED_COUNT = 5


def nav_sections():
    """The sections, in menu order (kept; see khabar/cache/shared.py)."""
    return shared("sections", lambda: Section.objects.only("name", "slug"))


def _without(articles, exclude, limit):
    """*articles* but those whose pk is in *exclude* (a set), at most *limit*."""
    return [article for article in articles if article.pk not in exclude][:limit]


def newest_headlines(limit=LATEST_COUNT + 1):
    """The newest *limit* visible articles (kept; see khabar/cache/shared.py)."""
    return shared(
        ("latest", limit),
        lambda: Article.objects.visible().newest_first().headlines()[:limit],
    )


def latest_headlines(limit=LATEST_COUNT, exclude=None, exclude_all=()):
    """The newest *limit* visible articles, but *exclude* (a pk) and those
    in *exclude_all*."""
    skip = {exclude, *exclude_all}
    return _without(newest_headlines(limit + len(skip)), skip, limit)


def section_headlines(section_id, limit=RELATED_COUNT, exclude=None):
    """The newest *limit* (at most ``RELATED_COUNT``) visible articles of a
    section, but *exclude*."""
    newest = shared(
        ("section", section_id),
        lambda: (
            Article.objects.visible()
            .newest_first()
            .headlines()
            # `live__in`: an equality the (section, live, first_published_at)
            # index serves in order (SQLite writes `live=True` as a bare
            # `live`), so the cost does not grow with the archive.
            .filter(section_id=section_id, live__in=[True])[: RELATED_COUNT + 1]
        ),
    )
    return _without(newest, {exclude}, limit)


#: The queries of a published article's page, each by the article's id.
#: Building a query costs the ORM about ten times what SQLite takes to
#: run it (1.3 ms against 0.13 ms for the article's row), so each is built
#: once per database (:func:`_prepared`) and its rows made into models
#: the way the ORM makes them: every concrete field, its converters, then
#: ``Model.from_db``. ``raw()`` would still spend 0.5 ms on the article.
#: The fast path "article-rows" (khabar/fast_paths.py): 0.25 ms for the
#: four against 1.0 ms through the ORM; switched off, the ORM runs them.
_BY_ARTICLE = {
    "article": lambda pk: Article.objects.filter(pk=pk),
    "authors": lambda pk: Author.objects.filter(article_links__article_id=pk).order_by(
        "article_links__sort_order"
    ),
    "tags": lambda pk: Tag.objects.filter(articles=pk),
    "corrections": lambda pk: ArticleCorrection.objects.filter(article_id=pk),
}
_PLACEHOLDER = -1_000_000_007  # an id no row has, to find the parameter


@functools.cache
def _prepared(name, alias):
    """(model, SQL, field names, (column, converters) per field) of query
    *name* on database *alias*."""
    queryset = _BY_ARTICLE[name](_PLACEHOLDER).using(alias)
    sql, params = queryset.query.sql_with_params()
    if list(params) != [_PLACEHOLDER]:
        raise ValueError(f"{name}: expected the article's id alone, got {params}")
    model, db = queryset.model, connections[alias]
    fields = model._meta.concrete_fields
    converters = []
    for field in fields:
        column = field.get_col(model._meta.db_table)
        functions = db.ops.get_db_converters(column) + column.get_db_converters(db)
        converters.append((column, functions))
    return model, sql, [field.attname for field in fields], converters


def _by_article(name, pk, alias=DEFAULT_DB_ALIAS):
    if not fast_paths.on("article-rows"):
        return list(_BY_ARTICLE[name](pk).using(alias))
    model, sql, names, converters = _prepared(name, alias)
    db = connections[alias]
    with db.cursor() as cursor:
        cursor.execute(sql, [pk])
        rows = cursor.fetchall()
    found = []
    for row in rows:
        if len(row) != len(names):  # the ORM selected other columns
            raise ValueError(f"{name}: {len(row)} columns for {len(names)} fields")
        values = list(row)
        for i, (column, functions) in enumerate(converters):
            for function in functions:
                values[i] = function(values[i], column, db)
        found.append(model.from_db(alias, names, values))
    return found


def published_article(pk):
    """The article *pk* with its corrections, for its public page; raise
    Http404 unless readers may see it now. Its section comes from the kept
    menu; its lead image, when it has one, is read when the page shows it.
    :func:`article_context` adds the byline and tags."""
    found = _by_article("article", pk)
    if not found or not found[0].is_visible():
        raise Http404("No such article.")
    article = found[0]
    sections = {section.pk: section for section in nav_sections()}
    if article.section_id in sections:
        article.section = sections[article.section_id]
    # Held in memory as modelcluster holds an edited story's children, so
    # that ``article.corrections.all()`` (the page, ``modified_at``) reads
    # them without another query.
    article.corrections = _by_article("corrections", pk)
    return article


def _byline_and_tags(article, preview):
    if preview:  # an unsaved revision: its relations are held in memory
        links, tags = article.article_authors.all(), article.tags.all()
        return [link.author for link in links], list(tags)
    return _by_article("authors", article.pk), _by_article("tags", article.pk)


def article_context(article, preview=False):
    authors, tags = _byline_and_tags(article, preview)
    return {
        "article": article,
        "authors": authors,
        "tags": tags,
        "corrections": [
            c for c in article.corrections.all() if c.published_at or preview
        ],
        "preview": preview,
    }
