"""The search index's own table: one row per visible article.

Each row holds what ranking reads (the analysed title and summary, the
publication time) and what filters need. The words themselves are matched
in a backend-specific structure next to it: an FTS5 table on SQLite, a
``tsvector`` column with a GIN index on PostgreSQL, both created by this
app's migrations for the database in use only. On SQLite a trigger on
this table deletes a document's FTS row with it (see migration 0003 before
altering the table).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """The indexed form of one visible article."""

    article = models.OneToOneField(
        "newsroom.Article",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    section = models.ForeignKey(
        "newsroom.Section", on_delete=models.CASCADE, related_name="+"
    )
    #: First publication, in seconds since 1970 (UTC): the recency term
    #: and date filters use plain arithmetic on it on every backend.
    published = models.BigIntegerField(db_index=True)
    #: Publication time then id in one number (documents.recency_key):
    #: FTS5's rowid on SQLite, so that matches come newest first.
    key = models.BigIntegerField()
    #: When the article stops being visible, if it has an expiry.
    expires = models.BigIntegerField(null=True, blank=True)
    #: The article's ``updated_at`` when it was indexed: `reindex` compares.
    source_updated_at = models.DateTimeField()
    # Space-padded term lists (" المدرسه الجديده "), searched with
    # instr()/strpos() for the field part of the ranking.
    title_exact = models.TextField()
    title_stems = models.TextField()
    title_variants = models.TextField(blank=True)
    summary_exact = models.TextField(blank=True)
    summary_stems = models.TextField(blank=True)
    summary_variants = models.TextField(blank=True)

    class Meta:
        indexes = [
            # Joined to FTS5's rowid: covers what filters and counts read,
            # so a match costs one index lookup.
            models.Index(
                fields=["key", "section", "published", "expires", "article"],
                name="search_document_key",
            )
        ]
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return str(self.article_id)
