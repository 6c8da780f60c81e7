"""The offers and aids as the JSON feed aides-territoires (the State's aid platform) imports.

aides-territoires imports the Drôme's feed with a command of its own (`at:import_flux:cddr`,
src/Command/ImportFlux/ImportFluxDepartementDromeCommand.php on ImportFluxCommand.php of
MTES-MCT/aides-territoires-symfony; docs/catalogue.md says what it reads and ignores). Its rules shape this module:

- one GET and the `results` of that one response: every record is in it, `next` is null (paging is an option,
  `?page=N`, that the importer never asks for);
- a record is keyed on "CDDr_" + `id`: the page's stored « identifiant aides-territoires » (models/identifiants.py);
- audiences, categories, aid types and recurrence are matched by name against its tables, an unknown name dropped
  without a word: every name sent comes from offres/data/aides_territoires_vocabulaire.json, the names its tables
  hold, with their source;
- it never reads `eligibility`: it cuts it out of `description`, from the first « Opérations éligibles » up to the
  next « Type d ». So the description carries those two markers as plain text between blocks, the eligibility
  between them, and the same words inside an editor's text are written with a no-break space (invisible to a
  reader, not matched by the importer), so that the cut falls where we put it and keeps well-formed HTML;
- the contact is read from `contact`.
Only live, public pages, and only aids whose deadline has not passed.
"""

import html as html_texte
import json
import re
from pathlib import Path

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from site_collectivites.exploitation.adresse_publique import url_publique

from . import statut_aides
from .models import AidePage, OffrePage
from .models.aides import FINANCEUR_DEPARTEMENT

VOCABULAIRE = json.loads((Path(__file__).parent / "data" / "aides_territoires_vocabulaire.json").read_text())
LIBELLES_PUBLICS = set(VOCABULAIRE["audiences"]["names"])
LIBELLES_CATEGORIES = set(VOCABULAIRE["categories"]["names"])
LIBELLES_TYPES = set(VOCABULAIRE["aid_types"]["names"])
LIBELLES_RECURRENCES = set(VOCABULAIRE["recurrences"]["names"])

PERIMETRE = "Drôme"
ELEMENTS_PAR_PAGE = 50  # only with ?page=N
ELEMENTS_PAR_PAGE_MAX = 1000

PUBLIC_COMMUNE = "Commune"
PUBLIC_INTERCOMMUNALITE = "Intercommunalité / Pays"
PUBLIC_ETABLISSEMENT_PUBLIC = "Etablissement public dont services de l'Etat"
TYPE_INGENIERIE_TECHNIQUE = "Ingénierie technique"
TYPE_SUBVENTION = "Subvention"
RECURRENCE_PERMANENTE = "Permanente"
RECURRENCE_PONCTUELLE = "Ponctuelle"
RECURRENCE_RECURRENTE = "Récurrente"

# Our aid calendars -> recurrences. A dated aid of the Département comes back every year (e.g. files by 31 October
# for the next year's programme): "Récurrente"; a call for projects is a one-off.
RECURRENCES = {
    statut_aides.PERMANENT: RECURRENCE_PERMANENTE,
    statut_aides.DATE_LIMITE: RECURRENCE_RECURRENTE,
    statut_aides.APPEL_A_PROJETS: RECURRENCE_PONCTUELLE,
}

# Our bénéficiaires -> audiences. Syndicats are groupings of communes: aides-territoires files them with the
# intercommunalités. The importer's own rewrite of « Établissements publics (écoles, bibliothèques…) » leads to a
# name its table no longer has: the public bodies' current name is sent as it is.
PUBLICS = {
    "communes": PUBLIC_COMMUNE,
    "epci": PUBLIC_INTERCOMMUNALITE,
    "syndicats": PUBLIC_INTERCOMMUNALITE,
    "autres-organismes-publics": PUBLIC_ETABLISSEMENT_PUBLIC,
}

# Our thématiques (slugs) -> categories (aides-territoires' sub-themes). A new thématique needs a line here.
CATEGORIES = {
    "energie": ["Economie d'énergie et rénovation énergétique", "Transition énergétique"],
    "eau-et-environnement": ["Assainissement des eaux", "Cours d'eau / canaux / plans d'eau", "Biodiversité"],
    "alimentation-et-commerce": ["Alimentation", "Economie locale et circuits courts", "Commerces et services"],
    "amenagement": ["Espace public", "Foncier", "Bâtiments et construction"],
    "tourisme": ["Tourisme"],
    "habitat": ["Logement et habitat", "Revitalisation"],
    "solidarite": ["Cohésion sociale et inclusion", "Personnes âgées", "Famille et enfance"],
    "numerique": ["Technologies numériques et numérisation", "Inclusion numérique"],
    "culture-et-patrimoine": ["Patrimoine et monuments historiques", "Culture et identité collective",
                              "Bibliothèques et livres"],
}

