"""Template filters and tags for the reader site: dates in the paper's
style, and the blocks many pages share."""

from datetime import date, datetime

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from khabar.arabic.dates import day_and_month, hijri_date, long_date
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


#: Days back for which a date is written with its weekday.
RECENT_DAYS = 6


def _local(value, used_as):
    """*value*, a datetime, in the site time zone; *used_as* names the tag
    or filter in the error."""
    if not isinstance(value, datetime):
        raise TypeError(
            f"{used_as} takes a datetime, not {type(value).__name__} "
            f"{value!r}; pass a field such as article.first_published_at."
        )
    return timezone.localtime(value)


def _now(now):
    return timezone.localtime(now or timezone.now())


@register.filter
def iso(value):
    """'2026-12-03T22:14:05+03:00': *value* in the site time zone, to the
    second, for ``<time datetime>``. ``|date:'c'`` adds microseconds,
    which the Nu HTML checker refuses."""
    if not value:
        return ""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    return _local(value, "|iso").isoformat(timespec="seconds")


def _time_and_date(local):
    """'22:14 · 3 كانون الأول/ديسمبر 2026' for a local datetime."""
    return f"{local:%H:%M} · {long_date(local, settings.KHABAR_MONTH_NAMES)}"


def when_text(value, now=None):
    """When *value* was, as a list of headlines says it, seen at *now*
    (by default the present) in the site time zone: '22:14' today,
    'أمس 22:14', 'الثلاثاء 1 ديسمبر' within the last six days,
    '1 ديسمبر' earlier this year, '1 ديسمبر 2025' before. A time still to
    come (a scheduled story) gets its full date and time."""
    local, now = _local(value, "{% when %}"), _now(now)
    style = settings.KHABAR_MONTH_NAMES
    if local > now:
        return _time_and_date(local)
    days = (now.date() - local.date()).days
    if days == 0:
        return f"{local:%H:%M}"
    if days == 1:
        # Translators: a time yesterday, e.g. "Yesterday 22:14".
        return gettext("Yesterday %(time)s") % {"time": f"{local:%H:%M}"}
    if days <= RECENT_DAYS:
        # Django's own translated weekday names (the project's catalogue
        # may override them); 0 is Monday, as datetime.weekday() counts.
        return f"{WEEKDAYS[local.weekday()]} {day_and_month(local, style)}"
    if local.year == now.year:
        return day_and_month(local, style)
    return long_date(local, style)


@register.simple_tag
def when(value, now=None):
    """``{% when article.first_published_at %}``: a ``<time>`` that says
    when, relative to now (:func:`when_text`)."""
    if not value:
        return ""
    local = _local(value, "{% when %}")
    return format_html(
        '<time datetime="{}">{}</time>', iso(local), when_text(local, now)
    )


def _hijri_language():
    """hijridate's language for the active one: English, else Arabic."""
    return "en" if (get_language() or "").split("-")[0] == "en" else "ar"


def hijri_text(day):
    """The Hijri date of *day* (a date) in the active language, or "" where
    the Umm al-Qura calendar has none."""
    try:
        return hijri_date(day, _hijri_language())
    except OverflowError:
        return ""


@register.simple_tag
def dateline(value):
    """``{% dateline article.first_published_at %}``: time and full date,
    then the Hijri date of the same day in a ``span.hijri`` that the
    reader's setting shows or hides (pages are the same bytes for all).
    No span where the Umm al-Qura calendar has no date."""
    if not value:
        return ""
    local = _local(value, "{% dateline %}")
    html = format_html(
        '<time datetime="{}">{}</time>', iso(local), _time_and_date(local)
    )
    hijri = hijri_text(local.date())
    if hijri:
        html += format_html('<span class="hijri"> · {}</span>', hijri)
    return html


@register.simple_tag
def today(now=None):
    """Today's date in the site time zone: '3 كانون الأول/ديسمبر 2026'."""
    return long_date(_now(now), settings.KHABAR_MONTH_NAMES)


@register.simple_tag
def hijri_today(now=None):
    """Today's Hijri date in the site time zone: '23 جمادى الآخرة 1448 هـ'."""
    return hijri_text(_now(now).date())


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
