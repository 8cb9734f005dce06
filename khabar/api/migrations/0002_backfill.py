"""Record the articles already on the site, so that a partner reading the
change feed from the start gets all of them (later, `khabar
record-changes` does the same comparison for every article)."""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone

BATCH = 2000


def record_live_set(apps, schema_editor):
    Article = apps.get_model("newsroom", "Article")
    ArticleChange = apps.get_model("api", "ArticleChange")
    ChangeHorizon = apps.get_model("api", "ChangeHorizon")
    ChangeHorizon.objects.get_or_create(pk=1)
    now = timezone.now()
    # Article.objects.visible() as it reads when this migration was written:
    # a migration's models have no custom managers.
    visible = Article.objects.filter(
        Q(expire_at__isnull=True) | Q(expire_at__gt=now),
        live=True,
        expired=False,
        first_published_at__lte=now,
    ).order_by("pk")
    after = 0
    while True:
        ids = list(visible.filter(pk__gt=after).values_list("pk", flat=True)[:BATCH])
        if not ids:
            return
        ArticleChange.objects.bulk_create(
            ArticleChange(article_id=pk, kind="published", at=now) for pk in ids
        )
        after = ids[-1]


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_change_log"),
        ("newsroom", "0011_create_tokens"),
    ]

    operations = [
        migrations.RunPython(record_live_set, migrations.RunPython.noop),
    ]
