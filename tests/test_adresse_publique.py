"""One public address: every absolute URL the site writes starts with SITE_URL (site_collectivites/exploitation/adresse_publique.py).

The demo site is read as its consumers read it, every request arriving on ANOTHER host than SITE_URL (127.0.0.1,
plain HTTP, as a health probe or a proxy's internal name would): robots.txt, the sitemap, every page of the
sitemap (head, body, JSON-LD), the RSS and Atom feeds and the iCalendar files the pages announce, each event's
.ics, the QR codes of the admin (decoded from the PNG as a phone reads it), the e-mails of demandes,
registrations and the newsletter, Wagtail's own moderation e-mails, and the aides-territoires feed. Every URL
that names the site (SITE_URL's host, the request's, the Site record's, the usual local names) must be on
SITE_URL: its scheme, host and port. The Site record is right (as `initialiser_site` sets it), and then left
as a fresh database has it (« localhost:80 »): the addresses must not move either way.
"""

import html
import io
import json
import re
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import Client
from PIL import Image
from wagtail.models import Page, Site

from tests.instantanes import demo_en_transaction

SITE_URL = "https://collectivites.drome.example"
HOTE_REQUETE = "127.0.0.1"
# Every name under which the site could wrongly write itself: none may appear but on SITE_URL.
HOTES_DU_SITE = {urlsplit(SITE_URL).hostname, HOTE_REQUETE, "localhost", "testserver", "collectivites.ladrome.fr"}
URL_ABSOLUE = re.compile(r"""https?://[^\s"'<>\\)\]]+""")
# The places a consumer takes the site's own address from (must all be there, on SITE_URL).
TETE = re.compile(r'<(?:link rel="canonical" href|meta property="og:(?:url|image)" content)="([^"]*)"')
ANNONCES = re.compile(r'<link rel="alternate" type="(?:application/(?:rss|atom)\+xml|text/calendar)"[^>]*href="([^"]+)"')


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site (tests/instantanes.py), in a transaction rolled back after the module."""
    with django_db_blocker.unblock(), demo_en_transaction():
        yield


@pytest.fixture(params=[("collectivites.drome.example", 443), ("localhost", 80)], ids=["site-juste", "site-neuf"])
def site(request, demo, db, settings):
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = SITE_URL
    hote, port = request.param
    Site.objects.filter(is_default_site=True).update(hostname=hote, port=port)
    return SimpleNamespace(client=Client(HTTP_HOST=HOTE_REQUETE), adresses={})


def noter(site, origine, texte):
    """Keep every absolute URL of `texte` (HTML entities decoded), under the name of the output it came from."""
    urls = URL_ABSOLUE.findall(html.unescape(texte))
    site.adresses.setdefault(origine, []).extend(urls)
    return urls


def lire(site, chemin, **entetes):
    reponse = site.client.get(chemin, **entetes)
    assert reponse.status_code == 200, (chemin, reponse.status_code)
    texte = reponse.content.decode()
    noter(site, chemin, texte)
    return texte


def hors_du_site(adresses):
    """{output: [URLs naming the site elsewhere than on SITE_URL]}."""
    attendue = urlsplit(SITE_URL)
    fautives = {}
    for origine, urls in adresses.items():
        for url in urls:
            parties = urlsplit(url)
            if parties.hostname in HOTES_DU_SITE and (parties.scheme, parties.netloc) != (attendue.scheme,
                                                                                         attendue.netloc):
                fautives.setdefault(origine, []).append(url)
    return fautives


def chemin(url):
    parties = urlsplit(url)
    return parties.path + (f"?{parties.query}" if parties.query else "")


def test_every_page_feed_and_file_writes_site_url(site):
    client = site.client
    robots = lire(site, "/robots.txt")
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in robots

    locs = re.findall(r"<loc>([^<]+)</loc>", lire(site, "/sitemap.xml"))
    assert len(locs) > 50 and all(loc.startswith(SITE_URL + "/") for loc in locs), locs[:5]

    annonces, images = set(), 0
    for loc in locs:
        page = lire(site, chemin(loc))
        tete = TETE.findall(page)
        # canonical and og:url: the page's own address (a canton's page names its year); og:image (when the page or
        # the site has one): on SITE_URL.
        assert len(tete) in (2, 3) and tete[0] == tete[1], (loc, tete)
        assert tete[0].split("?annee=")[0] == html.unescape(loc), (loc, tete)
        if len(tete) == 3:
            assert tete[2].startswith(SITE_URL + "/media/"), (loc, tete)
            images += 1
        for script in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S):
            # The addresses a JSON-LD gives of the site itself: an event's url, a trail's items, an @id.
            donnees = json.loads(script)
            propres = [donnees["url"]] if donnees["@type"] == "Event" else []
            propres += [element["item"] for element in donnees.get("itemListElement", [])]
            propres += [donnees["@id"]] if "@id" in donnees else []
            assert propres and all(url.startswith(SITE_URL + "/") for url in propres), (loc, propres)
        annonces.update(ANNONCES.findall(page))
    assert images >= 5 and len(annonces) >= 3, (images, annonces)  # the news' RSS and Atom feeds, the agenda's calendar

    for flux in annonces:
        noter(site, flux, lire(site, html.unescape(flux)))
    assert any("<guid" in client.get(html.unescape(f)).content.decode() for f in annonces)

    from agenda.models import EvenementPage

    evenements = list(EvenementPage.objects.live().public())
    assert evenements
    for evenement in evenements:
        ics = lire(site, evenement.url + evenement.reverse_subpage("ics"))
        assert f"URL:{SITE_URL}{evenement.url}" in re.sub(r"\r\n[ \t]", "", ics)

    # The search (a plain view) and a filtered listing: their canonical is on SITE_URL too.
    assert f'<link rel="canonical" href="{SITE_URL}/recherche/">' in lire(site, "/recherche/?q=eau")

    assert hors_du_site(site.adresses) == {}
    assert sum(len(urls) for urls in site.adresses.values()) > 1000


def test_qr_codes_encode_site_url(site):
    """The QR codes of the admin, for print material: what a phone's camera reads in the PNG."""
    from demandes.bilan.models import BilanPage
    from site_collectivites.territoire.models import Canton

    try:
        from pyzbar.pyzbar import decode
    except ImportError as erreur:  # pyzbar is there (requirements-test.txt), Debian's libzbar0 is not
        pytest.fail(f"Décodeur de QR codes absent ({erreur}) : installez le paquet Debian libzbar0 (make zbar).")
    site.client.force_login(User.objects.create_superuser("qr", "qr@ladrome.example", "un-mot-de-passe-solide-2026"))
    bilan = BilanPage.objects.live().get()
    canton = Canton.objects.order_by("code").first().slug
    accueil = Page.objects.get(depth=2)
    for adresse, attendu in ((f"{accueil.pk}.png", f"{SITE_URL}/"), (f"{bilan.pk}.png", SITE_URL + bilan.url),
                             (f"{bilan.pk}.png?route=canton/{canton}", f"{SITE_URL}{bilan.url}canton/{canton}/")):
        reponse = site.client.get(f"/admin/bilan/qr/{adresse}")
        assert reponse.status_code == 200
        (code,) = decode(Image.open(io.BytesIO(reponse.content)))
        assert code.data.decode() == attendu


