"""What a réalisation's page shows of its relations: thématiques, types of help, partners, offers, cantons.

Read one by one, they were five queries (one per relation and the commune's cantons), whose SQL Django
compiled anew at each view: more time than PostgreSQL spent running them, and a third of the page. Here the
page's own links come in one query (a UNION of the four link tables, only ids), and each id is resolved in
tables shared by every réalisation and kept per generation of the page cache: the thématiques, types and
partners (snippets: a change bumps the generation), the live public offers (publishing does), the cantons
of each commune (saving a commune or canton does; the territory import bumps it itself).
"""

from dataclasses import dataclass

from django.db.models import Value

from site_collectivites import par_generation
from site_collectivites.taxonomie.models import Partenaire, Thematique, TypePrestation
from site_collectivites.territoire.models import Commune

RELATIONS = ("thematiques", "types_prestation", "partenaires", "offres")
MODELES = {"thematiques": Thematique, "types_prestation": TypePrestation, "partenaires": Partenaire}


@dataclass(frozen=True)
class PartenaireCite:
    nom: str
    url: str | None  # its page on the partners page, if there is one


@dataclass(frozen=True)
class OffreMobilisee:
    title: str
    url: str
    partenaire: str  # the partner's short name


def contexte(realisation, request):
    """The template's thematiques, types_prestation, partenaires and offres_mobilisees."""
    from offres import services

    ids = ids_lies(realisation, request)
    contexte = {nom: _dans_l_ordre(ids[nom], instances(modele)) for nom, modele in MODELES.items()}
    # The instances are shared by every request of this process: the URL goes into a new object.
    contexte["partenaires"] = [PartenaireCite(p.nom, services.url_partenaire(p, request))
                               for p in contexte["partenaires"]]
    contexte["offres_mobilisees"] = _dans_l_ordre(ids["offres"], offres_publiques())
    return contexte


def ids_lies(realisation, request=None):
    """{relation: ids} for the four many-to-many relations of `realisation`, in one query."""
    if getattr(request, "is_preview", False) or realisation.pk is None:
        # A preview shows the editor's unsaved choices, held by the instance itself (modelcluster).
        return {nom: [objet.pk for objet in getattr(realisation, nom).all()] for nom in RELATIONS}
    requetes = []
    for nom in RELATIONS:
        champ = type(realisation)._meta.get_field(nom)
        liens = champ.remote_field.through.objects.filter(**{champ.m2m_field_name(): realisation.pk})
        requetes.append(liens.annotate(relation=Value(nom)).values_list("relation", champ.m2m_reverse_field_name()))
    ids = {nom: [] for nom in RELATIONS}
    for nom, pk in requetes[0].union(*requetes[1:], all=True):
        ids[nom].append(pk)
    return ids


def _dans_l_ordre(ids, table):
    """The objects of `table` ({pk: (position, object)}) with these ids, in the table's order; ids missing from
    it (an offer unpublished or made private) are left out."""
    trouves = sorted(table[pk] for pk in ids if pk in table)
    return [objet for _position, objet in trouves]


def instances(modele):
    """{pk: (position, instance)} of a small table in its default order, per generation."""
    def calculer():
        return {objet.pk: (i, objet) for i, objet in enumerate(modele.objects.all())}

    return par_generation.valeur(par_generation.cle("instances", modele._meta.label_lower), calculer)


def offres_publiques():
    """{pk: (position, OffreMobilisee)} of every live public offer, by title, per generation."""
    from offres.models import OffrePage

    def calculer():
        offres = (par_generation.publiques(OffrePage.objects.live()).select_related("partenaire")
                  .only("title", "url_path", "partenaire__nom", "partenaire__sigle").order_by("title", "pk"))
        return {offre.pk: (i, OffreMobilisee(offre.title, offre.get_url(), offre.partenaire.nom_court))
                for i, offre in enumerate(offres)}

    return par_generation.valeur(par_generation.cle("offres-publiques"), calculer)


def cantons_par_commune():
    """{commune pk: [its cantons, by code]}, per generation (three towns lie in several cantons)."""
    def calculer():
        cantons = {}
        liens = Commune.cantons.through.objects.select_related("canton").order_by("canton__code")
        for lien in liens:
            cantons.setdefault(lien.commune_id, []).append(lien.canton)
        return cantons

    return par_generation.valeur(par_generation.cle("cantons-par-commune"), calculer)
