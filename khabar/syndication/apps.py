from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    name = "khabar.syndication"
    label = "khabar_syndication"  # "syndication" is django.contrib's
    verbose_name = _("Feeds and sitemaps")

    def ready(self):
        from khabar.syndication import changes  # noqa: F401  (connects signals)
