"""schema.org in JSON-LD: the <script> element, the BreadcrumbList of a page, the Département."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from site_collectivites.exploitation.adresse_publique import url_publique

# The same escapes as Django's json_script: no "<", ">" or "&" survives, so a title containing
# "</script>" cannot close the element. JSON parsers read the \u escapes back as the original characters.
_ECHAPPEMENTS = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

DEPARTEMENT = "Département de la Drôme"
SITE_DEPARTEMENT = "https://www.ladrome.fr"


def script_jsonld(donnees, nonce=""):
    """The <script> element; `nonce` is the request's CSP nonce (request.csp_nonce), so that the
    Content Security Policy, which allows no inline script without it, lets this one through."""
    texte = json.dumps(donnees, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ECHAPPEMENTS)
    attribut_nonce = format_html(' nonce="{}"', nonce) if nonce else ""
    # Bandit B308/B703 silenced: the JSON cannot close the element (<, > and & are \u-escaped above, as json_script does) and the
    # nonce is escaped by format_html; HTML-escaping the JSON itself would corrupt it (&quot; inside <script>).
    return mark_safe(f'<script type="application/ld+json"{attribut_nonce}>{texte}</script>')  # nosec B308 B703


def nonce_de(request):
    """The request's CSP nonce as text, or "" (a request that did not go through the middleware: RequestFactory).
    str(), not truthiness: django-csp's lazy nonce is falsy until it is first read."""
    return str(getattr(request, "csp_nonce", "")) if request is not None else ""


def fil_ariane(elements):
    """The BreadcrumbList of [(name, URL or path)], from the home page to the page itself, as Google reads it:
    positions from 1, each item's URL absolute (on SITE_URL)."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": rang, "name": nom, "item": url_publique(url)}
            for rang, (nom, url) in enumerate(elements, start=1)
        ],
    }


def identifiant_departement():
    """The Département's one identity in every JSON-LD of the site (an event's default organiser included)."""
    return {"@type": "GovernmentOrganization", "@id": url_publique("/#departement"), "name": DEPARTEMENT,
            "url": SITE_DEPARTEMENT}


def departement(contact=None, logo=""):
    """The GovernmentOrganization that publishes the site, with the contact of the site settings (the footer's
    `contact` of cache/navigation.py): written once, on the home page; `logo` an absolute URL or ""."""
    donnees = {"@context": "https://schema.org", **identifiant_departement(), "areaServed": {
        "@type": "AdministrativeArea", "name": "Drôme"}}
    if logo:
        donnees["logo"] = logo
    if contact:
        point = {"@type": "ContactPoint", "contactType": contact.get("nom_service") or "accueil des collectivités",
                 "areaServed": "FR", "availableLanguage": "fr"}
        if contact.get("telephone"):
            point["telephone"] = contact["telephone"]
        if contact.get("email"):
            point["email"] = contact["email"]
        donnees["contactPoint"] = point
        lignes = [ligne.strip() for ligne in (contact.get("adresse") or "").splitlines() if ligne.strip()]
        if lignes:
            donnees["address"] = {"@type": "PostalAddress", "streetAddress": ", ".join(lignes[:-1]) or lignes[0],
                                  "addressLocality": lignes[-1], "addressRegion": "Drôme", "addressCountry": "FR"}
    return donnees
