from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class NewsroomConfig(AppConfig):
    default = True  # apps.py also holds UsersConfig
    name = "khabar.newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from khabar.newsroom.models import Article
        from khabar.newsroom.permissions import ArticlePermissionPolicy

        register_permission_policy(Article, ArticlePermissionPolicy(Article))
        # create.py holds the CreateToken model; events.py connects signals.
        # admin_language.py registers the admin's Arabic fixes.
        from khabar.newsroom import admin_language, create, events  # noqa: F401


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the newsroom's limits on who grants what
    (khabar/newsroom/users.py)."""

    user_viewset = "khabar.newsroom.users.UserViewSet"

    def ready(self):
        super().ready()
        from django.contrib.auth import get_user_model
        from wagtail.permissions import register_permission_policy

        from khabar.newsroom.users import UserPermissionPolicy

        model = get_user_model()
        register_permission_policy(model, UserPermissionPolicy(model))
