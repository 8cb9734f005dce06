from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "khabar.newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from khabar.newsroom.models import Article
        from khabar.newsroom.permissions import ArticlePermissionPolicy

        register_permission_policy(Article, ArticlePermissionPolicy(Article))
        from khabar.newsroom import events  # noqa: F401  (connects signals)
