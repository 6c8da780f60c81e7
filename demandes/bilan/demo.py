"""Demo content of the bilan: the history of demandes 2022–2026 (THE demo demandes of the whole site, the
back office shows them too) and the BilanPage.

The demandes are generated, not typed: the page computes its figures from them, and they match what the
Département published (2022: 864 demandes from 251 communes; 2025: 825 demandes, +17 % on 2024, 254
communes, 80 % from communes, 106 from 9 EPCI, about 60 from syndicats). A seeded random generator makes
every run give the same data; `cle_import` « demo-2025-0001 » makes a rerun change nothing. Everything is
written with bulk_create (a few seconds on SQLite and PostgreSQL).
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from demandes.models import (
    PRISES_EN_CHARGE, Affectation, Demande, Source, Statut, StatutAffectation, TypeCollectivite,
)
from demandes.models.demandes import Fonction
from demandes.models.references import CompteurReference, format_reference
from demandes.services import figer_territoire
from demandes.statuts import statut_selon_affectations
from site_collectivites.squelette import referentiel
from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation
from site_collectivites.territoire.models import Commune, Epci

from .models import BilanFige, BilanPage
from .publication import figer

# Per year: total, distinct communes, demandes from communes, from EPCI, distinct EPCI, syndicats, others.
# 2022 and 2025 are the Département's published figures; 2023, 2024 (825 / 1.17) and 2026 are chosen.
ANNEES = {
    2022: (864, 251, 691, 108, 10, 60, 5),
    2023: (792, 246, 634, 98, 9, 55, 5),
    2024: (705, 236, 564, 88, 8, 50, 3),
    2025: (825, 254, 660, 106, 9, 58, 1),
    2026: (781, 249, 625, 96, 10, 55, 5),
}
# The demo's "today": 2026 runs up to the end of November.
FIN_2026 = date(2026, 11, 30)
FIN_DEMO = timezone.make_aware(datetime(2026, 11, 30, 18, 0))
ANNEES_PUBLIEES = [2022, 2023, 2024, 2025]

POIDS_THEMATIQUES = {
    "amenagement": 25, "eau-et-environnement": 18, "energie": 15, "culture-et-patrimoine": 10, "habitat": 9,
    "numerique": 8, "tourisme": 6, "alimentation-et-commerce": 5, "solidarite": 4,
}
TITRES = {
    "energie": ["Rénovation énergétique de l'école", "Chaufferie bois pour les bâtiments communaux",
                "Éclairage public : passage aux LED", "Panneaux photovoltaïques sur la salle des fêtes",
                "Audit énergétique de la mairie"],
    "eau-et-environnement": ["Schéma directeur d'eau potable", "Réhabilitation de la station d'épuration",
                             "Restauration des berges du ruisseau", "Protection du captage d'eau potable",
                             "Zonage d'assainissement"],
    "alimentation-et-commerce": ["Produits locaux à la cantine", "Reprise du dernier commerce du village",
                                 "Création d'un marché de producteurs", "Projet alimentaire territorial"],
    "amenagement": ["Aménagement de la place du village", "Révision du plan local d'urbanisme",
                    "Sécurisation de la traversée du bourg", "Reconversion d'une friche", "Extension du cimetière",
                    "Réfection de la voirie communale"],
    "tourisme": ["Aire d'accueil de camping-cars", "Création d'un sentier de randonnée",
                 "Signalétique touristique du village", "Aménagement d'un site de baignade"],
    "habitat": ["Logements communaux dans l'ancienne cure", "Revitalisation du centre-bourg",
                "Remise sur le marché de logements vacants", "Résidence pour personnes âgées"],
    "solidarite": ["Maison de santé pluriprofessionnelle", "Accueil de loisirs pour les enfants",
                   "Accessibilité des bâtiments publics", "Espace France services"],
    "numerique": ["Mise en conformité RGPD", "Cartographie des réseaux communaux", "Nouveau site internet",
                  "Tiers-lieu numérique"],
    "culture-et-patrimoine": ["Restauration de l'église", "Classement des archives communales",
                              "Réhabilitation du lavoir", "Agrandissement de la bibliothèque"],
}
SYNDICATS = ["Syndicat intercommunal des eaux de {}", "Syndicat d'assainissement de {}",
             "SIVU scolaire de {}", "Syndicat mixte de la rivière de {}", "SIVOM de {}"]
AUTRES = ["CCAS de {}", "Office de tourisme de {}", "Caisse des écoles de {}"]
PRENOMS = ["Claire", "Julien", "Nathalie", "Olivier", "Sandrine", "Thierry", "Émilie", "Bruno", "Hélène",
           "Laurent", "Agnès", "Pascal", "Céline", "Franck", "Isabelle", "Mathieu", "Sophie", "Régis"]
NOMS = ["Arnaud", "Bernard", "Chabert", "Delorme", "Faure", "Gauthier", "Jacquet", "Lambert", "Marchand",
        "Mounier", "Peyrard", "Reynaud", "Roux", "Tardieu", "Vial", "Blanc", "Brun", "Chapuis"]
FONCTIONS = [Fonction.MAIRE] * 4 + [Fonction.ADJOINT] * 2 + [Fonction.SECRETAIRE] * 3 + [Fonction.DGS]
# Who can deliver what: only these partenaires act as maître d'œuvre or maître d'ouvrage délégué.
MAITRES_D_OUVRAGE = {"dah", "epora", "sded"}


class Generateur:
    """The demandes of one year, drawn from a generator seeded by the year (the same on every run)."""

    def __init__(self, annee, ref):
        self.annee = annee
        self.ref = ref
        self.hasard = random.Random(f"bilan-demo-{annee}")

    def jour(self):
        fin = FIN_2026 if self.annee == 2026 else date(self.annee, 12, 31)
        debut = date(self.annee, 1, 2)
        return debut + timedelta(days=self.hasard.randrange((fin - debut).days + 1))

    def collectivites(self):
        """(type, commune, epci, structure) for each demande of the year, in the published proportions."""
        _total, nb_communes, demandes_communes, demandes_epci, nb_epci, syndicats, autres = ANNEES[self.annee]
        h = self.hasard
        communes = h.sample(self.ref.communes, nb_communes)
        # Each chosen commune asks once; the rest go more often to larger communes.
        poids = [1 if (c.population or 0) < 1000 else 1.6 if (c.population or 0) <= 5000 else 3 for c in communes]
        demandeuses = communes + h.choices(communes, weights=poids, k=demandes_communes - nb_communes)
        epcis = h.sample(self.ref.epcis, nb_epci)
        epcis = epcis + h.choices(epcis, k=demandes_epci - nb_epci)
        lignes = [(TypeCollectivite.COMMUNE, c, None, "") for c in demandeuses]
        lignes += [(TypeCollectivite.EPCI, None, e, "") for e in epcis]
        for modeles, nombre, type_collectivite in [(SYNDICATS, syndicats, TypeCollectivite.SYNDICAT),
                                                   (AUTRES, autres, TypeCollectivite.AUTRE)]:
            for _ in range(nombre):
                siege = h.choice(self.ref.communes)
                lignes.append((type_collectivite, siege, None, h.choice(modeles).format(siege.nom)))
        return lignes

    def statut_et_affectations(self, jour, partenaires):
        """The demande's status and its assignments [(partenaire, status, delivered prestation)]."""
        h = self.hasard
        age = (FIN_2026 - jour).days if self.annee == 2026 else 999
        if age < 14:
            voulu = h.choices([Statut.RECUE, Statut.ANALYSE], [6, 4])[0]
        elif age < 60:
            voulu = h.choices([Statut.ORIENTEE, Statut.ACCOMPAGNEMENT, Statut.ANALYSE], [5, 4, 1])[0]
        elif age < 150:
            voulu = h.choices([Statut.ACCOMPAGNEMENT, Statut.CLOSE, Statut.ORIENTEE], [5, 3, 2])[0]
        elif self.annee == 2026:
            voulu = h.choices([Statut.CLOSE, Statut.ACCOMPAGNEMENT, Statut.SANS_SUITE, Statut.REORIENTEE],
                              [70, 15, 10, 5])[0]
        else:
            voulu = h.choices([Statut.CLOSE, Statut.SANS_SUITE, Statut.REORIENTEE], [80, 12, 8])[0]
        premier, second = partenaires
        if voulu in (Statut.RECUE, Statut.ANALYSE):
            return voulu, []
        if voulu == Statut.ORIENTEE:
            return voulu, [(premier, StatutAffectation.A_TRAITER, None)]
        if voulu == Statut.ACCOMPAGNEMENT:
            return voulu, [(premier, h.choice([StatutAffectation.ACCEPTEE, StatutAffectation.EN_COURS]), None)]
        if voulu in (Statut.SANS_SUITE, Statut.REORIENTEE):
            return voulu, [(premier, StatutAffectation.DECLINEE, None)]
        affectations = [(premier, StatutAffectation.TERMINEE, self.prestation(premier))]
        if second is not None and h.random() < 0.1:
            affectations.append((second, StatutAffectation.TERMINEE, self.prestation(second)))
        return voulu, affectations

    def prestation(self, partenaire):
        possibles = ["conseil", "amo"] + (["maitrise-d-oeuvre", "maitrise-d-ouvrage-deleguee"]
                                          if partenaire.slug in MAITRES_D_OUVRAGE else [])
        poids = [45, 35, 12, 8][:len(possibles)]
        return self.ref.prestations[self.hasard.choices(possibles, poids)[0]]

    def demandes(self):
        """[(Demande unsaved, [thématiques], [(partenaire, statut, prestation)])], in date order."""
        h = self.hasard
        lignes = self.collectivites()
        jours = sorted(self.jour() for _ in lignes)
        h.shuffle(lignes)
        resultat = []
        for numero, (jour, (type_collectivite, commune, epci, structure)) in enumerate(zip(jours, lignes), 1):
            thematiques = h.choices(list(POIDS_THEMATIQUES), list(POIDS_THEMATIQUES.values()),
                                    k=1 if h.random() < 0.8 else 2)
            thematiques = [self.ref.thematiques[slug] for slug in dict.fromkeys(thematiques)]
            candidats = self.ref.partenaires_de(thematiques[0].slug)
            partenaires = h.sample(candidats, 2) if len(candidats) > 1 else [candidats[0], None]
            statut, affectations = self.statut_et_affectations(jour, partenaires)
            cree_le = timezone.make_aware(datetime.combine(jour, time(h.randint(8, 17), h.choice([0, 15, 30, 45]))))
            prenom, nom = h.choice(PRENOMS), h.choice(NOMS)
            lieu = (commune.nom if commune else epci.nom)
            demande = Demande(
                annee=self.annee, cree_le=cree_le,
                # Never after the demo's "today": the back office counts pending days from this date.
                statut_modifie_le=min(cree_le + timedelta(days=h.randint(1, 40)), FIN_DEMO),
                cle_import=f"demo-{self.annee}-{numero:04d}",
                source=(Source.HISTORIQUE if self.annee < 2025 else
                        h.choices([Source.FORMULAIRE, Source.COURRIEL, Source.TELEPHONE, Source.REUNION],
                                  [70, 15, 10, 5])[0]),
                type_collectivite=type_collectivite, commune=commune, epci=epci, nom_structure=structure,
                nom=nom, prenom=prenom, fonction=h.choice(FONCTIONS),
                email=f"{slugify(prenom)}.{slugify(nom)}@collectivite-{numero:04d}.example.org",
                telephone=f"04 75 {h.randint(10, 99)} {h.randint(10, 99)} {h.randint(10, 99)}",
                titre=h.choice(TITRES[thematiques[0].slug]),
                description=f"Projet de la collectivité ({lieu}) : nous souhaitons être accompagnés pour le "
                            f"définir, en connaître le cadre et trouver les bons interlocuteurs.",
                partenaire_destinataire=partenaires[0],
            )
            figer_territoire(demande)
            statuts = [s for _p, s, _prestation in affectations]
            demande.statut = statut_selon_affectations(statuts, statut)
            if demande.statut != statut:  # sans suite, réorientée: set by the coordination
                demande.statut, demande.statut_manuel = statut, True
            resultat.append((demande, thematiques, affectations))
        return resultat


