"""The story desk: the article list by status, section, author, tag, date
and owner, with counts, scheduled times and who holds each lock.

``ArticleViewSet`` (wagtail_hooks.py) lists articles with these filters,
columns and view. What the list starts from is what the user may open
(all articles for editors, their own for reporters: permissions.py); every
filter, count and search narrows that, never widens it.
"""

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Revision, TaskState, WorkflowState
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import IndexView

from khabar.newsroom.finder import find_articles
from khabar.newsroom.models import Article
from khabar.newsroom.taxonomy import Author, Section, Tag

#: A status's name in ``?status=``, and what the desk calls it.
#: (Their own msgids, by context: Wagtail's "Live" is «نشطة», a story's
#: is «منشور».)
STATUS_LABELS = {
    "draft": pgettext_lazy("story status", "Draft"),
    "in_review": pgettext_lazy("story status", "In review"),
    "my_review": pgettext_lazy("story status", "Awaiting my review"),
    "scheduled": pgettext_lazy("story status", "Scheduled"),
    "live": pgettext_lazy("story status", "Live"),
    "expired": pgettext_lazy("story status", "Expired"),
}


def permitted_articles(user):
    """The articles *user* may open: all for editors, their own for
    reporters (permissions.py). The desk and every search start here."""
    policy = policy_registry.get_by_type(Article)
    return policy.instances_user_has_any_permission_for(user, ["view"])


def _article_type():
    return ContentType.objects.get_for_model(Article)


def _about_article(queryset, field="object_id", prefix=""):
    """*queryset* (revisions, workflow states…) narrowed to the article of
    the outer query: their object id is text, the article's an integer."""
    return queryset.filter(
        **{
            f"{prefix}base_content_type": _article_type(),
            f"{prefix}{field}": Cast(OuterRef("pk"), CharField()),
        }
    )


def _scheduled():
    """A version of the article waits for its go-live time."""
    return Exists(
        _about_article(Revision.objects.filter(approved_go_live_at__isnull=False))
    )


def _in_review():
    return Exists(
        _about_article(
            WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
        )
    )


def _awaiting(user):
    """In review at a task *user* may approve (the per-editor queue)."""
    states = TaskState.objects.reviewable_by(user)
    return Exists(_about_article(states, prefix="workflow_state__"))


def status_q(status, user):
    """The condition of *status* (a key of :data:`STATUS_LABELS`).

    Live and expired follow the article's own flags; a live story may also
    be in review or have a new version scheduled. A draft is none of these:
    never published or taken down, and waiting for no one.
    """
    if status == "live":
        return Q(live=True, expired=False)
    if status == "expired":
        return Q(expired=True)
    if status == "scheduled":
        return Q(_scheduled())
    if status == "in_review":
        return Q(_in_review())
    if status == "my_review":
        return Q(_awaiting(user))
    return Q(live=False, expired=False) & ~Q(_scheduled()) & ~Q(_in_review())


def statuses_for(user):
    """The statuses the desk offers *user*: the review queue only to those
    who approve (editors, the chief editor)."""
    approver = user.has_perm("newsroom.publish_article")
    return [key for key in STATUS_LABELS if key != "my_review" or approver]


def with_desk_columns(queryset):
    """*queryset* with what the desk's columns show, in the same query:
    the section, owner and lock holder, the scheduled go-live time and
    whether the story is in review."""
    scheduled = _about_article(
        Revision.objects.filter(approved_go_live_at__isnull=False)
    ).order_by("-created_at")
    return queryset.select_related("section", "owner", "locked_by").annotate(
        scheduled_at=scheduled.values("approved_go_live_at")[:1],
        in_review=_in_review(),
    )


