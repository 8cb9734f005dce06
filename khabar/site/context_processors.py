"""What every public template may show: the paper's name and sections."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from khabar.site.context import nav_sections
from khabar.syndication.structured_data import tagline


def site(request):
    return {
        "site_name": settings.KHABAR_SITE_NAME,
        "base_url": settings.KHABAR_BASE_URL,
        "site_description": SimpleLazyObject(tagline),
        # Lazy, so pages that do not show the menu (errors) run no query.
        "nav_sections": SimpleLazyObject(nav_sections),
    }
