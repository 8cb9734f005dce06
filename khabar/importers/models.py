"""What an import keeps that Khabar does not show yet: WordPress comments."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WordPressComment(models.Model):
    """A comment of an imported WordPress site, kept as WordPress had it.

    Khabar has no comments of its own; these are kept so that a move from
    WordPress loses none of them, and so that they can be written back out
    (``export-wxr``). ``post_id`` is the WordPress post the comment is on;
    ``article`` the article that post became, if any (a trashed post's
    comments are kept without one). ``site`` is the export's base site URL,
    so two sites' comment ids never meet.
    """

    site = models.CharField(_("WordPress site"), max_length=200)
    comment_id = models.BigIntegerField(_("WordPress comment id"))
    post_id = models.BigIntegerField(_("WordPress post id"))
    article = models.ForeignKey(
        "newsroom.Article",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wordpress_comments",
    )
    parent_id = models.BigIntegerField(_("parent comment id"), default=0)
    author = models.TextField(_("author"), blank=True)
    author_email = models.TextField(_("author email"), blank=True)
    author_url = models.TextField(_("author URL"), blank=True)
    author_ip = models.CharField(_("author IP"), max_length=100, blank=True)
    user_id = models.BigIntegerField(_("WordPress user id"), default=0)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    content = models.TextField(_("content"), blank=True)
    #: WordPress's status: "1", "0" (held), "spam", "trash", "post-trashed".
    approved = models.CharField(_("status"), max_length=20, default="1")
    type = models.CharField(_("type"), max_length=20, default="comment")
    meta = models.JSONField(_("meta"), default=dict, blank=True)

    class Meta:
        verbose_name = _("WordPress comment")
        verbose_name_plural = _("WordPress comments")
        ordering = ["site", "comment_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "comment_id"], name="wordpress_comment_unique"
            )
        ]

    def __str__(self):
        return f"{self.site} #{self.comment_id}"


class LegacyPath(models.Model):
    """An address of the old site, and what it shows now.

    Filled by an import (``import-wxr``), read only when a request would
    otherwise answer 404 (``khabar.importers.legacy``). ``path`` is a key
    made by :func:`khabar.importers.legacy.path_key`: a decoded path in
    lower case without its trailing slash (``/2024/03/03/خبر``), a query
    form (``?p=9``, ``/news?cat=6``), or ``slug:`` and a post's slug, which
    any old permalink ending in that slug finds. The target is kept by kind
    and id, not as a URL, so the answer follows a renamed section and
    stops when an article is unpublished.
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", _("article")
        SECTION = "section", _("section")
        TAG = "tag", _("tag")
        AUTHOR = "author", _("author")
        IMAGE = "image", _("image")
        SITE = "site", _("the whole site")

    path = models.CharField(_("old path"), max_length=1000, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField(_("id"), null=True, blank=True)
    #: Where it came from: the WordPress site's address.
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return f"{self.path} → {self.kind} {self.object_id or ''}".rstrip()
