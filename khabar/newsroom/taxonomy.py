"""What articles are filed under and by: sections, authors and tags."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from khabar.links import link
from khabar.newsroom.slugs import unique_slug


def slug_field(max_length=80):
    """The slug of a named thing: unique, Arabic allowed, made from the
    name when left empty (``Named.save``)."""
    return models.SlugField(
        _("slug"),
        max_length=max_length,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "The name in the page's address, Arabic letters allowed. Leave "
            "empty to make it from the name."
        ),
    )


class Named(models.Model):
    """A name with a unique slug made from it, and a public page."""

    #: The URL name of the page, which takes the slug.
    url_name = ""

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name, self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return link(self.url_name, self.slug)


class Section(Named):
    """A part of the paper: politics, economy, sport…"""

    url_name = "site:section"

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = slug_field()
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(_("description"), blank=True)

    panels = ["name", "slug", "order", "description"]

    class Meta:
        # "model": the admin says «إضافة قسم», «هذا القسم», while the
        # article's field is labelled «القسم» (same English word).
        verbose_name = pgettext_lazy("model", "section")
        verbose_name_plural = pgettext_lazy("model", "sections")
        ordering = ["order", "name"]


class Author(Named):
    """A byline. May belong to a newsroom user, or be a guest writer."""

    url_name = "site:author"

    name = models.CharField(_("name"), max_length=120)
    slug = slug_field()
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("field", "user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
    )

    panels = ["name", "slug", "bio", "photo", "user"]

    class Meta:
        verbose_name = pgettext_lazy("model", "author")
        verbose_name_plural = pgettext_lazy("model", "authors")
        ordering = ["name"]


class Tag(Named):
    """A topic that cuts across sections: a place, a person, an event."""

    url_name = "site:tag"

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = slug_field(max_length=100)

    panels = ["name", "slug"]

    class Meta:
        verbose_name = pgettext_lazy("model", "tag")
        verbose_name_plural = pgettext_lazy("model", "tags")
        ordering = ["name"]