# What the importer searches in `description` (case-sensitive, byte for byte): where the eligibility starts, where
# it ends (« Type d »), and where the description ends and the contact starts when `contact` is empty.
DEBUT_ELIGIBILITE = "Opérations éligibles"
FIN_ELIGIBILITE = "Type d'aide"
REPERES = ("Opérations éligibles", "Type d", "Service Instructeur et Référent")


def neutraliser(html):
    """The importer's markers inside an editor's text written with a no-break space: « Type de travaux » in a list
    of eligible operations would otherwise end the eligibility there."""
    for repere in REPERES:
        html = html.replace(repere, repere.replace(" ", "&nbsp;", 1))
    return html


_LIEN_RELATIF = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')


def developper(fragments):
    """Editors' rich text (as stored) -> HTML for a reader elsewhere: page and document links resolved and absolute
    on SITE_URL. All the feed's fragments in one go: Wagtail reads the linked pages and documents with one query per
    kind, whatever the number of records. The fragments are joined with an HTML comment, which rich text never holds
    and which Wagtail's rewriter leaves as it is."""
    separateur = "<!--fragment-du-flux-->"
    html = expand_db_html(separateur.join(fragments))
    html = _LIEN_RELATIF.sub(lambda m: f'{m.group(1)}{url_publique(m.group(2))}"', html)
    return html.split(separateur)


class Textes:
    """The rich text of every record, expanded at the end in one go (developper): `riche(html)` stands for it
    with a placeholder until `remplir(records)`."""

    _MARQUE = re.compile("\x00(\\d+)\x00")

    def __init__(self):
        self.fragments = []

    def riche(self, html):
        self.fragments.append(neutraliser(html or ""))
        return f"\x00{len(self.fragments) - 1}\x00"

    def remplir(self, enregistrements):
        rendus = developper(self.fragments) if self.fragments else []
        for enregistrement in enregistrements:
            for cle, valeur in enregistrement.items():
                if isinstance(valeur, str) and "\x00" in valeur:
                    enregistrement[cle] = self._MARQUE.sub(lambda m: rendus[int(m.group(1))], valeur)
        return enregistrements


def texte(valeur):
    """Plain text in HTML: quotes are left as they are (« l'année », not « l&#x27;année »)."""
    return html_texte.escape(valeur, quote=False)


def paragraphe(valeur):
    return f"<p>{neutraliser(texte(valeur))}</p>"


def section(textes, titre, html):
    """A titled part of a sheet inside the description (nothing when the editor left it empty)."""
    if not html:
        return []
    return [f"<p><strong>{texte(titre)}</strong></p>", textes.riche(html)]


def description(avant, eligibilite, type_aide, apres):
    """The description the importer cuts: what comes before, « Opérations éligibles », the eligibility, « Type
    d'aide », the aid's type, what comes after. The two markers are plain text between blocks (not in a heading):
    the importer keeps from the first marker's first letter to just before the second's, so any element around
    them would be left half open."""
    return "\n".join([*avant, DEBUT_ELIGIBILITE, *eligibilite, FIN_ELIGIBILITE, *type_aide, *apres])


def _sans_doublons(valeurs):
    return list(dict.fromkeys(valeurs))


def publics(beneficiaires):
    return _sans_doublons(PUBLICS[b.slug] for b in beneficiaires if b.slug in PUBLICS)


def categories(thematiques):
    return _sans_doublons(c for t in thematiques for c in CATEGORIES.get(t.slug, []))


def _iso(valeur):
    return valeur.isoformat() if valeur else None


def _contact_offre(offre):
    partenaire = offre.partenaire
    lignes = [texte(x) for x in (offre.referent_nom, offre.referent_fonction) if x]
    email = offre.referent_email or partenaire.email_contact
    if email:
        lignes.append(f'<a href="mailto:{html_texte.escape(email)}">{texte(email)}</a>')
    telephone = offre.referent_telephone or partenaire.telephone
    if telephone:
        lignes.append(texte(telephone))
    lignes.append(texte(partenaire.nom))
    return "<p>" + "<br>".join(lignes) + "</p>"


