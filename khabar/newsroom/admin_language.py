"""What Wagtail's admin would show in English, or send to English pages.

The wording itself lives in the catalogue (khabar/locale, with Wagtail's
own msgids listed in khabar/newsroom/admin_msgids.py); this module fixes
what no catalogue reaches: values Wagtail prints with ``str()`` and links
to Wagtail's English help.
"""

import django_filters
from django.template.defaultfilters import yesno
from wagtail import hooks
from wagtail.admin.active_filters import (
    ActiveFilter,
    BaseFilterAdapter,
    register_filter_adapter_class,
)

#: Help-menu items that open Wagtail's English pages about Wagtail.
WAGTAIL_HELP = ("whats-new-in-wagtail-", "editor-guide")


class BooleanFilterAdapter(BaseFilterAdapter):
    """A yes/no filter's chip says «نعم» or «لا», not "True" or "False"."""

    def get_active_filters(self):
        yield ActiveFilter(
            self.bound_field.auto_id,
            self.filter.label,
            yesno(self.value),
            self.get_url_without_filter_param(self.name),
        )


register_filter_adapter_class(django_filters.BooleanFilter, BooleanFilterAdapter)


@hooks.register("construct_help_menu")
def _without_wagtail_help(request, menu_items):
    menu_items[:] = [
        item for item in menu_items if not item.name.startswith(WAGTAIL_HELP)
    ]
