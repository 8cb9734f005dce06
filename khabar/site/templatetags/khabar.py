"""Template filters for the reader site: dates in the paper's style."""

from django import template
from django.conf import settings
from django.utils import timezone

from khabar.arabic.dates import long_date

register = template.Library()


@register.filter
def arabic_date(value):
    """'28 أيار/مايو 2019' in the site time zone and month-name style."""
    if not value:
        return ""
    return long_date(timezone.localtime(value), settings.KHABAR_MONTH_NAMES)


@register.filter
def clock(value):
    """'11:46' in the site time zone."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%H:%M")
