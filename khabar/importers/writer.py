"""Write checked rows to the database in bulk, then announce them.

An :class:`ArticleWriter` creates the sections, tags and authors a file
names, then takes the rows a batch at a time: a few queries find which
articles exist, ``bulk_create`` inserts the new ones, one ``executemany``
updates the others, and one more each inserts their tags and bylines. Run
it inside one transaction; the events go out when that commits.
"""

import uuid
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Revision

from khabar.importers.jsonl import PERMALINK, batched
from khabar.importers.sanitise import blocks_from_html, blocks_from_text
from khabar.newsroom.events import article_unpublished, articles_imported
from khabar.newsroom.models import Article, ArticleAuthor, Author, Section, Tag
from khabar.newsroom.slugs import free_slug

# Columns an import sets on an existing article; everything else (lead
# image, breaking flag and window, owner, lock) stays as the newsroom left
# it.
UPDATED_FIELDS = [
    "external_id",
    "title",
    "kicker",
    "summary",
    "body",
    "section",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "go_live_at",
    "expired",
    "view_count",
    "latest_revision",
    "live_revision",
    "updated_at",
]
# Ids per query when looking rows up: well under every backend's limit.
_LOOKUP_CHUNK = 500


class ArticleWriter:
    """Creates or updates the articles of checked rows, batch by batch.

    Matching: an article whose external id is the row's id; else, for an
    id that is a number, the article with that id if it has no external id
    (a line exported from this site). A new article keeps a numeric id as
    its own id when that id is free, so permalinks survive a move between
    Khabar sites.
    """

    def __init__(self, summary, *, extra_fields=()):
        """*extra_fields*: columns beyond :data:`UPDATED_FIELDS` that the
        rows carry and an update must write too (an importer that knows
        lead images and SEO fields names them; JSONL leaves them alone)."""
        self.created = 0
        self.updated = 0
        self.scheduled = 0
        self.fields = UPDATED_FIELDS + [
            f for f in extra_fields if f not in UPDATED_FIELDS
        ]
        self.sections = _sections(
            summary.sections, getattr(summary, "section_slugs", None)
        )
        self.tags = _by_name(Tag, summary.tags, getattr(summary, "tag_slugs", None))
        self.authors = _by_name(Author, summary.authors)

    def prepare(self, summary):
        """Create the sections, tags and authors *summary* names that this
        writer does not know yet (for files read in one pass, where the
        names come batch by batch)."""
        sections = summary.sections - self.sections.keys()
        if sections:
            self.sections.update(_sections(sections, summary.section_slugs))
        tags = summary.tags - self.tags.keys()
        if tags:
            self.tags.update(_by_name(Tag, tags, summary.tag_slugs))
        authors = summary.authors - self.authors.keys()
        if authors:
            self.authors.update(_by_name(Author, authors))

    def write(self, rows):
        """Write one batch of :class:`~khabar.importers.jsonl.ArticleRow`;
        return ``{row id: article pk}`` of what it wrote."""
        now = timezone.now()
        found, taken = _existing([row.id for row in rows])
        keep_id, new, changed, unpublished = [], [], [], []
        for row in rows:
            article = self._article(row, now)
            match = found.get(row.id)
            if match is None:
                if PERMALINK.fullmatch(row.id) and int(row.id) not in taken:
                    article.pk = int(row.id)
                    keep_id.append(article)
                else:
                    new.append(article)
                continue
            article.pk, was_live, views, expired = match
            if row.views is None:
                article.view_count = views  # readership is not the file's
            article.expired = expired and not row.live
            changed.append(article)
            if was_live and not row.live:
                unpublished.append(article)

        Article.objects.bulk_create(keep_id)
        if keep_id:
            _advance_sequence(Article)
        Article.objects.bulk_create(new)
        if changed:
            self._replace_relations(changed)
            _update_rows(Article, self.fields, changed)
        written = keep_id + new + changed
        self._add_relations(rows, written)
        self._schedule(rows, written)
        self.created += len(keep_id) + len(new)
        self.updated += len(changed)

        visible = [a.pk for a in written if a.live]
        transaction.on_commit(partial(_announce, visible, unpublished))
        return {article.external_id: article.pk for article in written}

    def _article(self, row, now):
        if row.blocks is not None:
            blocks = row.blocks
        elif row.body_html is not None:
            blocks = blocks_from_html(row.body_html)
        else:
            blocks = blocks_from_text(row.body_text)
        return Article(
            external_id=row.id,
            title=row.title,
            kicker=row.kicker,
            summary=row.summary,
            body=[
                {"type": kind, "value": value, "id": str(uuid.uuid4())}
                for kind, value in blocks
            ],
            section_id=self.sections[row.section],
            live=row.live,
            has_unpublished_changes=not row.live,
            first_published_at=row.published_at,
            last_published_at=row.updated_at,
            view_count=row.views or 0,
            go_live_at=row.go_live_at if row.scheduled else None,
            seo_title=row.seo_title,
            search_description=row.search_description,
            lead_image_id=row.lead_image,
            lead_image_caption=row.lead_image_caption,
            updated_at=now,
        )

    def _schedule(self, rows, articles):
        """Approve each scheduled row's article to go live at its time, as
        an editor's "publish" with a future go-live time does: a revision
        that Wagtail's ``publish_scheduled`` publishes when it is due."""
        when = {row.id: row.go_live_at for row in rows if row.scheduled}
        if not when:
            return
        pks = [article.pk for article in articles if article.external_id in when]
        for article in Article.objects.filter(pk__in=pks):
            article.save_revision(
                approved_go_live_at=when[article.external_id], clean=False
            )
            self.scheduled += 1

    def _replace_relations(self, articles):
        pks = [article.pk for article in articles]
        _delete_rows(Article.tags.through, "article", pks)
        _delete_rows(ArticleAuthor, "article", pks)
        # A schedule approved in the admin would later publish an older
        # revision over what was just imported.
        Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Article),
            object_id__in=[str(pk) for pk in pks],
            approved_go_live_at__isnull=False,
        ).update(approved_go_live_at=None)

    def _add_relations(self, rows, articles):
        pk_of = {article.external_id: article.pk for article in articles}
        tags, bylines = [], []
        for row in rows:
            pk = pk_of[row.id]
            tags.extend((pk, self.tags[name]) for name in row.tags)
            bylines.extend(
                (pk, self.authors[name], order)
                for order, name in enumerate(row.authors)
            )
        _insert_rows(Article.tags.through, ["article", "tag"], tags)
        _insert_rows(ArticleAuthor, ["article", "author", "sort_order"], bylines)


