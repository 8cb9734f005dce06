"""What each query parameter of the read API may be, said once.

Each type below is what django-ninja validates a parameter with and what
the OpenAPI description shows. The checks are khabar.inputs', the same
that the page cache reads a parameter with before it keys a response on
it (khabar/cache/policy.py): a value one refuses, the other never stores.
They are strict on purpose: one spelling per value (``limit=20``, not
``020`` or ``+20``), so that equal answers are one cache entry.

A refused value raises a pydantic error whose message is already in the
caller's language; khabar.api.root turns them into one problem document.
"""

import datetime as dt
import re
from typing import Annotated, Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from khabar import inputs
from khabar.search.query import MAX_LENGTH as MAX_WORDS

#: The error type of a value refused by the checks below.
REFUSED = "khabar_refused"
#: A slug as ``inputs.slug`` takes it, as a JSON Schema pattern.
SLUG_PATTERN = r"^[^/\u0000-\u001f\u007f-\u009f]+$"
TOKEN_PATTERN = r"^[A-Za-z0-9_.-]+$"


def refuse(detail, **context):
    """The pydantic error of a refused value; *detail* says what it must be."""
    return PydanticCustomError(REFUSED, "{detail}", {"detail": str(detail), **context})


def _checked(read, explain, **context):
    """A validator of the raw query string value: ``read(value)``, or a
    refusal that says ``explain()`` (called in the request's language)."""

    def validate(value):
        if not isinstance(value, str):
            return value  # the default, or a path value already converted
        if "\ufffd" in value:  # Django's stand-in for bytes that are not UTF-8
            raise refuse(_("Not valid UTF-8 text."))
        found = read(value)
        if found is None:
            raise refuse(explain(), **context)
        return found

    return BeforeValidator(validate)


#: An article's id, as the path's converter (``<id:…>``) takes it.
ArticleId = Annotated[
    int, Field(ge=0, le=inputs.MAX_ID, description="The article's id: /a/<id>.")
]


def limit(high, default):
    """``limit``: how many items a page holds, 1 to *high*."""
    return Annotated[
        int,
        Field(
            ge=1,
            le=high,
            description=f"Items per page, 1 to {high} (default {default}).",
        ),
        _checked(
            lambda value: inputs.page_number(value, high),
            lambda: (
                _(
                    "A whole number from 1 to %(high)d, written without a sign or "
                    "leading zeros."
                )
                % {"high": high}
            ),
        ),
    ]


def page(high):
    """``page``: a page number of a search, 1 to *high*."""
    return Annotated[
        int,
        Field(ge=1, le=high, description=f"The page of results, 1 to {high}."),
        _checked(
            lambda value: inputs.page_number(value, high),
            lambda: (
                _(
                    "A page number from 1 to %(high)d, written without a sign or "
                    "leading zeros."
                )
                % {"high": high}
            ),
        ),
    ]


def _explain_day():
    return _("A date like 2025-05-28, from %(first)d to %(last)d.") % {
        "first": inputs.FIRST_YEAR,
        "last": inputs.LAST_YEAR,
    }


def day_start(day):
    """Midnight at the start of *day*, in the site's time zone: what a
    date parameter means."""
    return dt.datetime.combine(day, dt.time(), tzinfo=timezone.get_current_timezone())


def day_after(day):
    """Midnight at the end of *day*: where an inclusive "until" stops."""
    return day_start(day + dt.timedelta(days=1))


def epoch(when, day):
    """``when(day)`` in seconds since 1970, as search filters take it; None
    without a day."""
    return int(when(day).timestamp()) if day else None


class Described:
    """Keywords for a parameter's JSON Schema that its type does not say
    (a pattern on a date): the description only; the check is the
    parameter's own."""

    def __init__(self, **keywords):
        self.keywords = keywords

    def __get_pydantic_json_schema__(self, core_schema, handler):
        return {**handler(core_schema), **self.keywords}


