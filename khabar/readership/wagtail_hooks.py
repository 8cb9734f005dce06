"""Readership in the newsroom: the dashboard and the article's panel.

The newsroom must not import readership (publishing knows nothing of what
reacts to it), so the panel is added from here: appended to
``Article.panels`` when Wagtail loads the hooks, before the snippet viewset
first builds its edit form (it builds it lazily, on first use).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from khabar.newsroom.models import Article
from khabar.readership.admin_views import DashboardView
from khabar.readership.panels import ReadershipPanel


def add_panel(model=Article):
    if not any(isinstance(panel, ReadershipPanel) for panel in model.panels):
        model.panels = [*model.panels, ReadershipPanel()]


add_panel()


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
