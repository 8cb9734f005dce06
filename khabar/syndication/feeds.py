"""RSS 2.0 and Atom feeds of the paper and of each section, tag and author.

Django's ``Feed`` does the work; the generators below add what aggregators
expect of a newspaper: every author of a story, its lead image as a Media
RSS element, and with ``?full=1`` the whole text (``content:encoded`` in
RSS, ``<content>`` in Atom). Dates are in UTC; URLs are absolute, from
``KHABAR_BASE_URL``. A feed runs a fixed number of queries, whatever its
length.

RSS ``<description>`` and Atom ``<summary type="html">`` hold HTML, which
feed readers render: a summary, plain text, goes in escaped, so that a
reader sees the characters the editor typed, ``<img …>`` included, and
never markup. The full text is HTML and is sanitised (nh3, an allow-list)
whatever the body's blocks rendered.
"""

import datetime as dt
import re
from dataclasses import dataclass

import nh3
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.feedgenerator import (
    Atom1Feed,
    Enclosure,
    Rss201rev2Feed,
    rfc3339_date,
)
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError

from khabar.newsroom.blocks import URL_SCHEMES
from khabar.newsroom.models import Article, Author, Section, Tag
from khabar.syndication import structured_data as sd
from khabar.syndication.text import xml_text

FEED_LENGTH = 50
#: Pictures inside the text of a full-content feed.
BODY_IMAGE_SPEC = "width-800|format-jpeg"
MEDIA_NS = "http://search.yahoo.com/mrss/"

# A root-relative link or picture in body HTML: feed readers need the host.
_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


@dataclass(frozen=True)
class Scope:
    """What a feed is about: the whole paper (kind "site"), or a section,
    tag or author (*obj*)."""

    kind: str
    obj: Section | Tag | Author | None = None
    full: bool = False

    def articles(self):
        visible = Article.objects.visible()
        if self.kind == "section":
            return visible.filter(section=self.obj)
        if self.kind == "tag":
            return visible.filter(tags=self.obj)
        if self.kind == "author":
            return visible.filter(article_authors__author=self.obj)
        return visible


_MODELS = {"section": Section, "tag": Tag, "author": Author}


def feed_url_name(kind, fmt):
    return f"syndication:{fmt}" if kind == "site" else f"syndication:{kind}-{fmt}"


class KhabarRssFeed(Rss201rev2Feed):
    """RSS 2.0 with Dublin Core creators, full content and Media RSS."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:media": MEDIA_NS,
        }

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.startElement("image", {})
        handler.addQuickElement("url", self.feed["logo"])
        handler.addQuickElement("title", self.feed["title"])
        handler.addQuickElement("link", self.feed["link"])
        handler.endElement("image")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        if item["updateddate"] is not None:
            # RSS has no date of change; Atom's, in its namespace, is read
            # by the readers that care (corrections move it).
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))
        if item["content_html"]:
            handler.addQuickElement("content:encoded", item["content_html"])
        if item["image"]:
            handler.addQuickElement("media:content", None, _media(item["image"]))


class KhabarAtomFeed(Atom1Feed):
    """Atom with one <author> per byline, full content and Media RSS."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("logo", self.feed["logo"])

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")
        if item["content_html"]:
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
        if item["image"]:
            handler.addQuickElement("media:content", None, _media(item["image"]))


def _media(image):
    return {
        "url": image["url"],
        "medium": "image",
        "type": image["mime_type"],
        "width": str(image["width"]),
        "height": str(image["height"]),
    }


