"""The shapes of the read API's answers, for its OpenAPI document.

The answers themselves are built as plain dicts (khabar/api/shapes.py) and
written once; these models describe them, and tests/api validate every
answer against them (``extra="forbid"``: a field added to one and not the
other fails).
"""

from pydantic import BaseModel, ConfigDict, Field


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Picture(Shape):
    url: str
    width: int
    height: int


class Renditions(Shape):
    """JPEG renditions, at most 400, 800 and 1200 pixels wide."""

    small: Picture
    medium: Picture
    large: Picture


class Named(Shape):
    slug: str
    name: str


class Linked(Named):
    url: str = Field(description="The reader's page.")
    api_url: str = Field(description="This object in the read API.")


class Section(Linked):
    description: str


class Tag(Linked):
    pass


class Byline(Linked):
    pass


class Author(Linked):
    bio: str
    photo: Renditions | None


class ArticleItem(Shape):
    id: int
    url: str
    api_url: str
    title: str
    kicker: str
    summary: str
    section: Named
    authors: list[Named]
    published_at: str = Field(description="First publication, ISO 8601.")
    updated_at: str = Field(
        description="The last change readers saw: a new version or a correction."
    )
    breaking: bool = Field(description="Breaking news at the time of the answer.")
    image: Picture | None = Field(description="The lead image, 400 pixels wide.")


class ArticleList(Shape):
    items: list[ArticleItem]
    next: str | None = Field(description="The next page's URL; null on the last.")


class LeadImage(Shape):
    caption: str
    credit: str
    renditions: Renditions


class Correction(Shape):
    note: str
    published_at: str | None


class Article(Shape):
    id: int
    external_id: str | None = Field(
        description="The id in an imported archive (WordPress, JSONL)."
    )
    url: str
    ninjs_url: str = Field(description="The same article as IPTC ninjs 2.2.")
    title: str
    kicker: str
    summary: str
    body_html: str = Field(
        description="The body as HTML, sanitised: no script, no style, no "
        "event handler; absolute links and pictures."
    )
    body_text: str = Field(description="The body as text, paragraphs apart.")
    lead_image: LeadImage | None
    section: Section
    tags: list[Tag]
    authors: list[Byline]
    corrections: list[Correction]
    view_count: int
    published_at: str
    updated_at: str
    breaking: bool


class SectionList(Shape):
    items: list[Section]


class TagList(Shape):
    items: list[Tag]
    next: str | None


class AuthorList(Shape):
    items: list[Author]
    next: str | None


class SearchResult(Shape):
    id: int
    external_id: str | None
    title: str
    url: str
    published_at: str
    section: str
    snippet: str = Field(description="HTML: the matching words in <mark>.")
    score: float


class SearchAnswer(Shape):
    count: int = Field(description="Matches, at most 2,000 (see count_capped).")
    count_capped: bool
    page: int
    limit: int
    match: str = Field(description="all: every word matched; any: some did.")
    results: list[SearchResult]


class MostReadItem(Shape):
    id: int
    title: str
    url: str
    published_at: str
    views: int


class MostRead(Shape):
    window: str
    items: list[MostReadItem]


class Change(Shape):
    cursor: str = Field(description="Resume after this change with it.")
    kind: str = Field(
        description="published, updated or corrected (fetch the article); "
        "unpublished, expired or deleted (drop it)."
    )
    article_id: int
    at: str = Field(description="When the change was recorded (ISO 8601).")
    url: str = Field(description="The article's page.")
    api_url: str = Field(description="The article in this API.")
    live: bool = Field(description="Whether the article is on the site now.")


class Changes(Shape):
    items: list[Change]
    next_cursor: str = Field(
        description="Pass as since next time; the same cursor when nothing is new."
    )
    caught_up: bool = Field(description="True when fewer than limit changes came.")


class ProblemEntry(Shape):
    parameter: str
    location: str = Field(description="query or path")
    detail: str
    allowed: list[str] | None = None


class Problem(Shape):
    """RFC 7807 problem details (``application/problem+json``)."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[ProblemEntry] | None = None
