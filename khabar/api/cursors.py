"""Keyset cursors: where the next page of a list starts.

A cursor holds the sort key of the last item of a page, so the next page
is "the items after this key": one indexed range, as cheap at the
millionth item as at the first (no OFFSET), and stable while the newsroom
publishes. A story published between two pages sorts before the first
page, so it shifts nothing; one unpublished is simply not there.

Cursors are signed with the site's secret key, salted per list, so that
only a cursor the API wrote is read: a made-up one is a 400, and never a
new entry in the page cache.
"""

import datetime as dt

from django.core import signing

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _signer(kind):
    # "." is neither a digit nor in URL-safe base64: the token needs no
    # percent-encoding (khabar.inputs.token).
    return signing.Signer(sep=".", salt=f"khabar.api.cursor.{kind}")


def write(kind, *numbers):
    """The cursor of list *kind* after the item whose key is *numbers*."""
    return _signer(kind).sign("_".join(str(number) for number in numbers))


def read(kind, cursor, size):
    """The *size* numbers in *cursor*, or None when the API did not write
    it for list *kind*."""
    try:
        payload = _signer(kind).unsign(cursor)
    except signing.BadSignature:
        return None
    parts = payload.split("_")
    if len(parts) != size:
        return None
    try:
        return [int(part) for part in parts]
    except ValueError:
        return None


def microseconds(moment):
    """*moment*, an aware datetime, as whole microseconds since 1970."""
    return (moment - _EPOCH) // dt.timedelta(microseconds=1)


def moment(microseconds):
    """The aware datetime (UTC) of :func:`microseconds`."""
    return _EPOCH + dt.timedelta(microseconds=microseconds)
