"""Documents get a recency key, which becomes the FTS5 rowid on SQLite.

The index is emptied: run `khabar reindex` after migrating. On SQLite,
adding a column rebuilds the documents table, which drops its trigger:
any later migration that alters that table must create the trigger again,
as this one does (tests/search/test_search.py fails if it is missing).
"""

from django.db import migrations, models

SQLITE = [
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TABLE search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, summary, body, variants, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument "
    "BEGIN DELETE FROM search_fts WHERE rowid = old.key; END",
]


def empty_index(apps, schema_editor):
    schema_editor.execute("DELETE FROM search_searchdocument")


def rebuild_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_word_index")]

    operations = [
        migrations.RunPython(empty_index, migrations.RunPython.noop),
        migrations.AddField(
            model_name="searchdocument",
            name="key",
            field=models.BigIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(
                fields=["key", "section", "published", "expires", "article"],
                name="search_document_key",
            ),
        ),
        migrations.RunPython(rebuild_fts, migrations.RunPython.noop),
    ]
