"""The front page in the admin: editors' list and form of lineups.

Under the Newsroom menu (wagtail_hooks.NewsroomGroup). Stories are picked
with the article chooser; the list says which lineup readers see now and
which are still to come.
"""

from django.db.models import BooleanField, ExpressionWrapper, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import StatusTagColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from khabar.newsroom.frontpage import FrontPage

#: What the list's status column says of a lineup.
SHOWN, SCHEDULED, REPLACED = _("On the home page"), _("Scheduled"), _("Replaced")


def _state(lineup):
    if lineup.is_scheduled:
        return SCHEDULED
    return SHOWN if lineup.is_shown else REPLACED


class FrontPageViewSet(SnippetViewSet):
    model = FrontPage
    icon = "home"
    menu_label = _("Front page")
    list_display = [
        "takes_effect_at",
        "lead",
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor=_state,
            primary=lambda lineup: lineup.is_shown,
        ),
    ]
    ordering = ["-takes_effect_at", "-pk"]
    list_per_page = 20

    def get_queryset(self, request):
        now = timezone.now()
        shown = FrontPage.objects.in_effect(now).values("pk")[:1]
        return FrontPage.objects.annotate(
            is_shown=ExpressionWrapper(
                Q(pk=Subquery(shown)), output_field=BooleanField()
            ),
            is_scheduled=ExpressionWrapper(
                Q(takes_effect_at__gt=now), output_field=BooleanField()
            ),
        ).select_related("lead")
