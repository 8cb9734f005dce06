"""Import one WordPress export: check it whole, then write it in batches.

Two passes over the file, both streaming. The first reads every record,
so that a file WordPress could not have written stops the import before
anything is written (as the JSONL import checks first), and collects
what posts refer to but the file may hold after them: attachments (a
featured image is often exported after its post), guest authors and
terms (:class:`~khabar.importers.wordpress.mapping.Catalogue`). The second
maps each post and writes a batch at a time through the JSONL import's
:class:`~khabar.importers.writer.ArticleWriter`, with its comments. Memory
grows with the site's attachments, users and terms, never with its posts:
no body is kept between the passes.
"""

from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field, replace

from django.db import transaction

from khabar.importers.jsonl import FileSummary, batched
from khabar.importers.models import WordPressComment
from khabar.importers.wordpress.addresses import Bases, OldAddresses
from khabar.importers.wordpress.mapping import (
    Catalogue,
    image_title,
    map_item,
    missing_images,
    without_missing_images,
)
from khabar.importers.wordpress.media import MediaLibrary
from khabar.importers.wordpress.wxr import Item, read_wxr
from khabar.importers.writer import ArticleWriter
from khabar.memory import free_batch_garbage
from khabar.newsroom.models import Article

#: Article columns an import from WordPress writes beyond the JSONL ones.
EXTRA_FIELDS = ("seo_title", "search_description", "lead_image", "lead_image_caption")
# Post ids kept per kind of report, to show where to look.
_EXAMPLES = 5


@dataclass
class Tally:
    """What an import did, for the summary at its end."""

    outcomes: Counter = field(default_factory=Counter)  # (type, status, outcome)
    skipped: list = field(default_factory=list)  # (what, where, reason)
    reasons: Counter = field(default_factory=Counter)  # why not public / skipped
    reports: dict = field(default_factory=dict)  # text → [count, example ids]
    views_keys: Counter = field(default_factory=Counter)
    addresses: Counter = field(default_factory=Counter)  # kind → old addresses
    comments: int = 0
    comments_by_status: Counter = field(default_factory=Counter)
    created: int = 0
    updated: int = 0
    scheduled: int = 0
    articles: int = 0

    def report(self, text, item_id):
        entry = self.reports.setdefault(text, [0, []])
        entry[0] += 1
        if len(entry[1]) < _EXAMPLES:
            entry[1].append(item_id)


