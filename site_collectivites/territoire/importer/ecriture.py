"""Writing the validated records to the database: upserts keyed by canton code, SIREN and code INSEE.

A second run updates, it never duplicates, and nothing is ever deleted: a row missing from a newer file is
kept and reported. The communes are written with bulk queries, which send no post_save signal, hence the
explicit update of the search index at the end of the import (mettre_a_jour_index).
"""

from collections import defaultdict

from django.db import models
from django.utils.text import slugify
from wagtail.search.backends import get_search_backends_with_name

from ..models import Canton, Commune, Epci
from .lecture import PSEUDO_CANTONS_VILLE, code_canton
from .rapport import CREE, INCHANGE, MIS_A_JOUR


def _appliquer(instance, valeurs, rapport):
    """Set the values that differ; return the names of the fields changed. Over-long texts are cut, with a warning."""
    modifies = []
    for nom, valeur in valeurs.items():
        longueur_max = getattr(instance._meta.get_field(nom), "max_length", None)
        if isinstance(valeur, str) and longueur_max and len(valeur) > longueur_max:
            rapport.avertir(
                f"{instance._meta.verbose_name} {instance}: {nom} de plus de {longueur_max} caractères, tronqué."
            )
            valeur = valeur[:longueur_max]
        if getattr(instance, nom) != valeur:
            setattr(instance, nom, valeur)
            modifies.append(nom)
    return modifies


def _slug_unique(nom, code, pris):
    base = slugify(nom)[:80] or code
    slug = base if base not in pris else f"{base}-{code}"
    pris.add(slug)
    return slug


def _ecrire_references(fichier, enregistrements, rapport, *, modele, cle, nature, libelle, absent, ignores=()):
    """Create or update one row of `modele` per record, identified by its `cle` field (code or SIREN).

    A record seen twice keeps its first line; a row of the database that the file no longer lists is kept
    and reported (`absent` says what that may mean), never deleted: demandes and réalisations point to it.
    """
    existants = {getattr(o, cle): o for o in modele.objects.all()}
    slugs = {o.slug for o in existants.values()}
    vus = set()
    for e in enregistrements:
        identifiant = e[cle]
        if identifiant in vus:
            rapport.avertir(
                f"{fichier.chemin.name} : {libelle} {identifiant} en double, seule la première ligne est lue.")
            continue
        vus.add(identifiant)
        valeurs = {k: v for k, v in e.items() if k != cle and k not in ignores}
        objet = existants.get(identifiant)
        if objet is None:
            objet = modele(**{cle: identifiant})
            _appliquer(objet, valeurs, rapport)
            objet.slug = _slug_unique(objet.nom, identifiant, slugs)
            objet.save()
            existants[identifiant] = objet
            rapport.noter(nature, identifiant, CREE)
            continue
        modifies = _appliquer(objet, valeurs, rapport)
        if modifies:
            objet.save(update_fields=modifies)
        rapport.noter(nature, identifiant, MIS_A_JOUR if modifies else INCHANGE)
    for identifiant in sorted(set(existants) - vus):
        rapport.avertir(
            f"{libelle[0].upper()}{libelle[1:]} {identifiant} « {existants[identifiant].nom} » absent de "
            f"{fichier.chemin.name}{absent} : conservé, à vérifier."
        )


def ecrire_cantons(fichier, enregistrements, rapport):
    _ecrire_references(fichier, enregistrements, rapport, modele=Canton, cle="code", nature="canton",
                       libelle="canton", absent="")


def ecrire_epci(fichier, enregistrements, rapport):
    _ecrire_references(fichier, enregistrements, rapport, modele=Epci, cle="siren", nature="epci",
                       libelle="EPCI", absent=" (fusion ou dissolution ?)", ignores=("membres",))


def ecrire_membres_epci(fichier, enregistrements, rapport, a_indexer):
    """Attach each commune to its EPCI from the `membres` of epci.json (after the communes are imported)."""
    epcis = {e.siren: e for e in Epci.objects.all()}
    communes = {c.insee: c for c in Commune.objects.all()}
    rattachees, modifiees = set(), []
    for e in enregistrements:
        epci = epcis.get(e["siren"])
        if epci is None:
            continue
        for insee in e["membres"]:
            commune = communes.get(insee)
            if commune is None:
                rapport.avertir(
                    f"{fichier.chemin.name} : la commune {insee}, membre de l'EPCI « {epci.nom} », n'est pas dans "
                    "le référentiel ; importez un fichier des communes plus récent."
                )
                continue
            rattachees.add(insee)
            if commune.epci_id != epci.pk:
                commune.epci = epci
                modifiees.append(commune)
                rapport.noter("commune", insee, MIS_A_JOUR)
            else:
                rapport.noter("commune", insee, INCHANGE)
    Commune.objects.bulk_update(modifiees, ["epci"], batch_size=500)
    a_indexer.update((c.insee, c) for c in modifiees)
    for insee in sorted(set(communes) - rattachees):
        rapport.avertir(
            f"Commune {insee} « {communes[insee].nom} » membre d'aucun EPCI de {fichier.chemin.name} : "
            "EPCI actuel conservé, à vérifier."
        )


