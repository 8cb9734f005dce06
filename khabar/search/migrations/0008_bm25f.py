"""Ranking with document frequencies, field lengths and body signals.

Documents get their field lengths and their title's and summary's words
without what is written in front of them (bases); a statistics table
holds how many documents hold each stem and the total length of each
field; on SQLite the FTS5 table gets four columns (the body's words as
spelled and as bases, and its stems that occur at least twice and four
times), on PostgreSQL the vector gets the same as lexemes. The index is emptied: run
`khabar reindex` after migrating (docs/search.md). Adding columns
rebuilds SQLite's documents table, which drops its trigger: it is made
again here (see 0003_recency_key).
"""

from django.db import migrations, models

SQLITE = [
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TABLE search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, summary, body, variants, exact, bases, twice, often, "
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
    dependencies = [("search", "0007_every_pair")]

    operations = [
        migrations.RunPython(empty_index, migrations.RunPython.noop),
        migrations.AddField(
            model_name="searchdocument",
            name="title_bases",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="summary_bases",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="title_length",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="summary_length",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="body_length",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.CreateModel(
            name="SearchStatistic",
            fields=[
                (
                    "name",
                    models.CharField(max_length=100, primary_key=True, serialize=False),
                ),
                ("value", models.BigIntegerField()),
            ],
            options={
                "verbose_name": "search statistic",
                "verbose_name_plural": "search statistics",
            },
        ),
        migrations.RunPython(rebuild_fts, migrations.RunPython.noop),
    ]
