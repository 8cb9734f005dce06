"""The read API: plain JSON, the same for every caller, errors as JSON 400."""

from django.conf import settings
from django.http import JsonResponse

from khabar.search.params import read_filters, read_int
from khabar.search.query import QueryError
from khabar.search.results import search as run_search

DEFAULT_LIMIT = 10
MAX_LIMIT = 50
MAX_PAGE = 1000


def _error(message):
    return JsonResponse({"error": message}, status=400)


def search(request):
    """``GET /api/v1/search?q=…&limit=10&page=1``: ranked articles.

    Also takes the page's filters: ``section``, ``author``, ``tag`` (slugs),
    ``from`` and ``to`` (dates, inclusive) and ``sort`` (``relevance`` or
    ``newest``). docs/search.md describes the answer.
    """
    params = request.GET
    text = params.get("q", "")
    filters, sort, errors = read_filters(params)
    limit = read_int(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, errors)
    page = read_int(params, "page", 1, 1, MAX_PAGE, errors)
    if not text.strip():
        errors.insert(0, "q is required: the words to search for.")
    if errors:
        return _error(" ".join(errors))
    try:
        results = run_search(text, filters, sort)
    except QueryError as error:
        return _error(str(error))
    offset = (page - 1) * limit
    results.expect(offset, limit)
    count = results.total
    hits = results[offset : offset + limit] if offset < results.count() else []
    base = settings.KHABAR_BASE_URL
    return JsonResponse(
        {
            "count": count,
            "count_capped": results.capped,
            "page": page,
            "limit": limit,
            "match": "any" if results.any_word else "all",
            "results": [
                {
                    "id": hit.article.pk,
                    "external_id": hit.article.external_id,
                    "title": hit.article.title,
                    "url": base + hit.article.get_absolute_url(),
                    "published_at": hit.article.first_published_at.isoformat(),
                    "section": hit.article.section.name,
                    "snippet": str(hit.snippet),
                    "score": round(hit.score, 4),
                }
                for hit in hits
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
