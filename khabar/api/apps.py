from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "khabar.api"
    label = "api"
    verbose_name = _("Read API")

    def ready(self):
        from khabar.api import recording  # noqa: F401  (the change log's events)