class WxrImport:
    """One file's import. :meth:`check` first, then :meth:`write`."""

    def __init__(
        self,
        path,
        options,
        *,
        media_dir=None,
        remote=None,
        recover=False,
        time_zone=None,
        bases=None,
    ):
        self.path = path
        self.options = options
        self.bases = bases or Bases()
        self.recover = recover
        self.time_zone = time_zone
        self.media = MediaLibrary(media_dir, remote)
        self.catalogue = None
        self.tally = Tally()

    def records(self, on_bytes=None):
        return read_wxr(
            self.path, recover=self.recover, time_zone=self.time_zone, on_bytes=on_bytes
        )

    def check(self, on_bytes=None):
        """Read the whole file (raises WxrError); collect the catalogue."""
        catalogue = Catalogue()
        for record in self.records(on_bytes):
            catalogue.add(record)
        for skipped in catalogue.skipped:
            self.tally.skipped.append(
                (f"item {skipped.position}", f"line {skipped.line}", skipped.reason)
            )
        self.catalogue = catalogue
        return catalogue

    def write(self, batch_size, *, whole=True, on_items=None):
        """Write every post and page, *batch_size* at a time, in one
        transaction (*whole*) or one per batch."""
        if self.catalogue is None:
            self.check()
        site = self.catalogue.site.base_site_url or self.catalogue.site.link
        items = (r for r in self.records() if isinstance(r, Item))
        addresses = OldAddresses(self.catalogue, self.bases)
        with transaction.atomic() if whole else nullcontext():
            writer = None
            articles = {}  # WordPress post id → article pk, for attachments
            for batch in batched(items, batch_size):
                with transaction.atomic():
                    if writer is None:
                        writer = ArticleWriter(FileSummary(), extra_fields=EXTRA_FIELDS)
                    articles.update(self._write_batch(writer, batch, site, addresses))
                if on_items:
                    on_items(len(batch))
            with transaction.atomic():
                self._keep_addresses(addresses, articles)
        if writer is not None:
            self.tally.created = writer.created
            self.tally.updated = writer.updated
            self.tally.scheduled = writer.scheduled
        return self.tally

    def _write_batch(self, writer, items, site, addresses):
        """Write *items*; return ``{post id: article pk}`` of those with an
        attachment (to point the attachments' old addresses at)."""
        tally = self.tally
        rows, names, lead_missing = [], FileSummary(), set()
        for item in items:
            mapped = map_item(item, self.catalogue, self.options, self.media)
            tally.outcomes[mapped.type, mapped.status, mapped.outcome] += 1
            if mapped.outcome == "skipped":
                if mapped.type in ("post", "page"):
                    tally.reasons[f"{mapped.type}: {mapped.reason}"] += 1
                continue
            if mapped.reason:
                tally.reasons[f"{mapped.type}: {mapped.reason}"] += 1
            for text in mapped.reports:
                tally.report(text, item.id)
            if mapped.views_key:
                tally.views_keys[mapped.views_key] += 1
            if mapped.lead_image_missing:
                lead_missing.add(mapped.row.id)
            rows.append(mapped.row)
            names.add(mapped.row)
            if mapped.section_slug:
                names.section_slugs[mapped.row.section] = mapped.section_slug
            names.tag_slugs.update(mapped.tag_slugs)
        articles = {}  # row id → article pk
        if rows:
            rows = self._keep_earlier_images(rows, lead_missing)
            writer.prepare(names)
            articles = writer.write(rows)
            tally.articles += len(rows)
        prefix = self.options.id_prefix
        parents = self.catalogue.attachments.parents
        for item in items:
            pk = articles.get(f"{prefix}{item.id}")
            if pk is not None:
                addresses.add_item(item, pk)
        addresses.flush()
        self._keep_comments(items, site, articles)
        free_batch_garbage()
        return {
            item.id: articles[f"{prefix}{item.id}"]
            for item in items
            if item.id in parents and f"{prefix}{item.id}" in articles
        }

    def _keep_earlier_images(self, rows, lead_missing):
        """*rows* with the images this run could not have (no --media-dir,
        a file gone) taken from what an earlier run imported, so that a
        re-run without the uploads folder loses none: the lead image, and
        each body image by its place among the body's images."""
        wanting = [
            r.id for r in rows if r.id in lead_missing or missing_images(r.blocks)
        ]
        earlier = {}
        for chunk in batched(wanting, 500):
            found = Article.objects.filter(external_id__in=chunk)
            for external_id, lead, body in found.values_list(
                "external_id", "lead_image_id", "body"
            ):
                images = [
                    block["value"].get("image")
                    for block in body.raw_data
                    if block["type"] == "image"
                ]
                earlier[external_id] = (lead, images)
        kept, prefix = [], len(self.options.id_prefix)
        for row in rows:
            lead, images = earlier.get(row.id, (None, ()))
            missing = missing_images(row.blocks)
            blocks = tuple(without_missing_images(row.blocks, images))
            restored = missing - (len(row.blocks) - len(blocks))
            if row.id in lead_missing and lead is not None:
                row = replace(row, lead_image=lead)
                restored += 1
            if restored:
                self.tally.report(
                    "image not to be had this run: the one imported before kept",
                    int(row.id[prefix:]),
                )
            kept.append(replace(row, blocks=blocks))
        return kept

    def _keep_addresses(self, addresses, articles):
        """The site's, the attachments' and the archives' old addresses,
        once every post is written. Every image attachment comes into the
        library, used or not, so that its old address keeps working."""
        if self.media.has_source:
            for attachment in self.catalogue.attachments.by_id.values():
                if attachment.is_image:
                    self.media.image_for(attachment.file, image_title(attachment))
        addresses.add_site()
        addresses.add_attachments(self.media, articles)
        addresses.add_terms()
        self.tally.addresses.update(addresses.counts)

    def _keep_comments(self, items, site, articles):
        """Every comment of these items, on whatever they became."""
        comments = [(item.id, c) for item in items for c in item.comments]
        if not comments:
            return
        prefix = self.options.id_prefix
        for chunk in batched([c.id for _, c in comments], 500):
            WordPressComment.objects.filter(site=site, comment_id__in=chunk).delete()
        WordPressComment.objects.bulk_create(
            WordPressComment(
                site=site,
                comment_id=comment.id,
                post_id=post_id,
                article_id=articles.get(f"{prefix}{post_id}"),
                parent_id=comment.parent,
                author=comment.author,
                author_email=comment.author_email,
                author_url=comment.author_url,
                author_ip=comment.author_ip[:100],
                user_id=comment.user_id,
                date=comment.date,
                content=comment.content,
                approved=comment.approved[:20],
                type=comment.type[:20],
                meta=comment.meta,
            )
            for post_id, comment in comments
        )
        self.tally.comments += len(comments)
        self.tally.comments_by_status.update(c.approved for _, c in comments)
