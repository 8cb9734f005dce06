"""PostgreSQL: the word index moves to a narrow table of its own.

A search reads a row for every match (to count them and find the newest)
and for every document of a ranking signal. In the documents table a row
is about a kilobyte (the analysed title and summary), eight to a page:
6,000 matches read 4,500 pages. The new table holds only what the GIN
index and the filters need, and its vectors always in TOAST
(``toast_tuple_target`` at its least), so a hundred rows share a page.
The vectors are moved, not rebuilt: no reindex is needed, but the GIN
index is built again (minutes for a million articles). On SQLite the
table is created and stays empty (FTS5 is the word index there).
"""

from importlib import import_module

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

WORDS = "search_searchwords"
DOCUMENTS = "search_searchdocument"
GIN = "(vector, (published / 86400), (section_id + 0))"

FORWARD = [
    f"ALTER TABLE {WORDS} SET (toast_tuple_target = 128)",
    f"ALTER TABLE {WORDS} ALTER COLUMN vector SET STATISTICS 1000",
    f"ALTER TABLE {WORDS} ALTER COLUMN published SET STATISTICS 1000",
    # Oldest first, as `khabar reindex` writes: a window of recent days
    # is then a run of neighbouring pages.
    f"INSERT INTO {WORDS} (article_id, published, section_id, expires, vector) "
    f"SELECT article_id, published, section_id, expires, vector FROM {DOCUMENTS} "
    "WHERE vector IS NOT NULL ORDER BY published, article_id",
    "DROP INDEX search_document_vector",
    f"ALTER TABLE {DOCUMENTS} DROP COLUMN vector",
    f"CREATE INDEX search_words_vector ON {WORDS} USING GIN {GIN}",
    f"ANALYZE {WORDS}",
]
BACKWARD = [
    f"ALTER TABLE {DOCUMENTS} ADD COLUMN vector tsvector",
    f"UPDATE {DOCUMENTS} d SET vector = w.vector FROM {WORDS} w "
    "WHERE w.article_id = d.article_id",
    f"CREATE INDEX search_document_vector ON {DOCUMENTS} USING GIN {GIN}",
    f"ALTER TABLE {DOCUMENTS} ALTER COLUMN vector SET STATISTICS 1000",
]


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    # As 0006_vector_lz4 did for the old column.
    if import_module("khabar.search.migrations.0006_vector_lz4").lz4_available(
        connection
    ):
        schema_editor.execute(
            f"ALTER TABLE {WORDS} ALTER COLUMN vector SET COMPRESSION lz4"
        )
    for sql in FORWARD:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0008_bm25f")]

    operations = [
        migrations.CreateModel(
            name="SearchWords",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        db_column="article_id",
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="search.searchdocument",
                    ),
                ),
                ("published", models.BigIntegerField()),
                ("section_id", models.BigIntegerField()),
                ("expires", models.BigIntegerField(blank=True, null=True)),
                ("vector", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                "verbose_name": "search words",
                "verbose_name_plural": "search words",
            },
        ),
        migrations.RunPython(forward, backward),
    ]
