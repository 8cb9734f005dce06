from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadershipConfig(AppConfig):
    name = "khabar.readership"
    label = "readership"
    verbose_name = _("Readership")

    def ready(self):
        from khabar.newsroom.panels import add_article_panel
        from khabar.readership import signals  # noqa: F401  (connects receivers)
        from khabar.readership.panels import ReadershipPanel

        # Its views on the article's edit screen, after the newsroom's panels.
        add_article_panel(ReadershipPanel())
