"""Public pages. Pure functions of published data: the same bytes for every
anonymous reader, so that a page cache, nginx or a CDN can serve them."""

from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.utils import timezone

from khabar.cache import tags as page_cache
from khabar.cache.shared import shared, shared_until
from khabar.inputs import page_or_404
from khabar.newsroom import frontpage
from khabar.newsroom.models import BREAKING_WINDOWS, Article, Author, Section, Tag
from khabar.site.context import (
    article_context,
    latest_headlines,
    nav_sections,
    published_article,
)

PER_PAGE = 20
LEAD_PACKAGE = 1 + frontpage.TOP_STORIES  # the lead and the top stories
HOME_LATEST = 8
SECTION_BLOCK_SIZE = 4  # a lead story with its picture and three headlines
SECTION_BLOCK_FETCH = LEAD_PACKAGE + HOME_LATEST + SECTION_BLOCK_SIZE


def home(request):
    """The front page: the lead package (the top story and the next few,
    with their pictures, as editors chose them), the breaking strip, the
    latest headlines and a block per section. No story shows twice: each
    part leaves out what an earlier one shows. Each list is kept until
    content changes (khabar/cache/shared.py), so the page runs no query
    while nothing did; the lead package also until the next scheduled
    lineup, and the cached page with it."""
    lead, until = shared_until("lead-package", _lead_package)
    page_cache.fresh_until(request, until)
    shown = {article.pk for article in lead}
    breaking = [item for item in shared("breaking", _breaking) if item.pk not in shown]
    latest = latest_headlines(limit=HOME_LATEST, exclude_all=shown)
    shown |= {article.pk for article in latest}
    all_sections = nav_sections()
    ranked = shared("section-blocks", lambda: _section_blocks(all_sections))
    by_section = {}
    for article in ranked:
        if article.pk not in shown:
            by_section.setdefault(article.section_id, []).append(article)
    sections = [
        (section, by_section[section.pk][:SECTION_BLOCK_SIZE])
        for section in all_sections
        if section.pk in by_section
    ]
    page_cache.shows(request, [*lead, *breaking, *latest, *ranked])
    return render(
        request,
        "site/home.html",
        {
            "top": lead[0] if lead else None,
            "lead_more": lead[1:],
            "breaking": breaking,
            "latest": latest,
            "section_blocks": sections,
        },
    )


#: What a story card shows: headline, kicker, summary, picture, date.
CARD_FIELDS = (
    "pk", "title", "kicker", "summary", "first_published_at", "is_breaking",
    "breaking_hours", "lead_image", "lead_image_caption", "section_id",
    "section__name", "section__slug",
)  # fmt: skip


def _cards(articles):
    return articles.select_related("lead_image", "section").only(*CARD_FIELDS)


def _lead_package():
    """The top story and the three beside it, with their pictures: those
    editors chose (khabar/newsroom/frontpage.py), the newest filling any
    gap; and when the next scheduled lineup takes effect, until which the
    list and the page hold."""
    return frontpage.lead_package(_cards(Article.objects.visible()), LEAD_PACKAGE)


def _breaking():
    """Up to three stories still in their breaking window, newest first.

    The database finds the breaking stories of the longest window; each
    story's own window (``Article.breaking_now``) is checked here, as
    adding hours to a time is written differently by every database. Kept
    like the other lists: a story may stay in the strip up to
    ``shared.MAX_AGE`` after its window closes."""
    now = timezone.now()
    since = now - timedelta(hours=max(BREAKING_WINDOWS))
    candidates = (
        Article.objects.visible()
        .filter(is_breaking=True, first_published_at__gte=since)
        .newest_first()
        .headlines()
    )
    return [article for article in candidates if article.breaking_now(now)][:3]


def _section_blocks(sections):
    """The newest ``SECTION_BLOCK_FETCH`` articles of each of *sections*,
    in one query: each section's come from its (section, live,
    first_published_at) index, so the cost does not grow with the archive
    (ranking every article took 0.3 s at 100k). `live__in` because SQLite
    writes `live=True` as a bare `live`, which that index cannot serve.
    More than a block shows, so that a block stays full once the stories
    shown higher on the page are left out."""
    if not sections:
        return []
    visible = Article.objects.visible()
    newest = Q()
    for section in sections:
        newest |= Q(
            pk__in=visible.filter(section_id=section.pk, live__in=[True])
            .newest_first()
            .values("pk")[:SECTION_BLOCK_FETCH]
        )
    return list(_cards(Article.objects.filter(newest)).newest_first())


def article(request, pk):
    """The reference screen: one story with everything around it."""
    return render(request, "site/article.html", article_context(published_article(pk)))


def _listing(request, articles, template, extra):
    articles = _cards(articles.newest_first())
    page_obj = page_or_404(Paginator(articles, PER_PAGE), request.GET.get("page"))
    page_cache.shows(request, page_obj)
    return render(request, template, {"page_obj": page_obj, **extra})


def latest(request):
    """The paginated "المزيد" list."""
    return _listing(request, Article.objects.visible(), "site/latest.html", {})


def section(request, slug):
    obj = get_object_or_404(Section, slug=slug)
    return _listing(
        request,
        Article.objects.visible().filter(section=obj),
        "site/section.html",
        {"section": obj},
    )


def tag(request, slug):
    obj = get_object_or_404(Tag, slug=slug)
    return _listing(
        request,
        Article.objects.visible().filter(tags=obj),
        "site/tag.html",
        {"tag": obj},
    )


def author(request, slug):
    obj = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    return _listing(
        request,
        Article.objects.visible().filter(article_authors__author=obj),
        "site/author.html",
        {"author": obj},
    )


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: the database may be what failed.
    html = loader.get_template("500.html").render({})
    return HttpResponseServerError(html)
