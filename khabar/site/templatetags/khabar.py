"""Template filters and tags for the reader site: dates in the paper's
style, and the blocks many pages share."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from khabar.arabic.dates import long_date
from khabar.cache.shared import shared
from khabar.links import link
from khabar.site.context import (
    latest_headlines,
    nav_sections,
    newest_headlines,
    section_headlines,
)

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


@register.filter(name="link")
def link_filter(argument, name):
    """``{{ article.pk|link:"readership:beacon" }}``: what
    ``{% url "readership:beacon" article.pk %}`` gives, a dozen times
    faster (khabar/links.py)."""
    return link(name, argument)


def _kept(key, render):
    """What *render()* returns, rendered once and kept like the lists it
    shows (khabar/cache/shared.py), per language and script prefix."""
    html = shared((key, get_language(), get_script_prefix()), lambda: [render()])
    return mark_safe(html[0])


def _kept_template(key, template_name, context):
    """*template_name* rendered with *context()*, kept by :func:`_kept`."""
    return _kept(key, lambda: render_to_string(template_name, context()))


@register.tag
def keep(parser, token):
    """``{% keep "name" %}…{% endkeep %}``: the enclosed part rendered once
    and kept like the lists it may show (khabar/cache/shared.py), per
    language and script prefix.

    For parts that are the same on every page (the masthead, the footer):
    they see the page's context but must not depend on it. Static and URL
    tags cost 40–60 µs each to render, and a page has a dozen such tags.
    """
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][:1] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(
            f'{bits[0]} takes one quoted name: {{% keep "masthead" %}}'
        )
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeptNode(bits[1][1:-1], nodelist)


class KeptNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        return _kept(("keep", self.name), lambda: self.nodelist.render(context))


@register.simple_tag
def section_menu():
    """The items of the sections menu in every page's header."""
    return _kept_template(
        "menu", "site/includes/section_menu.html", lambda: {"sections": nav_sections()}
    )


@register.simple_tag
def latest_block(shown=None):
    """The latest-news block, without the story *shown* on the page (or
    None). Only the newest few stories' pages get a block of their own;
    every other page shows the same one."""
    newest = newest_headlines()
    own = shown.pk if shown is not None and shown in newest else None
    return _kept_template(
        ("latest", own),
        "site/includes/latest_block.html",
        lambda: {"latest": latest_headlines(exclude=own)},
    )


@register.simple_tag
def related_block(article):
    """ "More from this section" under *article*: its section's newest few
    stories but itself, kept per section and list like the latest block."""
    related = section_headlines(article.section_id, exclude=article.pk)
    return _kept_template(
        ("related", article.section_id, tuple(item.pk for item in related)),
        "site/includes/related_block.html",
        lambda: {"related": related},
    )
