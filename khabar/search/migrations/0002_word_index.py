"""The word index: an FTS5 table on SQLite, a tsvector column with a GIN
index on PostgreSQL. Only the one for the database in use is created."""

from django.db import migrations

SQL = {
    "sqlite": (
        [
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "title, summary, body, variants, "
            "tokenize = 'unicode61 remove_diacritics 0')",
            # A document deleted in any way (its article deleted, a flush)
            # takes its words with it.
            "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument "
            "BEGIN DELETE FROM search_fts WHERE rowid = old.article_id; END",
        ],
        ["DROP TRIGGER search_fts_delete", "DROP TABLE search_fts"],
    ),
    "postgresql": (
        [
            "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector",
            "CREATE INDEX search_document_vector ON search_searchdocument "
            "USING GIN (vector)",
        ],
        [
            "DROP INDEX search_document_vector",
            "ALTER TABLE search_searchdocument DROP COLUMN vector",
        ],
    ),
}


def create(apps, schema_editor):
    for sql in SQL.get(schema_editor.connection.vendor, ([], []))[0]:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for sql in SQL.get(schema_editor.connection.vendor, ([], []))[1]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
