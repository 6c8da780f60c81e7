"""The four kinds of bénéficiaires of an offer: a fixed list, seeded here so every database has it."""

from django.db import migrations

BENEFICIAIRES = [
    ("communes", "Communes"),
    ("epci", "Intercommunalités (EPCI)"),
    ("syndicats", "Syndicats"),
    ("autres-organismes-publics", "Autres organismes publics"),
]


def creer(apps, schema_editor):
    Beneficiaire = apps.get_model("offres", "Beneficiaire")
    for ordre, (slug, nom) in enumerate(BENEFICIAIRES):
        Beneficiaire.objects.update_or_create(slug=slug, defaults={"nom": nom, "ordre": ordre})


class Migration(migrations.Migration):
    dependencies = [("offres", "0001_initial")]

    operations = [migrations.RunPython(creer, migrations.RunPython.noop)]