class ArticleFeed(Feed):
    """The latest visible articles of a scope, newest first (RSS 2.0).

    Called with ``kind`` ("site", "section", "tag", "author") and, but for
    the site, the ``slug`` of its object; an unknown slug is a 404.
    """

    feed_type = KhabarRssFeed
    format = "rss"

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # Django dates the response from its newest item, which would not
        # move when an older story is unpublished. The view's condition()
        # dates it from the archive's last change instead.
        del response.headers["Last-Modified"]
        return response

    def get_object(self, request, kind="site", slug=None):
        obj = None if kind == "site" else _MODELS[kind].objects.get(slug=slug)
        return Scope(kind, obj, full=request.GET.get("full") == "1")

    def title(self, scope):
        name = settings.KHABAR_SITE_NAME
        if scope.obj is None:
            return xml_text(name)
        return xml_text(_("%(site)s: %(name)s") % {"site": name, "name": scope.obj})

    def description(self, scope):
        # RSS readers render the channel's description as HTML.
        return escape(self.about(scope))

    def about(self, scope):
        """What the feed is, as plain text."""
        site = settings.KHABAR_SITE_NAME
        if scope.kind == "section":
            text = _("The latest news in %(section)s from %(site)s.") % {
                "section": scope.obj,
                "site": site,
            }
        elif scope.kind == "tag":
            text = _("The latest news about %(tag)s from %(site)s.") % {
                "tag": scope.obj,
                "site": site,
            }
        elif scope.kind == "author":
            text = _("The latest articles by %(author)s in %(site)s.") % {
                "author": scope.obj,
                "site": site,
            }
        else:
            text = _("The latest news from %(site)s.") % {"site": site}
        return xml_text(text)

    def link(self, scope):
        if scope.obj is None:
            return sd.home_url()
        return sd.absolute(scope.obj.get_absolute_url())

    def feed_url(self, scope):
        name = feed_url_name(scope.kind, self.format)
        url = (
            reverse(name) if scope.obj is None else reverse(name, args=[scope.obj.slug])
        )
        return sd.absolute(url) + ("?full=1" if scope.full else "")

    def author_name(self, scope):
        return xml_text(settings.KHABAR_SITE_NAME)

    def author_link(self, scope):
        return sd.home_url()

    def feed_extra_kwargs(self, scope):
        return {"logo": sd.logo_url()}

    def items(self, scope):
        Rendition = get_image_model().get_rendition_model()
        articles = (
            scope.articles()
            .newest_first()
            .with_story_relations()
            .prefetch_related(
                Prefetch(
                    "lead_image__renditions",
                    queryset=Rendition.objects.filter(filter_spec=sd.SHARE_IMAGE_SPEC),
                ),
            )
        )
        if not scope.full:
            articles = articles.defer("body")
        articles = list(articles[:FEED_LENGTH])
        bodies = body_html(articles) if scope.full else {}
        for article in articles:
            article.feed_image = _enclosed(sd.share_image(article.lead_image))
            article.feed_content = bodies.get(article.pk)
        return articles

    def item_title(self, article):
        return xml_text(article.title)

    def item_description(self, article):
        # HTML in both formats (RSS by custom, Atom as type="html"): the
        # plain-text summary escaped, so that its "<" is a character.
        return escape(xml_text(article.summary)) or None

    def item_link(self, article):
        return sd.absolute(article.get_absolute_url())

    def item_guid_is_permalink(self, article):
        return True

    def item_pubdate(self, article):
        return _utc(article.first_published_at)

    def item_updateddate(self, article):
        return _utc(article.modified_at)

    def item_categories(self, article):
        names = [article.section.name] + [tag.name for tag in article.tags.all()]
        return [xml_text(name) for name in names]

    def item_enclosures(self, article):
        image = article.feed_image
        if not image:
            return []
        return [Enclosure(image["url"], str(image["length"]), image["mime_type"])]

    def item_extra_kwargs(self, article):
        return {
            "authors": [
                (
                    xml_text(link.author.name),
                    sd.absolute(link.author.get_absolute_url()),
                )
                for link in article.article_authors.all()
            ],
            "content_html": article.feed_content,
            "image": article.feed_image,
        }


class ArticleAtomFeed(ArticleFeed):
    feed_type = KhabarAtomFeed
    format = "atom"

    def subtitle(self, scope):
        return self.about(scope)  # Atom's <subtitle> is text


def _utc(value):
    """*value* in UTC to the second, as feeds print dates."""
    return value.astimezone(dt.UTC).replace(microsecond=0)


def _enclosed(image):
    """*image* (from share_image) with the byte length RSS asks of an
    enclosure; 0, which readers accept, when storage cannot tell."""
    if image:
        try:
            image["length"] = image["rendition"].file.size
        except (OSError, NotImplementedError):
            image["length"] = 0
    return image


def body_html(articles):
    """Each article's body as HTML for feed readers, by article id.

    Blocks render with the site's templates, except pictures: a plain
    ``<img>`` with an absolute URL, since a feed reader has no ``srcset``
    context and no site to resolve "/media/…" against. All pictures of all
    articles come in two queries.
    """
    wanted = {
        raw["value"].get("image")
        for article in articles
        for raw in article.body.raw_data
        if raw["type"] == "image"
    }
    images = (
        get_image_model()
        .objects.filter(pk__in=wanted)
        .prefetch_renditions(BODY_IMAGE_SPEC)
        .in_bulk()
        if wanted
        else {}
    )
    bodies = {}
    for article in articles:
        parts = []
        for n, raw in enumerate(article.body.raw_data):
            if raw["type"] == "image":
                parts.append(_picture(images.get(raw["value"].get("image")), raw))
            else:
                parts.append(article.body[n].render())
        html = _RELATIVE.sub(rf"\1{settings.KHABAR_BASE_URL}/", "".join(parts))
        bodies[article.pk] = xml_text(_sanitised(html))
    return bodies


def _sanitised(html):
    """*html* without scripts, event handlers or ``javascript:`` links.

    Paragraphs are cleaned when saved through the editor or an importer,
    but a body written another way (a script, a migration, the ORM) is
    rendered as stored: the feed makes no such assumption."""
    return nh3.clean(html, url_schemes=URL_SCHEMES, link_rel=None)


def _picture(image, raw):
    if image is None:
        return ""
    try:
        rendition = image.get_rendition(BODY_IMAGE_SPEC)
    except SourceImageIOError:
        return ""
    caption = raw["value"].get("caption") or ""
    credit = raw["value"].get("credit") or ""
    return format_html(
        '<figure><img src="{}" width="{}" height="{}" alt="{}">'
        "<figcaption>{} {}</figcaption></figure>",
        sd.absolute(rendition.url),
        rendition.width,
        rendition.height,
        caption,
        caption,
        credit,
    )
