"""``GET /api/v1/most-read?window=24h|7d&limit=10``: the most-read lists.

The lists are khabar.readership's; this is their address in the read API.

Errors are JSON with an English message for the developer who wrote the
call, and say which values are allowed.
"""

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_http_methods

from khabar.inputs import whole_number
from khabar.readership.most_read import CACHE_SECONDS, MAX_LIMIT, WINDOWS, most_read

DEFAULT_LIMIT = 10


def _error(message):
    return JsonResponse({"error": message}, status=400)


@require_http_methods(["GET", "HEAD"])
def most_read_list(request):
    window = request.GET.get("window", "24h")
    if window not in WINDOWS:
        return _error(
            f"window must be one of {', '.join(WINDOWS)}; got {window[:40]!r}."
        )
    raw = request.GET.get("limit", str(DEFAULT_LIMIT))
    limit = whole_number(raw, 1, MAX_LIMIT)
    if limit is None:
        return _error(
            f"limit must be a whole number from 1 to {MAX_LIMIT}; got {raw[:40]!r}."
        )
    items = [
        {
            "id": item["id"],
            "title": item["title"],
            "url": settings.KHABAR_BASE_URL + item["url"],
            "published_at": item["published_at"].isoformat(),
            "views": item["views"],
        }
        for item in most_read(window, limit, compute_if_missing=True)
    ]
    response = JsonResponse(
        {"window": window, "items": items}, json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response
