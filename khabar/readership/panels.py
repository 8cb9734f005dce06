"""A read-only panel on the article's edit screen: its views."""

from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from khabar.readership import charts, stats

DAYS = 30


class ReadershipPanel(Panel):
    """The article's stored total and a sparkline of its last 30 days."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Readership"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "readership"

    class BoundPanel(Panel.BoundPanel):
        template_name = "readership/admin/panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            article = self.instance
            if article is None or article.pk is None:
                context["saved"] = False
                return context
            series = [views for _, views in stats.views_per_day(article, DAYS)]
            context.update(
                saved=True,
                total=article.view_count,
                last_30_days=sum(series),
                sparkline=charts.sparkline(
                    series,
                    label=_("Views per day, last 30 days"),
                    rtl=get_language_bidi(),
                ),
            )
            return context
