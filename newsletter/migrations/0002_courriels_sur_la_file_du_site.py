"""The subscribers' confirmation and renewal e-mails move to the site's outbox (site_collectivites/courrier/):
those still waiting in a subscriber's own outbox are queued there first, so that none is lost by the upgrade."""

from django.db import migrations


def vers_la_file_du_site(apps, schema_editor):
    Abonne = apps.get_model("newsletter", "Abonne")
    en_attente = list(Abonne.objects.exclude(courriel_a_envoyer=""))
    if not en_attente:
        return
    # Built by today's code, which reads only the subscriber's fields (address, personal tokens).
    from site_collectivites.courrier.file import contenu_du_message
    from newsletter.courriels import message_abonne

    CourrielEnFile = apps.get_model("site_collectivites", "CourrielEnFile")
    natures = {"confirmation": "lettre_confirmation", "renouvellement": "lettre_renouvellement"}
    for abonne in en_attente:
        donnees = contenu_du_message(message_abonne(abonne, abonne.courriel_a_envoyer))
        CourrielEnFile.objects.create(nature=natures[abonne.courriel_a_envoyer], destinataires=abonne.email,
                                      sujet=donnees["subject"][:255], message=donnees)


class Migration(migrations.Migration):

    dependencies = [
        ('newsletter', '0001_initial'),
        ('site_collectivites', '0010_file_des_courriels'),
    ]

    operations = [
        migrations.RunPython(vers_la_file_du_site, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='abonne',
            name='courriel_a_envoyer',
        ),
        migrations.RemoveField(
            model_name='abonne',
            name='courriel_prochain_essai',
        ),
        migrations.RemoveField(
            model_name='abonne',
            name='courriel_tentatives',
        ),
    ]
