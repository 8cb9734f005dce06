"""Read the change log: what a partner applies to stay in step with the site.

``changes_since(cursor, limit)`` is what ``GET /api/v1/changes?since=``
serves. Rows come in the order they were recorded, each with the cursor
to resume after it. Applying them in that order (fetch the article on
"published", "updated" or "corrected"; drop it on "unpublished", "expired"
or "deleted") leaves a mirror with exactly the articles readers can see.

Every change is served while it is younger than ``RETENTION``; older
changes are compacted (``recording.prune``): an article keeps at least its
latest change while it is on the site, so reading from the start (no
cursor) always gives the whole live set. docs/changes.md says this for a
partner.
"""

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Max

from khabar.api.models import LIVE_KINDS, ArticleChange, ChangeHorizon
from khabar.api.recording import RETENTION
from khabar.links import link

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
#: Written into every cursor, so that a later format can tell its own.
CURSOR_VERSION = "v1"
#: Longer than any cursor this site writes ("v1:", 19 digits, ":" and 19
#: digits, encoded).
CURSOR_MAX_LENGTH = 60
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")
_LARGEST_ID = 2**63 - 1


class BadCursor(ValueError):
    """A cursor this site never gave out (a 400): the message says what is
    wrong with it."""


class CursorGone(Exception):
    """A cursor the log can no longer answer for (a 410 Gone): it is older
    than what is kept, or ahead of the log. The reader must sync again
    from the start (no cursor)."""


@dataclass(frozen=True)
class Change:
    """One row of the feed."""

    #: Resume after this row with it.
    cursor: str
    #: published, updated, corrected, unpublished, expired or deleted.
    kind: str
    article_id: int
    #: When the change was recorded.
    at: datetime
    #: The article's page: to fetch it, or to drop it from a mirror.
    url: str

    @property
    def live(self):
        """True when the article is on the site after this change; False
        for a tombstone."""
        return self.kind in LIVE_KINDS


def encode_cursor(change_id, horizon=0):
    """The opaque cursor for the position after change *change_id*, given
    out while the log's horizon was *horizon* (``ChangeHorizon``): a
    reader that has seen the log after a compaction missed none of the
    tombstones it removed, whatever its position (see changes_since)."""
    text = f"{CURSOR_VERSION}:{int(change_id)}"
    if horizon:
        text += f":{int(horizon)}"
    return base64.urlsafe_b64encode(text.encode("ascii")).decode("ascii").rstrip("=")


def decode_cursor(cursor):
    """The change id in *cursor*; ``BadCursor`` saying what is wrong with a
    cursor this site did not write."""
    return read_cursor(cursor)[0]


def read_cursor(cursor):
    """``(change id, horizon)`` in *cursor*; ``BadCursor`` saying what is
    wrong with a cursor this site did not write."""
    fix = (
        "Pass the next_cursor of an earlier answer unchanged, or leave the "
        "cursor out to read from the start."
    )
    if not isinstance(cursor, str) or not cursor:
        raise BadCursor(f"The cursor is empty. {fix}")
    if len(cursor) > CURSOR_MAX_LENGTH:
        raise BadCursor(
            f"The cursor is {len(cursor)} characters long; this site's are "
            f"at most {CURSOR_MAX_LENGTH}. {fix}"
        )
    if not _BASE64URL.fullmatch(cursor):
        raise BadCursor(
            f"The cursor holds characters other than the URL-safe base64 "
            f"alphabet (A-Z, a-z, 0-9, - and _). {fix}"
        )
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        text = text.decode("ascii")
    except (binascii.Error, UnicodeDecodeError):
        raise BadCursor(f"The cursor is not valid base64. {fix}") from None
    version, _, rest = text.partition(":")
    if version != CURSOR_VERSION:
        raise BadCursor(
            f"The cursor is of an unknown version; this site writes "
            f"{CURSOR_VERSION} cursors. {fix}"
        )
    number, _, seen = rest.partition(":")
    seen = seen or "0"
    for digits in (number, seen):
        if not (digits.isascii() and digits.isdigit()) or int(digits) > _LARGEST_ID:
            raise BadCursor(f"The cursor holds no valid position. {fix}")
    change_id, horizon = int(number), int(seen)
    # "v1:007", "v1:5:0", or stray padding bits
    if encode_cursor(change_id, horizon) != cursor:
        raise BadCursor(f"The cursor is not written the way this site writes it. {fix}")
    return change_id, horizon


def changes_since(cursor=None, limit=DEFAULT_LIMIT):
    """``(changes, next_cursor)``: at most *limit* changes recorded after
    *cursor* (from the start when None), oldest first.

    Fewer than *limit* changes means the reader has caught up; it polls
    again later with *next_cursor*, which is *cursor* itself when nothing
    is new. Raises ``BadCursor`` (a ValueError) for a cursor this site did
    not write, ``CursorGone`` for one it can no longer answer for, and
    ValueError for a *limit* outside 1 to ``MAX_LIMIT``.
    """
    after, seen = (0, 0) if cursor is None else read_cursor(cursor)
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise ValueError(f"limit must be a whole number, not {limit!r}.")
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be from 1 to {MAX_LIMIT}, not {limit}.")
    # The horizon before the rows goes into the cursors given out: a prune
    # between the two reads makes them older than the horizon read after,
    # which at worst sends the reader back to the start, never past a
    # tombstone it did not see.
    given = _horizon()
    rows = list(
        ArticleChange.objects.filter(pk__gt=after)
        .order_by("pk")
        .values_list("pk", "kind", "article_id", "at")[:limit]
    )
    # The horizon is read after the rows: pruning removes rows and moves
    # the horizon in one transaction, so rows read before a prune meet an
    # old horizon or a new one (harmless: the reader syncs again), and rows
    # read after it always meet the new one.
    horizon = _horizon()
    # Cursor 0 is the start: a reader that has seen nothing missed nothing.
    # Nor did one whose cursor was given out after the compaction that set
    # the horizon (*seen*): it read the log as it is now, where the rows
    # below the horizon are the latest changes of articles still on the
    # site. Without that, a full sync of a compacted log would be sent
    # back to the start at its second page, again and again.
    if 0 < after < horizon and seen < horizon:
        raise CursorGone(
            f"This cursor is older than the change log keeps (tombstones are "
            f"kept {RETENTION.days} days): an article may have left the site "
            "without the log still saying so. Sync again from the start."
        )
    if not rows and after > max(horizon, _last_id()):
        raise CursorGone(
            "This cursor is ahead of the change log: it comes from another "
            "site, or this site's database was restored from a backup. Sync "
            "again from the start."
        )
    base = settings.KHABAR_BASE_URL
    changes = [
        Change(
            cursor=encode_cursor(pk, given),
            kind=kind,
            article_id=article_id,
            at=at,
            url=base + link("site:article", article_id),
        )
        for pk, kind, article_id, at in rows
    ]
    return changes, changes[-1].cursor if changes else encode_cursor(after, seen)


def _horizon():
    return (
        ChangeHorizon.objects.filter(pk=1)
        .values_list("tombstones_through", flat=True)
        .first()
        or 0
    )


def _last_id():
    return ArticleChange.objects.aggregate(top=Max("pk"))["top"] or 0
