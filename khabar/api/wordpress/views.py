"""``/wp-json/wp/v2/``: posts, categories, tags and media, read-only.

Posts are the articles a reader may see, and only those: the read API's
``Article.objects.visible()``, in its order (newest first, ties by id,
the order of the ``article_visible`` index, so that a deep page is a walk
of the index). A search goes through Khabar's Arabic search, the read
API's :func:`khabar.api.articles.searched`. Lists carry WordPress's
``X-WP-Total``, ``X-WP-TotalPages`` and ``Link`` headers, which the page
cache keeps with the body.
"""

import math
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Exists, F, Func, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from khabar import wordpress_query
from khabar.api.articles import searched
from khabar.api.http import answer
from khabar.api.problems import ParameterError
from khabar.api.taxonomy import published_tags
from khabar.api.wordpress import shapes
from khabar.api.wordpress.errors import WordPressError, invalid_params
from khabar.cache import tags as page_cache
from khabar.newsroom.models import Article, ArticleAuthor, Author, Section, Tag

NAMESPACE = "wp/v2"
#: Post orders by ``orderby``: a column and the id, which breaks ties so
#: that every page of an order is one slice of it.
POST_ORDERS = {
    "date": "first_published_at",
    "id": None,
    "modified": "last_published_at",
    "title": "title",
}
TERM_ORDERS = {
    "id": None,
    "name": "name",
    "slug": "slug",
    "count": "count",
    "description": "description",
}
MEDIA_ORDERS = {"date": "created_at", "id": None, "title": "title"}


def _pairs(request):
    return [(name, v) for name, values in request.GET.lists() for v in values]


def _read(request, schema):
    """The request's parameters as *schema* reads them; refusals raised
    as WordPress raises them."""
    values, refusals = wordpress_query.read(schema, _pairs(request))
    if refusals:
        raise invalid_params(refusals)
    if values["context"] == "edit":
        raise WordPressError(
            "rest_forbidden_context",
            _("Sorry, you are not allowed to edit posts in this post type."),
            401,
        )
    return values


def _ordered(rows, orders, values):
    column = orders[values["orderby"]]
    sign = "-" if values["order"] == "desc" else ""
    fields = [column, "pk"] if column else ["pk"]
    return rows.order_by(*(sign + field for field in fields))


def _page(request, schema, values, total):
    """``(start, headers)``: where the page starts in the list, and the
    headers WordPress sends with it. A page past the end of a list that
    is not empty is refused, as WordPress refuses it."""
    per_page, number = values["per_page"], values["page"]
    pages = math.ceil(total / per_page)
    if number > pages and total > 0:
        raise WordPressError(
            "rest_post_invalid_page_number",
            _(
                "The page number requested is larger than the number of "
                "pages available."
            ),
            400,
        )
    links = []
    # Built from the canonical query, so that every spelling the page
    # cache answers with one entry gets the same links.
    base = shapes.absolute(request.path)
    if number > 1:
        query = wordpress_query.query_string(
            schema, _pairs(request), page=min(number - 1, max(pages, 1))
        )
        links.append(f'<{base}?{query}>; rel="prev"')
    if pages > number:
        query = wordpress_query.query_string(schema, _pairs(request), page=number + 1)
        links.append(f'<{base}?{query}>; rel="next"')
    headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
    if links:
        headers["Link"] = ", ".join(links)
    offset = values.get("offset")
    start = offset if offset is not None else (number - 1) * per_page
    return start, headers


def _answer(request, data, headers=()):
    response = answer(request, data)
    for name, value in dict(headers).items():
        response[name] = value
    return response


def _post_rows(rows):
    """*rows* with what :func:`shapes.post` reads, in four queries."""
    return rows.prefetch_related(
        Prefetch(
            "article_authors",
            queryset=ArticleAuthor.objects.order_by("sort_order").only(
                "article_id", "author_id", "sort_order"
            ),
        ),
        Prefetch("tags", queryset=Tag.objects.only("pk")),
        "corrections",
    )


def _has(model_filter, ids):
    return Exists(model_filter.filter(article_id=OuterRef("pk"), **ids))