def enregistrement(offre, textes):
    """One offer as a record (its rich text as placeholders: Textes.remplir)."""
    url = offre.get_full_url()
    beneficiaires = list(offre.beneficiaires.all())
    thematiques = list(offre.thematiques.all())
    types = ", ".join(t.nom for t in offre.types_prestation.all())
    eligibilite = [
        textes.riche(offre.operations_concernees) if offre.operations_concernees else "",
        paragraphe(f"Bénéficiaires : {', '.join(b.nom for b in beneficiaires)}."),
        paragraphe(f"Conditions : {offre.get_conditions_display()}."),
        *section(textes, "Modalités", offre.modalites),
    ]
    eligibilite = [x for x in eligibilite if x]
    return {
        "id": offre.identifiant_aides_territoires,
        "slug": offre.slug,
        "name": offre.title,
        "short_title": offre.partenaire.nom_court,
        "description": description(
            avant=[paragraphe(offre.resume), *section(textes, "Niveau d'intervention", offre.niveau_intervention)],
            eligibilite=eligibilite,
            type_aide=[paragraphe(f"{TYPE_INGENIERIE_TECHNIQUE}" + (f" ({types})" if types else "")
                                  + f", par {offre.partenaire.nom}.")],
            apres=section(textes, "Informations complémentaires", offre.informations_complementaires),
        ),
        # Not read by the importer (it cuts the eligibility out of the description): the same part, for others.
        "eligibility": "\n".join([DEBUT_ELIGIBILITE, *eligibilite]),
        "origin_url": url,
        "application_url": url,
        "targeted_audiences": publics(beneficiaires),
        "aid_types": [TYPE_INGENIERIE_TECHNIQUE],
        "categories": categories(thematiques),
        "recurrence": RECURRENCE_PERMANENTE,
        "is_call_for_project": False,
        "perimeter": PERIMETRE,
        "financers": [offre.partenaire.nom],
        "contact": _contact_offre(offre),
        "start_date": None,
        "predeposit_date": None,
        "submission_deadline": None,
        "date_created": _iso(offre.first_published_at),
        "date_updated": _iso(offre.last_published_at),
        "subvention_rate": None,
        "subvention_rate_lower_bound": None,
        "subvention_rate_upper_bound": None,
        "keywords": [t.nom for t in thematiques],
        "text_summary": strip_tags(offre.resume),
    }


def calendrier(aide):
    """The aid's calendar as a sentence of its eligibility."""
    if aide.calendrier == statut_aides.DATE_LIMITE and aide.date_limite:
        return f"Date limite de dépôt : {date_format(aide.date_limite, 'j F Y')}."
    if aide.calendrier == statut_aides.APPEL_A_PROJETS and aide.date_ouverture and aide.date_cloture:
        return (f"Appel à projets ouvert du {date_format(aide.date_ouverture, 'j F Y')} "
                f"au {date_format(aide.date_cloture, 'j F Y')}.")
    return "Dépôt des dossiers toute l'année."


