"""``/api/v1/changes?since=<cursor>``: every change to the published set.

A partner reads from the start once (no ``since``), then polls with the
``next_cursor`` it was given: each publish, update, correction, unpublish,
expiry and deletion since, oldest first, with tombstones for articles that
left the site (khabar/api/changelog.py; docs/changes.md). Not kept by the
page cache: the log is written just after a change commits, and an answer
cached between the commit and that write would hide the change until the
next one; an unchanged answer still gets a 304 by its ETag.
"""

from django.utils.translation import gettext as _
from ninja import Query, Schema

from khabar.api import changelog, params, schemas
from khabar.api.http import answer
from khabar.api.problems import Gone, NamesNothing, refused
from khabar.api.root import NOT_FOUND, read
from khabar.links import link
from khabar.syndication.structured_data import absolute


class ChangesQuery(Schema):
    since: params.cursor(
        "The next_cursor of an earlier answer; leave it out to read from the start.",
        lambda: _("The next_cursor of an earlier answer, unchanged."),
        longest=changelog.CURSOR_MAX_LENGTH,
        pattern=r"^[A-Za-z0-9_-]+$",  # URL-safe base64, unpadded
    ) = params.absent()
    limit: params.limit(changelog.MAX_LIMIT, changelog.DEFAULT_LIMIT) = (
        changelog.DEFAULT_LIMIT
    )


@read(
    "/changes",
    "changes",
    {200: schemas.Changes, 410: schemas.Problem, **NOT_FOUND},
    summary="Every change to the published articles since a cursor",
    description=(
        "Without `since`, from the start: every article on the site. Apply "
        "the items in order; poll again with `next_cursor`. A 410 means the "
        "cursor is older than the log keeps (30 days): sync again from the "
        "start."
    ),
    tags=["articles"],
)
def changes(request, query: Query[ChangesQuery]):
    try:
        rows, following = changelog.changes_since(query.since, query.limit)
    except changelog.BadCursor:
        raise NamesNothing(
            [refused("since", _("The next_cursor of an earlier answer, unchanged."))]
        ) from None
    except changelog.CursorGone:
        raise Gone(
            _(
                "This cursor is older than the change log keeps, or is not "
                "this site's: read again from the start, without since."
            )
        ) from None
    items = [
        {
            "cursor": row.cursor,
            "kind": row.kind,
            "article_id": row.article_id,
            "at": row.at.isoformat(),
            "url": row.url,
            "api_url": absolute(link("api:article", row.article_id)),
            "live": row.live,
        }
        for row in rows
    ]
    data = {
        "items": items,
        "next_cursor": following,
        "caught_up": len(items) < query.limit,
    }
    return answer(request, data, follows_articles=False)
