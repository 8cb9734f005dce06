"""Read the query string of a WordPress REST request, as WordPress does.

The WordPress compatibility layer (khabar/api/wordpress/) and the page
cache (khabar/cache/policy.py) both read a request's parameters here, so
that the cache keys an answer on exactly the values the view read: each
parameter in one canonical spelling (``categories[]=2&categories[]=1``
and ``categories=1,2`` are the same list, and the same key), and a value
the view refuses is no key at all (the view answers 400, which is not
kept).

WordPress describes each parameter with a JSON schema (an integer with
bounds, a list of integers, a date-time, one of a few words); a value
outside it is refused with the schema's error code
(``rest_out_of_bounds``, ``rest_invalid_type``, ``rest_invalid_date``,
``rest_not_in_enum``). The codes are WordPress's; the sentences that
explain them are the view's, in the reader's language.
"""

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlencode

#: The most ids a list parameter (``include``, ``categories``…) takes: a
#: longer list is refused rather than sent to the database as one query.
MOST_IDS = 100
#: The longest search WordPress's layer reads (Khabar's own search takes
#: fewer words than this anyway).
LONGEST_SEARCH = 200

# WordPress's rest_parse_date(): a date, "T" (or a space), a time, a
# fraction and an offset, both optional.
_DATE = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})"
    r"(?:\.[0-9]+)?(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?"
)
_DIGITS = re.compile(r"[0-9]{1,19}")
# C0 and C1 control characters, NUL included (PostgreSQL refuses NUL).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
#: Ids are 64-bit signed integers (khabar.inputs.MAX_ID; this module is
#: its peer, so it says it again).
MAX_ID = 2**63 - 1


class Refused(ValueError):
    """A value outside its parameter's schema: *code* is WordPress's error
    code for it, *details* what the sentence that explains it needs."""

    def __init__(self, code, **details):
        super().__init__(code)
        self.code = code
        self.details = details


@dataclass(frozen=True)
class Integer:
    low: int = 0
    high: int = MAX_ID
    default: int | None = None

    def read(self, values):
        value = values[-1].strip()
        if value.startswith("-") and _DIGITS.fullmatch(value[1:]):
            raise Refused("rest_out_of_bounds", low=self.low, high=self.high)
        if not _DIGITS.fullmatch(value):
            raise Refused("rest_invalid_type", type="integer")
        number = int(value)
        if not self.low <= number <= self.high:
            raise Refused("rest_out_of_bounds", low=self.low, high=self.high)
        return number


@dataclass(frozen=True)
class Ids:
    """Integers, comma-separated or repeated as ``name[]``: a set."""

    default = ()

    def read(self, values):
        found = set()
        for value in values:
            for index, part in enumerate(p.strip() for p in value.split(",")):
                if not part:
                    continue
                if not _DIGITS.fullmatch(part) or int(part) > MAX_ID:
                    raise Refused("rest_invalid_type", type="integer", index=index)
                found.add(int(part))
        if len(found) > MOST_IDS:
            raise Refused("rest_too_many_items", most=MOST_IDS)
        return tuple(sorted(found))


@dataclass(frozen=True)
class Words:
    """Comma-separated words (slugs), or repeated as ``name[]``: a set."""

    default = ()

    def read(self, values):
        found = {
            part.strip()
            for value in values
            for part in value.split(",")
            if part.strip()
        }
        if any(_CONTROL.search(word) or len(word) > 200 for word in found):
            raise Refused("rest_invalid_type", type="string")
        if len(found) > MOST_IDS:
            raise Refused("rest_too_many_items", most=MOST_IDS)
        return tuple(sorted(found))


@dataclass(frozen=True)
class OneOf:
    choices: tuple
    default: str | None = None

    def read(self, values):
        value = values[-1]
        if value not in self.choices:
            raise Refused("rest_not_in_enum", choices=self.choices)
        return value


@dataclass(frozen=True)
class Moment:
    """A date and time; without an offset, in the site's time zone (as
    WordPress reads ``post_date``): the view adds it."""

    default = None

    def read(self, values):
        found = _DATE.fullmatch(values[-1].strip())
        if not found:
            raise Refused("rest_invalid_date")
        text = found.group(0).replace(" ", "T").replace("t", "T")
        offset = found.group(7)
        if offset and offset != "Z":
            digits = offset[1:].replace(":", "").ljust(4, "0")
            text = f"{text[: -len(offset)]}{offset[0]}{digits[:2]}:{digits[2:]}"
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise Refused("rest_invalid_date") from None
        if not 1900 <= moment.year <= 2100:
            raise Refused("rest_invalid_date")
        return moment


@dataclass(frozen=True)
class Text:
    default = None

    def read(self, values):
        value = values[-1].strip()
        if _CONTROL.search(value) or len(value) > LONGEST_SEARCH:
            raise Refused("rest_invalid_type", type="string")
        return value or None


