"""``/api/v1/most-read?window=24h|7d&limit=10``: the most-read lists.

The lists are khabar.readership's; this is their address in the read API.
They change with every view counted, not with publishing, so the page
cache keeps an answer only as long as the readership keeps its list.
"""

import datetime as dt

from django.utils import timezone
from ninja import Query, Schema

from khabar.api import params, schemas
from khabar.api.http import answer
from khabar.api.root import read
from khabar.cache import tags as page_cache
from khabar.readership.most_read import CACHE_SECONDS, MAX_LIMIT, WINDOWS, most_read
from khabar.syndication.structured_data import absolute

DEFAULT_LIMIT = 10


class MostReadQuery(Schema):
    window: params.choice(
        *WINDOWS, description="The last 24 hours, or the last 7 days."
    ) = "24h"
    limit: params.limit(MAX_LIMIT, DEFAULT_LIMIT) = DEFAULT_LIMIT


@read(
    "/most-read",
    "most-read",
    {200: schemas.MostRead},
    summary="The most-read articles",
    description="Views counted by the site, bots left out; at most a minute old.",
    tags=["articles"],
)
def most_read_list(request, query: Query[MostReadQuery]):
    later = timezone.now() + dt.timedelta(seconds=CACHE_SECONDS)
    page_cache.fresh_until(request, later)
    items = [
        {
            "id": item["id"],
            "title": item["title"],
            "url": absolute(item["url"]),
            "published_at": item["published_at"].isoformat(),
            "views": item["views"],
        }
        for item in most_read(query.window, query.limit, compute_if_missing=True)
    ]
    return answer(
        request, {"window": query.window, "items": items}, follows_articles=False
    )
