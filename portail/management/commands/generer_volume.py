"""A large, realistic dataset on top of the demo content: years of offers, aids, events, news, réalisations,
demandes and subscribers (issue #8; docs/performance.md).

    python manage.py generer_volume                      # 2,000 offers, 500 aids, 2,000 events, 3,000 news,
                                                         # 1,000 réalisations, 20,000 demandes, 10,000 subscribers
    python manage.py generer_volume --offres 100 --demandes 0 ...

Run after `load_demo_content` on a database of its own (the benchmark uses collectivites_bench): each page is
a copy of a demo page of its type (body, image, fields) with its own title, slug, dates, thématiques and
commune, created in bulk (portail/volume.py). Seeded: two runs give the same content; a second run
refuses to add a second volume. Prints the time of each step.
"""

import random
import time
from datetime import datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from agenda.models import ActualiteIndexPage, ActualitePage, AgendaIndexPage, EvenementPage
from demandes.models import Affectation, Demande, TypeCollectivite
from demandes.models.references import CompteurReference, format_reference
from demandes.services import figer_territoire
from newsletter.models import Abonne, StatutAbonne
from offres.models import AideIndexPage, AidePage, OffreIndexPage, OffrePage, RealisationIndexPage, RealisationPage
from offres.models.offres import Beneficiaire
from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation
from site_collectivites.territoire.models import Commune
from portail.volume import creer_enfants

PREFIXE = "vol-"
DOMAINE_ABONNES = "abonnes-volume.example.org"
SUJETS = ["rénovation énergétique de l'école", "réseau d'eau potable", "aménagement du centre-bourg",
          "voirie communale", "assainissement collectif", "éclairage public", "plan local d'urbanisme",
          "mairie accessible", "salle des fêtes", "chaufferie bois", "cantine scolaire", "cimetière",
          "sentiers de randonnée", "défense incendie", "logements communaux", "numérique à l'école"]


