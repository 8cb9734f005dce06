"""Read a search request's parameters: filters, sort, page, limit.

Shared by the reader's page and the API: the page drops what it cannot
read, the API answers 400 with the messages collected here.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from khabar.search.backends.base import Filters
from khabar.search.results import SORTS


def _day(value, name, errors):
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        errors.append(
            _("%(name)s must be a date like 2025-05-28, not “%(value)s”.")
            % {"name": name, "value": value[:40]}
        )
        return None
    start = dt.datetime.combine(day, dt.time(), tzinfo=timezone.get_current_timezone())
    return start


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
        section=params.get("section", "").strip()[:100],
        author=params.get("author", "").strip()[:100],
        tag=params.get("tag", "").strip()[:100],
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
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        errors.append(
            _("%(name)s must be a whole number from %(low)d to %(high)d.")
            % {"name": name, "low": low, "high": high}
        )
        return default
    return number
