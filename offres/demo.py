"""Demo content of the catalogue: offers, aids and réalisations in the sections the skeleton made
(offres/squelette.py). Idempotent."""

from django.db import transaction

from django.utils import timezone

from site_collectivites.demo.images import DESCRIPTIONS, get_or_create_image
from site_collectivites.demo.utils import get_or_create_document, home_page, stream, upsert_page
from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation

from .demo_aides import AIDES, AIDES_ETAT, REALISATIONS
from .demo_offres import OFFRES
from .models import (
    AideEtat,
    AideIndexPage,
    AidePage,
    Beneficiaire,
    OffreIndexPage,
    OffrePage,
    RealisationIndexPage,
    RealisationPage,
)

DOCUMENTS = {
    "fauchage-raisonne": (
        "Dépliant – le fauchage raisonné des routes départementales",
        ["Pourquoi faucher plus tard et moins souvent ?", "Sécurité d'abord : une passe de sécurité au printemps.",
         "Biodiversité : les fleurs et les insectes profitent des bords de route."],
    ),
    "archives-communales": (
        "Archives communales – nouvelles règles d'archivage",
        ["Ce qui change pour les communes.", "Les outils mis à disposition par les Archives départementales."],
    ),
}


def _html_liste(items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else ""


def _html(texte):
    return f"<p>{texte}</p>" if texte else ""


@transaction.atomic
def load(stdout=None):
    home = home_page()
    catalogue = OffreIndexPage.objects.child_of(home).get()
    partenaires = {p.slug: p for p in Partenaire.objects.all()}
    thematiques = {t.slug: t for t in Thematique.objects.all()}
    types = {t.slug: t for t in TypePrestation.objects.all()}
    beneficiaires = {b.slug: b for b in Beneficiaire.objects.all()}
    for donnees in OFFRES:
        partenaire = partenaires[donnees["partenaire"]]
        documents = ""
        if donnees["slug"] in DOCUMENTS:
            titre, lignes = DOCUMENTS[donnees["slug"]]
            document = get_or_create_document(titre, lignes)
            documents = stream(("documents", {"titre": "Documents à télécharger", "documents": [document.pk]}))
        upsert_page(
            catalogue, OffrePage, donnees["slug"],
            title=donnees["titre"],
            partenaire=partenaire,
            thematiques=[thematiques[s] for s in donnees["thematiques"]],
            types_prestation=[types[s] for s in donnees["types"]],
            beneficiaires=[beneficiaires[s] for s in donnees["beneficiaires"]],
            conditions=donnees["conditions"],
            resume=donnees["resume"],
            operations_concernees=_html_liste(donnees["operations"]),
            niveau_intervention=_html(donnees["niveau"]),
            modalites=_html(donnees["modalites"]),
            informations_complementaires=_html(donnees["infos"]),
            referent_nom=partenaire.nom_court,
            referent_fonction="Accueil des collectivités",
            # The partner's address (site_collectivites/demo/socle.py), none for an external partner.
            referent_email=partenaire.email_contact,
            documents=documents,
        )
    if stdout:
        stdout.write(f"Offres : {len(OFFRES)} offres.")
    charger_aides(home, thematiques, beneficiaires, stdout)
    charger_realisations(home, thematiques, types, partenaires, stdout)


def charger_aides(home, thematiques, beneficiaires, stdout=None):
    index = AideIndexPage.objects.child_of(home).get()
    for donnees in AIDES:
        champs = dict(donnees)
        slug = champs.pop("slug")
        champs["thematiques"] = [thematiques[t] for t in champs["thematiques"]]
        champs["beneficiaires"] = [beneficiaires[b] for b in champs["beneficiaires"]]
        upsert_page(index, AidePage, slug, **champs)
    maintenant = timezone.now()
    for identifiant, nom, url, financeurs, date_limite, slugs in AIDES_ETAT:
        aide, _ = AideEtat.objects.update_or_create(
            identifiant=identifiant,
            defaults={"nom": nom, "url": url, "financeurs": financeurs, "date_limite": date_limite,
                      "importe_le": maintenant},
        )
        aide.thematiques.set([thematiques[s] for s in slugs])
    if stdout:
        stdout.write(f"Aides : {len(AIDES)} aides du Département, {len(AIDES_ETAT)} aides de l'État (liens).")


def charger_realisations(home, thematiques, types, partenaires, stdout=None):
    from site_collectivites.territoire.models import Commune, Epci

    index = RealisationIndexPage.objects.child_of(home).get()
    communes = {c.insee: c for c in Commune.objects.filter(insee__in=[r[3] for r in REALISATIONS])}
    epcis = {e.siren: e for e in Epci.objects.filter(siren__in=[r[3] for r in REALISATIONS])}
    offres = {o.slug: o for o in OffrePage.objects.all()}
    nombre = 0
    for rang, (slug, titre, type_mo, code, syndicat, annee, thems, typs, parts, offs, budget, resume, texte,
               temoignage, fonction, style) in enumerate(REALISATIONS):
        commune, epci = communes.get(code), epcis.get(code)
        if commune is None and epci is None:
            continue  # territory reference not imported (manage.py import_territoire)
        image = get_or_create_image(f"Réalisation – {titre}", style, DESCRIPTIONS[style], seed=rang)
        upsert_page(
            index, RealisationPage, slug,
            title=titre, resume=resume, type_maitre_ouvrage=type_mo, commune=commune, epci=epci,
            syndicat_nom=syndicat, annee=annee, budget=budget,
            thematiques=[thematiques[t] for t in thems], types_prestation=[types[t] for t in typs],
            partenaires=[partenaires[p] for p in parts], offres=[offres[o] for o in offs if o in offres],
            corps=stream(("texte", f"<p>{texte}</p>")),
            galerie=stream(("image", {"image": image.pk, "decorative": False, "alt_text": DESCRIPTIONS[style]})),
            temoignage=temoignage, temoignage_nom="Un élu de la commune" if temoignage else "",
            temoignage_fonction=fonction, mise_en_avant=rang < 3,
        )
        nombre += 1
    if stdout:
        stdout.write(f"Réalisations : {nombre} réalisations (illustratives).")