#: The years inputs.day and inputs.moment take, for the description: the
#: format alone (any year from 0000, a leap second) promises more.
_YEAR = "(?:19[0-9]{2}|20[0-9]{2}|2100)"
_TIME = "(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
DAY_PATTERN = rf"^{_YEAR}-[0-9]{{2}}-[0-9]{{2}}$"
MOMENT_PATTERN = (
    rf"^{_YEAR}-[0-9]{{2}}-[0-9]{{2}}T{_TIME}(?:[.][0-9]{{1,6}})?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2})$"
)


def day(description):
    return Annotated[
        dt.date,
        Field(description=description),
        Described(pattern=DAY_PATTERN),
        _checked(inputs.day, _explain_day),
    ]


def _instant(value):
    """``inputs.moment(value)`` in UTC. RFC 3339 allows offsets up to
    23:59, PostgreSQL up to 15:59: in UTC, every instant is one it takes."""
    found = inputs.moment(value)
    return found.astimezone(dt.UTC) if found else None


Moment = Annotated[
    dt.datetime,
    Field(
        description=(
            "Changed at this time or later: an RFC 3339 date and time, with "
            "its offset from UTC."
        )
    ),
    Described(pattern=MOMENT_PATTERN),
    _checked(
        _instant,
        lambda: _(
            "A date and time with its offset from UTC, like "
            "2025-05-28T11:46:00+03:00 or 2025-05-28T08:46:00Z."
        ),
    ),
]


def slug(description):
    return Annotated[
        str,
        Field(
            min_length=1,
            max_length=inputs.MAX_SLUG,
            pattern=SLUG_PATTERN,
            description=description,
        ),
        _checked(
            inputs.slug,
            lambda: (
                _(
                    "A slug: 1 to %(longest)d characters, without a slash or a "
                    "control character."
                )
                % {"longest": inputs.MAX_SLUG}
            ),
        ),
    ]


def cursor(description, explain, longest=200, pattern=TOKEN_PATTERN):
    """A cursor the API wrote: 1 to *longest* characters of *pattern*.
    Whether the API did write it is for the endpoint to say (a 404)."""
    shape = re.compile(pattern)

    def read(value):
        fits = len(value) <= longest and shape.fullmatch(value)
        return inputs.token(value) if fits else None

    return Annotated[
        str,
        Field(
            min_length=1, max_length=longest, pattern=pattern, description=description
        ),
        _checked(read, explain),
    ]


Cursor = cursor(
    "Where the page starts: copy it from the previous page's next link. "
    "Opaque; valid until the site's secret key changes.",
    lambda: _("The cursor of a next link, unchanged."),
)


#: Something other than white space; the ASCII kind only, which every
#: regular expression engine (the client's, pydantic's, Python's) reads
#: alike. Other blanks leave no word to search for: nothing matches.
WORDS_PATTERN = r"[^ \t\n\r\f\v]"
_SOMETHING = re.compile(WORDS_PATTERN)


def _words(value):
    return value if _SOMETHING.search(value) and len(value) <= MAX_WORDS else None


Words = Annotated[
    str,
    Field(
        min_length=1,
        max_length=MAX_WORDS,
        pattern=WORDS_PATTERN,
        description=(
            "Arabic or Latin words to search for. Words with nothing to "
            "search for (punctuation alone) match nothing."
        ),
    ),
    _checked(
        _words,
        lambda: (
            _("The words to search for: not blank, at most %(longest)d characters.")
            % {"longest": MAX_WORDS}
        ),
    ),
]


def choice(*values, description):
    """One of *values*; a refusal lists them in ``allowed``."""
    return Annotated[
        Literal[values],
        Field(description=description),
        _checked(
            lambda value: value if value in values else None,
            lambda: _("Not one of the allowed values."),
            allowed=list(values),
        ),
    ]


def _without_default(schema):
    schema.pop("default", None)


def absent(**kwargs):
    """The default of a parameter that may be left out: None, which the
    OpenAPI description does not show (a query string has no null)."""
    return Field(None, json_schema_extra=_without_default, **kwargs)
