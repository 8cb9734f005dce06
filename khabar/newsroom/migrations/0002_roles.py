"""Create the reporter, editor and chief-editor groups and the review workflow."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from khabar.newsroom import roles

APPS_WITH_PERMISSIONS = ("auth", "wagtailadmin", "wagtailimages", "newsroom")


def _permission(apps, dotted):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_roles(apps, schema_editor):
    # Permissions are normally made after migrating; make them now so the
    # groups can be granted them on a fresh database.
    for label in APPS_WITH_PERMISSIONS:
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None

    Group = apps.get_model("auth", "Group")
    # Wagtail's page-tree groups mean nothing here (articles are not pages)
    # and "Editors" would be mistaken for our editor role.
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    Permission = apps.get_model("auth", "Permission")
    root = Collection.objects.filter(depth=1).first()

    groups = {}
    for name, dotted in roles.PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[_permission(apps, d) for d in dotted])
        groups[name] = group
        if root is not None:
            for codename in roles.IMAGE_PERMISSIONS[name]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailimages", codename=codename
                    ),
                )

    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    article_type, _ = ContentType.objects.get_or_create(
        app_label="newsroom", model="article"
    )
    workflow, _ = Workflow.objects.get_or_create(name=roles.WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=roles.TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=roles.TASK_NAME, content_type=task_type
        )
    task.groups.add(*[groups[name] for name in roles.APPROVERS])
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, sort_order=0)
    WorkflowContentType.objects.update_or_create(
        content_type=article_type, defaults={"workflow": workflow}
    )


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=list(roles.PERMISSIONS)).delete()
    apps.get_model("wagtailcore", "Workflow").objects.filter(
        name=roles.WORKFLOW_NAME
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
        ("wagtailadmin", "__latest__"),
        ("wagtailcore", "__latest__"),
        ("wagtailimages", "__latest__"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
