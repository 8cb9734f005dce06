"""Template tags of the newsroom's admin templates."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def paper_name():
    """The paper's name (KHABAR_SITE_NAME), which replaces Wagtail's.

    Not ``{{ site_name }}``: Django's login view sets that to the host name.
    """
    return settings.KHABAR_SITE_NAME
