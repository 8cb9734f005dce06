"""``/api/v1/sections``, ``/tags`` and ``/authors``, and each by its slug.

Sections are the paper's menu: all of them, in its order, on one page.
Tags and authors are listed only once an article of theirs is visible:
a tag made for a story not yet out, or a writer who has published nothing
yet, says something the newsroom has not published. Authors are public
profiles (name, biography, photo), never the newsroom accounts behind
them. Both lists are paged by a cursor on the id, oldest first.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from ninja import Query, Schema

from khabar.api import cursors, params, schemas, shapes
from khabar.api.http import answer, next_url
from khabar.api.problems import NamesNothing, NotFound, refused
from khabar.api.root import NOT_FOUND, read
from khabar.newsroom.models import Article, Author, Section, Tag

PER_PAGE = 20
MOST = 100
READS = ("cursor", "limit")


class PageQuery(Schema):
    cursor: params.Cursor = params.absent()
    limit: params.limit(MOST, PER_PAGE) = PER_PAGE


def published_tags():
    return Tag.objects.filter(
        Exists(Article.objects.visible().filter(tags=OuterRef("pk")))
    )


def published_authors():
    return Author.objects.filter(
        Exists(Article.objects.visible().filter(article_authors__author=OuterRef("pk")))
    )


def _page(request, kind, rows, query, shape):
    """One page of *rows* after the query's cursor, by id."""
    if query.cursor is not None:
        after = cursors.read(kind, query.cursor, 1)
        if after is None:
            raise NamesNothing(
                [refused("cursor", _("The cursor of a next link, unchanged."))]
            )
        rows = rows.filter(pk__gt=after[0])
    page = list(rows.order_by("pk")[: query.limit + 1])
    following = None
    if len(page) > query.limit:
        page = page[: query.limit]
        following = next_url(request, READS, cursor=cursors.write(kind, page[-1].pk))
    return answer(request, {"items": [shape(obj) for obj in page], "next": following})


@read(
    "/sections",
    "sections",
    {200: schemas.SectionList},
    summary="The sections, in the paper's order",
    tags=["sections"],
)
def sections(request):
    return answer(
        request, {"items": [shapes.section(s) for s in Section.objects.all()]}
    )


@read(
    "/sections/{text:slug}",
    "section",
    {200: schemas.Section, **NOT_FOUND},
    summary="One section",
    tags=["sections"],
)
def section(request, slug: params.slug("The section's slug.")):
    found = Section.objects.filter(slug=slug).first()
    if found is None:
        raise NotFound(_("No section has this slug."))
    return answer(request, shapes.section(found))


@read(
    "/tags",
    "tags",
    {200: schemas.TagList, **NOT_FOUND},
    summary="Tags with published articles, oldest first",
    tags=["tags"],
)
def tags(request, query: Query[PageQuery]):
    return _page(request, "tags", published_tags(), query, shapes.tag)


@read(
    "/tags/{text:slug}",
    "tag",
    {200: schemas.Tag, **NOT_FOUND},
    summary="One tag with published articles",
    tags=["tags"],
)
def tag(request, slug: params.slug("The tag's slug.")):
    found = published_tags().filter(slug=slug).first()
    if found is None:
        raise NotFound(_("No tag with published articles has this slug."))
    return answer(request, shapes.tag(found))


@read(
    "/authors",
    "authors",
    {200: schemas.AuthorList, **NOT_FOUND},
    summary="Authors with published articles, oldest first",
    description="Public profiles only: name, biography and photo.",
    tags=["authors"],
)
def authors(request, query: Query[PageQuery]):
    rows = shapes.author_rows(published_authors())
    return _page(request, "authors", rows, query, shapes.author)


@read(
    "/authors/{text:slug}",
    "author",
    {200: schemas.Author, **NOT_FOUND},
    summary="One author with published articles",
    tags=["authors"],
)
def author(request, slug: params.slug("The author's slug.")):
    found = shapes.author_rows(published_authors()).filter(slug=slug).first()
    if found is None:
        raise NotFound(_("No author with published articles has this slug."))
    return answer(request, shapes.author(found))
