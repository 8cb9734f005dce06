"""``/api/v1/articles/{id}/ninjs``: one article as IPTC ninjs 2.2.

ninjs ("News in JSON") is the IPTC's format for a news item, which news
agencies and the systems of the partners who republish from them already
read. This is the 2.x series (lower-case property names; 3.x renamed them
in camelCase), at its latest version, 2.2 (IPTC Spring Meeting 2025; it
adds only ``digitalsourcetype`` to 2.1). The IPTC publishes it as a JSON
Schema (https://www.iptc.org/std/ninjs/ninjs-schema_2.2.json); the tests
validate every document against a copy of it (tests/api/data/).

The IPTC registers no media type of its own for ninjs, so the answer is
``application/json``; the document says what it is in ``standard``. It is
kept and purged with the article (cache tag ``article:{id}``).
"""

from django.conf import settings
from pydantic import Field

from khabar.api import params, shapes
from khabar.api.articles import visible_story
from khabar.api.http import answer
from khabar.api.root import NOT_FOUND, read
from khabar.api.schemas import Shape
from khabar.search.documents import body_blocks
from khabar.syndication.feeds import body_html
from khabar.syndication.structured_data import absolute, content_language

VERSION = "2.2"
SCHEMA = f"http://www.iptc.org/std/ninjs/ninjs-schema_{VERSION}.json"
#: What ``profile`` says of every document: which of Khabar's shapes it is.
PROFILE = "khabar-article"
#: The media type of every rendition (shapes.RENDITIONS are JPEG).
RENDITION_TYPE = "image/jpeg"


def document(article):
    """*article* (from :func:`shapes.story_rows`) as a ninjs 2.2 news item."""
    url = absolute(article.get_absolute_url())
    blocks = [block.strip() for block in body_blocks(article)]
    text = "\n\n".join(blocks)
    counted = _without_captions(article)
    counts = {
        "charcount": len("\n\n".join(counted)),
        "wordcount": sum(len(block.split()) for block in counted),
    }
    item = {
        "uri": url,
        "standard": {"name": "ninjs", "version": VERSION, "schema": SCHEMA},
        "type": "text",
        "representationtype": "full",
        "profile": PROFILE,
        "firstcreated": shapes.iso(article.first_published_at),
        "versioncreated": shapes.iso(article.modified_at),
        "pubstatus": "usable",
        "language": content_language(),
        "copyrightholder": settings.KHABAR_SITE_NAME,
        "headlines": [
            {"role": "main", "contenttype": "text/plain", "value": article.title}
        ],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": body_html([article])[article.pk],
                **counts,
            },
            {"role": "main", "contenttype": "text/plain", "value": text, **counts},
        ],
        "altids": [{"role": "khabar-id", "value": str(article.pk)}],
    }
    if article.live_revision_id:
        item["version"] = str(article.live_revision_id)
    if article.expire_at:
        item["expires"] = shapes.iso(article.expire_at)
    if article.kicker:
        item["headlines"].append(
            {"role": "kicker", "contenttype": "text/plain", "value": article.kicker}
        )
    descriptions = []
    if article.summary:
        descriptions.append(
            {"role": "summary", "contenttype": "text/plain", "value": article.summary}
        )
    # ninjs has no field for a correction; a description with its own
    # role keeps it beside the summary, dated in its text by versioncreated.
    descriptions += [
        {"role": "correction", "contenttype": "text/plain", "value": c.note}
        for c in article.corrections.all()
    ]
    if descriptions:
        item["descriptions"] = descriptions
    authors = [credit.author for credit in article.article_authors.all()]
    if authors:
        item["by"] = "، ".join(author.name for author in authors)
        item["people"] = [_concept(author, "author") for author in authors]
    item["subjects"] = [_concept(article.section, "section")] + [
        _concept(tag, "tag") for tag in article.tags.all()
    ]
    if article.external_id:
        item["altids"].append({"role": "external-id", "value": article.external_id})
    lead = _lead_image(article)
    if lead:
        item["associations"] = [lead]
    return item


def _concept(obj, rel):
    """A section, tag or author as ninjs names a concept: its name, its
    page as its URI, its slug as its literal id."""
    return {
        "name": obj.name,
        "rel": rel,
        "uri": absolute(obj.get_absolute_url()),
        "literal": obj.slug,
    }