def _slug_ids(slugs):
    """The article ids that *slugs* name: an article's slug is its id."""
    return [int(s) for s in slugs if s.isascii() and s.isdigit() and len(s) < 19]


def _chosen(rows, values):
    """*rows* narrowed by ``include``, ``exclude`` and ``slug`` (an id)."""
    if values["include"]:
        rows = rows.filter(pk__in=values["include"])
    if values["exclude"]:
        rows = rows.exclude(pk__in=values["exclude"])
    if values["slug"]:
        rows = rows.filter(pk__in=_slug_ids(values["slug"]))
    return rows


def _filtered_posts(values):
    """The visible articles that the list's filters keep."""
    rows = Article.objects.visible()
    moments = {
        "after": "first_published_at__gt",
        "before": "first_published_at__lt",
        "modified_after": "last_published_at__gt",
        "modified_before": "last_published_at__lt",
    }
    for name, lookup in moments.items():
        if values[name] is not None:
            when = values[name]
            if timezone.is_naive(when):  # WordPress's post_date: local time
                when = timezone.make_aware(when)
            rows = rows.filter(**{lookup: when})
    through = Article.tags.through.objects
    if values["categories"]:
        rows = rows.filter(section_id__in=values["categories"])
    if values["categories_exclude"]:
        rows = rows.exclude(section_id__in=values["categories_exclude"])
    if values["tags"]:
        rows = rows.filter(_has(through, {"tag_id__in": values["tags"]}))
    if values["tags_exclude"]:
        rows = rows.exclude(_has(through, {"tag_id__in": values["tags_exclude"]}))
    if values["author"]:
        rows = rows.filter(
            _has(ArticleAuthor.objects, {"author_id__in": values["author"]})
        )
    if values["author_exclude"]:
        rows = rows.exclude(
            _has(ArticleAuthor.objects, {"author_id__in": values["author_exclude"]})
        )
    rows = _chosen(rows, values)
    if values["sticky"]:
        rows = rows.none()  # no article is sticky
    return rows


def posts(request):
    values = _read(request, wordpress_query.POSTS)
    if values["orderby"] == "relevance" and not values["search"]:
        raise WordPressError(
            "rest_no_search_term_defined",
            _("You need to define a search term to order by relevance."),
            400,
        )
    if values["search"]:
        return _search(request, values)
    rows = _filtered_posts(values)
    start, headers = _page(request, wordpress_query.POSTS, values, rows.count())
    # The page's ids first, from the index alone; then those rows whole.
    ids = list(
        _ordered(rows, POST_ORDERS, values).values_list("pk", flat=True)[
            start : start + values["per_page"]
        ]
    )
    found = _post_rows(Article.objects.filter(pk__in=ids)).in_bulk()
    page = [found[pk] for pk in ids if pk in found]
    return _answer(request, shapes.posts(page), headers)


#: What a search combines with: Khabar's search filters on one section,
#: one tag and one author, and orders by relevance or by date, newest
#: first (docs/wordpress-api.md).
_WITH_SEARCH = ("categories", "tags", "author")


def _search(request, values):
    refusals = {}
    defaults = wordpress_query.POSTS
    for name, kind in defaults.items():
        if name in ("search", "page", "per_page", "context", "orderby", "order"):
            continue
        if name in _WITH_SEARCH and len(values[name]) <= 1:
            continue
        if values[name] != kind.default:
            refusals[name] = _(
                "Not with search: a search takes one category, one tag, one "
                "author, page and per_page."
            )
    if values["order"] != "desc":
        refusals["order"] = _("A search is ordered by relevance or newest first.")
    if refusals:
        raise invalid_params(refusals)
    slugs = {}
    for name, model in zip(_WITH_SEARCH, (Section, Tag, Author), strict=True):
        slugs[name] = None
        if values[name]:
            slugs[name] = (
                model.objects.filter(pk=values[name][0])
                .values_list("slug", flat=True)
                .first()
            ) or "\x00"  # an id nothing has: a filter that keeps nothing
    query = SimpleNamespace(
        q=values["search"],
        section=slugs["categories"],
        tag=slugs["tags"],
        author=slugs["author"],
        since=None,
        until=None,
        limit=values["per_page"],
    )
    sort = "relevance" if values["orderby"] == "relevance" else "newest"
    try:
        results, hits = searched(query, sort, values["page"])
    except ParameterError as error:
        raise invalid_params(
            {"search": error.errors[0]["detail"] if error.errors else error.detail}
        ) from None
    headers = _page(request, wordpress_query.POSTS, values, results.count())[1]
    order = [hit.article.pk for hit in hits]
    found = _post_rows(Article.objects.visible().filter(pk__in=order)).in_bulk()
    page = [found[pk] for pk in order if pk in found]
    return _answer(request, shapes.posts(page), headers)


