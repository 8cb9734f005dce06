"""Let the chief editor read group changes in the "Site history" report.

Wagtail shows a log entry only to those with a permission on its object's
model. The chief editor already manages accounts (auth.*_user), so their
sign-ins and group changes show; a group's own permission changes are
logged against the group, which needs auth.view_group (read-only).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from khabar.newsroom import roles

PERMISSION = ("auth", "view_group")


def grant(apps, schema_editor):
    config = apps.get_app_config("auth")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label=PERMISSION[0], codename=PERMISSION[1]
    )
    for group in Group.objects.filter(name=roles.CHIEF_EDITOR):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=roles.CHIEF_EDITOR):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label=PERMISSION[0], codename=PERMISSION[1]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_roles"),
        ("auth", "__latest__"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
