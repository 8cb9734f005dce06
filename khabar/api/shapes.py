"""Articles, sections, tags and authors as the read API shows them.

Plain dicts of JSON types, built from rows fetched in a fixed number of
queries (:func:`story_rows`, :func:`list_rows`); khabar/api/schemas.py
describes the same shapes for the OpenAPI document, and a test checks
every answer against it. URLs are absolute, from ``KHABAR_BASE_URL``;
times are ISO 8601 in UTC.

An author is shown by name, slug, biography and photo only: never the
newsroom account behind the byline (login, email, user id).
"""

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError

from khabar.links import link
from khabar.newsroom.models import ArticleAuthor
from khabar.search.documents import body_blocks
from khabar.syndication.feeds import body_html
from khabar.syndication.structured_data import absolute

#: The renditions of a lead image or an author's photo, by name: JPEG,
#: which every client opens, as wide as the name says (never wider than
#: the original). "large" is the picture of shared links and feeds.
RENDITIONS = {
    "small": "width-400|format-jpeg",
    "medium": "width-800|format-jpeg",
    "large": "width-1200|format-jpeg",
}
#: The one rendition a list item carries.
THUMBNAIL = "small"
#: What a list item reads of an article.
ITEM_FIELDS = (
    "pk", "title", "kicker", "summary", "first_published_at",
    "last_published_at", "is_breaking", "breaking_hours", "lead_image",
    "section", "section__name", "section__slug",
)  # fmt: skip


def iso(moment):
    return moment.isoformat() if moment else None


def _api_link(name, value):
    return absolute(link(f"api:{name}", value))


def _named(obj, kind):
    """The common part of a section, tag or author: slug, name, links."""
    return {
        "slug": obj.slug,
        "name": obj.name,
        "url": absolute(obj.get_absolute_url()),
        "api_url": _api_link(kind, obj.slug),
    }


def section(obj):
    return {**_named(obj, "section"), "description": obj.description}


def tag(obj):
    return _named(obj, "tag")


def byline(author):
    """An author as an article shows them."""
    return _named(author, "author")


def author(obj):
    """An author's public profile."""
    photo = renditions(obj.photo)
    return {**byline(obj), "bio": obj.bio, "photo": photo}


def renditions(image, names=tuple(RENDITIONS)):
    """``{name: {url, width, height}}`` of *image*, or None without an
    image or its file. Renditions made before (or prefetched) are read,
    the others made once."""
    if image is None:
        return None
    specs = [RENDITIONS[name] for name in names]
    try:
        made = image.get_renditions(*specs)
    except (SourceImageIOError, OSError):
        return None
    return {
        name: {
            "url": absolute(made[spec].url),
            "width": made[spec].width,
            "height": made[spec].height,
        }
        for name, spec in zip(names, specs, strict=True)
    }


def item(article):
    """An article in a list: what a headline with its picture needs."""
    thumbnail = renditions(article.lead_image, (THUMBNAIL,))
    return {
        "id": article.pk,
        "url": absolute(article.get_absolute_url()),
        "api_url": _api_link("article", article.pk),
        "title": article.title,
        "kicker": article.kicker,
        "summary": article.summary,
        "section": {"slug": article.section.slug, "name": article.section.name},
        "authors": [
            {"slug": credit.author.slug, "name": credit.author.name}
            for credit in article.article_authors.all()
        ],
        "published_at": iso(article.first_published_at),
        "updated_at": iso(article.modified_at),
        "breaking": article.breaking_now(),
        "image": thumbnail[THUMBNAIL] if thumbnail else None,
    }


def story(article):
    """One article, whole: its body as sanitised HTML and as plain text."""
    corrections = list(article.corrections.all())
    lead = renditions(article.lead_image)
    return {
        "id": article.pk,
        "external_id": article.external_id,
        "url": absolute(article.get_absolute_url()),
        "ninjs_url": _api_link("article-ninjs", article.pk),
        "title": article.title,
        "kicker": article.kicker,
        "summary": article.summary,
        "body_html": body_html([article])[article.pk],
        "body_text": "\n\n".join(block.strip() for block in body_blocks(article)),
        "lead_image": (
            {
                "caption": article.lead_image_caption,
                "credit": article.lead_image_credit,
                "renditions": lead,
            }
            if lead
            else None
        ),
        "section": section(article.section),
        "tags": [tag(t) for t in article.tags.all()],
        "authors": [byline(credit.author) for credit in article.article_authors.all()],
        "corrections": [
            {"note": c.note, "published_at": iso(c.published_at)} for c in corrections
        ],
        "view_count": article.view_count,
        "published_at": iso(article.first_published_at),
        "updated_at": iso(article.modified_at),
        "breaking": article.breaking_now(),
    }


def _bylines():
    return Prefetch(
        "article_authors",
        queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
    )


def list_rows(articles):
    """*articles* (a queryset) with what :func:`item` reads, in five
    queries: the articles with their sections, their bylines, their
    corrections (when the story last changed), their pictures and the
    pictures' thumbnails."""
    images = get_image_model().objects.prefetch_renditions(RENDITIONS[THUMBNAIL])
    return (
        articles.select_related("section")
        .only(*ITEM_FIELDS)
        .prefetch_related(
            _bylines(), "corrections", Prefetch("lead_image", queryset=images)
        )
    )


def story_rows(articles):
    """*articles* with what :func:`story` reads."""
    images = get_image_model().objects.prefetch_renditions(*RENDITIONS.values())
    return articles.select_related("section").prefetch_related(
        _bylines(), "tags", "corrections", Prefetch("lead_image", queryset=images)
    )


def author_rows(authors):
    """*authors* with their photos' renditions, in three queries."""
    images = get_image_model().objects.prefetch_renditions(*RENDITIONS.values())
    return authors.prefetch_related(Prefetch("photo", queryset=images))