def ecrire_communes(fichier, enregistrements, rapport, pseudo_cantons, codes_initiaux, a_indexer):
    """Upsert the communes of one file with bulk queries (a few queries whatever the number of rows).

    Bulk queries send no post_save signal: the communes written are collected in `a_indexer` and the search
    index is updated once at the end of the import (see mettre_a_jour_index).
    """
    communes = {c.insee: c for c in Commune.objects.select_related("epci")}
    cantons = {c.code: c for c in Canton.objects.all()}
    epcis = {e.siren: e for e in Epci.objects.all()}
    cantons_actuels = defaultdict(set)
    for insee, code in Commune.cantons.through.objects.values_list("commune__insee", "canton__code"):
        cantons_actuels[insee].add(code)

    a_creer, a_modifier, champs_modifies, nouveaux_cantons = [], [], set(), {}
    vus = set()
    for e in enregistrements:
        insee = e["insee"]
        vus.add(insee)
        commune = communes.get(insee)
        cree = commune is None
        if cree and not e["nom"]:
            rapport.avertir(f"{fichier.chemin.name} : commune {insee} inconnue et sans nom, ignorée.")
            continue
        if cree:
            commune = Commune(insee=insee)

        valeurs = {}
        if e["nom"] and (cree or e.get("nom_a_jour", True)):
            valeurs["nom"] = e["nom"]
        for cle in ("population", "codes_postaux"):
            if cle in e:
                valeurs[cle] = e[cle]
        if "epci_siren" in e:
            siren = e["epci_siren"]
            if not siren:
                valeurs["epci"] = None
            elif siren in epcis:
                valeurs["epci"] = epcis[siren]
            else:
                rapport.avertir(
                    f"{fichier.chemin.name} : commune {insee} « {e['nom']} », EPCI {siren} inconnu ; importez "
                    "d'abord le fichier des EPCI. EPCI actuel conservé."
                )
        modifies = _appliquer(commune, valeurs, rapport)
        if cree:
            a_creer.append(commune)
            communes[insee] = commune
        elif modifies:
            a_modifier.append(commune)
            champs_modifies.update(modifies)

        codes = None
        if "cantons" in e:
            codes = _cantons_a_lier(
                fichier, commune, e["cantons"], cantons, cantons_actuels[insee], rapport, pseudo_cantons
            )
            if codes is not None:
                nouveaux_cantons[insee] = codes
        if cree:
            statut = CREE
        else:
            statut = MIS_A_JOUR if (modifies or codes is not None) else INCHANGE
        rapport.noter("commune", insee, statut)

    Commune.objects.bulk_create(a_creer, batch_size=500)
    if a_modifier:
        Commune.objects.bulk_update(a_modifier, sorted(champs_modifies), batch_size=500)
    if nouveaux_cantons:
        lien = Commune.cantons.through
        ids = [communes[insee].pk for insee in nouveaux_cantons]
        lien.objects.filter(commune_id__in=ids).delete()
        lien.objects.bulk_create(
            [
                lien(commune_id=communes[insee].pk, canton_id=cantons[code].pk)
                for insee, codes in nouveaux_cantons.items()
                for code in codes
            ],
            batch_size=1000,
        )
        for insee, codes in nouveaux_cantons.items():
            cantons_actuels[insee] = set(codes)
    a_indexer.update((c.insee, c) for c in [*a_creer, *a_modifier])

    # Mergers: a commune that existed before this import and is missing from a complete listing is kept.
    for insee in sorted(codes_initiaux - vus):
        rapport.avertir(
            f"Commune {insee} « {communes[insee].nom} » absente de {fichier.chemin.name} (fusion ou changement "
            "de code ?) : conservée, à vérifier."
        )


def _cantons_a_lier(fichier, commune, codes_bruts, cantons, actuels, rapport, pseudo_cantons):
    """The commune's canton codes from the file when they differ from the current ones and can all be mapped;
    None to leave the current cantons as they are (unchanged, or a code that cannot be mapped: warning)."""
    codes = []
    conserves = ", ".join(sorted(actuels)) or "aucun"
    for brut in codes_bruts:
        brut = brut.strip()
        if not brut:
            continue
        code = code_canton(brut)
        if code in pseudo_cantons or code in PSEUDO_CANTONS_VILLE:
            rapport.avertir(
                f"Commune {commune.insee} « {commune.nom} » : le code {code} de {fichier.chemin.name} est un "
                "pseudo-canton « ville » (commune répartie entre plusieurs cantons), qui ne désigne aucun canton "
                f"réel ; cantons actuels conservés ({conserves})."
            )
            return None
        if code not in cantons:
            rapport.avertir(
                f"Commune {commune.insee} « {commune.nom} » : canton « {brut} » de {fichier.chemin.name} inconnu "
                f"(importez d'abord le fichier des cantons) ; cantons actuels conservés ({conserves})."
            )
            return None
        if code not in codes:
            codes.append(code)
    if not codes:
        rapport.avertir(
            f"Commune {commune.insee} « {commune.nom} » sans canton dans {fichier.chemin.name} ; "
            f"cantons actuels conservés ({conserves})."
        )
        return None
    return None if set(codes) == actuels else codes


def mettre_a_jour_index(communes):
    """Index the communes written by bulk queries, in one batch per search backend (what post_save would do)."""
    if not communes or not getattr(Commune, "search_auto_update", True):
        return
    for _nom, backend in get_search_backends_with_name(with_auto_update=True):
        backend.add_bulk(Commune, communes)


def signaler_communes_incompletes(rapport):
    """Warn about the communes created by this import that still lack a population, an EPCI or a canton."""
    creees = [insee for insee, statut in rapport._statuts["commune"].items() if statut == CREE]
    if not creees:
        return
    communes = Commune.objects.filter(insee__in=creees).annotate(nb_cantons=models.Count("cantons"))
    for commune in communes.order_by("insee"):
        manques = [
            libelle
            for manque, libelle in (
                (commune.population is None, "population"),
                (commune.epci_id is None, "EPCI"),
                (not commune.nb_cantons, "canton"),
            )
            if manque
        ]
        if manques:
            rapport.avertir(
                f"Commune {commune.insee} « {commune.nom} » créée sans {', '.join(manques)} : "
                "à compléter avec les autres fichiers."
            )
