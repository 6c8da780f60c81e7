"""Two app servers sharing one PostgreSQL and one Redis, as in production (docs/deploy.md). Run by .ci/run on
the demo database of its smoke test:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/collectivites_smoke REDIS_URL=redis://127.0.0.1:6379/5 \
        .venv/bin/python bench/deux_serveurs.py

Checks, with the page cache on, in Redis: a page served (and cached) by both, published through server A's
admin, is fresh on server B at once; unpublished through B, gone from A; demandes posted at the same time to
both get distinct references; the per-IP rate limit (counted in the database) counts the posts made to both
servers together.
Takes about 30 s. Exits non-zero with the reason on the first failure.
"""

import html
import http.cookiejar
import os
import re
import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.serveurs import arreter, demarrer, environnement  # noqa: E402

PORTS = (int(os.environ.get("PORT_A", "8711")), int(os.environ.get("PORT_B", "8712")))
MOT_DE_PASSE = secrets.token_urlsafe(18)
ENV = environnement(
    DJANGO_SETTINGS_MODULE="site_collectivites.settings.dev", DEBUG="false", ALLOWED_HOSTS="127.0.0.1",
    REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5"), CACHE_PAGES="true",
    CACHE_KEY_PREFIX=f"deux-serveurs-{secrets.token_hex(4)}", TASKS_BACKEND="immediate",
    EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend", WAGTAIL_2FA_REQUIRED="false",
)
os.environ.update({k: ENV[k] for k in ("DJANGO_SETTINGS_MODULE", "DEBUG", "REDIS_URL", "CACHE_KEY_PREFIX",
                                       "TASKS_BACKEND", "EMAIL_BACKEND")})


def verifier(condition, message):
    if not condition:
        raise SystemExit(f"ÉCHEC : {message}")
    print(f"  ok : {message}")


class Navigateur:
    """A visitor with its own cookies, on one server."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.ouvreur = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                   PasDeRedirection)

    def get(self, chemin):
        return self._envoyer(urllib.request.Request(self.base + chemin))

    def post(self, chemin, donnees, referer=None):
        corps = urllib.parse.urlencode(donnees, doseq=True).encode()
        requete = urllib.request.Request(self.base + chemin, data=corps, headers={"Referer": referer or self.base + chemin})
        return self._envoyer(requete)

    def jeton(self, chemin):
        statut, _entetes, contenu = self.get(chemin)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', contenu).group(1)

    def _envoyer(self, requete):
        # Behind the load balancer both servers see the public host name, not their own port.
        requete.add_header("Host", "127.0.0.1")
        try:
            with self.ouvreur.open(requete, timeout=30) as reponse:  # nosec B310: loopback
                return reponse.status, reponse.headers, html.unescape(reponse.read().decode())
        except urllib.error.HTTPError as erreur:
            return erreur.code, erreur.headers, html.unescape(erreur.read().decode())


class PasDeRedirection(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def preparer():
    """Through the ORM: an admin account, a draft change of a page, the data of a valid demande."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from demandes.models import DemandeFormPage
    from site_collectivites.models import CompteurLimite, StandardPage
    from site_collectivites.taxonomie.models import Thematique
    from site_collectivites.territoire.models import Commune

    get_user_model().objects.filter(username="deux-serveurs").delete()
    # The rate limits count in the database: a run within the hour after another starts from zero too.
    CompteurLimite.objects.all().delete()
    get_user_model().objects.create_superuser("deux-serveurs", "deux-serveurs@example.org", MOT_DE_PASSE)
    # A page without a form: a form's CSRF cookie keeps a page out of the cache (« Contact », which
    # initialiser_site creates, comes first by path and carries the request form).
    page = next(p for p in StandardPage.objects.live().filter(depth__gt=2).order_by("path")
                if not any(bloc.block_type == "formulaire" for bloc in p.corps))
    titre = f"{page.title} (révisée {secrets.token_hex(3)})"
    brouillon = page.get_latest_revision_as_object()
    brouillon.title = titre
    brouillon.save_revision()
    demande = {"type_collectivite": "commune", "commune": Commune.objects.order_by("insee").first().pk,
               "nom": "Martin", "prenom": "Claire", "fonction": "maire", "email": "mairie@commune.example.org",
               "titre": "Rénovation de l'école", "thematiques": [Thematique.objects.first().pk],
               "description": "L'école consomme beaucoup.", "type_prestation": ""}
    url_demande = DemandeFormPage.objects.live().first().url
    return Page.objects.get(pk=page.pk), titre, demande, url_demande


def connecter(port):
    admin = Navigateur(port)
    jeton = admin.jeton("/admin/login/")
    statut, entetes, _ = admin.post("/admin/login/", {"username": "deux-serveurs", "password": MOT_DE_PASSE,
                                                      "csrfmiddlewaretoken": jeton})
    verifier(statut == 302, f"connexion à l'administration du serveur {port}")
    return admin


def poster_demande(port, url, donnees):
    visiteur = Navigateur(port)
    jeton = visiteur.jeton(url)
    statut, _entetes, _contenu = visiteur.post(url, {**donnees, "csrfmiddlewaretoken": jeton})
    return statut


def main():
    page, titre, demande, url_demande = preparer()
    from demandes.models import Demande

    a, b = PORTS
    serveurs = [demarrer(a, ENV), demarrer(b, ENV)]
    try:
        print(f"Deux serveurs : 127.0.0.1:{a} et 127.0.0.1:{b}, une base, un Redis")
        Navigateur(a).get(page.url)
        statut, entetes, contenu = Navigateur(b).get(page.url)
        verifier(entetes.get("X-Cache") == "HIT", "une page mise en cache par A est servie par B depuis Redis")
        verifier(titre not in contenu, "le brouillon n'est pas visible avant publication")

        admin_a = connecter(a)
        chemin = f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=%2Fadmin%2F"
        jeton = admin_a.jeton(chemin)
        statut, _e, _h = admin_a.post(chemin, {"csrfmiddlewaretoken": jeton, "include_descendants": ""})
        verifier(statut in (200, 302), "publication par l'administration du serveur A")
        statut, entetes, contenu = Navigateur(b).get(page.url)
        verifier(statut == 200 and titre in contenu, "la page publiée par A est à jour sur B")

        admin_b = connecter(b)
        chemin = f"/admin/pages/{page.pk}/unpublish/"
        admin_b.post(chemin, {"csrfmiddlewaretoken": admin_b.jeton(chemin)})
        statut, _e, _h = Navigateur(a).get(page.url)
        verifier(statut == 404, "la page dépubliée par B n'est plus servie par A")

        avant = set(Demande.objects.values_list("reference", flat=True))
        with ThreadPoolExecutor(4) as groupe:
            statuts = list(groupe.map(lambda port: poster_demande(port, url_demande, demande), (a, b, a, b)))
        nouvelles = set(Demande.objects.values_list("reference", flat=True)) - avant
        verifier(statuts == [302] * 4 and len(nouvelles) == 4,
                 f"4 demandes envoyées en même temps à A et B : 4 références distinctes {sorted(nouvelles)}")
        statuts = [poster_demande(port, url_demande, demande) for port in (a, b)]
        verifier(statuts == [302, 429], f"la limite de 5 demandes par heure et par IP vaut pour A et B ensemble {statuts}")
    finally:
        arreter(serveurs)
        from django.contrib.auth import get_user_model

        get_user_model().objects.filter(username="deux-serveurs").delete()
    print("Deux serveurs : tout est cohérent.")


if __name__ == "__main__":
    main()
