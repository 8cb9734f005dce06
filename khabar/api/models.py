"""The change log behind ``/api/v1/changes``: what left or entered the site.

Rows outlive the articles they name (``article_id`` is a number, not a
foreign key), so that a deleted article still has its tombstone.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ArticleChange(models.Model):
    """One change to what readers can see of one article.

    The id is the feed's cursor: rows are read in id order, and
    ``khabar/api/recording.py`` makes ids commit in that order.
    """

    class Kind(models.TextChoices):
        PUBLISHED = "published", pgettext_lazy("change kind", "published")
        UPDATED = "updated", pgettext_lazy("change kind", "updated")
        CORRECTED = "corrected", pgettext_lazy("change kind", "corrected")
        UNPUBLISHED = "unpublished", pgettext_lazy("change kind", "unpublished")
        EXPIRED = "expired", pgettext_lazy("change kind", "expired")
        DELETED = "deleted", pgettext_lazy("change kind", "deleted")

    id = models.BigAutoField(primary_key=True)
    article_id = models.BigIntegerField(_("article"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("article change")
        verbose_name_plural = _("article changes")
        indexes = [
            # An article's latest change: what the recorder compares with,
            # and what pruning keeps.
            models.Index(fields=["article_id", "id"], name="change_article_latest"),
        ]

    def __str__(self):
        return f"{self.kind} {self.article_id}"


#: The kinds after which the article is on the site, and those after which
#: it is not (tombstones).
LIVE_KINDS = frozenset(
    {
        ArticleChange.Kind.PUBLISHED,
        ArticleChange.Kind.UPDATED,
        ArticleChange.Kind.CORRECTED,
    }
)
TOMBSTONE_KINDS = frozenset(
    {
        ArticleChange.Kind.UNPUBLISHED,
        ArticleChange.Kind.EXPIRED,
        ArticleChange.Kind.DELETED,
    }
)


class ChangeHorizon(models.Model):
    """How far pruning has gone: one row (id 1).

    A cursor below ``tombstones_through`` may have missed a tombstone that
    is no longer kept, so the reader must sync again from the start.
    """

    tombstones_through = models.BigIntegerField(
        _("tombstones removed through id"), default=0
    )
    pruned_at = models.DateTimeField(_("last pruned"), null=True, blank=True)

    class Meta:
        verbose_name = _("change log horizon")
        verbose_name_plural = _("change log horizons")

    def __str__(self):
        return str(self.tombstones_through)
