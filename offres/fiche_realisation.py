"""What a réalisation's page shows of its relations: thématiques, types of help, partners, offers, cantons.

The page's links come in one query and are resolved in tables shared per generation (site_collectivites/
liens.py); here, those of the offers (`services.offres_publiques`: publishing bumps the generation) and the
cantons of each commune (saving a commune or canton does; the territory import bumps it itself).
"""

from dataclasses import dataclass

from site_collectivites.cache import liens, par_generation
from site_collectivites.territoire.models import Commune


@dataclass(frozen=True)
class PartenaireCite:
    nom: str
    url: str | None  # its page on the partners page, if there is one


def contexte(realisation, request):
    """The template's thematiques, types_prestation, partenaires and offres_mobilisees."""
    from offres import services

    ids = liens.ids_lies(realisation, ("thematiques", "types_prestation", "partenaires", "offres"), request)
    modele = type(realisation)
    return {
        "thematiques": liens.objets(modele, "thematiques", ids["thematiques"]),
        "types_prestation": liens.objets(modele, "types_prestation", ids["types_prestation"]),
        # The partners are shared by every request of this process: the URL goes into a new object.
        "partenaires": [PartenaireCite(p.nom, services.url_partenaire(p, request))
                        for p in liens.objets(modele, "partenaires", ids["partenaires"])],
        "offres_mobilisees": liens.dans_l_ordre(ids["offres"], services.offres_publiques().par_pk),
    }


def cantons_par_commune():
    """{commune pk: [its cantons, by code]}, per generation (three towns lie in several cantons)."""
    def calculer():
        cantons = {}
        for lien in Commune.cantons.through.objects.select_related("canton").order_by("canton__code"):
            cantons.setdefault(lien.commune_id, []).append(lien.canton)
        return cantons

    return par_generation.valeur(par_generation.cle("cantons-par-commune"), calculer)
