"""The front page as editors choose it: the lead story and the top stories.

A *lineup* (:class:`FrontPage`) names a lead and orders the top stories
beside it, and takes effect at a time: now, or later ("at 18:00 make X the
lead"). The home page shows the latest lineup whose time has come. A
chosen story readers may not see (a draft, unpublished, expired) is
skipped and the newest stories fill the gap; with no lineup at all, or an
empty one, the home page is newest-first. Saving or deleting a lineup
sends ``front_page_changed`` (khabar/newsroom/events.py), which purges the
home page; a scheduled lineup is reached by the cached page's own expiry
(:func:`lead_package` says until when), and the caches in front hear of
it from the scheduler (:func:`announce_due`; docs/newsroom.md "Front
page").
"""

from django.db import models
from django.db.models import Q, Subquery
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from khabar.newsroom.events import front_page_changed

#: Top stories shown beside the lead.
TOP_STORIES = 3


class FrontPageQuerySet(models.QuerySet):
    def in_effect(self, now):
        """Lineups whose time has come, the one readers see first."""
        return self.filter(takes_effect_at__lte=now).order_by("-takes_effect_at", "-pk")

    def scheduled(self, now):
        """Lineups still to come, the next first."""
        return self.filter(takes_effect_at__gt=now).order_by("takes_effect_at", "pk")


class FrontPage(ClusterableModel):
    """A lineup of the home page: a lead and ordered top stories, from a
    time on."""

    lead = models.ForeignKey(
        "newsroom.Article",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The top story. Left empty, the newest story leads, as when "
            "nothing is chosen."
        ),
    )
    takes_effect_at = models.DateTimeField(
        _("takes effect at"),
        default=timezone.now,
        db_index=True,
        help_text=_(
            "Now, or a later time at which this lineup replaces the one "
            "on the home page."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FrontPageQuerySet.as_manager()

    panels = [
        FieldPanel("takes_effect_at"),
        FieldPanel("lead"),
        InlinePanel(
            "stories",
            # The panel names its "Add …" button and each story after it.
            label=_("top story"),
            max_num=TOP_STORIES,
            help_text=_(
                "Shown beside the lead in this order; the newest stories "
                "fill any place left empty."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("front-page lineup")
        verbose_name_plural = _("front-page lineups")
        ordering = ["-takes_effect_at", "-pk"]

    def __str__(self):
        when = date_format(timezone.localtime(self.takes_effect_at), "Y-m-d H:i")
        if self.lead_id is None:
            return when
        return f"{when} · {self.lead}"

    def chosen_ids(self):
        """The chosen articles' ids, the lead first, each once."""
        ids = [self.lead_id] if self.lead_id else []
        for story in self.stories.all():
            if story.article_id not in ids:
                ids.append(story.article_id)
        return ids


class FrontPageStory(Orderable):
    """A top story's place in a lineup."""

    front_page = ParentalKey(
        FrontPage, on_delete=models.CASCADE, related_name="stories"
    )
    article = models.ForeignKey(
        "newsroom.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("top story")
        verbose_name_plural = _("top stories")


def _current_and_next(now):
    """The lineup in effect at *now* (its stories fetched) and the time of
    the next one, in one query: the home page asks for both."""
    rows = FrontPage.objects.filter(
        Q(pk=Subquery(FrontPage.objects.in_effect(now).values("pk")[:1]))
        | Q(pk=Subquery(FrontPage.objects.scheduled(now).values("pk")[:1]))
    ).prefetch_related("stories")
    shown = later = None
    for lineup in rows:
        if lineup.takes_effect_at <= now:
            shown = lineup
        else:
            later = lineup.takes_effect_at
    return shown, later


def lead_package(articles, size, now=None):
    """The *size* stories of the home page's lead package, lead first, and
    when the next scheduled lineup takes effect (or None).

    *articles* is the queryset of stories readers may see, shaped as the
    page shows them (``Article.objects.visible()`` with its cards'
    columns). The chosen stories come first, in the lineup's order, those
    no longer visible left out; the newest of the rest fill the package.
    """
    lineup, until = _current_and_next(now or timezone.now())
    ids = lineup.chosen_ids()[:size] if lineup is not None else []
    found = articles.in_bulk(ids) if ids else {}
    package = [found[pk] for pk in ids if pk in found]
    fill = articles.exclude(pk__in=ids) if ids else articles
    package += fill.newest_first()[: size - len(package)]
    return package, until


def announce_due(since, now):
    """Send ``front_page_changed`` if a lineup took effect after *since*
    and by *now*; return when the next one does, or None.

    The page cache needs no word (its copy of the home page ends at that
    time by itself); the caches in front (nginx, a CDN) are told this way,
    by the scheduler, which wakes for it (khabar/scheduling/ticker.py).
    """
    lineups = FrontPage.objects.filter(takes_effect_at__gt=since)
    if lineups.filter(takes_effect_at__lte=now).exists():
        front_page_changed.send(sender=FrontPage)
    return (
        FrontPage.objects.scheduled(now)
        .values_list("takes_effect_at", flat=True)
        .first()
    )


@receiver(post_save, sender=FrontPage)
@receiver(post_delete, sender=FrontPage)
@receiver(post_save, sender=FrontPageStory)
@receiver(post_delete, sender=FrontPageStory)
def _lineup_changed(sender, **kwargs):
    # The lineup and each of its stories are saved one by one: every save
    # is announced, so the last purge follows the last row written.
    front_page_changed.send(sender=FrontPage)
