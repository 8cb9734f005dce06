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
from khabar.cache.shared import shared
from khabar.inputs import page_or_404
from khabar.newsroom.models import Article, Author, Section, Tag
from khabar.site.context import (
    article_context,
    latest_headlines,
    nav_sections,
    published_article,
)

PER_PAGE = 20
SECTION_BLOCK_SIZE = 4
BREAKING_HOURS = 24


def home(request):
    """Top story, breaking strip, latest headlines and a block per section,
    each kept until content changes (khabar/cache/shared.py): the page
    runs no query while nothing changed."""
    top = shared("top-story", lambda: [_top_story()])[0]
    breaking = shared("breaking", _breaking)
    all_sections = nav_sections()
    ranked = shared("section-blocks", lambda: _section_blocks(all_sections))
    by_section = {}
    for article in ranked:
        by_section.setdefault(article.section_id, []).append(article)
    sections = [
        (section, by_section[section.pk])
        for section in all_sections
        if section.pk in by_section
    ]
    latest = latest_headlines(exclude=top.pk if top else None)
    page_cache.shows(request, [top, *breaking, *latest, *ranked])
    return render(
        request,
        "site/home.html",
        {
            "top": top,
            "breaking": breaking,
            "section_blocks": sections,
        },
    )


def _top_story():
    return (
        Article.objects.visible()
        .newest_first()
        .select_related("section", "lead_image")
        .only(
            "pk",
            "title",
            "kicker",
            "summary",
            "first_published_at",
            "is_breaking",
            "lead_image",
            "lead_image_caption",
            "section__name",
            "section__slug",
        )  # fmt: skip
        .first()
    )


def _breaking():
    """Up to three breaking stories of the last ``BREAKING_HOURS``. Kept
    like the other lists: a story may stay in the strip up to
    ``shared.MAX_AGE`` after its hours are over."""
    since = timezone.now() - timedelta(hours=BREAKING_HOURS)
    return (
        Article.objects.visible()
        .filter(is_breaking=True, first_published_at__gte=since)
        .newest_first()
        .headlines()[:3]
    )


def _section_blocks(sections):
    """The newest few articles of each of *sections*, in one query: each
    section's come from its (section, live, first_published_at) index, so
    the cost does not grow with the archive (ranking every article took
    0.3 s at 100k). `live__in` because SQLite writes `live=True` as a bare
    `live`, which that index cannot serve."""
    if not sections:
        return []
    visible = Article.objects.visible()
    newest = Q()
    for section in sections:
        newest |= Q(
            pk__in=visible.filter(section_id=section.pk, live__in=[True])
            .newest_first()
            .values("pk")[:SECTION_BLOCK_SIZE]
        )
    return Article.objects.headlines().filter(newest).newest_first()


def article(request, pk):
    """The reference screen: one story with everything around it."""
    return render(request, "site/article.html", article_context(published_article(pk)))


def _listing(request, articles, template, extra):
    articles = articles.newest_first().select_related("section")
    articles = articles.only(
        "pk", "title", "kicker", "summary", "first_published_at", "is_breaking",
        "section__name", "section__slug",
    )  # fmt: skip
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
