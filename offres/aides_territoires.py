"""The offers as a JSON feed that aides-territoires (the State's aid platform) can import.

aides-territoires already imports the Drôme's offers from a feed of the former site; this one keeps its
shape: `{count, next, previous, results: [...]}`, paginated with `?page=N`, each record with the keys its
importer reads, and labels taken from its own vocabulary (it matches the French labels exactly).
The mapping from our vocabulary to theirs is documented in docs/catalogue.md; the labels below come from
aides-territoires' src/aids/constants.py (shared/data/aides-territoires-vocabulary.json).
The Département's financial aids (AidePage) follow the offers in the same feed, with their own record
(`enregistrement_aide`): type "Subvention", recurrence and dates from their calendar, rates from taux min/max.
"""

from django.core.paginator import Paginator
from django.utils.html import escape, strip_tags

from .models import AidePage, OffrePage
from .models.aides import FINANCEUR_DEPARTEMENT

ELEMENTS_PAR_PAGE = 50
PERIMETRE = "Drôme"

PUBLIC_COMMUNES = "Communes"
PUBLIC_INTERCOMMUNALITES = "Intercommunalités / Pays"
PUBLIC_ETABLISSEMENTS = "Établissements publics (écoles, bibliothèques…) / Services de l'État"
TYPE_INGENIERIE_TECHNIQUE = "Ingénierie technique"
TYPE_SUBVENTION = "Subvention"
RECURRENCE_PERMANENTE = "Permanente"
RECURRENCE_PONCTUELLE = "Ponctuelle"
RECURRENCE_RECURRENTE = "Récurrente"

# Our aid calendars -> aides-territoires recurrences. A dated aid of the Département comes back every year
# (e.g. files by 31 October for the next year's programme): "Récurrente"; a call for projects is a one-off.
RECURRENCES = {
    "permanent": RECURRENCE_PERMANENTE,
    "date_limite": RECURRENCE_RECURRENTE,
    "appel_a_projets": RECURRENCE_PONCTUELLE,
}

# Our bénéficiaires -> aides-territoires audiences. Syndicats are groupings of communes: aides-territoires
# files them with the intercommunalités.
PUBLICS = {
    "communes": PUBLIC_COMMUNES,
    "epci": PUBLIC_INTERCOMMUNALITES,
    "syndicats": PUBLIC_INTERCOMMUNALITES,
    "autres-organismes-publics": PUBLIC_ETABLISSEMENTS,
}

# Our thématiques (slugs) -> aides-territoires categories (sub-themes).
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

# Every label aides-territoires accepts for the keys we fill (tests check the mapping against them).
LIBELLES_PUBLICS = {
    "Communes", "Intercommunalités / Pays", "Départements", "Régions",
    "Collectivités d'outre-mer à statuts particuliers", "Associations", "Particuliers", "Agriculteurs",
    "Entreprises privées", "Entreprises publiques locales (Sem, Spl, SemOp)",
    "Établissements publics (écoles, bibliothèques…) / Services de l'État", "Recherche",
}
LIBELLES_TYPES = {
    "Subvention", "Prêt", "Avance récupérable", "Certificat d'économie d'énergie (CEE)", "Ingénierie technique",
    "Ingénierie financière", "Ingénierie Juridique / administrative", "Autre aide financière",
}
LIBELLES_RECURRENCES = {"Permanente", "Ponctuelle", "Récurrente"}
LIBELLES_CATEGORIES = {
    "Accès aux services", "Agriculture et agroalimentaire", "Alimentation", "Animation et mise en réseau",
    "Appui méthodologique", "Architecture", "Artisanat", "Arts plastiques et photographie",
    "Assainissement des eaux", "Attractivité économique", "Bibliothèques et livres", "Biodiversité",
    "Bâtiments et construction", "Cimetières et funéraire", "Citoyenneté", "Cohésion sociale et inclusion",
    "Commerces et services", "Consommation et production", "Cours d'eau / canaux / plans d'eau",
    "Culture et identité collective", "Economie circulaire", "Economie d'énergie et rénovation énergétique",
    "Economie locale et circuits courts", "Economie sociale et solidaire",
    "Education et renforcement des compétences", "Egalité des chances", "Emploi", "Espace public",
    "Espaces verts", "Famille et enfance", "Foncier", "Formation professionnelle", "Forêts", "Handicap",
    "Inclusion numérique", "Industrie", "Innovation, créativité et recherche", "International", "Jeunesse",
    "Logement et habitat", "Lutte contre la précarité", "Mers et océans", "Milieux humides",
    "Mobilité partagée", "Mobilité pour tous", "Modes actifs : vélo, marche et aménagements associés", "Musée",
    "Médias et communication", "Patrimoine et monuments historiques", "Personnes âgées", "Qualité de l'air",
    "Recyclage et valorisation des déchets", "Revitalisation", "Risques naturels",
    "Réduction de l'empreinte carbone", "Réseaux de chaleur", "Santé", "Sols", "Spectacle vivant",
    "Sports et loisirs", "Technologies numériques et numérisation", "Tiers-lieux", "Tourisme",
    "Transition énergétique", "Transports collectifs et optimisation des trafics routiers", "Énergies / Déchets",
}


