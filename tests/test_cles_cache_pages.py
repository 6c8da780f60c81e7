"""The page cache's keys (site_collectivites/cache/cles.py): a page is stored once per combination of the query
parameters pages read, whatever else the URL carries, and the number of variants of one path is bounded."""

import html
import logging
import re

import pytest
from django.core.cache import caches
from django.test import Client

from site_collectivites.cache import cles
from site_collectivites.cache.pages import FORMAT_ENTREES
from tests.offres.conftest import catalogue, offres, ref  # noqa: F401


@pytest.fixture(autouse=True)
def cache_actif(settings):
    settings.CACHE_PAGES = True


def visite(url):
    reponse = Client().get(url)
    assert reponse.status_code == 200, url
    return reponse.get("X-Cache"), html.unescape(reponse.content.decode())


def titres(contenu):
    return re.findall(r'<h3 class="carte__titre"><a href="[^"]+">([^<]+)</a>', contenu)


def pages_stockees():
    from django.conf import settings

    return [cle for cle in caches[settings.CACHE_PAGES_ALIAS]._cache if f":pages:v{FORMAT_ENTREES}:" in cle]


def test_parameters_no_page_reads_share_the_plain_pages_entry(catalogue, offres):
    assert visite(catalogue.url)[0] == "MISS"
    statut, contenu = visite(catalogue.url + "?utm_source=lettre&utm_medium=email&zzz=1&fbclid=abc")
    assert statut == "HIT" and len(titres(contenu)) == 5
    assert len(pages_stockees()) == 1


def test_a_filter_gets_its_own_entry_and_the_order_of_parameters_does_not_matter(catalogue, offres):
    assert visite(catalogue.url)[0] == "MISS"
    statut, contenu = visite(catalogue.url + "?thematique=eau-et-environnement&type=amo")
    assert statut == "MISS" and titres(contenu) == ["Restauration de rivière"]
    statut, contenu = visite(catalogue.url + "?type=amo&utm_source=x&thematique=eau-et-environnement")
    assert statut == "HIT" and titres(contenu) == ["Restauration de rivière"]
    statut, contenu = visite(catalogue.url + "?thematique=energie")
    assert statut == "MISS" and len(titres(contenu)) == 3
    assert len(pages_stockees()) == 3


def test_the_variants_of_one_path_are_bounded(catalogue, offres, settings):
    """A fuzzer's values of a declared parameter: beyond the bound, served uncached; the plain page stays."""
    settings.CACHE_PAGES_VARIANTES = 5
    for i in range(40):
        statut, contenu = visite(f"{catalogue.url}?q=mot{i}&zzz={i}")
        assert statut == "MISS" and titres(contenu) == []
    assert len(pages_stockees()) == 5
    assert visite(f"{catalogue.url}?q=mot4")[0] == "HIT" and visite(f"{catalogue.url}?q=mot5")[0] == "MISS"
    assert visite(catalogue.url)[0] == "MISS"
    assert visite(catalogue.url)[0] == "HIT", "the page without parameters is never refused"


def test_a_page_reading_an_undeclared_parameter_is_served_but_never_stored(catalogue, offres, monkeypatch, caplog):
    """A forgotten declaration costs caching, never a wrong page: the catalogue without « thematique » declared
    would otherwise give its filtered page to every ?thematique=…"""
    monkeypatch.setattr(cles, "_connus", cles.parametres_connus() - {"thematique"})
    monkeypatch.setattr(cles, "_signales", set())
    with caplog.at_level(logging.WARNING, logger="site_collectivites.cache.cles"):
        statut, contenu = visite(catalogue.url + "?thematique=eau-et-environnement")
        assert statut is None and titres(contenu) == ["Restauration de rivière"]
        statut, contenu = visite(catalogue.url)
    assert statut is None and len(titres(contenu)) == 5
    assert visite(catalogue.url)[0] is None
    assert pages_stockees() == []
    assert ("Page /offre-ingenierie/ servie sans cache : elle lit 'thematique', que le hook parametres_pages_en_cache "
            "ne déclare pas.") in caplog.text


def test_every_public_page_reads_only_declared_parameters(client, home, catalogue, offres, caplog):
    """The pages of this site as a visitor reaches them, with every declared parameter and a few others: each
    is stored (a page that read an undeclared parameter would not be, and would say so)."""
    urls = [home.url, catalogue.url, offres["riviere"].url, "/recherche/"]
    connus = sorted(cles.parametres_connus())
    with caplog.at_level(logging.WARNING, logger="site_collectivites.cache.cles"):
        for url in urls:
            for requete in ("", "?" + "&".join(f"{nom}=1" for nom in connus) + "&utm_source=x"):
                assert visite(url + requete)[0] == "MISS"
                assert visite(url + requete)[0] == "HIT", url + requete
    assert "servie sans cache" not in caplog.text


def test_what_a_view_reads_of_the_query_string_is_recorded_and_it_still_behaves_as_request_get():
    from django.http import QueryDict

    for lecture, lus in ((lambda p: p.get("a"), {"a"}), (lambda p: p["b"], {"b"}),
                         (lambda p: p.getlist("a"), {"a"}), (lambda p: "zzz" in p, {"zzz"})):
        parametres = cles.ParametresSuivis.de(QueryDict("a=1&a=2&b=3"))
        lecture(parametres)
        assert parametres.lus == lus and not parametres.tout_lu and parametres.hors_cle() == sorted(lus)
    for lecture in (list, len, dict, lambda p: p.items(), lambda p: p.urlencode(), lambda p: p.copy(),
                    lambda p: p.dict()):
        parametres = cles.ParametresSuivis.de(QueryDict("a=1&a=2&b=3"))
        lecture(parametres)
        assert parametres.tout_lu and parametres.hors_cle() == ["(tous les paramètres)"]
    parametres = cles.ParametresSuivis.de(QueryDict("a=1&a=2&b=3"))
    copie = parametres.copy()
    copie["c"] = "4"
    assert copie.urlencode() == "a=1&a=2&b=3&c=4" and parametres.getlist("a") == ["1", "2"]
    with pytest.raises(AttributeError):
        parametres["c"] = "4"  # read-only, as request.GET