class _OneBlock:
    """An object with one raw block as its body, for ``body_blocks()``."""

    def __init__(self, raw):
        self.body = self
        self.raw_data = [raw]


def _without_captions(article):
    """The body's text blocks without the pictures' captions: what ninjs
    counts characters and words of."""
    return [
        text.strip()
        for raw in article.body.raw_data
        if raw.get("type") != "image"
        for text in body_blocks(_OneBlock(raw))
    ]


def _lead_image(article):
    """The lead image as an associated picture with its renditions, or None."""
    made = shapes.renditions(article.lead_image)
    if not made:
        return None
    image = article.lead_image
    host = settings.KHABAR_BASE_URL.split("//", 1)[-1].split("/", 1)[0].split(":")[0]
    picture = {
        "name": "lead-image",
        # A tag URI (RFC 4151): the picture has no page of its own, and its
        # renditions' file names change when an editor moves its focal
        # point; the site's host, the day it was added and its id do not.
        "uri": f"tag:{host},{image.created_at:%Y-%m-%d}:image:{image.pk}",
        "type": "picture",
        "renditions": [
            {
                "name": name,
                "href": rendition["url"],
                "contenttype": RENDITION_TYPE,
                "width": rendition["width"],
                "height": rendition["height"],
            }
            for name, rendition in made.items()
        ],
    }
    if article.lead_image_caption:
        picture["descriptions"] = [
            {
                "role": "caption",
                "contenttype": "text/plain",
                "value": article.lead_image_caption,
            }
        ]
    if article.lead_image_credit:
        picture["by"] = article.lead_image_credit
    return picture


# The answer's shape for the OpenAPI document: the part of ninjs 2.2 this
# endpoint writes (the IPTC's schema, in the tests, checks the rest). The
# names are the description's component names, one namespace with
# khabar/api/schemas.py's: a second Picture would replace the first there.


class NinjsText(Shape):
    role: str
    contenttype: str
    value: str


class NinjsBody(NinjsText):
    charcount: int
    wordcount: int


class NinjsConcept(Shape):
    name: str
    rel: str
    uri: str
    literal: str


class NinjsAltId(Shape):
    role: str
    value: str


class NinjsRendition(Shape):
    name: str
    href: str
    contenttype: str
    width: int
    height: int


class NinjsPicture(Shape):
    name: str
    uri: str
    type: str
    renditions: list[NinjsRendition]
    descriptions: list[NinjsText] = Field(None, description="Its caption.")
    by: str = Field(None, description="Its credit.")


class NewsItem(Shape):
    """An IPTC ninjs 2.2 news item (https://iptc.org/std/ninjs/)."""

    uri: str = Field(description="The article's page.")
    # A dict: a field named "schema" would shadow pydantic's method.
    standard: dict[str, str] = Field(
        description='The format: {"name": "ninjs", "version": "2.2", '
        '"schema": its JSON Schema\'s URI}.'
    )
    type: str
    representationtype: str
    profile: str
    version: str = Field(None, description="The published revision's id.")
    firstcreated: str
    versioncreated: str = Field(
        description="The last change readers saw: a new version or a correction."
    )
    expires: str = Field(None, description="When it leaves the site, if set.")
    pubstatus: str
    language: str
    copyrightholder: str
    headlines: list[NinjsText]
    descriptions: list[NinjsText] = Field(None, description="Summary and corrections.")
    bodies: list[NinjsBody]
    by: str = Field(None)
    people: list[NinjsConcept] = Field(None, description="The authors.")
    subjects: list[NinjsConcept] = Field(description="Section, then tags.")
    altids: list[NinjsAltId]
    associations: list[NinjsPicture] = Field(None, description="The lead image.")


@read(
    "/articles/{id:id}/ninjs",
    "article-ninjs",
    {200: NewsItem, **NOT_FOUND},
    summary="One published article as IPTC ninjs 2.2",
    description=(
        "The article of `/articles/{id}` in the IPTC's News in JSON format, "
        "version 2.2 (https://iptc.org/std/ninjs/): headline, summary, "
        "body as sanitised HTML and as text, section and tags, authors, "
        "lead image renditions. A draft, a scheduled, an unpublished or an "
        "expired article is a 404."
    ),
    tags=["articles"],
)
def article_ninjs(request, id: params.ArticleId):
    return answer(request, document(visible_story(request, id)))
