"""The newsroom's readership dashboard in Wagtail's admin."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language_bidi, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from khabar.readership import charts, stats


def daily_points(series):
    """Bars' tooltips: the date and its views, in the editor's language."""
    return [
        (
            ngettext("%(day)s: %(views)s view", "%(day)s: %(views)s views", views)
            % {"day": date_format(day, "j F"), "views": views},
            views,
        )
        for day, views in series
    ]


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "readership/admin/dashboard.html"
    page_title = _("Readership")
    header_icon = "view"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("readership_dashboard"), "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        series = stats.views_per_day(today=today)
        context.update(
            chart=charts.bar_chart(
                daily_points(series),
                label=_("Views per day, last 30 days"),
                rtl=get_language_bidi(),
            ),
            first_day=series[0][0],
            last_day=series[-1][0],
            total_30_days=sum(views for _, views in series),
            today_views=series[-1][1],
            top=stats.top_articles(today),
        )
        return context