def _sans_doublons(valeurs):
    return list(dict.fromkeys(valeurs))


def _html_description(offre):
    morceaux = [f"<p>{escape(offre.resume)}</p>"]
    if offre.niveau_intervention:
        morceaux.append(offre.niveau_intervention)
    if offre.operations_concernees:
        morceaux += ["<p><strong>Opérations concernées</strong></p>", offre.operations_concernees]
    return "\n".join(morceaux)


def _html_eligibilite(offre):
    beneficiaires = ", ".join(b.nom for b in offre.beneficiaires.all())
    morceaux = [
        f"<p>Bénéficiaires : {escape(beneficiaires)}.</p>",
        f"<p>Conditions : {escape(offre.get_conditions_display())}.</p>",
    ]
    if offre.modalites:
        morceaux.append(offre.modalites)
    return "\n".join(morceaux)


def _html_contact(offre):
    partenaire = offre.partenaire
    lignes = [escape(x) for x in (offre.referent_nom, offre.referent_fonction) if x]
    email = offre.referent_email or partenaire.email_contact
    if email:
        lignes.append(f'<a href="mailto:{escape(email)}">{escape(email)}</a>')
    telephone = offre.referent_telephone or partenaire.telephone
    if telephone:
        lignes.append(escape(telephone))
    lignes.append(escape(partenaire.nom))
    return "<p>" + "<br>".join(lignes) + "</p>"


def enregistrement(offre, request):
    """One offer as an aides-territoires record."""
    url = request.build_absolute_uri(offre.get_url(request))
    return {
        "id": offre.reference,
        "slug": offre.slug,
        "name": offre.title,
        "short_title": offre.partenaire.nom_court,
        "description": _html_description(offre),
        "eligibility": _html_eligibilite(offre),
        "origin_url": url,
        "application_url": url,
        "targeted_audiences": _sans_doublons(
            PUBLICS[b.slug] for b in offre.beneficiaires.all() if b.slug in PUBLICS
        ),
        "aid_types": [TYPE_INGENIERIE_TECHNIQUE],
        "categories": _sans_doublons(c for t in offre.thematiques.all() for c in CATEGORIES.get(t.slug, [])),
        "recurrence": RECURRENCE_PERMANENTE,
        "is_call_for_project": False,
        "perimeter": PERIMETRE,
        "financers": [offre.partenaire.nom],
        "contact": _html_contact(offre),
        "start_date": None,
        "predeposit_date": None,
        "submission_deadline": None,
        "date_created": offre.first_published_at.isoformat() if offre.first_published_at else None,
        "date_updated": offre.last_published_at.isoformat() if offre.last_published_at else None,
        "subvention_rate": None,
        "subvention_rate_lower_bound": None,
        "subvention_rate_upper_bound": None,
        "keywords": [t.nom for t in offre.thematiques.all()],
        "text_summary": strip_tags(offre.resume),
    }


def _iso(date):
    return date.isoformat() if date else None


def _html_sections(aide, champs):
    morceaux = []
    for champ, titre in champs:
        texte = getattr(aide, champ)
        if texte:
            morceaux += [f"<p><strong>{escape(titre)}</strong></p>", texte]
    return morceaux


def reference_aide(aide):
    """Stable id of an aid in the feed: its page id never changes and is never given again."""
    return f"AIDE-{aide.pk:04d}"


