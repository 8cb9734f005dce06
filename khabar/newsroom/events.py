"""The one publish event: every side effect of publishing subscribes here.

The newsroom never imports what reacts to publishing (cache, search,
feeds, messaging). Those parts connect to these signals instead. Wagtail's
own ``published``/``unpublished`` signals (editor actions, the scheduler,
expiry) and the importer all end up here.
"""

from django.dispatch import Signal, receiver
from wagtail.signals import published, unpublished

#: Sent with ``article`` after an article becomes visible or changes while
#: visible.
article_published = Signal()
#: Sent with ``article`` after an article stops being visible.
article_unpublished = Signal()
#: Sent with ``article_ids`` (a list) after a bulk import made or changed
#: visible articles; sent once per batch rather than once per article.
articles_imported = Signal()
#: Sent after a front-page lineup (khabar/newsroom/frontpage.py) or one of
#: its stories is saved or deleted: what the home page leads with changed,
#: or when it will.
front_page_changed = Signal()


@receiver(published)
def _wagtail_published(sender, instance, **kwargs):
    from khabar.newsroom.models import Article

    # Wagtail sends ``published`` when a revision is *scheduled* too; only
    # a change readers can see now is a publish event.
    if (
        isinstance(instance, Article)
        and instance.live
        and not instance.go_live_at_due_later
    ):
        article_published.send(sender=Article, article=instance)


@receiver(unpublished)
def _wagtail_unpublished(sender, instance, **kwargs):
    from khabar.newsroom.models import Article

    if isinstance(instance, Article):
        article_unpublished.send(sender=Article, article=instance)
