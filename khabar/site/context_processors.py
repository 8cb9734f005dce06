"""What every public template may show: the paper's name and sections."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from khabar.site.context import nav_sections


def site(request):
    return {
        "site_name": settings.KHABAR_SITE_NAME,
        "base_url": settings.KHABAR_BASE_URL,
        # Lazy, so pages that do not show the menu (errors) run no query.
        "nav_sections": SimpleLazyObject(nav_sections),
    }