def _update_rows(model, names, objects):
    """Write the *names* fields of *objects* with one ``executemany``.

    What ``bulk_update`` does, at a hundredth of the cost: its CASE
    expressions take milliseconds per article to build. Values go through
    each field's ``get_db_prep_save``, as with any save.
    """
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    columns = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {columns} "
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    params = [
        [
            field.get_db_prep_save(getattr(obj, field.attname), connection)
            for field in fields
        ]
        + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _delete_rows(model, name, values):
    """Delete the link rows whose *name* is one of *values*, in plain SQL:
    a queryset ``delete()`` would run Wagtail's reference-index handler
    once per row, for rows it never indexed."""
    quote = connection.ops.quote_name
    column = quote(model._meta.get_field(name).column)
    with connection.cursor() as cursor:
        for chunk in batched(values, _LOOKUP_CHUNK):
            cursor.execute(
                f"DELETE FROM {quote(model._meta.db_table)} WHERE {column} IN "
                f"({', '.join(['%s'] * len(chunk))})",
                chunk,
            )


def _insert_rows(model, names, rows):
    """Insert plain tuples of ids (link rows) with one ``executemany``;
    building a model instance for each costs more than the insert."""
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in names)
    placeholders = ", ".join(["%s"] * len(names))
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _existing(ids):
    """``({id: (pk, live, views, expired)}, {numeric ids in use})``."""
    found, taken = {}, set()
    columns = ("pk", "live", "view_count", "expired")
    for chunk in batched(ids, _LOOKUP_CHUNK):
        matches = Article.objects.filter(external_id__in=chunk)
        for external_id, *values in matches.values_list("external_id", *columns):
            found[external_id] = tuple(values)
    numeric = [int(i) for i in ids if i not in found and PERMALINK.fullmatch(i)]
    for chunk in batched(numeric, _LOOKUP_CHUNK):
        matches = Article.objects.filter(pk__in=chunk)
        for external_id, *values in matches.values_list("external_id", *columns):
            taken.add(values[0])
            if external_id is None:  # exported from this site: the same story
                found[str(values[0])] = tuple(values)
    return found, taken


def _sections(names, slugs=None):
    """``{name or slug: pk}`` for *names*, creating the missing sections
    (with the slug *slugs* gives a name, when free)."""
    if not names:  # a writer made before the names are known
        return {}
    by_name, by_slug = {}, {}
    for pk, name, slug in Section.objects.values_list("pk", "name", "slug"):
        by_name[name], by_slug[slug] = pk, pk
    found = {name: by_name.get(name) or by_slug.get(name) for name in names}
    slug = _slugger(Section, slugs)
    missing = sorted(name for name, pk in found.items() if pk is None)
    created = Section.objects.bulk_create(
        Section(name=name, slug=slug(name)) for name in missing
    )
    found.update((section.name, section.pk) for section in created)
    return found


def _by_name(model, names, slugs=None):
    """``{name: pk}`` for *names*, creating what is missing (with the slug
    *slugs* gives a name, when free). Of several rows with one name
    (authors may share one) the oldest wins."""
    if not names:
        return {}
    found = {}
    for pk, name in model.objects.order_by("pk").values_list("pk", "name"):
        if name in names:
            found.setdefault(name, pk)
    slug = _slugger(model, slugs)
    missing = sorted(names - found.keys())
    created = model.objects.bulk_create(
        model(name=name, slug=slug(name)) for name in missing
    )
    found.update((obj.name, obj.pk) for obj in created)
    return found


def _slugger(model, preferred=None):
    """A function giving unique slugs as ``unique_slug`` does, with the
    slugs taken read once instead of a query per name. *preferred* maps
    a name to the text to make its slug from instead."""
    taken = set(model.objects.values_list("slug", flat=True))
    preferred = preferred or {}

    def slug_for(name):
        slug = free_slug(preferred.get(name) or name, taken.__contains__)
        taken.add(slug)
        return slug

    return slug_for


def _advance_sequence(model):
    """Make sure ids the database hands out next are above those just
    inserted by hand. SQLite's AUTOINCREMENT does that by itself; others
    need telling. Never moves a sequence back: ids are permalinks, and
    a deleted article's must not come back as another story."""
    if connection.vendor == "sqlite":
        return
    table = connection.ops.quote_name(model._meta.db_table)
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
                cursor.execute(sql)
            return
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
        (sequence,) = cursor.fetchone()
        cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
        last, called = cursor.fetchone()
        cursor.execute(f"SELECT MAX({connection.ops.quote_name(column)}) FROM {table}")
        (top,) = cursor.fetchone()
        if top is not None and (top > last or (top == last and not called)):
            cursor.execute("SELECT setval(%s, %s)", [sequence, top])


def _announce(article_ids, unpublished):
    if article_ids:
        articles_imported.send(sender=Article, article_ids=article_ids)
    for article in unpublished:
        article_unpublished.send(sender=Article, article=article)
