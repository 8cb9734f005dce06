"""Links to the pages of one article, section, tag or author, built fast.

A page lists dozens of such links (headlines, the section menu, tags) and
Django's ``reverse()`` costs about 20 µs each: a tenth of an article page's
render. The URLconf stays the one source of truth: each URL name is
reversed once with a marker for its argument, and every later link puts
the argument, percent-encoded exactly as ``reverse()`` encodes it, in the
marker's place.
"""

from functools import cache
from urllib.parse import quote

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.http import RFC3986_SUBDELIMS

#: Stands for the argument: ten digits, so every converter takes it (int,
#: str, and article_id, which allows at most ten).
MARKER = "8062917453"
#: What ``reverse()`` leaves unescaped in a path.
SAFE = RFC3986_SUBDELIMS + "/~:@"


@cache
def _template(name):
    """The path of URL *name* without the script prefix, split at the
    argument, and whether the argument must be a number: ``("a/", "", True)``
    for ``/a/<int:pk>``."""
    path = reverse(name, args=[MARKER])
    prefix = get_script_prefix()
    if path.count(MARKER) != 1 or not path.startswith(prefix):
        raise ValueError(f"URL {name!r} cannot be built by khabar.links: {path}")
    before, after = path[len(prefix) :].split(MARKER)
    try:
        reverse(name, args=["x"])
        numeric = False
    except NoReverseMatch:
        numeric = True
    return before, after, numeric


def link(name, argument):
    """The same as ``reverse(name, args=[argument])``, a dozen times faster."""
    text = str(argument)
    before, after, numeric = _template(name)
    if not text or "/" in text or (numeric and not (text.isascii() and text.isdigit())):
        return reverse(name, args=[argument])  # which says what is wrong
    prefix = quote(get_script_prefix(), safe=SAFE)
    return f"{prefix}{before}{quote_argument(text)}{after}"


def parts(name):
    """The path of URL *name* before and after its argument, as ``link()``
    writes them: for a caller writing a million links of one name (the
    sitemaps), which puts ``quote_argument(value)`` between the two."""
    before, after, _ = _template(name)
    return quote(get_script_prefix(), safe=SAFE) + before, after


def quote_argument(text):
    """*text* percent-encoded as ``reverse()`` encodes an argument."""
    return quote(text, safe=SAFE)


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _template.cache_clear()
