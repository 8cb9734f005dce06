"""PostgreSQL: the GIN index holds each document's day and section beside
its words, and the planner keeps more statistics.

With btree_gin, a search for the newest matches of a common word reads
only recent days' postings instead of every match, and only the
section's when it has one (see PostgresBackend.search). The vectors are
unchanged: no reindex is needed, but the index is built again (minutes
for a million articles). SQLite is untouched.
"""

from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations

FORWARD = [
    "DROP INDEX search_document_vector",
    "CREATE INDEX search_document_vector ON search_searchdocument "
    "USING GIN (vector, (published / 86400), (section_id + 0))",
    # A search sizes its window from the planner's statistics: word
    # frequencies for 10,000 words (1,000 by default), publication times
    # in 1,000 slices (100).
    "ALTER TABLE search_searchdocument ALTER COLUMN vector SET STATISTICS 1000",
    "ALTER TABLE search_searchdocument ALTER COLUMN published SET STATISTICS 1000",
]
BACKWARD = [
    "ALTER TABLE search_searchdocument ALTER COLUMN vector SET STATISTICS -1",
    "ALTER TABLE search_searchdocument ALTER COLUMN published SET STATISTICS -1",
    "DROP INDEX search_document_vector",
    "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (vector)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_recency_key")]

    operations = [
        BtreeGinExtension(),  # nothing on SQLite
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