def courriels(site):
    """Every e-mail of the site sent while the test ran, as its reader gets it: text, HTML, headers."""
    for numero, message in enumerate(mail.outbox):
        nom = f"courriel {numero} « {message.subject} »"
        noter(site, nom, message.body)
        for contenu, _type in getattr(message, "alternatives", []):
            noter(site, nom + " (HTML)", contenu)
            # A link the mail client cannot follow: a path without the site's address.
            assert not re.search(r'href="/(?!/)', contenu), (nom, re.findall(r'href="/[^"]*"', contenu)[:3])
        for entete, valeur in message.extra_headers.items():
            noter(site, f"{nom} [{entete}]", valeur)


def test_every_email_writes_site_url(site, django_capture_on_commit_callbacks):
    from agenda import inscriptions
    from agenda.models import EvenementPage
    from demandes.models import DemandeFormPage
    from demandes.relances import envoyer_relances
    from newsletter import courriels as courriels_lettre
    from newsletter.models import NewsletterPage
    from site_collectivites.models import StandardPage
    from site_collectivites.taxonomie.models import Thematique, TypePrestation
    from site_collectivites.territoire.models import Commune

    client = site.client
    with django_capture_on_commit_callbacks(execute=True):
        # A demande: the acknowledgement to the requester, the notification to the service (link to the follow-up).
        page_demande = DemandeFormPage.objects.live().first()
        reponse = client.post(page_demande.url, {
            "type_collectivite": "commune", "commune": Commune.objects.get(insee="26289").pk, "nom": "Martin",
            "prenom": "Claire", "fonction": "maire", "email": "mairie@saillans.example.org",
            "titre": "Rénovation de l'école", "thematiques": [Thematique.objects.first().pk],
            "type_prestation": TypePrestation.objects.first().pk, "description": "L'école consomme beaucoup.",
        })
        assert reponse.status_code == 302, reponse.content.decode()[:2000]
        # A registration to an event: its confirmation, with the event's page and the cancellation link.
        evenement = next(e for e in EvenementPage.objects.live().order_by("path")
                         if inscriptions.inscriptions_ouvertes(e))
        inscriptions.inscrire(evenement, nom="Durand", prenom="Alex", fonction="Maire",
                              email="durand@example.org", autre_structure="Syndicat mixte", nombre_personnes=1)
        # The newsletter: the confirmation of a subscription, then an issue with its one-click unsubscribe header.
        assert client.post("/lettre/inscription/", {"email": "abonnee@example.org"}).status_code == 302
    lettre = NewsletterPage.objects.live().first()
    courriels_lettre.message_lettre(courriels_lettre.rendre_lettre(lettre), "abonnee@example.org", "jeton").send()
    redacteur = User.objects.create_user("redac.adresse", "redac@ladrome.example", "un-mot-de-passe-solide-2026")
    with django_capture_on_commit_callbacks(execute=True):
        # The partners' reminders of demandes waiting for an answer (every pending assignment, whatever its age).
        envoyer_relances(0)
        # The admin's « mot de passe oublié »: its link too (securite/reinitialisation.py).
        assert client.post("/admin/password_reset/", {"email": "redac@ladrome.example"}).status_code == 302
    # Wagtail's own moderation e-mails: submitted (to the moderators), then approved (to the editor).
    redacteur.groups.add(Group.objects.get(name="Rédacteurs"))
    moderateur = User.objects.create_user("modo.adresse", "modo@ladrome.example", "un-mot-de-passe-solide-2026")
    moderateur.groups.add(Group.objects.get(name="Modérateurs"))
    page = StandardPage.objects.live().first()
    page.save_revision(user=redacteur)
    etat = page.get_workflow().start(page, redacteur)
    tache = etat.current_task_state
    tache.task.on_action(tache, moderateur, "approve")

    sujets = [message.subject for message in mail.outbox]
    for attendu in ("a bien été reçue", "Nouvelle demande", evenement.title, "Confirmez votre abonnement",
                    lettre.title, "en attente de réponse", "Réinitialisation de mot de passe", "soumise pour validation",
                    "approuvée"):
        assert any(attendu.lower() in sujet.lower() for sujet in sujets), (attendu, sujets)
    courriels(site)
    assert hors_du_site(site.adresses) == {}
    textes = "\n".join(url for urls in site.adresses.values() for url in urls)
    for chemin_attendu in ("/admin/demandes/", evenement.url + "inscription/annuler/?jeton=", "/lettre/confirmer/",
                           "/lettre/desabonnement/", lettre.url, f"/admin/pages/{page.pk}/edit/", page.url):
        assert SITE_URL + chemin_attendu in textes, chemin_attendu


def test_the_aides_territoires_feed_writes_site_url(site):
    """The feed aides-territoires imports (offres/aides_territoires.py, converted by issue #17's branch): its
    links to our offers and aids, and its paging, on SITE_URL."""
    from offres.models import OffreIndexPage

    catalogue = OffreIndexPage.objects.live().first()
    lire(site, catalogue.url + catalogue.reverse_subpage("flux_aides_territoires"))
    assert hors_du_site(site.adresses) == {}
    assert any(url.startswith(SITE_URL + "/") for urls in site.adresses.values() for url in urls)
