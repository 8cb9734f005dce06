"""Khabar's articles, sections, tags and images in WordPress's shapes.

The fields are those of WordPress's ``view`` context, named and typed as
WordPress names them, so that a client written for WordPress reads them
unchanged. What Khabar does not have is given WordPress's value for "none"
(``sticky: false``, ``parent: 0``, ``meta: []``); what differs is said in
docs/wordpress-api.md. Ids are Khabar's: an article imported from
WordPress keeps its post id.

Times: ``date`` in the site's time zone and ``date_gmt`` in UTC, both
without an offset, to the second, as WordPress writes them.
"""

import datetime as dt
import mimetypes
import posixpath

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, linebreaks

from khabar.api import shapes as api_shapes
from khabar.syndication.feeds import body_html
from khabar.syndication.structured_data import absolute

#: Khabar's renditions (khabar/api/shapes.py) by the WordPress image size
#: nearest to each: WordPress's "medium" is 300 wide, "medium_large" 768,
#: "large" 1024.
SIZES = {"medium": "small", "medium_large": "medium", "large": "large"}


def local(moment):
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0).isoformat()


def gmt(moment):
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0).isoformat()


def route(name, *args):
    """The absolute URL of the dialect's route *name*."""
    return absolute(reverse(f"wpjson:{name}", args=args))


def _links(kind, collection, pk):
    return {
        "self": [{"href": route(kind, pk)}],
        "collection": [{"href": route(collection)}],
    }


def post(article, body):
    """An article as a WordPress post; *body* its body as the site
    renders it for feeds (sanitised HTML, absolute links)."""
    credits = list(article.article_authors.all())
    return {
        "id": article.pk,
        "date": local(article.first_published_at),
        "date_gmt": gmt(article.first_published_at),
        "guid": {"rendered": absolute(f"/?p={article.pk}")},
        "modified": local(article.modified_at),
        "modified_gmt": gmt(article.modified_at),
        # Articles have no slug: the id is the permalink.
        "slug": str(article.pk),
        "status": "publish",
        "type": "post",
        "link": absolute(article.get_absolute_url()),
        "title": {"rendered": escape(article.title)},
        "content": {"rendered": body, "protected": False},
        "excerpt": {"rendered": linebreaks(article.summary), "protected": False},
        # The public profile of the first byline (as /api/v1/authors shows
        # it), never a newsroom account: 0 without one.
        "author": credits[0].author_id if credits else 0,
        "featured_media": article.lead_image_id or 0,
        "comment_status": "closed",
        "ping_status": "closed",
        "sticky": False,
        "template": "",
        "format": "standard",
        "meta": [],
        "categories": [article.section_id],
        "tags": sorted(t.pk for t in article.tags.all()),
        "_links": _links("post", "posts", article.pk),
    }


def posts(articles):
    """Each of *articles* as a post, their bodies rendered together."""
    bodies = body_html(articles)
    return [post(article, bodies[article.pk]) for article in articles]


def term(obj, taxonomy, count):
    """A section (``category``) or a tag (``post_tag``) as a term."""
    kind, collection = (
        ("category", "categories") if taxonomy == "category" else ("tag", "tags")
    )
    shape = {
        "id": obj.pk,
        "count": count,
        "description": getattr(obj, "description", ""),
        "link": absolute(obj.get_absolute_url()),
        "name": obj.name,
        "slug": obj.slug,
        "taxonomy": taxonomy,
        "meta": [],
        "_links": _links(kind, collection, obj.pk),
    }
    if taxonomy == "category":
        shape["parent"] = 0  # Khabar's sections have no parents
    return shape


def _mime_type(name):
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def attachment(image, article):
    """A lead image as a WordPress attachment: *article* is the newest
    visible article it leads (its ``post`` and its ``link``)."""
    made = api_shapes.renditions(image) or {}
    sizes = {
        size: {
            "file": posixpath.basename(made[name]["url"]),
            "width": made[name]["width"],
            "height": made[name]["height"],
            "mime_type": "image/jpeg",
            "source_url": made[name]["url"],
        }
        for size, name in SIZES.items()
        if name in made
    }
    source = absolute(image.file.url)
    mime_type = _mime_type(image.file.name)
    sizes["full"] = {
        "file": posixpath.basename(image.file.name),
        "width": image.width,
        "height": image.height,
        "mime_type": mime_type,
        "source_url": source,
    }
    caption = article.lead_image_caption if article else ""
    return {
        "id": image.pk,
        "date": local(image.created_at),
        "date_gmt": gmt(image.created_at),
        "guid": {"rendered": source},
        "modified": local(image.created_at),
        "modified_gmt": gmt(image.created_at),
        "slug": str(image.pk),
        "status": "inherit",
        "type": "attachment",
        "link": absolute(article.get_absolute_url()) if article else source,
        "title": {"rendered": escape(image.title)},
        "author": 0,
        "comment_status": "closed",
        "ping_status": "closed",
        "template": "",
        "meta": [],
        "description": {"rendered": ""},
        "caption": {"rendered": linebreaks(caption) if caption else ""},
        "alt_text": image.description,
        "media_type": "image",
        "mime_type": mime_type,
        "media_details": {
            "width": image.width,
            "height": image.height,
            "file": image.file.name,
            "filesize": image.file_size,
            "sizes": sizes,
        },
        "post": article.pk if article else None,
        "source_url": source,
        "_links": _links("medium", "media", image.pk),
    }