def enregistrement_aide(aide, textes):
    """One financial aid of the Département as a record (same keys as the offers)."""
    url = aide.get_full_url()
    beneficiaires = list(aide.beneficiaires.all())
    thematiques = list(aide.thematiques.all())
    eligibilite = [
        textes.riche(aide.operations_eligibles) if aide.operations_eligibles else "",
        *section(textes, "Exclusions", aide.exclusions),
        paragraphe(f"Bénéficiaires : {', '.join(b.nom for b in beneficiaires)}.") if beneficiaires else "",
        textes.riche(aide.beneficiaires_details) if aide.beneficiaires_details else "",
        *section(textes, "Dépenses subventionnables", aide.depenses_subventionnables),
        paragraphe(calendrier(aide)),
    ]
    eligibilite = [x for x in eligibilite if x]
    apres = [part for champ, titre in (("montant_taux", "Montant / taux de l'aide"),
                                       ("pieces_dossier", "Pièces constitutives du dossier"),
                                       ("instruction", "Instruction des dossiers"), ("versement", "Versement"),
                                       ("bases_reglementaires", "Bases réglementaires"))
             for part in section(textes, titre, getattr(aide, champ))]
    bas, haut = aide.taux_min, aide.taux_max
    return {
        "id": aide.identifiant_aides_territoires,
        "slug": aide.slug,
        "name": aide.title,
        "short_title": FINANCEUR_DEPARTEMENT,
        "description": description(
            avant=[paragraphe(aide.resume), *section(textes, "Objectifs", aide.objectifs)],
            eligibilite=eligibilite,
            type_aide=[textes.riche(aide.type_aide) if aide.type_aide else paragraphe(f"{TYPE_SUBVENTION}.")],
            apres=apres,
        ),
        "eligibility": "\n".join([DEBUT_ELIGIBILITE, *eligibilite]),
        "origin_url": url,
        # Applications go through Drôme Démat' when the sheet names it, else the sheet itself.
        "application_url": aide.demat_url or url,
        "targeted_audiences": publics(beneficiaires),
        "aid_types": [TYPE_SUBVENTION],
        "categories": categories(thematiques),
        "recurrence": RECURRENCES.get(aide.calendrier, RECURRENCE_PERMANENTE),
        "is_call_for_project": aide.calendrier == statut_aides.APPEL_A_PROJETS,
        "perimeter": PERIMETRE,
        "financers": [FINANCEUR_DEPARTEMENT],
        "contact": textes.riche(aide.service_instructeur) if aide.service_instructeur
        else paragraphe(FINANCEUR_DEPARTEMENT),
        "start_date": _iso(aide.date_ouverture),
        "predeposit_date": None,
        "submission_deadline": _iso(aide.echeance),
        "date_created": _iso(aide.first_published_at),
        "date_updated": _iso(aide.last_published_at),
        # Not read by the importer; kept for other readers: [lower, upper] (a single rate gives both bounds).
        "subvention_rate": [bas if bas is not None else haut, haut if haut is not None else bas]
        if bas is not None or haut is not None else None,
        "subvention_rate_lower_bound": bas if bas is not None else haut,
        "subvention_rate_upper_bound": haut if haut is not None else bas,
        "keywords": [t.nom for t in thematiques],
        "text_summary": strip_tags(aide.resume),
    }


def hors_des_sections_non_publiees(pages):
    """Without the pages under an unpublished page (a live aid in an unpublished listing is no published aid)."""
    chemins = Page.objects.filter(live=False, numchild__gt=0).values_list("path", flat=True)
    for chemin in chemins:
        pages = pages.exclude(path__startswith=chemin)
    return pages


def offres_du_flux():
    """Every live public offer, in the order of their numbers (a stable order for readers)."""
    return hors_des_sections_non_publiees(
        OffrePage.objects.live().public()
        .select_related("partenaire")
        .prefetch_related("thematiques", "beneficiaires", "types_prestation")
        .defer_streamfields()
        .order_by("identifiant_id", "pk")
    )


def aides_du_flux(today=None):
    """Every live public aid still open or to come (none whose deadline has passed), in the order of their ids."""
    today = today or timezone.localdate()
    return hors_des_sections_non_publiees(
        AidePage.objects.live().public()
        .exclude(statut_aides.q_statut(statut_aides.CLOTUREE, today))
        .prefetch_related("thematiques", "beneficiaires")
        .defer_streamfields()
        .order_by("pk")
    )


def _entier(valeur, defaut, minimum, maximum):
    try:
        return min(max(int(valeur), minimum), maximum)
    except (TypeError, ValueError):
        return defaut


def flux(request, offres=None, aides=None):
    """{count, next, previous, results}: every offer then every aid, in one response.

    `?page=N` (and `&par_page=M`, 50 by default) asks for one page instead: for a reader that wants pages; the
    importer never does. A bad page number gives the first or the last page."""
    offres = list(offres if offres is not None else offres_du_flux())
    aides = list(aides if aides is not None else aides_du_flux())
    elements = offres + aides
    suivante = precedente = None
    if "page" in request.GET:
        par_page = _entier(request.GET.get("par_page"), ELEMENTS_PAR_PAGE, 1, ELEMENTS_PAR_PAGE_MAX)
        nombre_de_pages = max(1, -(-len(elements) // par_page))
        numero = _entier(request.GET.get("page"), 1, 1, nombre_de_pages)

        def lien(n):
            return url_publique(f"{request.path}?page={n}&par_page={par_page}")

        suivante = lien(numero + 1) if numero < nombre_de_pages else None
        precedente = lien(numero - 1) if numero > 1 else None
        elements = elements[(numero - 1) * par_page:numero * par_page]
    textes = Textes()
    resultats = [
        enregistrement_aide(e, textes) if isinstance(e, AidePage) else enregistrement(e, textes) for e in elements
    ]
    return {"count": len(offres) + len(aides), "next": suivante, "previous": precedente,
            "results": textes.remplir(resultats)}
