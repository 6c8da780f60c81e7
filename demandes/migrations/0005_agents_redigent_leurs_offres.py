"""Partners' agents write their own partner's offers and record (#20 item 5, offres/permissions.py): the group
« Agents des partenaires » gets the page permissions add and change on the catalogue (submitted to moderation:
no publish) and the permission to change a partner record; which offers and which record is decided per user in
the code. A new site gets the page permissions from `initialiser_site` (offres/squelette.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

AGENTS = "Agents des partenaires"


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    OffreIndexPage = apps.get_model("offres", "OffreIndexPage")
    groupe = Group.objects.filter(name=AGENTS).first()
    if groupe is None:
        return
    groupe.permissions.add(*Permission.objects.filter(content_type__app_label="taxonomie",
                                                      codename="change_partenaire"))
    pages = Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=["add_page", "change_page"])
    for index in OffreIndexPage.objects.all():
        for permission in pages:
            GroupPagePermission.objects.get_or_create(group=groupe, page_id=index.pk, permission=permission)


def backwards(apps, schema_editor):
    groupe = apps.get_model("auth", "Group").objects.filter(name=AGENTS).first()
    if groupe is not None:
        apps.get_model("wagtailcore", "GroupPagePermission").objects.filter(group=groupe).delete()
        groupe.permissions.remove(*apps.get_model("auth", "Permission").objects.filter(
            content_type__app_label="taxonomie", codename="change_partenaire"))


class Migration(migrations.Migration):
    dependencies = [("demandes", "0004_prise_en_charge"), ("offres", "0008_identifiant_aides_territoires"),
                    ("taxonomie", "0002_service_referent"), ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes")]
    operations = [migrations.RunPython(forwards, backwards)]
