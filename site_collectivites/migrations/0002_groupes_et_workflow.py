"""Editors' roles in French and the moderation workflow.

Wagtail's first migrations create the groups "Editors" and "Moderators" and a "Moderators approval"
workflow on the root page. We rename them (keeping their page, image and document permissions) and give
moderators the reference data and site settings. Rédacteurs edit and submit; Modérateurs publish.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REDACTEURS = "Rédacteurs"
MODERATEURS = "Modérateurs"
WORKFLOW = "Validation par les modérateurs"

PERMISSIONS_MODERATEURS = [
    ("taxonomie", "thematique", ["add", "change", "delete"]),
    ("taxonomie", "typeprestation", ["add", "change", "delete"]),
    ("taxonomie", "partenaire", ["add", "change", "delete"]),
    ("site_collectivites", "parametressite", ["change"]),
    ("site_collectivites", "navigation", ["change"]),
]
PERMISSIONS_REDACTEURS = [
    ("taxonomie", "partenaire", ["change"]),
]


def _group(Group, new_name, old_name):
    group = Group.objects.filter(name=new_name).first() or Group.objects.filter(name=old_name).first()
    if group is None:
        return Group.objects.create(name=new_name)
    group.name = new_name
    group.save()
    return group


def _grant(Permission, group, specs):
    for app_label, model, actions in specs:
        codenames = [f"{action}_{model}" for action in actions]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def forwards(apps, schema_editor):
    # Permissions of this project's models are normally created after all migrations; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    redacteurs = _group(Group, REDACTEURS, "Editors")
    moderateurs = _group(Group, MODERATEURS, "Moderators")
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    redacteurs.permissions.add(access_admin)
    moderateurs.permissions.add(access_admin)
    _grant(Permission, moderateurs, PERMISSIONS_MODERATEURS)
    _grant(Permission, redacteurs, PERMISSIONS_REDACTEURS)

    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    page_perms = {
        redacteurs: ["add_page", "change_page"],
        moderateurs: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    }
    for group, codenames in page_perms.items():
        for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames):
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)

    task = GroupApprovalTask.objects.filter(name__in=[WORKFLOW, "Moderators approval"]).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=WORKFLOW, active=True,
            content_type=ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0],
        )
    else:
        task.name = WORKFLOW
        task.save()
    task.groups.set([moderateurs])
    workflow = Workflow.objects.filter(name__in=[WORKFLOW, "Moderators approval"]).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    else:
        workflow.name = WORKFLOW
        workflow.active = True
        workflow.save()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=Task.objects.get(pk=task.pk), defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("site_collectivites", "0001_initial"),
        ("taxonomie", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
