"""The accounts pages in Wagtail's admin, and their audit-log actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from khabar.accounts import audit, urls


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("accounts/", include(urls, namespace="khabar_accounts")),
        *urls.webauthn_urls,
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("khabar_accounts:two_factor"),
        "label": _("Two-step sign-in"),
        "help_text": _(
            "An authenticator app or a passkey, asked for after the password."
        ),
    }


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(actions)


@hooks.register("construct_reports_menu")
def show_site_history_to_account_managers(request, menu_items):
    # Wagtail shows "Site history" only to those with pages to explore;
    # articles are snippets here, so the chief editor, who sees accounts
    # and their sign-ins there, would never find it.
    if any(item.name == "site-history" for item in menu_items):
        return
    if request.user.has_perm("auth.view_user"):
        menu_items.append(
            MenuItem(
                _("Site history"),
                reverse("wagtailadmin_reports:site_history"),
                name="site-history",
                icon_name="history",
                order=1000,
            )
        )
