"""``/api/v1/articles``: the published articles, newest first, and one by id.

Only what readers may see (``Article.objects.visible()``). The list is
paged by a keyset cursor on (first publication, id), the order of the
``article_visible`` indexes; with ``q`` it is the search's instead,
best first and paged by number, as far as the search ranks.
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Query, Schema

from khabar.api import cursors, params, schemas, shapes
from khabar.api.http import answer, next_url
from khabar.api.problems import NamesNothing, NotFound, refused
from khabar.api.root import NOT_FOUND, read
from khabar.cache import tags as page_cache
from khabar.newsroom.models import Article, Author, Section, Tag
from khabar.search.backends.base import Filters
from khabar.search.query import QueryError
from khabar.search.results import search

PER_PAGE = 20
MOST = 100
#: Pages of a search: as far as its ranking goes (1,000 matches).
SEARCH_PAGES = 1000
#: The parameters the list reads (and so the page cache keys it on).
READS = (
    "section", "tag", "author", "since", "until", "updated_since", "q",
    "cursor", "page", "limit",
)  # fmt: skip


class ArticleQuery(Schema):
    section: params.slug("Only this section's articles: its slug.") = params.absent()
    tag: params.slug("Only articles with this tag: its slug.") = params.absent()
    author: params.slug("Only this author's articles: their slug.") = params.absent()
    since: params.day("Published on this day or later (the site's time zone).") = (
        params.absent()
    )
    until: params.day("Published on this day or earlier.") = params.absent()
    updated_since: params.Moment = params.absent()
    q: params.Words = params.absent()
    cursor: params.Cursor = params.absent()
    page: params.page(SEARCH_PAGES) = params.absent()
    limit: params.limit(MOST, PER_PAGE) = PER_PAGE


def named(query):
    """The ids of the section, tag and author that *query* names by slug
    (None for each it does not name), and an error for each slug that
    nothing has: a filter on nothing is a 404 to say (as ``/s/<slug>/``
    is), not an empty list to keep in the cache."""
    ids, errors = {}, []
    for name, model, missing in (
        ("section", Section, _("No section has this slug.")),
        ("tag", Tag, _("No tag has this slug.")),
        ("author", Author, _("No author has this slug.")),
    ):
        slug = getattr(query, name)
        pks = model.objects.filter(slug=slug).values_list("pk", flat=True)
        ids[name] = pks.first() if slug is not None else None
        if slug is not None and ids[name] is None:
            errors.append(refused(name, missing))
    return ids, errors


def _combinations(query):
    """Errors of parameters that name no list together: the list without
    ``q`` is paged by cursor, a search by page number, and the search
    cannot filter on ``updated_since``. Each value is well formed, so
    these are 404s (no such page), not 400s. ``until`` before ``since``
    is an empty range, answered as such."""
    errors = []
    if query.q is not None:
        if query.cursor is not None:
            errors.append(
                refused(
                    "cursor",
                    _("Not with a search: its results are paged by page number."),
                )
            )
        if query.updated_since is not None:
            errors.append(refused("updated_since", _("Not with a search.")))
    elif query.page is not None:
        errors.append(
            refused("page", _("Only with a search: without one, follow the next link."))
        )
    return errors


@read(
    "/articles",
    "articles",
    {200: schemas.ArticleList, **NOT_FOUND},
    summary="Published articles, newest first",
    description=(
        "Filters combine (all must hold). Without `q`, pages follow `next` "
        "(a cursor). With `q`, the best matches first, paged by `page`."
    ),
    tags=["articles"],
)
def articles(request, query: Query[ArticleQuery]):
    ids, errors = named(query)
    errors += _combinations(query)
    start = None
    if query.cursor is not None and query.q is None:
        start = cursors.read("articles", query.cursor, 2)
        if start is None:
            errors.append(refused("cursor", _("The cursor of a next link, unchanged.")))
    if errors:
        raise NamesNothing(errors)
    if query.q is not None:
        return _search(request, query)
    rows = _filtered(Article.objects.visible(), query, ids)
    if start is not None:
        when, pk = cursors.moment(start[0]), start[1]
        # The first condition alone is a range of the index, which the
        # database starts reading at the cursor; the second only drops
        # the items of the cursor's instant already shown.
        rows = rows.filter(first_published_at__lte=when).filter(
            Q(first_published_at__lt=when) | Q(pk__lt=pk)
        )
    page = list(shapes.list_rows(rows.newest_first())[: query.limit + 1])
    following = None
    if len(page) > query.limit:
        page = page[: query.limit]
        last = page[-1]
        cursor = cursors.write(
            "articles", cursors.microseconds(last.first_published_at), last.pk
        )
        following = next_url(request, READS, cursor=cursor)
    return answer(request, {"items": [shapes.item(a) for a in page], "next": following})


def _filtered(rows, query, ids):
    """*rows* narrowed by the query's filters (*ids*: see :func:`named`)."""
    if ids["section"] is not None:
        rows = rows.filter(section_id=ids["section"])
    if ids["tag"] is not None:
        rows = rows.filter(tags=ids["tag"])
    if ids["author"] is not None:
        rows = rows.filter(article_authors__author_id=ids["author"])
    if query.since:
        rows = rows.filter(first_published_at__gte=params.day_start(query.since))
    if query.until:
        rows = rows.filter(first_published_at__lt=params.day_after(query.until))
    if query.updated_since:
        rows = rows.filter(updated_at__gte=query.updated_since)
    return rows


