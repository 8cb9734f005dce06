"""Keep the index in step with what readers can see.

Subscribes to the publish event (:mod:`khabar.newsroom.events`): a
published or edited article is indexed again at once, an unpublished or
expired one leaves the index, and an import is indexed batch by batch.
``khabar reindex`` catches up with anything else (an index built before
this app existed, a restored database).
"""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from khabar.arabic.analyzer import analyse_word, word_stems
from khabar.arabic.stem import light_stem
from khabar.memory import free_batch_garbage
from khabar.newsroom.events import (
    article_published,
    article_unpublished,
    articles_imported,
)
from khabar.newsroom.models import Article
from khabar.search.backends import get_backend
from khabar.search.documents import entry
from khabar.search.models import SearchDocument

BATCH_SIZE = 500
#: Articles indexed at a time for an import: each batch's entries, the
#: analysed words of every field, are held at once (bench/wxr_import.py).
IMPORT_BATCH_SIZE = 50
#: Words the analyser may keep between two batches of an import: 20,000
#: held 62 MB above Django at 2,000 imported posts, 5,000 holds 42 MB and
#: is as fast (the words every article uses come back at once).
IMPORT_WORDS = 5_000
#: The article columns indexing reads.
COLUMNS = (
    "pk",
    "title",
    "kicker",
    "summary",
    "body",
    "section_id",
    "first_published_at",
    "expire_at",
    "updated_at",
)


def _batches(items, size):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def index_articles(article_ids, batch_size=BATCH_SIZE, on_batch=None):
    """Index the visible articles among *article_ids*; drop the others.

    Returns how many were indexed. *on_batch*, if given, is called with
    the number of ids handled after each batch (for a progress bar).
    """
    backend = get_backend()
    indexed = 0
    for ids in _batches(article_ids, batch_size):
        with transaction.atomic():
            articles = Article.objects.visible().filter(pk__in=ids).only(*COLUMNS)
            entries = sorted(
                (entry(article) for article in articles), key=lambda e: e.key
            )
            backend.delete(ids)
            backend.write(entries)
        indexed += len(entries)
        if on_batch:
            on_batch(len(ids))
    return indexed


def remove_articles(article_ids):
    """Take *article_ids* out of the index."""
    backend = get_backend()
    for ids in _batches(article_ids, BATCH_SIZE):
        backend.delete(ids)


def stale_article_ids():
    """Visible articles the index lacks or has in an older version, oldest
    first: written in that order, PostgreSQL's table holds a search's
    window of recent days in a few neighbouring pages."""
    current = SearchDocument.objects.filter(
        article_id=OuterRef("pk"), source_updated_at__gte=OuterRef("updated_at")
    )
    return list(
        Article.objects.visible()
        .filter(~Exists(current))
        .order_by("first_published_at", "pk")
        .values_list("pk", flat=True)
    )


def hidden_article_ids():
    """Indexed articles readers can no longer see."""
    visible = Article.objects.visible().filter(pk=OuterRef("article_id"))
    return list(
        SearchDocument.objects.filter(~Exists(visible)).values_list(
            "article_id", flat=True
        )
    )


def update_statistics():
    """Let the database learn the index's new contents (its planner
    statistics), after many documents changed."""
    get_backend().update_statistics()


def clear_index():
    """Empty the index."""
    backend = get_backend()
    with transaction.atomic():
        backend.clear()
        SearchDocument.objects.all().delete()
        backend.clear_statistics()


@receiver(article_published)
def _published(sender, article, **kwargs):
    index_articles([article.pk])


@receiver(article_unpublished)
def _unpublished(sender, article, **kwargs):
    remove_articles([article.pk])


@receiver(articles_imported)
def _imported(sender, article_ids, **kwargs):
    index_articles(
        article_ids, batch_size=IMPORT_BATCH_SIZE, on_batch=_bound_word_caches
    )
    free_batch_garbage()


def _bound_word_caches(count):
    """Empty the analyser's per-word caches past :data:`IMPORT_WORDS`
    (bench/wxr_import.py, docs/benchmarks.md).

    They are sized for a server's searches (half a million words, some
    500 bytes each) while an import meets new words in almost every
    article; the words every article uses come back with the next batch.
    The batch's cyclic garbage is freed once per imported batch
    (khabar.memory).
    """
    if analyse_word.cache_info().currsize > IMPORT_WORDS:
        analyse_word.cache_clear()
        word_stems.cache_clear()
        light_stem.cache_clear()


@receiver(pre_delete, sender=Article)
def _deleted(sender, instance, **kwargs):
    # Through the backend, not the cascade: the index's statistics must
    # lose the document's words with it.
    remove_articles([instance.pk])
