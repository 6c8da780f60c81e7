"""The two roles of the back office, as groups: the Département's coordination and the partners' agents.

Coordination sees and routes every demande (custom permission `coordonner_demandes`); an agent sees only the
demandes assigned to the partenaire named in its AgentPartenaire row (demandes/acces.py). Page editors
(Rédacteurs, Modérateurs) get none of these permissions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATION = "Coordination des demandes"
AGENTS = "Agents des partenaires"

PERMISSIONS = {
    COORDINATION: [
        ("wagtailadmin", "admin", ["access"]),
        ("demandes", "demande", ["view", "add", "change", "coordonner"]),
        ("demandes", "courrieldemande", ["view"]),
        ("demandes", "agentpartenaire", ["view", "add", "change", "delete"]),
    ],
    AGENTS: [
        ("wagtailadmin", "admin", ["access"]),
        ("demandes", "demande", ["view", "add", "change"]),
    ],
}


def codename(model, action):
    if action == "coordonner":
        return "coordonner_demandes"
    return f"{action}_{model}"


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for nom, specs in PERMISSIONS.items():
        groupe, _ = Group.objects.get_or_create(name=nom)
        for app_label, model, actions in specs:
            groupe.permissions.add(*Permission.objects.filter(
                content_type__app_label=app_label, codename__in=[codename(model, action) for action in actions]
            ))


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [("demandes", "0002_suivi"), ("wagtailadmin", "0001_create_admin_access_permissions")]
    operations = [migrations.RunPython(forwards, backwards)]
