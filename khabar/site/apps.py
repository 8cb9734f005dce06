from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "khabar.site"
    label = "site_public"
    verbose_name = _("Reader site")

    def ready(self):
        # Renditions are made while pages render, and in the admin's lists:
        # Pillow must refuse oversized images before any of them.
        from khabar.security.images import limit_decoding

        limit_decoding()
