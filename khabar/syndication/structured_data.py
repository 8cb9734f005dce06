"""What search engines and social cards read: JSON-LD and Open Graph data.

Built in Python as plain dicts, so tests can compare them with the article
field by field; templates only print them. Dates carry the site's time-zone
offset; URLs are absolute, from ``KHABAR_BASE_URL``.
"""

import functools
import json

from django.conf import settings
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import to_locale
from wagtail.images.models import Filter, SourceImageIOError

#: The one picture of an article that leaves the site (cards, JSON-LD,
#: feeds): wide enough for Google's 1200 px and a JPEG every reader opens.
SHARE_IMAGE_SPEC = "width-1200|format-jpeg"
LOGO = "syndication/logo.png"
#: The card of a page or story without a picture of its own
#: (tools/brand_assets.py makes it).
DEFAULT_SHARE_IMAGE = ("site/share.png", 1200, 630)
LOGO_SIZE = 512
SCHEMA = "https://schema.org"

# Open Graph wants a territory; Facebook's own choice for Arabic is ar_AR.
_OG_LOCALES = {"ar": "ar_AR", "en": "en_US"}
# Characters that could end a <script> element or start markup inside it.
_SCRIPT_ESCAPES = (
    ("<", "\\u003C"),
    (">", "\\u003E"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def absolute(url):
    """*url* with the site's base in front, unless it already has a host."""
    if url.startswith(("http://", "https://", "//")):
        return url
    return settings.KHABAR_BASE_URL + url


def content_language():
    """The language the paper is written in, as an ISO 639 code: 'ar'."""
    return settings.LANGUAGE_CODE.split("-")[0]


def og_locale():
    language = content_language()
    return _OG_LOCALES.get(language) or to_locale(language)


def local_iso(value):
    """ISO 8601 in the site time zone, with its offset:
    '2019-05-28T11:46:00+03:00'."""
    return timezone.localtime(value).isoformat(timespec="seconds")


def share_image(image):
    """The shared rendition of *image* as a dict (url, width, height,
    mime_type, rendition), or None without an image or its file."""
    if image is None:
        return None
    spec = Filter(SHARE_IMAGE_SPEC)
    try:
        # Prefetched renditions first (feeds): get_rendition() would also
        # write each one back to the cache.
        rendition = image.find_existing_rendition(spec)
    except image.get_rendition_model().DoesNotExist:
        rendition = None
    try:
        rendition = rendition or image.get_rendition(spec)
    except SourceImageIOError:
        return None  # the original is gone; a card without a picture is fine
    return {
        "url": absolute(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "mime_type": "image/jpeg",
        "rendition": rendition,
    }


def logo_url():
    return _site_urls(settings.KHABAR_BASE_URL, get_script_prefix())[1]


def home_url():
    return _site_urls(settings.KHABAR_BASE_URL, get_script_prefix())[0]


@functools.lru_cache(maxsize=16)
def _site_urls(base_url, script_prefix):
    """The home page and the logo, absolute: the same on every page, and
    reverse() and the static manifest cost a tenth of the article meta."""
    return absolute(reverse("site:home")), absolute(static(LOGO))


def publisher():
    """The paper as a schema.org Organization, with its logo (one dict per
    site: callers read it, never change it)."""
    return _publisher(
        settings.KHABAR_SITE_NAME, settings.KHABAR_BASE_URL, get_script_prefix()
    )


@functools.lru_cache(maxsize=16)
def _publisher(site_name, base_url, script_prefix):
    home, logo = _site_urls(base_url, script_prefix)
    return {
        "@type": "Organization",
        "name": site_name,
        "url": home,
        "logo": {
            "@type": "ImageObject",
            "url": logo,
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }


def news_article(article, authors, tags, corrections, image=None):
    """A schema.org NewsArticle for *article* (a published one).

    *authors*, *tags* and *corrections* are what the page shows; *image* is
    share_image() of its lead image.
    """
    url = absolute(article.get_absolute_url())
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "description": article.summary,
        "datePublished": local_iso(article.first_published_at),
        "dateModified": local_iso(article.modified_at),
        "author": [
            {"@type": "Person", "name": a.name, "url": absolute(a.get_absolute_url())}
            for a in authors
        ]
        or [publisher()],
        "publisher": publisher(),
        "articleSection": article.section.name,
        "inLanguage": content_language(),
    }
    if not article.summary:
        del data["description"]
    if image:
        data["image"] = [image["url"]]
    if tags:
        data["keywords"] = [tag.name for tag in tags]
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": c.note,
                "datePublished": local_iso(c.published_at),
            }
            for c in corrections
            if c.published_at
        ]
    return data


def breadcrumbs(article):
    """Home → section → article, as a schema.org BreadcrumbList."""
    trail = [
        (settings.KHABAR_SITE_NAME, home_url()),
        (article.section.name, absolute(article.section.get_absolute_url())),
        (article.title, absolute(article.get_absolute_url())),
    ]
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }


