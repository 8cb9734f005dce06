"""The content model: articles, their bylines and corrections (sections,
authors and tags are in taxonomy.py)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from khabar.links import link
from khabar.newsroom.article_form import PANELS
from khabar.newsroom.blocks import ArticleBodyBlock
from khabar.newsroom.frontpage import FrontPage, FrontPageStory  # noqa: F401  (models)
from khabar.newsroom.notes import ArticleNote  # noqa: F401  (a model: found here)
from khabar.newsroom.preview import SHARE_CARD, preview_context, preview_template
from khabar.newsroom.taxonomy import Author, Section, Tag


class ArticleQuerySet(models.QuerySet):
    def visible(self):
        """Articles a reader may see: published, due and not yet expired.

        Checks the times as well as the flags, so an article whose expiry
        has passed disappears before the scheduler gets to it.
        """
        now = timezone.now()
        return self.filter(
            Q(expire_at__isnull=True) | Q(expire_at__gt=now),
            # `live__in`: SQLite writes `live=True` as a bare `live`, which
            # no index can start with; `IN (1)` is an equality that the
            # (section, live, first_published_at…) index serves in order.
            live__in=[True],
            expired=False,
            first_published_at__lte=now,
        )

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")

    def headlines(self):
        """Only the columns a list of headlines shows (with both breaking
        columns, which ``Article.is_breaking_now`` reads)."""
        return self.only(
            "pk", "title", "kicker", "first_published_at", "is_breaking",
            "breaking_hours", "section_id",
        )  # fmt: skip

    def with_story_relations(self):
        """Join or prefetch what a full story shows: section, lead image,
        ordered byline, tags and corrections (one query each)."""
        return self.select_related("section", "lead_image").prefetch_related(
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by(
                    "sort_order"
                ),
            ),
            "tags",
            "corrections",
        )


#: The breaking windows an editor may choose, in hours after publication.
BREAKING_WINDOWS = (1, 2, 3, 6, 12, 24, 48)
DEFAULT_BREAKING_HOURS = 6


def _hours_now(count):
    return ngettext("%(count)d hour", "%(count)d hours", count) % {"count": count}


#: "3 ساعات" in the language of the request that shows it. Lazy all the
#: way: ``ngettext_lazy(...) % values`` translates at once, so the labels
#: were fixed in the language active at import.
_hours = lazy(_hours_now, str)


class Article(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
):
    """A news story. Its id is its permalink: /a/<id>."""

    title = models.CharField(_("title"), max_length=255)
    kicker = models.CharField(
        _("kicker"),
        max_length=60,
        blank=True,
        help_text=_("A short label shown above the title."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("The standfirst under the title.")
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField(_("caption"), max_length=255, blank=True)
    lead_image_credit = models.CharField(_("credit"), max_length=120, blank=True)
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    tags = ParentalManyToManyField(
        Tag, verbose_name=_("tags"), blank=True, related_name="articles"
    )
    seo_title = models.CharField(
        _("title for search and sharing"),
        max_length=120,
        blank=True,
        help_text=_(
            "The title search engines and social networks show. Leave empty "
            "to use the article's title."
        ),
    )
    search_description = models.TextField(
        _("description for search and sharing"),
        max_length=300,
        blank=True,
        help_text=_(
            "One or two sentences under the title in search results and "
            "shared links. Leave empty to use the summary."
        ),
    )
    is_breaking = models.BooleanField(
        _("breaking news"),
        default=False,
        help_text=_("Shown in the breaking-news strip on the home page."),
    )
    breaking_hours = models.PositiveSmallIntegerField(
        _("breaking for"),
        choices=[(hours, _hours(hours)) for hours in BREAKING_WINDOWS],
        default=DEFAULT_BREAKING_HOURS,
        help_text=_(
            "How long after publication a breaking story stays in the strip "
            "and keeps its badge."
        ),
    )
    view_count = models.PositiveBigIntegerField(_("views"), default=0, editable=False)
    external_id = models.CharField(
        _("external id"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("The id this article has in an imported archive."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="owned_articles",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Wagtail's snippet docs ask for these: related queries, and an
    # article's revisions and workflow states deleted with it.
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="article",
        for_concrete_model=False,
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="article",
        for_concrete_model=False,
    )

    objects = ArticleQuerySet.as_manager()

    panels = PANELS  # in tabs: article_form.py

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-first_published_at", "-pk"]
        # Declared here (Wagtail would add them after migrating) so that the
        # roles migration can grant them on a fresh database.
        permissions = [
            ("publish_article", "Can publish article"),
            ("lock_article", "Can lock article"),
            ("unlock_article", "Can unlock article"),
        ]
        indexes = [
            # Both hold every column visible() reads, so counting a list's
            # pages reads the index alone: /latest/ counted 100,000 articles
            # in 243 ms reading each row, in 9 ms from the index. The
            # section's has the id right after the date, so that it also
            # gives a section's newest in order (newest_first() breaks ties
            # by id) and SQLite's planner keeps choosing it for them.
            models.Index(
                fields=["live", "first_published_at", "expired", "expire_at"],
                name="article_visible",
            ),
            models.Index(
                fields=[
                    "section",
                    "live",
                    "first_published_at",
                    "id",
                    "expired",
                    "expire_at",
                ],
                name="article_section_visible",
            ),
            # Feeds and sitemaps answer conditional requests from the latest
            # change: one index lookup instead of a scan of the archive.
            models.Index(fields=["updated_at"], name="article_updated"),
        ]

    def __str__(self):
        return self.title

    def save(self, **kwargs):
        self._stamp_corrections()
        super().save(**kwargs)

    def get_absolute_url(self):
        return link("site:article", self.pk)

    @property
    def meta_title(self):
        """The title search engines and shared links show."""
        return self.seo_title or self.title

    @property
    def meta_description(self):
        """The description under it: its own, or the summary."""
        return self.search_description or self.summary

    @property
    def go_live_at_due_later(self):
        """True while this version waits for a scheduled go-live time."""
        return bool(self.go_live_at and self.go_live_at > timezone.now())

    @property
    def modified_at(self):
        """When readers last saw the story change: its last publication or
        its latest published correction, whichever is later."""
        times = [self.last_published_at or self.first_published_at]
        times += [c.published_at for c in self.corrections.all() if c.published_at]
        times = [t for t in times if t]
        return max(times) if times else None

    def is_visible(self, now=None):
        """Whether readers may see this article now: the test of
        ``Article.objects.visible()``, for an article already loaded."""
        now = now or timezone.now()
        return bool(
            self.live
            and not self.expired
            and self.first_published_at is not None
            and self.first_published_at <= now
            and (self.expire_at is None or self.expire_at > now)
        )

    def breaking_now(self, now=None):
        """Whether this story is breaking at *now*: flagged, and less than
        its ``breaking_hours`` since its first publication.

        Reads ``is_breaking`` first, so a list loaded without
        ``breaking_hours`` (see ``ArticleQuerySet.headlines()``) costs no
        query for a story that is not breaking.
        """
        if not self.is_breaking or self.first_published_at is None:
            return False
        now = now or timezone.now()
        return now < self.first_published_at + timedelta(hours=self.breaking_hours)

    @property
    def is_breaking_now(self):
        """:meth:`breaking_now` at this moment, for templates (the badge)."""
        return self.breaking_now()

    @property
    def was_updated(self):
        """True when a later publication changed the story (by a minute or
        more), so the page shows "updated"."""
        first, last = self.first_published_at, self.last_published_at
        return bool(first and last and (last - first).total_seconds() >= 60)

    def _stamp_corrections(self):
        """Date the corrections that go live with this version.

        A correction's time is the publication that first showed it. The
        editor's form and the revision it becomes carry no time, so a time
        already in the database is kept and a new one is this publication's.
        """
        loaded = getattr(self, "_cluster_related_objects", {}).get("corrections")
        if not self.live or not loaded:
            return  # only corrections held in memory are about to be written
        pending = [c for c in loaded if c.published_at is None]
        if not pending:
            return
        known = dict(
            ArticleCorrection.objects.filter(
                pk__in=[c.pk for c in pending if c.pk], published_at__isnull=False
            ).values_list("pk", "published_at")
        )
        when = self.last_published_at or timezone.now()
        for correction in pending:
            correction.published_at = known.get(correction.pk, when)

    @property
    def preview_modes(self):
        return [("", _("Article page")), (SHARE_CARD, _("Social preview"))]

    def get_preview_template(self, request, mode_name):
        return preview_template(mode_name)

    def get_preview_context(self, request, mode_name):
        return preview_context(self, mode_name)


class ArticleAuthor(Orderable):
    """An author's place in an article's byline."""

    article = ParentalKey(
        Article, on_delete=models.CASCADE, related_name="article_authors"
    )
    author = models.ForeignKey(
        Author,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="article_links",
    )

    panels = ["author"]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="unique_article_author"
            )
        ]


class ArticleCorrection(Orderable):
    """A public note on what changed when a published story was updated."""

    article = ParentalKey(Article, on_delete=models.CASCADE, related_name="corrections")
    note = models.TextField(
        _("note"),
        max_length=1000,
        help_text=_("What changed and why, in a sentence or two, for readers."),
    )
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the version that carries this note goes live."),
    )

    panels = ["note"]

    class Meta(Orderable.Meta):
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")

    def __str__(self):
        return self.note
