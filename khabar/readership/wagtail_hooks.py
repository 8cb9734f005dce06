"""Readership in the newsroom's admin: the dashboard and its menu item.

The article's readership panel is added in ReadershipConfig.ready(),
through the newsroom's extension point (khabar/newsroom/panels.py).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from khabar.readership.admin_views import DashboardView


@hooks.register("register_admin_urls")
def _urls():
    return [path("readership/", DashboardView.as_view(), name="readership_dashboard")]


@hooks.register("register_admin_menu_item")
def _menu_item():
    return MenuItem(
        _("Readership"),
        reverse("readership_dashboard"),
        name="readership",
        icon_name="view",
        order=150,
    )
