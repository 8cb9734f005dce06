"""The reader's search page and the OpenSearch description browsers read.

Like every public page, a pure function of published data and the query
string: no session, no cookie, the same bytes for every reader. The site
routes it; khabar.search answers the query.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from khabar.cache.public import compressed_public
from khabar.inputs import page_number, page_or_404
from khabar.newsroom.models import Author, Tag
from khabar.search.params import read_filters
from khabar.search.query import QueryError
from khabar.search.results import search
from khabar.site.context import latest_headlines

PER_PAGE = 10
#: Past the pages a search can have (its count stops at 2,000), well
#: within what a database's OFFSET takes.
MAX_PAGE = 1000
#: Latest headlines the page suggests when there is nothing to show.
SUGGESTED = 8


def _latest():
    return latest_headlines(limit=SUGGESTED)


def search_page(request):
    """``/search/?q=…``: results with snippets, filters and pages, sent
    compressed and cacheable like the kept pages."""
    return compressed_public(request, _results_page(request))


def _results_page(request):
    params = request.GET
    text = params.get("q", "")
    filters, sort, errors = read_filters(params)
    rest = params.copy()
    rest.pop("page", None)
    context = {
        "text": text.strip(),
        "query_string": rest.urlencode(),
        "filtered": any(
            params.get(name) for name in ("section", "author", "tag", "from", "to")
        ),
        "filters": filters,
        "sort": sort,
        "from_date": params.get("from", "")[:10],
        "to_date": params.get("to", "")[:10],
        "error": "",
        "page_obj": None,
        "results": None,
        "latest": [],
        "author": None,
        "tag": None,
    }
    if filters.author:
        context["author"] = Author.objects.filter(slug=filters.author).first()
    if filters.tag:
        context["tag"] = Tag.objects.filter(slug=filters.tag).first()
    if errors:
        context["error"] = " ".join(errors)
        context["latest"] = _latest()
        return render(request, "site/search.html", context, status=400)
    if not context["text"]:
        context["latest"] = _latest()
        return render(request, "site/search.html", context)
    try:
        results = search(text, filters, sort)
    except QueryError as error:
        context["error"] = str(error)
        context["latest"] = _latest()
        return render(request, "site/search.html", context, status=400)
    number = page_number(params.get("page"), high=MAX_PAGE)
    if number is not None:  # else a 404, below
        results.expect((number - 1) * PER_PAGE, PER_PAGE)
    page_obj = page_or_404(
        Paginator(results, PER_PAGE), params.get("page"), high=MAX_PAGE
    )
    context.update(page_obj=page_obj, results=results)
    if not page_obj.paginator.count:
        context["latest"] = _latest()
    return render(request, "site/search.html", context)


def opensearch(request):
    """The OpenSearch description that lets a browser add the site's search."""
    return render(
        request,
        "site/opensearch.xml",
        {
            "base_url": settings.KHABAR_BASE_URL,
            "description": _("Search %(name)s") % {"name": settings.KHABAR_SITE_NAME},
        },
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
