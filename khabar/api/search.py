"""``/api/v1/search``: Khabar's Arabic search, ranked, with snippets.

The answer's shape is fixed (docs/search.md; bench/search.py and
tests/search_real_eval.py read it): fields may be added, never renamed
or removed. Searches are not kept by the page cache (too many distinct
queries), but go out compressed and cacheable like everything else.
"""

from ninja import Query, Schema

from khabar.api import params, schemas
from khabar.api.articles import named, searched
from khabar.api.http import answer
from khabar.api.problems import NamesNothing
from khabar.api.root import NOT_FOUND, read
from khabar.search.results import SORTS
from khabar.syndication.structured_data import absolute

PER_PAGE = 10
MOST = 50
MAX_PAGE = 1000


class SearchQuery(Schema):
    q: params.Words
    section: params.slug("Only this section's articles: its slug.") = params.absent()
    author: params.slug("Only this author's articles: their slug.") = params.absent()
    tag: params.slug("Only articles with this tag: its slug.") = params.absent()
    since: params.day("Published on this day or later.") = params.absent(alias="from")
    until: params.day("Published on this day or earlier.") = params.absent(alias="to")
    sort: params.choice(*SORTS, description="Best first, or newest first.") = (
        "relevance"
    )
    limit: params.limit(MOST, PER_PAGE) = PER_PAGE
    page: params.page(MAX_PAGE) = 1


@read(
    "/search",
    "search",
    {200: schemas.SearchAnswer, **NOT_FOUND},
    summary="Search the published articles",
    description=(
        'Arabic and Latin words, "phrases" and -exclusions; hamza, alef '
        "and ta marbuta forms and harakat do not matter. Every word must "
        "match; when no article has them all, any word may (match: any)."
    ),
    tags=["search"],
)
def search(request, query: Query[SearchQuery]):
    errors = named(query)[1]
    if errors:
        raise NamesNothing(errors)
    results, hits = searched(query, query.sort, query.page)
    count = results.total
    return answer(
        request,
        {
            "count": count,
            "count_capped": results.capped,
            "page": query.page,
            "limit": query.limit,
            "match": "any" if results.any_word else "all",
            "results": [
                {
                    "id": hit.article.pk,
                    "external_id": hit.article.external_id,
                    "title": hit.article.title,
                    "url": absolute(hit.article.get_absolute_url()),
                    "published_at": hit.article.first_published_at.isoformat(),
                    "section": hit.article.section.name,
                    "snippet": str(hit.snippet),
                    "score": round(hit.score, 4),
                }
                for hit in hits
            ],
        },
    )
