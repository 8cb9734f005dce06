from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "khabar.search"
    label = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from khabar.newsroom.finder import register_article_finder
        from khabar.search import index  # noqa: F401  (subscribes to events)
        from khabar.search.newsroom import find_articles

        # The story desk and the admin's search box (newsroom/finder.py).
        register_article_finder(find_articles)