def searched(query, sort, number):
    """``(results, hits)``: Khabar's search for *query*'s words and filters
    (``since`` and ``until`` days, both included), page *number* of
    ``query.limit`` hits in *sort* order. Words with nothing to search
    for (punctuation, ``-exclusions`` alone) match nothing: the answer
    to what was asked, where the site's search page asks for a word.
    """
    filters = Filters(
        section=query.section or "",
        author=query.author or "",
        tag=query.tag or "",
        since=params.epoch(params.day_start, query.since),
        until=params.epoch(params.day_after, query.until),
    )
    try:
        results = search(query.q, filters, sort)
    except QueryError:
        return NO_MATCHES, []
    offset = (number - 1) * query.limit
    results.expect(offset, query.limit)
    hits = results[offset : offset + query.limit] if offset < results.count() else []
    return results, hits


class _NoMatches:
    """The results of a search with no word to look for."""

    total = 0
    capped = False
    any_word = False

    def count(self):
        return 0


NO_MATCHES = _NoMatches()


def _search(request, query):
    """The list with ``q``: Khabar's search, best first, by page number."""
    number = query.page or 1
    results, hits = searched(query, "relevance", number)
    offset = (number - 1) * query.limit
    order = [hit.article.pk for hit in hits]
    rows = shapes.list_rows(Article.objects.visible().filter(pk__in=order))
    by_id = {article.pk: article for article in rows}
    following = None
    if offset + query.limit < results.count() and number < SEARCH_PAGES:
        following = next_url(request, READS, page=number + 1)
    items = [shapes.item(by_id[pk]) for pk in order if pk in by_id]
    return answer(request, {"items": items, "next": following})


@read(
    "/articles/{id:id}",
    "article",
    {200: schemas.Article, **NOT_FOUND},
    summary="One published article",
    description=(
        "Its body as sanitised HTML and as text, lead image renditions, "
        "section, tags, authors, corrections and view count. A draft, a "
        "scheduled, an unpublished or an expired article is a 404."
    ),
    tags=["articles"],
)
def article(request, id: params.ArticleId):
    return answer(request, shapes.story(visible_story(request, id)))


def visible_story(request, pk):
    """The published article *pk* with what :func:`shapes.story` reads, its
    answer kept no longer than it is visible; a 404 problem if readers
    cannot see it."""
    found = shapes.story_rows(Article.objects.visible().filter(pk=pk)).first()
    if found is None:
        raise NotFound(_("No published article has this id."))
    # An expiry has no publish event to purge the answer.
    page_cache.fresh_until(request, found.expire_at)
    return found
