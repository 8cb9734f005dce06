"""What the article page shows, gathered in a fixed number of queries."""

from khabar.cache.shared import shared
from khabar.newsroom.models import Article, ArticleAuthor, Section, Tag

LATEST_COUNT = 8
RELATED_COUNT = 5


def nav_sections():
    """The sections, in menu order (kept; see khabar/cache/shared.py)."""
    return shared("sections", lambda: Section.objects.only("name", "slug"))


def _without(articles, exclude, limit):
    return [article for article in articles if article.pk != exclude][:limit]


def newest_headlines(limit=LATEST_COUNT + 1):
    """The newest *limit* visible articles (kept; see khabar/cache/shared.py)."""
    return shared(
        ("latest", limit),
        lambda: Article.objects.visible().newest_first().headlines()[:limit],
    )


def latest_headlines(limit=LATEST_COUNT, exclude=None):
    """The newest *limit* visible articles, but *exclude* (a pk)."""
    return _without(newest_headlines(limit + 1), exclude, limit)


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
    return _without(newest, exclude, limit)


def article_queryset():
    """Articles with what their page shows joined, and their corrections
    (which ``Article.modified_at`` reads too)."""
    return Article.objects.select_related("section", "lead_image").prefetch_related(
        "corrections"
    )


def _byline_and_tags(article, preview):
    if preview:  # an unsaved revision: its relations are held in memory
        links, tags = article.article_authors.all(), article.tags.all()
    else:
        # One story: plain queries cost half what prefetching them does.
        links = ArticleAuthor.objects.filter(article_id=article.pk)
        links = links.select_related("author")
        tags = Tag.objects.filter(articles=article.pk)
    return [link.author for link in links], list(tags)


def article_context(article, preview=False):
    authors, tags = _byline_and_tags(article, preview)
    return {
        "article": article,
        "authors": authors,
        "tags": tags,
        "corrections": [
            c for c in article.corrections.all() if c.published_at or preview
        ],
        "related": section_headlines(article.section_id, exclude=article.pk),
        "preview": preview,
    }