@dataclass(frozen=True)
class Flag:
    default = None

    def read(self, values):
        value = values[-1].strip().lower()
        if value in ("1", "true"):
            return True
        if value in ("0", "false", ""):
            return False
        raise Refused("rest_invalid_type", type="boolean")


#: WordPress's own limits: a page of 1 to 100 items, 10 by default.
PER_PAGE = Integer(1, 100, 10)
PAGE = Integer(1, MAX_ID, 1)
#: ``context=edit`` is WordPress's for editors; the view refuses it.
CONTEXT = OneOf(("view", "embed", "edit"), "view")
ONE = {"context": CONTEXT}
#: What ``/wp/v2/posts`` reads (docs/wordpress-api.md).
POSTS = {
    "context": CONTEXT,
    "page": PAGE,
    "per_page": PER_PAGE,
    "offset": Integer(0, MAX_ID),
    "search": Text(),
    "after": Moment(),
    "before": Moment(),
    "modified_after": Moment(),
    "modified_before": Moment(),
    "author": Ids(),
    "author_exclude": Ids(),
    "categories": Ids(),
    "categories_exclude": Ids(),
    "tags": Ids(),
    "tags_exclude": Ids(),
    "include": Ids(),
    "exclude": Ids(),
    "slug": Words(),
    "status": OneOf(("publish",), "publish"),
    "sticky": Flag(),
    "order": OneOf(("asc", "desc"), "desc"),
    "orderby": OneOf(("date", "id", "modified", "relevance", "title"), "date"),
}
#: What ``/wp/v2/categories`` and ``/wp/v2/tags`` read.
TERMS = {
    "context": CONTEXT,
    "page": PAGE,
    "per_page": PER_PAGE,
    "offset": Integer(0, MAX_ID),
    "search": Text(),
    "include": Ids(),
    "exclude": Ids(),
    "slug": Words(),
    "hide_empty": Flag(),
    "parent": Integer(0, MAX_ID),
    "post": Integer(0, MAX_ID),
    "order": OneOf(("asc", "desc"), "asc"),
    "orderby": OneOf(("id", "name", "slug", "count", "description"), "name"),
}
#: What ``/wp/v2/media`` reads.
MEDIA = {
    "context": CONTEXT,
    "page": PAGE,
    "per_page": PER_PAGE,
    "offset": Integer(0, MAX_ID),
    "include": Ids(),
    "exclude": Ids(),
    "parent": Ids(),
    "slug": Words(),
    "media_type": OneOf(("image", "video", "text", "application", "audio")),
    "order": OneOf(("asc", "desc"), "desc"),
    "orderby": OneOf(("date", "id", "title"), "date"),
}
#: Parameters whose presence means a search: never a cache key.
SEARCHES = frozenset({"search"})


def _name(raw):
    """``categories`` for ``categories[]`` (and for ``categories``)."""
    return raw[:-2] if raw.endswith("[]") else raw


def names(schema):
    """Every spelling of *schema*'s parameters a query string may use."""
    return set(schema) | {f"{name}[]" for name in schema}


def read(schema, pairs):
    """``(values, refusals)``: each parameter of *schema* as read from
    *pairs* (the query's (name, value) pairs, in order) or its default,
    and ``{name: Refused}`` for each refused one. A parameter given twice
    is read from its last value, as Django's ``QueryDict.get()`` does; a
    list from all of them."""
    given = {}
    for raw, value in pairs:
        name = _name(raw)
        if name in schema:
            given.setdefault(name, []).append(value)
    values, refusals = {}, {}
    for name, kind in schema.items():
        if name not in given:
            values[name] = kind.default
            continue
        try:
            values[name] = kind.read(given[name])
        except Refused as refusal:
            refusals[name] = refusal
    return values, refusals


def query_string(schema, pairs, **changes):
    """The query that *pairs* mean, in one spelling (names in order, lists
    sorted), with *changes*; None when a value is refused."""
    given = {_name(raw) for raw, _ in pairs} & set(schema)
    values, refusals = read(schema, pairs)
    if refusals:
        return None
    kept = {}
    for name in given:
        value = values[name]
        if isinstance(value, tuple):
            value = ",".join(map(str, value))
        elif isinstance(value, dt.datetime):
            value = value.isoformat()
        elif isinstance(value, bool):
            value = "true" if value else "false"
        kept[name] = str(value)
    kept.update((name, str(value)) for name, value in changes.items())
    return urlencode(sorted(kept.items()))


def canonical(schema, pairs):
    """What the page cache keys an answer on: :func:`query_string`, or
    None for a search (too many distinct ones to keep, as for the site's
    search page) and for a refused value (the view answers 400)."""
    if any(_name(raw) in SEARCHES for raw, _ in pairs):
        return None
    return query_string(schema, pairs)
