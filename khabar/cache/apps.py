from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "khabar.cache"
    label = "page_cache"
    verbose_name = _("Page cache")

    def ready(self):
        from khabar.cache import invalidation  # noqa: F401  (connects signals)
