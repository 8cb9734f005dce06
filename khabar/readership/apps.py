from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadershipConfig(AppConfig):
    name = "khabar.readership"
    label = "readership"
    verbose_name = _("Readership")

    def ready(self):
        from khabar.readership import signals  # noqa: F401  (connects receivers)
