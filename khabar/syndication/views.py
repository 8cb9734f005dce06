"""Feeds, sitemaps and robots.txt: the views, with conditional GET.

Each response carries ETag and Last-Modified from the archive's last change
(``changes.py``) and is a 304 when the client already has it; only then is
the feed or sitemap computed.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import condition, require_safe

from khabar.inputs import page_number
from khabar.syndication import changes
from khabar.syndication.feeds import ArticleAtomFeed, ArticleFeed
from khabar.syndication.json_feed import ArticleJsonFeed
from khabar.syndication.sitemaps import SITEMAPS, NewsSitemap, index

XML = "application/xml; charset=utf-8"
conditional = condition(
    etag_func=changes.etag, last_modified_func=changes.last_modified
)

_FEEDS = {"rss": ArticleFeed(), "atom": ArticleAtomFeed(), "json": ArticleJsonFeed()}


@require_safe
@conditional
def feed(request, fmt, kind="site", slug=None):
    """RSS (*fmt* "rss"), Atom or JSON Feed of the paper or of a section, tag or
    author; ``?full=1`` adds the whole text."""
    return _FEEDS[fmt](request, kind=kind, slug=slug)


@require_safe
@conditional
def sitemap_index(request):
    return StreamingHttpResponse(index(), content_type=XML)


@require_safe
@conditional
def sitemap(request, name):
    """One page of the articles, sections, tags or authors sitemap; a page
    with nothing on it (or no page at all) is a 404."""
    if name not in SITEMAPS:
        raise Http404("No such sitemap.")
    number, page = page_number(request.GET.get("page")), SITEMAPS[name]()
    if number is None or not page.has_page(number):
        raise Http404("No such sitemap page.")
    return StreamingHttpResponse(page.stream(number), content_type=XML)


@require_safe
@conditional
def news_sitemap(request):
    return StreamingHttpResponse(NewsSitemap().stream(), content_type=XML)


@require_safe
def robots(request):
    """Crawlers may read everything public; here are the sitemaps."""
    base = settings.KHABAR_BASE_URL
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('wagtailadmin_home')}",
        "",
        f"Sitemap: {base}{reverse('syndication:sitemap-index')}",
        f"Sitemap: {base}{reverse('syndication:news-sitemap')}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
