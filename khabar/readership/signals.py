"""Keep the store's set of live ids in step with the publish events."""

import logging

from django.dispatch import receiver

from khabar.newsroom.events import (
    article_published,
    article_unpublished,
    articles_imported,
)
from khabar.readership import most_read
from khabar.readership.counters import get_counters

log = logging.getLogger(__name__)


def _set_live(ids, live):
    # Counting must never stop an editor from publishing: the periodic
    # rebuild of the live set repairs whatever fails here.
    try:
        get_counters().set_live(ids, live)
    except Exception:
        log.exception("Could not update the live set for %s", ids)


@receiver(article_published)
def _published(sender, article, **kwargs):
    _set_live([article.pk], True)


@receiver(article_unpublished)
def _unpublished(sender, article, **kwargs):
    _set_live([article.pk], False)
    most_read.expire()  # recomputed within a flush interval, without it


@receiver(articles_imported)
def _imported(sender, article_ids, **kwargs):
    from khabar.newsroom.models import Article

    visible = Article.objects.visible().filter(pk__in=article_ids)
    _set_live(list(visible.values_list("pk", flat=True)), True)