class DeskFilterSet(WagtailFilterSet):
    """The desk's filters (Wagtail shows them in its filter drawer)."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[],  # per user: statuses_for()
        method="filter_status",
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    # A choice, not a checkbox: an unticked box is a value ("False"), shown
    # as an active filter.
    mine = django_filters.ChoiceFilter(
        label=_("Owner"),
        choices=[("1", _("Mine"))],
        method="filter_mine",
        empty_label=_("Anyone"),
        widget=forms.RadioSelect,
    )
    section = django_filters.ModelChoiceFilter(
        label=_("Section"), queryset=Section.objects.all()
    )
    author = django_filters.ModelChoiceFilter(
        label=_("Author"),
        queryset=Author.objects.all(),
        field_name="article_authors__author",
    )
    tag = django_filters.ModelChoiceFilter(
        label=_("Tag"), queryset=Tag.objects.all(), field_name="tags"
    )
    published = django_filters.DateFromToRangeFilter(
        label=_("Published between"),
        field_name="first_published_at",
        widget=DateRangePickerWidget,
    )
    updated = django_filters.DateFromToRangeFilter(
        label=_("Changed between"),
        field_name="updated_at",
        widget=DateRangePickerWidget,
    )

    class Meta:
        model = Article
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user
        self.filters["status"].extra["choices"] = [
            (key, STATUS_LABELS[key]) for key in statuses_for(user)
        ]

    def filter_status(self, queryset, name, value):
        return queryset.filter(status_q(value, self.request.user))

    def filter_mine(self, queryset, name, value):
        return queryset.filter(owner=self.request.user)

    def filter_queryset(self, queryset, skip=()):
        """Apply every filter but those named in *skip* (the status counts
        apply all the others)."""
        for name, value in self.form.cleaned_data.items():
            if name not in skip:
                queryset = self.filters[name].filter(queryset, value)
        # An author or tag joins a many-valued relation.
        return queryset.distinct() if self._joins_many() else queryset

    def _joins_many(self):
        data = self.form.cleaned_data
        return bool(data.get("author") or data.get("tag"))


def _status_of(article):
    """``(key, time)``: the status the desk shows first, and its time."""
    if article.expired:
        return "expired", article.expire_at
    if getattr(article, "in_review", False):
        return "in_review", None
    if getattr(article, "scheduled_at", None):
        return "scheduled", article.scheduled_at
    if article.live:
        return "live", article.first_published_at
    return "draft", None


def status_label(article):
    """What the desk calls *article*'s status (loaded with
    :func:`with_desk_columns`)."""
    return STATUS_LABELS[_status_of(article)[0]]


class StatusColumn(Column):
    """The story's status, with its time when it has one (the go-live time
    of a scheduled story, the first publication of a live one)."""

    cell_template_name = "newsroom/desk/status_cell.html"

    def __init__(self):
        super().__init__("status", label=_("Status"), sort_key="live")

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        key, when = _status_of(instance)
        context.update(
            status=key, label=STATUS_LABELS[key], when=when, primary=key == "live"
        )
        context["pending"] = instance.live and instance.has_unpublished_changes
        return context


def _display_name(user):
    return get_user_display_name(user) if user is not None else ""


def columns():
    """The desk's columns, for ``ArticleViewSet.list_display``."""
    return [
        "title",
        "section",
        StatusColumn(),
        Column("owner", label=_("Owner"), accessor=lambda a: _display_name(a.owner)),
        Column(
            "locked_by",
            label=_("Locked by"),
            accessor=lambda a: _display_name(a.locked_by) if a.locked else "",
        ),
        DateColumn("updated_at", label=_("Updated"), sort_key="updated_at"),
        "view_count",
    ]


class DeskIndexView(IndexView):
    """The article list, searched through Khabar's Arabic search and
    headed by a count of the stories in each status."""

    def get_base_queryset(self):
        return with_desk_columns(super().get_base_queryset())

    @cached_property
    def found(self):
        """The stories the search words find among those the user may
        open (newsroom/finder.py), once per request."""
        return find_articles(self.get_base_queryset(), self.search_query)

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(pk__in=self.found.values("pk"))

    def status_counts(self):
        """``[(key, label, count, url)]`` for each status, and "all": the
        stories the other filters and the search leave."""
        queryset = self.get_base_queryset()
        if self.filters and self.filters.is_valid():
            queryset = self.filters.filter_queryset(queryset, skip=("status",))
        queryset = self.search_queryset(queryset)
        chosen = self.request.GET.get("status", "")
        tabs = [("", pgettext_lazy("stories", "All"), queryset.count())]
        for key in statuses_for(self.request.user):
            count = queryset.filter(status_q(key, self.request.user)).count()
            tabs.append((key, STATUS_LABELS[key], count))
        return [
            {
                "key": key,
                "label": label,
                "count": count,
                "url": self._url_with(status=key),
                "current": key == chosen,
            }
            for key, label, count in tabs
        ]

    def _url_with(self, **params):
        query = self.request.GET.copy()
        for name in (self.page_kwarg, "_w_filter_fragment"):
            query.pop(name, None)
        for name, value in params.items():
            if value:
                query[name] = value
            else:
                query.pop(name, None)
        return f"{self.index_url}?{query.urlencode()}" if query else self.index_url

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["desk_tabs"] = self.status_counts()
        context["media"] += forms.Media(css={"all": ["newsroom/desk.css"]})
        return context
