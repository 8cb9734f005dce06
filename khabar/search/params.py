"""Read a search request's parameters: filters, sort, page, limit.

Shared by the reader's page and the API: both answer 400 with the
messages collected here (a value dropped instead would make one more URL,
and one more cache entry, for a page that has its own).
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from khabar import inputs
from khabar.search.backends.base import Filters
from khabar.search.results import SORTS


def _day(value, name, errors):
    if not value:
        return None
    day = inputs.day(value.strip())
    if day is None:
        errors.append(
            _(
                "%(name)s must be a date like 2025-05-28, from %(first)d to "
                "%(last)d, not “%(value)s”."
            )
            % {
                "name": name,
                "first": inputs.FIRST_YEAR,
                "last": inputs.LAST_YEAR,
                "value": value[:40],
            }
        )
        return None
    start = dt.datetime.combine(day, dt.time(), tzinfo=timezone.get_current_timezone())
    return start


def _slug(params, name, errors):
    value = params.get(name, "").strip()
    if value and inputs.slug(value) is None:
        errors.append(
            _("%(name)s must be the slug of one, like “politics”.") % {"name": name}
        )
        return ""
    return value


def read_filters(params):
    """``(Filters, sort, errors)`` from a request's GET parameters."""
    errors = []
    since = _day(params.get("from", ""), "from", errors)
    until = _day(params.get("to", ""), "to", errors)
    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        errors.append(
            _("sort must be “relevance” or “newest”, not “%(value)s”.")
            % {"value": sort[:40]}
        )
        sort = "relevance"
    filters = Filters(
        section=_slug(params, "section", errors),
        author=_slug(params, "author", errors),
        tag=_slug(params, "tag", errors),
        since=int(since.timestamp()) if since else None,
        # "to" names the last day included.
        until=int((until + dt.timedelta(days=1)).timestamp()) if until else None,
    )
    return filters, sort, errors


def read_int(params, name, default, low, high, errors):
    """The whole number *name* in [low, high], else *default* and an error."""
    value = params.get(name)
    if value in (None, ""):
        return default
    number = inputs.whole_number(value, low, high)
    if number is None:
        errors.append(
            _("%(name)s must be a whole number from %(low)d to %(high)d.")
            % {"name": name, "low": low, "high": high}
        )
        return default
    return number
