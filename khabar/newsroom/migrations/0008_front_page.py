"""Front-page lineups, and their permissions for editors and the chief
editor (khabar/newsroom/frontpage.py, roles.FRONT_PAGE_PERMISSIONS)."""

import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

from khabar.newsroom import roles


def grant(apps, schema_editor):
    # Permissions are normally made after migrating; make them now so the
    # groups can be granted them.
    config = apps.get_app_config("newsroom")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, dotted in roles.FRONT_PAGE_PERMISSIONS.items():
        codenames = [d.partition(".")[2] for d in dotted]
        permissions = Permission.objects.filter(
            content_type__app_label="newsroom", codename__in=codenames
        )
        for group in Group.objects.filter(name=name):
            group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="newsroom", content_type__model="frontpage"
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('newsroom', '0007_article_breaking_hours'),
        ('auth', '__latest__'),
        ('contenttypes', '__latest__'),
    ]

    operations = [
        migrations.CreateModel(
            name='FrontPage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('takes_effect_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, help_text='Now, or a later time at which this lineup replaces the one on the home page.', verbose_name='takes effect at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('lead', models.ForeignKey(blank=True, help_text='The top story. Left empty, the newest story leads, as when nothing is chosen.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='newsroom.article', verbose_name='lead story')),
            ],
            options={
                'verbose_name': 'front-page lineup',
                'verbose_name_plural': 'front-page lineups',
                'ordering': ['-takes_effect_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='FrontPageStory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='newsroom.article', verbose_name='article')),
                ('front_page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='stories', to='newsroom.frontpage')),
            ],
            options={
                'verbose_name': 'top story',
                'verbose_name_plural': 'top stories',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