def enregistrement_aide(aide, request):
    """One financial aid of the Département as an aides-territoires record (same keys as the offers)."""
    url = request.build_absolute_uri(aide.get_url(request))
    beneficiaires = list(aide.beneficiaires.all())
    thematiques = list(aide.thematiques.all())
    description = [f"<p>{escape(aide.resume)}</p>"] + _html_sections(
        aide, [("objectifs", "Objectifs"), ("operations_eligibles", "Opérations éligibles"),
               ("montant_taux", "Montant / taux de l'aide")]
    )
    eligibilite = [f"<p>Bénéficiaires : {escape(', '.join(b.nom for b in beneficiaires))}.</p>"] + _html_sections(
        aide, [("beneficiaires_details", "Bénéficiaires"), ("exclusions", "Exclusions"),
               ("depenses_subventionnables", "Dépenses subventionnables")]
    )
    bas, haut = aide.taux_min, aide.taux_max
    return {
        "id": reference_aide(aide),
        "slug": aide.slug,
        "name": aide.title,
        "short_title": FINANCEUR_DEPARTEMENT,
        "description": "\n".join(description),
        "eligibility": "\n".join(eligibilite),
        "origin_url": url,
        # Applications go through Drôme Démat' when the sheet names it, else the sheet itself.
        "application_url": aide.demat_url or url,
        "targeted_audiences": _sans_doublons(PUBLICS[b.slug] for b in beneficiaires if b.slug in PUBLICS),
        "aid_types": [TYPE_SUBVENTION],
        "categories": _sans_doublons(c for t in thematiques for c in CATEGORIES.get(t.slug, [])),
        "recurrence": RECURRENCES.get(aide.calendrier, RECURRENCE_PERMANENTE),
        "is_call_for_project": aide.calendrier == "appel_a_projets",
        "perimeter": PERIMETRE,
        "financers": [FINANCEUR_DEPARTEMENT],
        "contact": aide.service_instructeur or f"<p>{escape(FINANCEUR_DEPARTEMENT)}</p>",
        "start_date": _iso(aide.date_ouverture),
        "predeposit_date": None,
        "submission_deadline": _iso(aide.echeance),
        "date_created": aide.first_published_at.isoformat() if aide.first_published_at else None,
        "date_updated": aide.last_published_at.isoformat() if aide.last_published_at else None,
        # aides-territoires stores the rate as a range: [lower, upper] (a single rate gives both bounds).
        "subvention_rate": [bas if bas is not None else haut, haut if haut is not None else bas]
        if bas is not None or haut is not None else None,
        "subvention_rate_lower_bound": bas if bas is not None else haut,
        "subvention_rate_upper_bound": haut if haut is not None else bas,
        "keywords": [t.nom for t in thematiques],
        "text_summary": strip_tags(aide.resume),
    }


def aides_du_flux():
    """Every live public aid, in the order of their ids (stable pages for the importer)."""
    return (
        AidePage.objects.live().public()
        .prefetch_related("thematiques", "beneficiaires")
        .defer_streamfields()
        .order_by("pk")
    )


class Concatenation:
    """Offers then aids as one sequence the Paginator can slice, one query per list and page."""

    def __init__(self, *querysets):
        self.querysets = querysets
        self._nombres = None

    def nombres(self):
        if self._nombres is None:
            self._nombres = [qs.count() for qs in self.querysets]
        return self._nombres

    def count(self):
        return sum(self.nombres())

    def __len__(self):
        return self.count()

    def __getitem__(self, tranche):
        debut, fin = tranche.start or 0, tranche.stop
        elements = []
        for qs, nombre in zip(self.querysets, self.nombres()):
            if fin > debut and debut < nombre:
                elements += list(qs[debut:min(fin, nombre)])
            debut, fin = max(0, debut - nombre), max(0, fin - nombre)
        return elements


def offres_du_flux():
    """Every live public offer, in the order of their numbers (stable pages for the importer)."""
    return (
        OffrePage.objects.live().public()
        .select_related("partenaire")
        .prefetch_related("thematiques", "beneficiaires")
        .defer_streamfields()
        .order_by("identifiant_id", "pk")
    )


def flux(request, offres=None, aides=None):
    """The paginated feed: {count, next, previous, results}, offers first, then aids.

    A bad page number gives page 1 or the last.
    """
    offres = offres if offres is not None else offres_du_flux()
    aides = aides if aides is not None else aides_du_flux()
    paginator = Paginator(Concatenation(offres, aides), ELEMENTS_PAR_PAGE)
    page = paginator.get_page(request.GET.get("page"))

    def lien(numero):
        return request.build_absolute_uri(f"{request.path}?page={numero}")

    return {
        "count": paginator.count,
        "next": lien(page.next_page_number()) if page.has_next() else None,
        "previous": lien(page.previous_page_number()) if page.has_previous() else None,
        "results": [
            enregistrement_aide(element, request) if isinstance(element, AidePage) else enregistrement(element, request)
            for element in page.object_list
        ],
    }
