from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "khabar.cache"
    label = "page_cache"
    verbose_name = _("Page cache")

    def ready(self):
        # Both connect signal receivers.
        from khabar.cache import generation, invalidation  # noqa: F401
