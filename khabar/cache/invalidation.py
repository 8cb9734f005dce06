"""Purge exactly the pages a change shows: subscribers to the publish event.

Publishing, editing, unpublishing, expiring or importing an article purges
its own page, the home page, the latest-news pages, its section, tag and
author pages (and their feeds), the site feeds and the sitemaps, every
cached list that showed it (tag ``article:<id>``), and the read API's
answers (tag ``api``: its lists, and the tags and authors it names only
once they have a visible article; one article's answer has its own tag).
Nothing else: another section's page stays cached. Purges run when the
transaction commits, so that the next render reads the new rows.

A change of the front-page lineup purges the home page alone.

Renaming or adding a section (the menu is on every page), or renaming a
tag or an author, purges the whole page cache: rare, and shown everywhere.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from khabar.cache import purge
from khabar.cache.store import get_store
from khabar.newsroom.events import (
    article_published,
    article_unpublished,
    articles_imported,
    front_page_changed,
)
from khabar.newsroom.models import Article, Author, Section, Tag

#: Tags every article change purges.
ALWAYS = ("home", "latest", "feeds", "sitemaps", "api")
#: Tags a change of the front-page lineup purges.
FRONT_PAGE = ("home",)
#: Ids per query when looking up an import's sections, tags and authors.
CHUNK = 500


def article_tags(article_ids):
    """The tags that changing the articles *article_ids* purges."""
    ids = list(article_ids)
    tags = set(ALWAYS)
    tags.update(f"article:{pk}" for pk in ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        tags.update(
            f"section:{slug}"
            for slug in Section.objects.filter(articles__pk__in=chunk)
            .values_list("slug", flat=True)
            .distinct()
        )
        tags.update(
            f"tag:{slug}"
            for slug in Tag.objects.filter(articles__pk__in=chunk)
            .values_list("slug", flat=True)
            .distinct()
        )
        tags.update(
            f"author:{slug}"
            for slug in Author.objects.filter(article_links__article__pk__in=chunk)
            .values_list("slug", flat=True)
            .distinct()
        )
    return tags


def purge_tags(tags, article_count=1):
    """Purge *tags* here and in the caches in front."""
    if not settings.KHABAR_PAGE_CACHE:
        return set()
    keys = get_store().purge(tags)
    purge.front(purge.urls_for(tags, keys, with_articles=article_count <= 100))
    return keys


def purge_articles(article_ids):
    ids = list(article_ids)
    if ids and settings.KHABAR_PAGE_CACHE:
        purge_tags(article_tags(ids), article_count=len(ids))


def purge_everything():
    if settings.KHABAR_PAGE_CACHE:
        get_store().purge_all()
        purge.front(purge.urls_for(ALWAYS, ()))


def _on_commit(function, *args):
    transaction.on_commit(lambda: function(*args))


@receiver(article_published)
@receiver(article_unpublished)
def _article_changed(sender, article, **kwargs):
    _on_commit(purge_articles, [article.pk])


@receiver(articles_imported)
def _articles_imported(sender, article_ids, **kwargs):
    _on_commit(purge_articles, list(article_ids))


@receiver(front_page_changed)
def _front_page_changed(sender, **kwargs):
    _on_commit(purge_tags, FRONT_PAGE)


@receiver(pre_delete, sender=Article)
def _article_deleted(sender, instance, **kwargs):
    if instance.live and settings.KHABAR_PAGE_CACHE:
        # The relations are gone after the delete: collect the tags now.
        _on_commit(purge_tags, article_tags([instance.pk]))


@receiver(post_save, sender=Section)
@receiver(post_delete, sender=Section)
@receiver(post_delete, sender=Tag)
@receiver(post_delete, sender=Author)
def _menu_changed(sender, **kwargs):
    _on_commit(purge_everything)


@receiver(post_save, sender=Tag)
@receiver(post_save, sender=Author)
def _name_changed(sender, created, **kwargs):
    if not created:  # a new tag or author is on no page yet
        _on_commit(purge_everything)
