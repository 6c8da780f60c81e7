"""Editors may consult the territory reference (read-only in the admin; the import command maintains it)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPES = ["Rédacteurs", "Modérateurs"]
CODENAMES = ["view_commune", "view_canton", "view_epci"]


def forwards(apps, schema_editor):
    territoire = apps.get_app_config("territoire")
    territoire.models_module = True
    create_permissions(territoire, apps=apps, verbosity=0)
    territoire.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="territoire", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GROUPES):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("site_collectivites", "0002_groupes_et_workflow"),
        ("territoire", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