class Referentiel:
    def __init__(self):
        self.communes = list(Commune.objects.select_related("epci").prefetch_related("cantons").order_by("insee"))
        self.epcis = list(Epci.objects.order_by("siren"))
        self.thematiques = {t.slug: t for t in Thematique.objects.all()}
        self.prestations = {p.slug: p for p in TypePrestation.objects.all()}
        partenaires = {p.slug: p for p in Partenaire.objects.all()}
        self._par_thematique = {}
        for slug, _nom, _sigle, _nature, themes, *_reste in referentiel.PARTENAIRES:
            for theme in themes:
                if slug in partenaires:
                    self._par_thematique.setdefault(theme, []).append(partenaires[slug])
        for theme, service in referentiel.SERVICES_REFERENTS.items():
            if service in partenaires and partenaires[service] not in self._par_thematique.get(theme, []):
                self._par_thematique.setdefault(theme, []).append(partenaires[service])

    def partenaires_de(self, thematique):
        return self._par_thematique[thematique]


def _affectation(demande, partenaire, statut, prestation):
    """An assignment made a few hours to days after the demande, taken on a few days later when it was (the
    bilan's « service rendu » measures these delays); seeded by the demande, so a rerun gives the same."""
    tirage = random.Random(f"{demande.cle_import}-{partenaire.pk}")
    affectee = min(demande.cree_le + timedelta(hours=tirage.uniform(2, 96)), demande.statut_modifie_le)
    prise = None
    if statut in PRISES_EN_CHARGE:
        prise = min(affectee + timedelta(hours=tirage.uniform(4, 14 * 24)), max(demande.statut_modifie_le, affectee))
    return Affectation(demande_id=demande.pk, partenaire=partenaire, statut=statut, prestation_realisee=prestation,
                       cree_le=affectee, statut_modifie_le=max(demande.statut_modifie_le, affectee),
                       prise_en_charge_le=prise)


