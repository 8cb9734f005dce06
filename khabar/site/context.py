"""What the article page shows, gathered in a fixed number of queries."""

from khabar.newsroom.models import Article

LATEST_COUNT = 8
RELATED_COUNT = 5


def latest_headlines(limit=LATEST_COUNT, exclude=None):
    articles = Article.objects.visible().newest_first().headlines()
    if exclude is not None:
        articles = articles.exclude(pk=exclude)
    return list(articles[:limit])


def article_queryset():
    """Articles with everything their page shows joined or prefetched."""
    return Article.objects.with_story_relations()


def article_context(article, preview=False):
    related = (
        Article.objects.visible()
        .newest_first()
        .headlines()
        # `live__in`: an equality the (section, live, first_published_at)
        # index serves in order (SQLite writes `live=True` as a bare `live`).
        .filter(section_id=article.section_id, live__in=[True])
        .exclude(pk=article.pk)[:RELATED_COUNT]
    )
    return {
        "article": article,
        "authors": [link.author for link in article.article_authors.all()],
        "tags": list(article.tags.all()),
        "corrections": [
            c for c in article.corrections.all() if c.published_at or preview
        ],
        "latest": latest_headlines(exclude=article.pk),
        "related": list(related),
        "preview": preview,
    }
