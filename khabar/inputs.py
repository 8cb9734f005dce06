"""Check what a request brings, at the edge: numbers, dates, slugs.

Every public view reads its query parameters and path values through
these functions and converters, so that a value no page can mean (a page
number in unicode digits, a date in the year 9999, a slug with a NUL byte,
which PostgreSQL refuses) is answered with a 400 or a 404 before it
reaches the database, never with a 500 from deep inside it, and never
with a new copy of a page in the cache (docs/security.md).

The functions return None for a value they reject; the view says which
error that is, since only it knows whether the value is a page (404) or a
parameter of a query (400).
"""

import datetime as dt
import re

from django.core.paginator import EmptyPage
from django.http import Http404
from django.urls import register_converter

#: Ids are 64-bit signed integers (BigAutoField) on every database: a
#: larger one overflows SQLite's INTEGER and PostgreSQL's bigint.
MAX_ID = 2**63 - 1
#: The years a date in a filter may name: the archive's, with room.
#: Outside them, a day plus one (an inclusive "to") can overflow.
FIRST_YEAR = 1900
LAST_YEAR = 2100
#: The longest slug of a section, tag or author (their SlugFields).
MAX_SLUG = 100
#: The query parameters of WordPress's plain links and its search
#: (``/?p=9``, ``/?cat=6``, ``/?s=…``): on the home page they are an old
#: address, not the home page (khabar.importers.legacy answers them).
WORDPRESS_QUERY = frozenset(
    ["p", "page_id", "attachment_id", "cat", "tag", "author", "feed", "s"]
)

# ASCII digits only: str.isdigit() and int() also take "²", "¹⁰" and "٣".
# At most 19 of them, so that int() never reads thousands of digits.
_NUMBER = re.compile(r"[0-9]{1,19}")
# A page number as the site writes it: no sign, no leading zero.
_PAGE = re.compile(r"[1-9][0-9]{0,18}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# RFC 3339: a date, "T", a time to the second (a fraction allowed) and an
# offset. fromisoformat() alone also takes a space, no offset, week dates
# and the basic format: one instant, many spellings, many cache entries.
_MOMENT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
    r"(?:[.][0-9]{1,6})?(?:Z|[+-][0-9]{2}:[0-9]{2})"
)
# What a token made by Khabar (an API cursor) may hold: URL-safe base64,
# the signer's separator, no character that needs percent-encoding.
_TOKEN = re.compile(r"[A-Za-z0-9_.-]{1,200}")
# C0 and C1 control characters, NUL included, and DEL.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def whole_number(value, low=0, high=MAX_ID):
    """*value*, a string of ASCII digits, as an int in [low, high]; else
    None.

    >>> whole_number("42"), whole_number("²"), whole_number("-1")
    (42, None, None)
    """
    if not isinstance(value, str) or not _NUMBER.fullmatch(value):
        return None
    number = int(value)
    return number if low <= number <= high else None


def page_number(value, high=MAX_ID):
    """The page a ``?page=`` value names: 1 when there is none (*value*
    None); None when it is not a page number written the site's way.

    "01", "+1", "1.0" and "" are rejected, not read as a page: each would
    be one more URL, and one more cache entry, for a page that has its own.

    >>> page_number(None), page_number("2"), page_number("02")
    (1, 2, None)
    """
    if value is None:
        return 1
    if not isinstance(value, str) or not _PAGE.fullmatch(value):
        return None
    number = int(value)
    return number if number <= high else None


def page_or_404(paginator, value, high=MAX_ID):
    """The page of *paginator* that the ``?page=`` *value* names; a 404 for
    a value :func:`page_number` rejects or a page past the end (where
    ``Paginator.get_page`` would show another page under this URL)."""
    number = page_number(value, high)
    if number is None:
        raise Http404("No such page: page numbers are 1, 2, 3…")
    try:
        return paginator.page(number)
    except EmptyPage:
        raise Http404("No such page: the list is shorter.") from None


def day(value):
    """*value*, a date like ``2025-05-28`` from FIRST_YEAR to LAST_YEAR,
    as a ``date``; else None.

    >>> day("2025-05-28"), day("9999-12-31"), day("2025-02-30")
    (datetime.date(2025, 5, 28), None, None)
    """
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        return None
    try:
        found = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return found if FIRST_YEAR <= found.year <= LAST_YEAR else None


def moment(value):
    """*value*, an RFC 3339 date and time with its offset, from FIRST_YEAR
    to LAST_YEAR, as an aware ``datetime``; else None.

    >>> moment("2025-05-28T11:46:00+03:00").isoformat()
    '2025-05-28T11:46:00+03:00'
    >>> moment("2025-05-28T11:46:00"), moment("2025-05-28 11:46:00Z")
    (None, None)
    """
    if not isinstance(value, str) or not _MOMENT.fullmatch(value):
        return None
    try:
        found = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return found if FIRST_YEAR <= found.year <= LAST_YEAR else None


def token(value):
    """*value* if a token Khabar wrote could be it (1 to 200 URL-safe
    characters); else None. Whether Khabar did write it is for its
    signature to say.

    >>> token("MTcxNg.x-_Y"), token("a b"), token("")
    ('MTcxNg.x-_Y', None, None)
    """
    if not isinstance(value, str) or not _TOKEN.fullmatch(value):
        return None
    return value


def has_control_characters(value):
    """Whether *value* holds a C0 or C1 control character (NUL included)
    or DEL: no slug, name or path of ours does.

    >>> has_control_characters("a\\x00b"), has_control_characters("سياسة")
    (True, False)
    """
    return _CONTROL.search(value) is not None


def slug(value):
    """*value* if a slug could be it: 1 to MAX_SLUG characters, no slash,
    no control character; else None.

    Looser than Django's slug rules on purpose: a slug an importer wrote
    keeps working, and what is refused is what no database should see.

    >>> slug("سياسة"), slug("a\\x00b"), slug("")
    ('سياسة', None, None)
    """
    if (
        not isinstance(value, str)
        or not 0 < len(value) <= MAX_SLUG
        or "/" in value
        or has_control_characters(value)
    ):
        return None
    return value


class IdConverter:
    """``<id:pk>``: a row's id, 1 to 19 ASCII digits within 64 bits.

    A longer or larger id matches no URL (a 404), where ``<int:…>`` would
    hand the database a number it cannot store."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = whole_number(value)
        if number is None:
            raise ValueError("not a 64-bit id")  # Django: no match, a 404
        return number

    def to_url(self, value):
        return str(value)


class TextConverter:
    """``<text:slug>``: a path segment that :func:`slug` accepts."""

    regex = f"[^/\x00-\x1f\x7f-\x9f]{{1,{MAX_SLUG}}}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(IdConverter, "id")
register_converter(TextConverter, "text")
