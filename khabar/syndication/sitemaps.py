"""Sitemaps for search engines, streamed from the database.

A page is written while it is read: ``values_list(...).iterator()`` feeds
XML chunks to a ``StreamingHttpResponse``, so memory stays flat whatever the
size of the archive (``bench/sitemaps.py`` measures it on a million
articles). Pages are ranges of ids: a story keeps its page as the archive
grows, and no page holds more than 50,000 URLs or 50 MB, the protocol's
limits. The Google News sitemap lists the last 48 hours.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Count, Exists, F, Max, OuterRef
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from khabar import links
from khabar.newsroom.models import Article, ArticleAuthor, Author, Section, Tag
from khabar.syndication import structured_data as sd
from khabar.syndication.text import xml_text

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
URLSET_OPEN = f'{XML_HEAD}<urlset xmlns="{SITEMAP_NS}">\n'
URLSET_CLOSE = "</urlset>\n"
# A sample of the longest value a lastmod can print.
_LONGEST_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def w3c(value):
    """A W3C datetime in UTC: '2019-05-28T08:46:00+00:00'."""
    return value.astimezone(dt.UTC).isoformat(timespec="seconds")


def _url_parts(url_name):
    """The absolute, XML-escaped text before and after the argument of
    *url_name*, so that a million URLs cost no million links."""
    prefix, suffix = links.parts(url_name)
    return escape(sd.absolute(prefix)), escape(suffix)


class UrlSitemap:
    """One kind of page, split into sitemap pages by ranges of ids.

    Subclasses name the URL and say which rows are listed; the limits are
    class attributes that a test (or a stricter search engine) may lower.
    """

    name = ""  # /sitemap-<name>.xml
    url_name = ""
    max_urls = 50_000
    max_bytes = 50 * 1024 * 1024
    chunk_rows = 2_000

    def base(self):
        """The rows to list, as a queryset of the model."""
        raise NotImplementedError

    def columns(self):
        """What entry() needs of each row, for values_list(); the id first."""
        return ("pk",)

    def entry(self, row):
        raise NotImplementedError

    def longest_row(self):
        """A row whose entry is as long as any can be."""
        raise NotImplementedError

    def page_size(self):
        """Ids per page: at most max_urls, and few enough that even the
        longest entries stay under max_bytes."""
        room = self.max_bytes - len(URLSET_OPEN) - len(URLSET_CLOSE)
        longest = len(self.entry(self.longest_row()).encode())
        return max(1, min(self.max_urls, room // longest))

    def pages(self):
        """[(number, lastmod or None)] of the pages with at least one URL:
        one query."""
        size = self.page_size()
        rows = (
            self.base()
            .annotate(sitemap_page=(F("pk") - 1) / size + 1)
            .values("sitemap_page")
            .annotate(**self.page_summary())
            .order_by("sitemap_page")
        )
        return [(row["sitemap_page"], row.get("lastmod")) for row in rows]

    def page_summary(self):
        return {"urls": Count("pk")}

    def _page_rows(self, number):
        size = self.page_size()
        return self.base().filter(pk__gt=(number - 1) * size, pk__lte=number * size)

    def has_page(self, number):
        return number >= 1 and self._page_rows(number).exists()

    def stream(self, number):
        """Page *number* as UTF-8 chunks of a few hundred kilobytes."""
        rows = (
            self._page_rows(number)
            .order_by("pk")
            .values_list(*self.columns())
            .iterator(chunk_size=self.chunk_rows)
        )
        yield URLSET_OPEN.encode()
        batch = []
        for row in rows:
            batch.append(self.entry(row))
            if len(batch) >= self.chunk_rows:
                yield "".join(batch).encode()
                batch.clear()
        batch.append(URLSET_CLOSE)
        yield "".join(batch).encode()


class ArticleSitemap(UrlSitemap):
    """Every visible article, with the time it last changed."""

    name = "articles"
    url_name = "site:article"

    def base(self):
        return Article.objects.visible()

    def columns(self):
        return ("pk", Coalesce("last_published_at", "first_published_at"))

    def page_summary(self):
        return {"lastmod": Max(Coalesce("last_published_at", "first_published_at"))}

    def entry(self, row):
        if not hasattr(self, "_parts"):
            self._parts = _url_parts(self.url_name)
        prefix, suffix = self._parts
        pk, lastmod = row
        return (
            f"<url><loc>{prefix}{pk}{suffix}</loc>"
            f"<lastmod>{w3c(lastmod)}</lastmod></url>\n"
        )

    def longest_row(self):
        return (2**63 - 1, _LONGEST_TIME)


class SlugSitemap(UrlSitemap):
    """Sections, tags or authors that have at least one visible article."""

    model = None

    def columns(self):
        return ("pk", "slug")

    def entry(self, row):
        if not hasattr(self, "_parts"):
            self._parts = _url_parts(self.url_name)
        prefix, suffix = self._parts
        return f"<url><loc>{prefix}{links.quote_argument(row[1])}{suffix}</loc></url>\n"

    def longest_row(self):
        # Every character of the slug a 4-byte letter, percent-encoded.
        length = self.model._meta.get_field("slug").max_length
        return (0, "\U00020000" * length)


class SectionSitemap(SlugSitemap):
    name = "sections"
    url_name = "site:section"
    model = Section

    def base(self):
        visible = Article.objects.visible().filter(section=OuterRef("pk"))
        return Section.objects.filter(Exists(visible))


class TagSitemap(SlugSitemap):
    name = "tags"
    url_name = "site:tag"
    model = Tag

    def base(self):
        visible = Article.objects.visible().filter(tags=OuterRef("pk"))
        return Tag.objects.filter(Exists(visible))


class AuthorSitemap(SlugSitemap):
    name = "authors"
    url_name = "site:author"
    model = Author

    def base(self):
        bylines = ArticleAuthor.objects.filter(
            author=OuterRef("pk"),
            article__in=Article.objects.visible().values("pk"),
        )
        return Author.objects.filter(Exists(bylines))


SITEMAPS = {
    sitemap.name: sitemap
    for sitemap in (ArticleSitemap, SectionSitemap, TagSitemap, AuthorSitemap)
}


def index(sitemaps=None):
    """The sitemap index: every non-empty page of every sitemap, then the
    news sitemap. Computed before the response starts (a few grouped
    queries), streamed after."""
    base = settings.KHABAR_BASE_URL
    entries = []
    for cls in sitemaps or SITEMAPS.values():
        sitemap = cls()
        loc = escape(sd.absolute(reverse("syndication:sitemap", args=[sitemap.name])))
        for number, lastmod in sitemap.pages():
            entry = f"<sitemap><loc>{loc}?page={number}</loc>"
            if lastmod:
                entry += f"<lastmod>{w3c(lastmod)}</lastmod>"
            entries.append(entry + "</sitemap>\n")
    news = escape(base + reverse("syndication:news-sitemap"))
    entries.append(f"<sitemap><loc>{news}</loc></sitemap>\n")
    return _index_chunks(entries)


def _index_chunks(entries):
    yield f'{XML_HEAD}<sitemapindex xmlns="{SITEMAP_NS}">\n'.encode()
    for start in range(0, len(entries), 1000):
        yield "".join(entries[start : start + 1000]).encode()
    yield b"</sitemapindex>\n"


class NewsSitemap:
    """Google News: articles first published in the last 48 hours, at most
    1,000, newest first, with the paper's name and language."""

    hours = 48
    max_urls = 1_000

    def stream(self):
        since = timezone.now() - dt.timedelta(hours=self.hours)
        rows = (
            Article.objects.visible()
            .filter(first_published_at__gte=since)
            .newest_first()
            .values_list("pk", "title", "first_published_at")[: self.max_urls]
        )
        prefix, suffix = _url_parts("site:article")
        publication = (
            "<news:publication>"
            f"<news:name>{escape(settings.KHABAR_SITE_NAME)}</news:name>"
            f"<news:language>{escape(sd.content_language())}</news:language>"
            "</news:publication>"
        )
        yield (
            f'{XML_HEAD}<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n'
        ).encode()
        for pk, title, published in rows.iterator(chunk_size=self.max_urls):
            yield (
                f"<url><loc>{prefix}{pk}{suffix}</loc><news:news>{publication}"
                f"<news:publication_date>{sd.local_iso(published)}"
                "</news:publication_date>"
                f"<news:title>{escape(xml_text(title))}</news:title>"
                "</news:news></url>\n"
            ).encode()
        yield URLSET_CLOSE.encode()
