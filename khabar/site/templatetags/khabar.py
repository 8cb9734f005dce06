"""Template filters and tags for the reader site: dates in the paper's
style, and the blocks many pages share."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from khabar.arabic.dates import long_date
from khabar.cache.shared import shared
from khabar.site.context import latest_headlines, nav_sections, newest_headlines

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


def _kept(key, template_name, context):
    """*template_name* rendered with *context()*, kept like the lists it
    shows (khabar/cache/shared.py), per language."""
    html = shared(
        (key, get_language()), lambda: [render_to_string(template_name, context())]
    )
    return mark_safe(html[0])


@register.simple_tag
def section_menu():
    """The items of the sections menu in every page's header."""
    return _kept(
        "menu", "site/includes/section_menu.html", lambda: {"sections": nav_sections()}
    )


@register.simple_tag
def latest_block(shown=None):
    """The latest-news block, without the story *shown* on the page (or
    None). Only the newest few stories' pages get a block of their own;
    every other page shows the same one."""
    newest = newest_headlines()
    own = shown.pk if shown is not None and shown in newest else None
    return _kept(
        ("latest", own),
        "site/includes/latest_block.html",
        lambda: {"latest": latest_headlines(exclude=own)},
    )
