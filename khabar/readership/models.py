"""Stored counts: per article per day and per hour, and the flush ledger.

The per-article total is ``Article.view_count``. These rows are written
only by the flusher (khabar/readership/flusher.py), in batches, never once
per view.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArticleDailyViews(models.Model):
    """Views of one article on one day (the site's time zone)."""

    article = models.ForeignKey(
        "newsroom.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="daily_views",
    )
    day = models.DateField(_("day"))
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("daily views")
        verbose_name_plural = _("daily views")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="daily_views_once")
        ]
        indexes = [models.Index(fields=["day"], name="daily_views_day")]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.views}"


class ArticleHourlyViews(models.Model):
    """Views of one article in one clock hour (UTC), kept for eight days.

    The most-read lists add these up over a sliding window of hours.
    """

    article = models.ForeignKey(
        "newsroom.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="hourly_views",
    )
    hour = models.DateTimeField(_("hour"))
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("hourly views")
        verbose_name_plural = _("hourly views")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "hour"], name="hourly_views_once"
            )
        ]
        indexes = [models.Index(fields=["hour"], name="hourly_views_hour")]

    def __str__(self):
        return f"{self.article_id} {self.hour:%Y-%m-%d %H}h: {self.views}"


class FlushLog(models.Model):
    """One applied batch of counts.

    Written in the same transaction as the counts it adds, so a batch that
    is retried after a crash is recognised by its id and not added twice.
    """

    flush_id = models.CharField(_("flush id"), max_length=80, unique=True)
    flushed_at = models.DateTimeField(_("flushed at"), default=timezone.now)
    articles = models.PositiveIntegerField(_("articles"), default=0)
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("flush")
        verbose_name_plural = _("flushes")
        indexes = [models.Index(fields=["flushed_at"], name="flush_log_time")]

    def __str__(self):
        return self.flush_id


class DailySalt(models.Model):
    """The salt that makes readers' hashes for one UTC day.

    Kept here, not only in Redis, so that a Redis that restarts empty
    cannot give one worker a new salt while others keep the old one: each
    reader would then count once per salt. Read once a day per process;
    days before yesterday are deleted. No hash is ever stored here.
    """

    day = models.CharField(_("day"), max_length=10, primary_key=True)
    value = models.BinaryField(_("value"))

    class Meta:
        verbose_name = _("daily salt")
        verbose_name_plural = _("daily salts")

    def __str__(self):
        return self.day