def creer_demandes(ref):
    """Create the demo demandes not yet in the database; return how many were created."""
    deja = set(Demande.objects.filter(cle_import__startswith="demo-").values_list("cle_import", flat=True))
    creees = 0
    for annee in ANNEES:
        nouvelles = [ligne for ligne in Generateur(annee, ref).demandes() if ligne[0].cle_import not in deja]
        if not nouvelles:
            continue
        compteur, _ = CompteurReference.objects.get_or_create(annee=annee)
        for i, (demande, _t, _a) in enumerate(nouvelles, compteur.dernier_numero + 1):
            demande.reference = format_reference(annee, i)
        compteur.dernier_numero += len(nouvelles)
        compteur.save(update_fields=["dernier_numero"])
        Demande.objects.bulk_create([demande for demande, _t, _a in nouvelles], batch_size=500)
        Lien = Demande.thematiques.through
        Lien.objects.bulk_create(
            [Lien(demande_id=d.pk, thematique_id=t.pk) for d, thematiques, _a in nouvelles for t in thematiques],
            batch_size=1000,
        )
        Affectation.objects.bulk_create(
            [_affectation(d, p, s, prestation) for d, _t, affectations in nouvelles for p, s, prestation in affectations],
            batch_size=1000,
        )
        creees += len(nouvelles)
    return creees


