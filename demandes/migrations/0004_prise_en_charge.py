"""When a partner first took on an assignment, from the history already recorded.

The journal says it in words (« SDED : À traiter → Acceptée. », demandes/suivi.py): the first such entry of the
assignment's partner gives the moment. An assignment accepted without a journal entry (an import) takes the
moment its status last changed if it is still « acceptée »; otherwise the moment is unknown and stays empty (the
measure leaves it out, it never guesses).
"""

from django.db import migrations, models

PRISES = ("acceptee", "en_cours", "terminee")
LIBELLES = ("→ Acceptée", "→ En cours", "→ Terminée")


def depuis_le_journal(apps, schema_editor):
    Affectation = apps.get_model("demandes", "Affectation")
    EntreeJournal = apps.get_model("demandes", "EntreeJournal")
    for affectation in Affectation.objects.filter(statut__in=PRISES).select_related("partenaire").iterator():
        prefixe = f"{affectation.partenaire.sigle or affectation.partenaire.nom} : À traiter"  # its nom_court
        entree = (EntreeJournal.objects.filter(demande_id=affectation.demande_id, action="affectation",
                                               description__startswith=prefixe)
                  .filter(models.Q(description__contains=LIBELLES[0]) | models.Q(description__contains=LIBELLES[1])
                          | models.Q(description__contains=LIBELLES[2]))
                  .order_by("date").first())
        if entree is not None:
            affectation.prise_en_charge_le = entree.date
        elif affectation.statut == "acceptee":
            affectation.prise_en_charge_le = affectation.statut_modifie_le
        else:
            continue
        affectation.save(update_fields=["prise_en_charge_le"])


class Migration(migrations.Migration):

    dependencies = [
        ("demandes", "0003_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="affectation",
            name="prise_en_charge_le",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="prise en charge le"),
        ),
        migrations.RunPython(depuis_le_journal, migrations.RunPython.noop),
    ]