def default_share_image():
    """The paper's own card picture, shaped like :func:`share_image`."""
    path, width, height = DEFAULT_SHARE_IMAGE
    return {
        "url": absolute(static(path)),
        "width": width,
        "height": height,
        "mime_type": "image/png",
        "rendition": None,
    }


def tagline():
    """The paper in one sentence: the front page's description and card,
    and the web app manifest's."""
    return _("%(name)s: news from the Arab world and beyond, as it happens.") % {
        "name": settings.KHABAR_SITE_NAME
    }


def site_open_graph():
    """Open Graph and Twitter card properties of the front page, as
    (attribute, name, content) triples like :func:`open_graph`."""
    description = tagline()
    image = default_share_image()
    return [
        ("property", "og:type", "website"),
        ("property", "og:title", settings.KHABAR_SITE_NAME),
        ("property", "og:url", home_url()),
        ("property", "og:site_name", settings.KHABAR_SITE_NAME),
        ("property", "og:locale", og_locale()),
        ("property", "og:description", description),
        ("property", "og:image", image["url"]),
        ("property", "og:image:type", image["mime_type"]),
        ("property", "og:image:width", str(image["width"])),
        ("property", "og:image:height", str(image["height"])),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", settings.KHABAR_SITE_NAME),
        ("name", "twitter:description", description),
        ("name", "twitter:image", image["url"]),
    ]


def website():
    """The paper as a schema.org WebSite whose search engines may link to."""
    search = absolute("/search/") + "?q={search_term_string}"
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": settings.KHABAR_SITE_NAME,
        "url": home_url(),
        "inLanguage": content_language(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": search},
            "query-input": "required name=search_term_string",
        },
    }


def open_graph(article, authors, tags, image=None):
    """Open Graph and Twitter card properties, as (attribute, name, content)
    triples in the order they are printed."""
    url = absolute(article.get_absolute_url())
    # What the editor set for search and sharing, else title and summary.
    description = article.meta_description
    tags_ = [("property", "og:type", "article")]
    tags_ += [
        ("property", "og:title", article.meta_title),
        ("property", "og:url", url),
        ("property", "og:site_name", settings.KHABAR_SITE_NAME),
        ("property", "og:locale", og_locale()),
    ]
    if description:
        tags_.append(("property", "og:description", description))
    if image:
        tags_ += [
            ("property", "og:image", image["url"]),
            ("property", "og:image:type", image["mime_type"]),
            ("property", "og:image:width", str(image["width"])),
            ("property", "og:image:height", str(image["height"])),
        ]
        if article.lead_image_caption:
            tags_.append(("property", "og:image:alt", article.lead_image_caption))
    tags_ += [
        (
            "property",
            "article:published_time",
            local_iso(article.first_published_at),
        ),
        ("property", "article:modified_time", local_iso(article.modified_at)),
        ("property", "article:section", article.section.name),
    ]
    tags_ += [("property", "article:tag", tag.name) for tag in tags]
    tags_ += [
        ("property", "article:author", absolute(a.get_absolute_url())) for a in authors
    ]
    tags_ += [
        ("name", "twitter:card", "summary_large_image" if image else "summary"),
        ("name", "twitter:title", article.meta_title),
    ]
    if description:
        tags_.append(("name", "twitter:description", description))
    if image:
        tags_.append(("name", "twitter:image", image["url"]))
    return tags_


def json_ld_script(data):
    """*data* in a ``<script type="application/ld+json">`` element.

    Like ``json_script``, <, > and & are escaped so that no text (a title
    holding "</script>") can end the element; Arabic stays as it is, which
    is half the bytes of \\u escapes.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # replace() in turn: str.translate with a mapping costs ten times more
    # on a page's worth of JSON.
    for character, escaped in _SCRIPT_ESCAPES:
        text = text.replace(character, escaped)
    return mark_safe(  # escaped above
        '<script type="application/ld+json">' + text + "</script>"
    )