COMMENTAIRE = (
    "<h2>Ce qu'il faut retenir</h2><p>La demande repart nettement à la hausse en 2025. Les petites communes "
    "restent les premières à solliciter l'offre : la plupart des demandes viennent de communes de moins de "
    "1 000 habitants, pour qui un premier conseil gratuit fait souvent la différence. L'aménagement des "
    "espaces publics, l'eau et l'énergie des bâtiments communaux concentrent l'essentiel des besoins.</p>"
)


@transaction.atomic
def load(stdout):
    if not Commune.objects.exists() or not Thematique.objects.exists():
        stdout.write("Bilan : référentiel territorial absent (lancez manage.py import_territoire), rien à faire.")
        return
    creees = creer_demandes(Referentiel())
    from demandes.demo import completer_suivi_demandeur

    avis = completer_suivi_demandeur()
    page = BilanPage.objects.get()  # the skeleton's (demandes/bilan/squelette.py)
    page.commentaire, page.annee_par_defaut = COMMENTAIRE, 2025
    page.save_revision().publish()
    for annee in ANNEES_PUBLIEES:
        if not BilanFige.objects.filter(annee=annee).exists():
            figer(annee)
    stdout.write(f"Bilan : {creees} demandes de démonstration créées "
                 f"({Demande.objects.filter(cle_import__startswith='demo-').count()} au total), {avis} avis de demandeurs, "
                 "page du bilan.")