def post(request, id):
    _read(request, wordpress_query.ONE)
    found = _post_rows(Article.objects.visible().filter(pk=id)).first()
    if found is None:
        raise WordPressError("rest_post_invalid_id", _("Invalid post ID."), 404)
    # Kept no longer than it is visible: an expiry has no publish event.
    page_cache.fresh_until(request, found.expire_at)
    link = f'<{shapes.absolute(found.get_absolute_url())}>; rel="alternate"; '
    return _answer(
        request, shapes.posts([found])[0], {"Link": link + 'type="text/html"'}
    )


def _visible_count(**link):
    """How many visible articles a section or tag has: one subquery."""
    return Coalesce(
        Subquery(
            Article.objects.visible()
            .filter(**link)
            .order_by()
            .annotate(n=Func(F("pk"), function="COUNT"))
            .values("n")
        ),
        0,
    )


def _sections():
    return Section.objects.annotate(count=_visible_count(section=OuterRef("pk")))


def _tags():
    return published_tags().annotate(count=_visible_count(tags=OuterRef("pk")))


def _terms(request, rows, taxonomy):
    values = _read(request, wordpress_query.TERMS)
    if values["search"]:
        rows = rows.filter(
            Q(name__icontains=values["search"]) | Q(slug__icontains=values["search"])
        )
    if values["include"]:
        rows = rows.filter(pk__in=values["include"])
    if values["exclude"]:
        rows = rows.exclude(pk__in=values["exclude"])
    if values["slug"]:
        rows = rows.filter(slug__in=values["slug"])
    if values["hide_empty"]:
        rows = rows.filter(count__gt=0)
    if values["parent"]:
        rows = rows.none()  # no section has a parent
    if values["post"] is not None:
        article = Article.objects.visible().filter(pk=values["post"])
        if taxonomy == "category":
            rows = rows.filter(pk__in=article.values("section_id"))
        else:
            rows = rows.filter(pk__in=article.values("tags"))
    start, headers = _page(request, wordpress_query.TERMS, values, rows.count())
    page = _ordered(rows, TERM_ORDERS, values)[start : start + values["per_page"]]
    items = [shapes.term(obj, taxonomy, obj.count) for obj in page]
    return _answer(request, items, headers)


def _term(request, rows, id, taxonomy):
    _read(request, wordpress_query.ONE)
    found = rows.filter(pk=id).first()
    if found is None:
        raise WordPressError("rest_term_invalid", _("Term does not exist."), 404)
    return _answer(request, shapes.term(found, taxonomy, found.count))


def categories(request):
    return _terms(request, _sections(), "category")


def category(request, id):
    return _term(request, _sections(), id, "category")


def tags(request):
    return _terms(request, _tags(), "post_tag")


def tag(request, id):
    return _term(request, _tags(), id, "post_tag")


def _images():
    """Images that lead a visible article, each with the newest of them."""
    leading = Article.objects.visible().filter(lead_image=OuterRef("pk"))
    return (
        get_image_model()
        .objects.filter(Exists(leading))
        .annotate(post=Subquery(leading.newest_first().values("pk")[:1]))
    )


def _attachments(images):
    articles = Article.objects.only(
        "pk", "lead_image_caption", "first_published_at"
    ).in_bulk([image.post for image in images])
    return [shapes.attachment(image, articles.get(image.post)) for image in images]


