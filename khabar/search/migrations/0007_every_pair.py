"""PostgreSQL: the vectors hold a pair lexeme for every two neighbouring
stems, not only for those with a common word, and phrase queries now ask
for them; documents indexed before lack most of them.

Every document is marked as indexed from an older version of its
article, so that `khabar reindex` writes all of them again (until then a
phrase misses the documents not yet rewritten). The rows stay: every
other search works meanwhile. SQLite is untouched.
"""

from django.db import migrations


def mark_stale(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE search_searchdocument SET source_updated_at = %s",
            ["1970-01-01T00:00:00+00:00"],
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0006_vector_lz4")]

    operations = [migrations.RunPython(mark_stale, migrations.RunPython.noop)]
