from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "khabar.site"
    label = "site_public"
    verbose_name = _("Reader site")
