"""Write a composed demo paper into the database, quickly.

Published articles go in with bulk inserts (with a first revision each, so
that the admin's history, listing order and editing work as for any other
article). Scheduled ones go through Wagtail's own revision and publish
steps, so that ``publish_scheduled`` releases them like any other. The
illustrations go into Wagtail's image library (files in MEDIA_ROOT), once:
a later run finds them again by their files' hash.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Revision
from wagtail.search.backends import get_search_backends

from khabar.demo.corpus import SECTIONS, common
from khabar.newsroom.events import articles_imported
from khabar.newsroom.models import Article, ArticleAuthor, Author, Section, Tag
from khabar.readership.models import ArticleHourlyViews

BATCH_SIZE = 200


@dataclass
class Loaded:
    """What ``load`` wrote."""

    sections: int
    authors: int
    tags: int
    published: list
    scheduled: list
    images: int = 0


def load(plans, users, now=None, step=None, pictures=None):
    """Write *plans* (from ``compose``) and return what was written.

    *users* maps the plans' owner names to users. *pictures*, if given
    (from ``illustrations.pictures``), are the images the plans point to,
    by section; without them the articles have none. *step*, if given, is
    called with a short label before each stage, for a progress display.
    Sections, authors, tags and images that already exist are reused;
    nothing is deleted.
    """
    now = now or timezone.now()
    step = step or (lambda label: None)
    with transaction.atomic():
        step("sections, authors and tags")
        sections = _sections()
        authors = _authors()
        tags = _tags()
        step("images")
        images = _images(pictures or {})
        live = [plan for plan in plans if plan.go_live_in is None]
        step("articles")
        published = _publish(live, now, sections, authors, tags, users, images)
        step("revisions")
        _revise(published, users)
        step("readership")
        _readership(published, now)
        step("scheduled articles")
        scheduled = [
            _schedule(plan, now, sections, authors, tags, users, images)
            for plan in plans
            if plan.go_live_in is not None
        ]
    step("announcing the new articles")
    # Once, for the whole batch: the search index and the page cache
    # subscribe to this instead of to one signal per article.
    articles_imported.send(
        sender=Article, article_ids=[article.pk for article in published]
    )
    return Loaded(
        len(sections),
        len(authors),
        len(tags),
        published,
        scheduled,
        images=sum(len(section) for section in images.values()),
    )


def _sections():
    by_slug = {}
    for spec in SECTIONS:
        section = Section.objects.filter(name=spec["name"]).first()
        if section is None:
            section, _ = Section.objects.get_or_create(
                slug=spec["slug"],
                defaults={
                    "name": spec["name"],
                    "order": spec["order"],
                    "description": spec["description"],
                },
            )
        by_slug[spec["slug"]] = section
    return by_slug


def _authors():
    existing = Author.objects.in_bulk([a[1] for a in common.AUTHORS], field_name="slug")
    missing = [
        Author(name=name, slug=slug, bio=bio)
        for name, slug, _beats, bio in common.AUTHORS
        if slug not in existing
    ]
    Author.objects.bulk_create(missing)
    return {**existing, **{author.slug: author for author in missing}}


def _tags():
    by_slug = {}
    for name, slug in common.TAGS:
        tag = Tag.objects.filter(name=name).first()
        if tag is None:
            tag, _ = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        by_slug[slug] = tag
    return by_slug


def _images(pictures):
    """{section slug: [(image, picture), ...]}: *pictures* in the library.

    New ones are inserted in bulk, their files written straight to the
    storage (their sizes are known, so no file is opened to measure it) and
    indexed for the admin's search in one batch. Saved one by one, the 48
    took 0.8 s, most of it the indexes' work per object and the measuring.
    """
    Image = get_image_model()
    every = [picture for section in pictures.values() for picture in section]
    known = {}
    for image in Image.objects.filter(file_hash__in=[p.sha1 for p in every]):
        known.setdefault(image.file_hash, image)
    field = Image._meta.get_field("file")
    blank = Image()  # where Wagtail puts an upload depends on the model only
    new = {}
    for picture in every:
        if picture.sha1 in known or picture.sha1 in new:
            continue
        name = field.generate_filename(blank, picture.filename)
        new[picture.sha1] = Image(
            title=picture.description,
            description=picture.description,
            # Given whole to the constructor: set later, the file would be
            # opened to measure it.
            file=field.storage.save(name, ContentFile(picture.data)),
            width=picture.width,
            height=picture.height,
            file_size=len(picture.data),
            file_hash=picture.sha1,
        )
    Image.objects.bulk_create(new.values())
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Image, list(new.values()))
    known.update(new)
    return {
        section: [(known[picture.sha1], picture) for picture in section_pictures]
        for section, section_pictures in pictures.items()
    }


def _fields(plan, sections, users, images):
    fields = {
        "title": plan.title,
        "kicker": plan.kicker,
        "summary": plan.summary,
        "body": _body(plan, images),
        "section": sections[plan.section],
        "is_breaking": plan.is_breaking,
        "view_count": plan.view_count,
        "owner": users.get(plan.owner),
    }
    if plan.breaking_hours is not None:  # else the model's default
        fields["breaking_hours"] = plan.breaking_hours
    if images and plan.illustration is not None:
        image, picture = images[plan.section][plan.illustration]
        fields["lead_image"] = image
        fields["lead_image_caption"] = picture.caption
        fields["lead_image_credit"] = picture.credit
    return fields


def _body(plan, images):
    """The plan's blocks, its picture placeholders made image blocks (or
    left out, when there are no images)."""
    blocks = []
    for kind, value in plan.body:
        if kind == "image":
            if not images:
                continue
            image, picture = images[plan.section][value["illustration"]]
            value = {
                "image": image,
                "caption": picture.caption,
                "credit": picture.credit,
            }
        blocks.append((kind, value))
    return blocks


#: Hours of readership the demo writes, as the flusher would have: the
#: most-read lists look back a week.
READERSHIP_HOURS = 7 * 24


def _readership(articles, now):
    """Hourly views for the last week's stories, adding up to each one's
    view count and falling off after publication as news readership does,
    so that a new site's most-read lists are not empty. Flushed counts
    normally arrive this way (readership/flusher.py)."""
    this_hour = now.replace(minute=0, second=0, microsecond=0)
    rows = []
    for article in articles:
        age = int((this_hour - article.first_published_at).total_seconds() // 3600)
        if age >= READERSHIP_HOURS or not article.view_count:
            continue
        hours = list(range(max(age, 0) + 1))
        # Readership halves every four hours after publication.
        weights = [0.5 ** (n * 0.25) for n in range(len(hours))]
        total = sum(weights)
        for n, weight in zip(hours, weights, strict=True):
            views = round(article.view_count * weight / total)
            if views:
                hour = this_hour - dt.timedelta(hours=age - n)
                rows.append(ArticleHourlyViews(article=article, hour=hour, views=views))
    ArticleHourlyViews.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def _publish(plans, now, sections, authors, tags, users, images):
    """Insert the published articles with their bylines and tags."""
    articles = []
    for plan in plans:
        first = now - plan.age
        last = first + plan.updated_after if plan.updated_after else first
        articles.append(
            Article(
                **_fields(plan, sections, users, images),
                live=True,
                has_unpublished_changes=False,
                first_published_at=first,
                last_published_at=last,
            )
        )
    Article.objects.bulk_create(articles, batch_size=BATCH_SIZE)
    ArticleAuthor.objects.bulk_create(
        [
            ArticleAuthor(article=article, author=authors[slug], sort_order=order)
            for article, plan in zip(articles, plans, strict=True)
            for order, slug in enumerate(plan.authors)
        ],
        batch_size=BATCH_SIZE,
    )
    Through = Article.tags.through
    Through.objects.bulk_create(
        [
            Through(article=article, tag=tags[slug])
            for article, plan in zip(articles, plans, strict=True)
            for slug in plan.tags
        ],
        batch_size=BATCH_SIZE,
    )
    return articles


def _revise(articles, users):
    """Give each bulk-made article the revision a publish would have made."""
    # Bylines and tags are read once for all, not once per article.
    prefetch_related_objects(articles, "article_authors", "tags")
    content_type = Article.get_content_type()
    base_content_type = Article.get_base_content_type()
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=base_content_type,
            object_id=str(article.pk),
            created_at=article.last_published_at,
            user=article.owner,
            object_str=article.title,
            content=article.serializable_data(),
        )
        for article in articles
    ]
    Revision.objects.bulk_create(revisions, batch_size=BATCH_SIZE)
    for article, revision in zip(articles, revisions, strict=True):
        article.latest_revision = revision
        article.live_revision = revision
        # auto_now stamped them with today; the story is as old as its news.
        article.created_at = article.first_published_at
        article.updated_at = article.last_published_at
    Article.objects.bulk_update(
        articles,
        ["latest_revision", "live_revision", "created_at", "updated_at"],
        batch_size=BATCH_SIZE,
    )


def _schedule(plan, now, sections, authors, tags, users, images):
    """Save a draft and approve it to go live later, as an editor would."""
    article = Article(
        **_fields(plan, sections, users, images),
        live=False,
        go_live_at=now + plan.go_live_in,
    )
    article.article_authors = [
        ArticleAuthor(author=authors[slug], sort_order=order)
        for order, slug in enumerate(plan.authors)
    ]
    article.tags = [tags[slug] for slug in plan.tags]
    article.save()
    chief = users.get("chief")
    revision = article.save_revision(user=article.owner, log_action=True)
    # Publishing a revision whose go_live_at is in the future stores it as
    # approved to go live; the article stays a draft until then.
    revision.publish(user=chief, skip_permission_checks=True)
    article.refresh_from_db()
    return article
