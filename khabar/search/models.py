"""The search index's own table: one row per visible article.

Each row holds what ranking reads (the analysed title and summary, the
publication time) and what filters need. The words themselves are matched
in a backend-specific structure next to it: an FTS5 table on SQLite, a
``tsvector`` column with a GIN index on PostgreSQL, both created by this
app's migrations for the database in use only. On SQLite a trigger on
this table deletes a document's FTS row with it (see migration 0003 before
altering the table).
"""

from django.contrib.postgres.search import SearchVectorField
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
    # The same words without what is written in front of them (والمدرسه
    # → مدرسه), for the ranking's second level of match.
    title_bases = models.TextField(blank=True)
    summary_bases = models.TextField(blank=True)
    # Words in each field: ranking normalises a field's matches by its
    # length against the average (SearchStatistic).
    title_length = models.PositiveIntegerField(default=0)
    summary_length = models.PositiveIntegerField(default=0)
    body_length = models.PositiveIntegerField(default=0)

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


class SearchWords(models.Model):
    """PostgreSQL's word index: one row per document, its ``tsvector``
    and what a search filters on, under a GIN index (migration 0009).

    Apart from :class:`SearchDocument` so that its rows are narrow: a
    search reads a row for every match (to count them and find the
    newest) and for every document of a ranking signal, and a row of
    about 70 bytes (the vector lives in TOAST) puts a hundred of them in
    a page, where the document's analysed title and summary put eight.
    On SQLite the table stays empty: FTS5 is the word index there.
    """

    document = models.OneToOneField(
        SearchDocument,
        primary_key=True,
        on_delete=models.CASCADE,
        db_column="article_id",
        related_name="+",
    )
    # Copies of the document's, for the filters and the GIN index.
    published = models.BigIntegerField()
    section_id = models.BigIntegerField()
    expires = models.BigIntegerField(null=True, blank=True)
    vector = SearchVectorField()

    class Meta:
        verbose_name = _("search words")
        verbose_name_plural = _("search words")

    def __str__(self):
        return str(self.document_id)


class SearchStatistic(models.Model):
    """What ranking knows of the whole index, kept with it.

    One row per stem (or variant): how many documents hold it, for its
    inverse document frequency. Rows whose name begins with a space are
    totals: ``" documents"``, and ``" title"``, ``" summary"``, ``" body"``
    (words in that field over every document, for average lengths). The
    index's writer adds a document's counts when it writes the document
    and takes them away when it deletes it, in the same transaction, so
    the figures are those of the documents a search can find.
    """

    name = models.CharField(max_length=100, primary_key=True)
    value = models.BigIntegerField()

    class Meta:
        verbose_name = _("search statistic")
        verbose_name_plural = _("search statistics")

    def __str__(self):
        return f"{self.name}: {self.value}"