class Command(BaseCommand):
    help = "Génère un grand jeu de données réaliste par-dessus le contenu de démonstration."

    def add_arguments(self, parser):
        for option, defaut in (("offres", 2000), ("aides", 500), ("evenements", 2000), ("actualites", 3000),
                               ("realisations", 1000), ("demandes", 20000), ("abonnes", 10000)):
            parser.add_argument(f"--{option}", type=int, default=defaut)

    def handle(self, *args, **options):
        if OffrePage.objects.filter(slug__startswith=PREFIXE).exists():
            raise CommandError("Le volume est déjà généré dans cette base (repartez d'une base neuve).")
        self.hasard = random.Random(8)
        self.thematiques = list(Thematique.objects.values_list("pk", flat=True))
        self.partenaires = list(Partenaire.objects.values_list("pk", flat=True))
        self.types = list(TypePrestation.objects.values_list("pk", flat=True))
        self.beneficiaires = list(Beneficiaire.objects.values_list("pk", flat=True))
        self.communes = list(Commune.objects.values_list("pk", flat=True))
        if not (self.thematiques and self.partenaires and self.communes):
            raise CommandError("Chargez d'abord le territoire et la démonstration (make setup-site).")
        debut_total = time.perf_counter()
        etapes = [
            ("offres", OffrePage, OffreIndexPage, self.offre),
            ("aides", AidePage, AideIndexPage, self.aide),
            ("evenements", EvenementPage, AgendaIndexPage, self.evenement),
            ("actualites", ActualitePage, ActualiteIndexPage, self.actualite),
            ("realisations", RealisationPage, RealisationIndexPage, self.realisation),
        ]
        for option, modele, modele_index, ligne in etapes:
            if options[option]:
                self.chrono(f"{options[option]} {modele._meta.verbose_name_plural}",
                            lambda: self.pages(modele, modele_index, ligne, options[option]))
        if options["demandes"]:
            self.chrono(f"{options['demandes']} demandes", lambda: self.demandes(options["demandes"]))
        if options["abonnes"]:
            self.chrono(f"{options['abonnes']} abonnés", lambda: self.abonnes(options["abonnes"]))
        # Fresh planner statistics: right after a bulk load they still describe the small demo (autovacuum
        # catches up later), and with them PostgreSQL joins the 9,000 search entries to the pages by a nested
        # loop: a two-word search took 2.9 s instead of 40 ms (docs/performance.md).
        self.chrono("ANALYZE", self.analyser)
        self.stdout.write(f"Total : {time.perf_counter() - debut_total:.1f} s")

    def analyser(self):
        with connection.cursor() as curseur:
            curseur.execute("ANALYZE")

    def chrono(self, libelle, etape):
        debut = time.perf_counter()
        etape()
        self.stdout.write(f"{libelle} : {time.perf_counter() - debut:.1f} s")

    def choisir(self, valeurs, k=2):
        return self.hasard.sample(valeurs, min(k, len(valeurs)))

    @transaction.atomic
    def pages(self, modele, modele_index, ligne, nombre):
        index = modele_index.objects.live().first()
        exemple = modele.objects.live().first()
        if index is None or exemple is None:
            raise CommandError(f"Pas de page {modele._meta.verbose_name} dans la démonstration.")
        lignes = []
        for i in range(nombre):
            sujet = self.hasard.choice(SUJETS)
            lignes.append({"title": f"{sujet.capitalize()} ({i + 1})", "slug": f"{PREFIXE}{modele._meta.model_name}-{i + 1}",
                           "m2m": {"thematiques": self.choisir(self.thematiques)}, **ligne(i, sujet)})
        ids = creer_enfants(index, modele, lignes, exemple)
        # The search index, in bulk (the database backend's upsert), as Wagtail's update_index would.
        get_search_backend().add_bulk(modele, modele.objects.filter(pk__in=ids))

    def offre(self, i, sujet):
        # Every page of the feed to aides-territoires has its own id (unique): not the example's.
        return {"partenaire_id": self.hasard.choice(self.partenaires), "identifiant_id": None,
                "identifiant_aides_territoires": f"{PREFIXE}offre-{i + 1}",
                "resume": f"Un accompagnement pour votre projet : {sujet}.",
                "m2m": {"thematiques": self.choisir(self.thematiques), "types_prestation": self.choisir(self.types, 1),
                        "beneficiaires": self.choisir(self.beneficiaires, 2)}}

    def aide(self, i, sujet):
        return {"resume": f"Une aide du Département pour : {sujet}.",
                "identifiant_aides_territoires": f"{PREFIXE}aide-{i + 1}",
                "m2m": {"thematiques": self.choisir(self.thematiques), "beneficiaires": self.choisir(self.beneficiaires, 2)}}

    def evenement(self, i, sujet):
        # Six years of events, a third of them to come.
        debut = timezone.now() + timedelta(days=self.hasard.randint(-4 * 365, 2 * 365), hours=self.hasard.randint(0, 8))
        return {"debut": debut, "fin": debut + timedelta(hours=3), "commune_id": self.hasard.choice(self.communes),
                "resume": f"Une rencontre sur : {sujet}.", "date_limite_inscription": None}

    def actualite(self, i, sujet):
        # Eight years of news.
        return {"date_publication": timezone.localdate() - timedelta(days=self.hasard.randint(0, 8 * 365))}

    def realisation(self, i, sujet):
        return {"commune_id": self.hasard.choice(self.communes), "epci_id": None,
                "annee": self.hasard.randint(2015, 2026), "resume": f"Réalisé avec l'ingénierie publique : {sujet}.",
                "m2m": {"thematiques": self.choisir(self.thematiques), "partenaires": self.choisir(self.partenaires, 1)}}

    @transaction.atomic
    def demandes(self, nombre):
        """Spread over 2019–2026, references from each year's counter, one assignment each."""
        communes = {c.pk: c for c in Commune.objects.prefetch_related("cantons").select_related("epci")}
        par_annee = {}
        for _ in range(nombre):
            annee = self.hasard.randint(2019, 2026)
            commune = communes[self.hasard.choice(self.communes)]
            demande = Demande(
                annee=annee, cree_le=timezone.make_aware(datetime(annee, self.hasard.randint(1, 11), self.hasard.randint(1, 28), 10)),
                type_collectivite=TypeCollectivite.COMMUNE, commune=commune, nom="Martin", prenom="Claire",
                fonction="maire", email=f"mairie-{commune.pk}@{DOMAINE_ABONNES}", titre=self.hasard.choice(SUJETS).capitalize(),
                description="Nous souhaitons être accompagnés pour définir notre projet.",
                partenaire_destinataire_id=self.hasard.choice(self.partenaires),
            )
            figer_territoire(demande)
            par_annee.setdefault(annee, []).append(demande)
        toutes = []
        for annee, demandes in par_annee.items():
            compteur, _ = CompteurReference.objects.select_for_update().get_or_create(annee=annee)
            for numero, demande in enumerate(demandes, compteur.dernier_numero + 1):
                demande.reference = format_reference(annee, numero)
            compteur.dernier_numero += len(demandes)
            compteur.save(update_fields=["dernier_numero"])
            toutes += Demande.objects.bulk_create(demandes, batch_size=2000)
        lien = Demande.thematiques.through
        lien.objects.bulk_create([lien(demande_id=d.pk, thematique_id=self.hasard.choice(self.thematiques))
                                  for d in toutes], batch_size=5000)
        Affectation.objects.bulk_create([Affectation(demande_id=d.pk, partenaire_id=d.partenaire_destinataire_id,
                                                     cree_le=d.cree_le) for d in toutes], batch_size=5000)

    def abonnes(self, nombre):
        Abonne.objects.bulk_create(
            (Abonne(email=f"abonne{i}@{DOMAINE_ABONNES}", statut=StatutAbonne.CONFIRME) for i in range(nombre)),
            batch_size=2000, ignore_conflicts=True,
        )
