"""Modérateurs manage the redirects (Wagtail's « Redirections » menu): the former site's addresses are imported
there at go-live, and kept up to date afterwards (docs/deploy.md)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATEURS = "Modérateurs"
CODENAMES = ["add_redirect", "change_redirect", "delete_redirect"]


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("wagtailredirects")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groupe = Group.objects.filter(name=MODERATEURS).first()
    if groupe is not None:
        groupe.permissions.add(*Permission.objects.filter(content_type__app_label="wagtailredirects",
                                                          codename__in=CODENAMES))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groupe = Group.objects.filter(name=MODERATEURS).first()
    if groupe is not None:
        groupe.permissions.remove(*Permission.objects.filter(content_type__app_label="wagtailredirects",
                                                             codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("site_collectivites", "0005_index_recherche_titre_corps"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