def media(request):
    values = _read(request, wordpress_query.MEDIA)
    rows = _images()
    rows = _chosen(rows, values)
    if values["parent"]:
        rows = rows.filter(
            Exists(
                Article.objects.visible().filter(
                    lead_image=OuterRef("pk"), pk__in=values["parent"]
                )
            )
        )
    if values["media_type"] not in (None, "image"):
        rows = rows.none()  # Khabar's media are images
    start, headers = _page(request, wordpress_query.MEDIA, values, rows.count())
    page = _ordered(rows, MEDIA_ORDERS, values)[start : start + values["per_page"]]
    page = list(page)
    return _answer(request, _attachments(page), headers)


def medium(request, id):
    _read(request, wordpress_query.ONE)
    found = list(_images().filter(pk=id))
    if not found:
        raise WordPressError("rest_post_invalid_id", _("Invalid post ID."), 404)
    return _answer(request, _attachments(found)[0])


def _arguments(schema):
    """*schema*'s parameters as WordPress's index describes them."""
    types = {
        wordpress_query.Integer: {"type": "integer"},
        wordpress_query.Ids: {"type": "array", "items": {"type": "integer"}},
        wordpress_query.Words: {"type": "array", "items": {"type": "string"}},
        wordpress_query.Moment: {"type": "string", "format": "date-time"},
        wordpress_query.Text: {"type": "string"},
        wordpress_query.Flag: {"type": "boolean"},
    }
    described = {}
    for name, kind in schema.items():
        if isinstance(kind, wordpress_query.OneOf):
            shape = {"type": "string", "enum": list(kind.choices)}
        else:
            shape = dict(types[type(kind)])
        if kind.default not in (None, ()):
            shape["default"] = kind.default
        if isinstance(kind, wordpress_query.Integer) and kind.high < 2**63 - 1:
            shape.update(minimum=kind.low, maximum=kind.high)
        described[name] = {"required": False, **shape}
    return described


def _routes():
    one = {"id": {"type": "integer", "required": False}}
    entries = {}
    for collection, schema in (
        ("posts", wordpress_query.POSTS),
        ("categories", wordpress_query.TERMS),
        ("tags", wordpress_query.TERMS),
        ("media", wordpress_query.MEDIA),
    ):
        for route, args, name in (
            (f"/{NAMESPACE}/{collection}", _arguments(schema), collection),
            (f"/{NAMESPACE}/{collection}/(?P<id>[\\d]+)", one, None),
        ):
            entry = {
                "namespace": NAMESPACE,
                "methods": ["GET"],
                "endpoints": [{"methods": ["GET"], "args": args}],
            }
            if name:
                entry["_links"] = {"self": [{"href": shapes.route(name)}]}
            entries[route] = entry
    return entries


def index(request):
    """``/wp-json/``: what a client that discovers the API reads first."""
    base = settings.KHABAR_BASE_URL
    routes = {
        "/": {
            "namespace": "",
            "methods": ["GET"],
            "endpoints": [{"methods": ["GET"], "args": {}}],
            "_links": {"self": [{"href": shapes.route("index")}]},
        },
        f"/{NAMESPACE}": {
            "namespace": NAMESPACE,
            "methods": ["GET"],
            "endpoints": [{"methods": ["GET"], "args": {}}],
            "_links": {"self": [{"href": shapes.route("namespace")}]},
        },
        **_routes(),
    }
    return _answer(
        request,
        {
            "name": settings.KHABAR_SITE_NAME,
            "description": "",
            "url": base,
            "home": base,
            "gmt_offset": _gmt_offset(),
            "timezone_string": settings.TIME_ZONE,
            "namespaces": [NAMESPACE],
            "authentication": [],
            "routes": routes,
        },
    )


def namespace(request):
    """``/wp-json/wp/v2``: the namespace's own routes."""
    return _answer(request, {"namespace": NAMESPACE, "routes": _routes()})


def _gmt_offset():
    offset = timezone.localtime().utcoffset().total_seconds() / 3600
    return int(offset) if offset.is_integer() else offset
