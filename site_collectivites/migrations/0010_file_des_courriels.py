"""The site's outbox (site_collectivites/courrier/, docs/courriels.md), and the coordination's right to read it."""

import django.utils.timezone
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

COORDINATION = "Coordination des demandes"


def coordination_voit_la_file(apps, schema_editor):
    configuration = apps.get_app_config("site_collectivites")
    configuration.models_module = True
    create_permissions(configuration, apps=apps, verbosity=0)
    configuration.models_module = None
    groupe = apps.get_model("auth", "Group").objects.filter(name=COORDINATION).first()
    if groupe is not None:
        groupe.permissions.add(*apps.get_model("auth", "Permission").objects.filter(
            content_type__app_label="site_collectivites", codename="view_courrielenfile"))


class Migration(migrations.Migration):

    dependencies = [
        ('site_collectivites', '0009_autocompletion_sans_accents'),
        ('demandes', '0003_roles'),
    ]

    operations = [
        migrations.CreateModel(
            name='CourrielEnFile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('etat', models.CharField(choices=[('a_envoyer', 'À envoyer'), ('envoye', 'Envoyé'), ('echec', 'Échec (nouvel essai prévu)'), ('abandonne', 'Abandonné après plusieurs essais')], db_index=True, default='a_envoyer', max_length=12, verbose_name='état')),
                ('tentatives', models.PositiveSmallIntegerField(default=0, verbose_name='tentatives')),
                ('prochain_essai', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='prochain essai')),
                ('derniere_erreur', models.TextField(blank=True, verbose_name='dernière erreur')),
                ('envoye_le', models.DateTimeField(blank=True, null=True, verbose_name='envoyé le')),
                ('nature', models.CharField(choices=[('inscription', 'Inscription à un événement'), ('annulation_inscription', "Annulation d'une inscription"), ('lettre_confirmation', "Confirmation d'abonnement à la lettre"), ('lettre_renouvellement', "Renouvellement d'abonnement à la lettre"), ('relance_partenaire', "Relance d'un partenaire"), ('reinitialisation', 'Réinitialisation de mot de passe')], db_index=True, max_length=30, verbose_name='nature')),
                ('cle', models.CharField(blank=True, editable=False, max_length=200, null=True, unique=True, verbose_name="clé d'unicité")),
                ('destinataires', models.TextField(verbose_name='destinataires')),
                ('sujet', models.CharField(max_length=255, verbose_name='sujet')),
                ('message', models.JSONField(editable=False, verbose_name='message')),
                ('cree_le', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='mis en file le')),
            ],
            options={
                'verbose_name': 'courriel en file',
                'verbose_name_plural': "courriels (file d'envoi)",
                'ordering': ['-cree_le'],
            },
        ),
        migrations.RunPython(coordination_voit_la_file, migrations.RunPython.noop),
    ]
