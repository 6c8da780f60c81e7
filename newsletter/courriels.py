"""The newsletter's e-mails: the issue (rendered once, personalised per recipient), confirmation, renewal.

E-mail-safe HTML: a 600 px table layout that shrinks on phones (width 100 %, max-width 600 px), inline styles
only (webmail strips <style>), no script, images with absolute URLs and alt text; plus a plain-text
alternative. The personal links are a placeholder in the rendered issue, replaced per recipient by a string
substitution: rendering the templates once per issue keeps 10,000 messages fast (docs/performance.md).
"""

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from newsletter import jetons
from site_collectivites.exploitation.adresse_publique import hote_et_port, url_publique
from site_collectivites.exploitation.courriels import ligne_d_en_tete

MARQUE_JETON = "JETON-ABONNE-A-REMPLACER"

STYLES = {
    "p": "margin:0 0 16px 0;font-size:16px;line-height:1.5;color:#1a1a1a;",
    "h2": "margin:24px 0 12px 0;font-size:22px;line-height:1.3;color:#1a1a1a;",
    "h3": "margin:20px 0 8px 0;font-size:18px;line-height:1.3;color:#1a1a1a;",
    "ul": "margin:0 0 16px 0;padding-left:24px;font-size:16px;line-height:1.5;color:#1a1a1a;",
    "ol": "margin:0 0 16px 0;padding-left:24px;font-size:16px;line-height:1.5;color:#1a1a1a;",
    "li": "margin:0 0 4px 0;",
    "a": "color:#00557a;text-decoration:underline;",
}
_BALISE = re.compile(r"<(p|h2|h3|ul|ol|li|a)(\s[^>]*)?>")
_HREF_RELATIF = re.compile(r'(\shref=")(/(?!/)[^"]*)"')


def lien_absolu(href):
    """A link of the site as the e-mail needs it: rich text writes its pages and documents as « /chemin/ », which
    means nothing in a mail client; they become absolute on SITE_URL. Other links are left as they are."""
    return url_publique(href) if href.startswith("/") and not href.startswith("//") else href


def styler(html):
    """Inline the e-mail styles into rich text (<p>, headings, lists, links), links made absolute."""

    def remplacer(m):
        attributs = (m.group(2) or "").replace(' style="', ' data-style="')
        if m.group(1) == "a":
            attributs = _HREF_RELATIF.sub(lambda h: f'{h.group(1)}{lien_absolu(h.group(2))}"', attributs)
        return f'<{m.group(1)}{attributs} style="{STYLES[m.group(1)]}">'

    return _BALISE.sub(remplacer, html)


class _Texte(HTMLParser):
    """HTML → plain text: paragraphs separated by blank lines, list items with a dash, links as "text (url)"."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.morceaux, self.liens = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.morceaux.append("\n- ")
        elif tag in ("p", "h2", "h3", "ul", "ol", "br"):
            self.morceaux.append("\n")
        if tag == "a":
            self.liens.append(lien_absolu(dict(attrs).get("href") or ""))

    def handle_endtag(self, tag):
        if tag == "a" and self.liens:
            href = self.liens.pop()
            if href:
                self.morceaux.append(f" ({href})")
        elif tag in ("p", "h2", "h3", "ul", "ol"):
            self.morceaux.append("\n")

    def handle_data(self, data):
        # Runs of white space become one space, kept at either end: « approche : <a>l'agenda</a> » keeps the
        # space before the link's text.
        mots = " ".join(data.split())
        if not mots:
            self.morceaux.append(" " if data else "")
            return
        avant = " " if data[0].isspace() else ""
        apres = " " if data[-1].isspace() else ""
        self.morceaux.append(f"{avant}{mots}{apres}")


def texte_brut(html):
    analyseur = _Texte()
    analyseur.feed(str(html))
    texte = unescape("".join(analyseur.morceaux))
    lignes = [re.sub(r" {2,}", " ", ligne).strip() for ligne in texte.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lignes)).strip()


@dataclass
class RenduLettre:
    sujet: str
    html: str
    texte: str

    def pour(self, jeton):
        return self.html.replace(MARQUE_JETON, jeton), self.texte.replace(MARQUE_JETON, jeton)


def liens_personnels(jeton=MARQUE_JETON):
    return {
        "url_preferences": jetons.url_absolue("newsletter:preferences", jeton),
        "url_desabonnement": jetons.url_absolue("newsletter:desabonner", jeton),
        "url_desabonnement_direct": jetons.url_absolue("newsletter:desabonner_direct", jeton),
    }


def rendre_lettre(page):
    """Render an issue once (HTML and text), with the personal links as a placeholder."""
    blocs = page.blocs()
    for bloc in blocs:
        if bloc["type"] == "texte":
            bloc["html"] = styler(str(bloc["valeur"]))
            bloc["texte"] = texte_brut(bloc["valeur"])
        elif bloc["type"] == "image":
            image = bloc["valeur"]["image"]
            rendition = image.get_rendition("width-1200|format-jpeg")
            bloc["image_url"] = url_publique(rendition.url)
            bloc["image_alt"] = "" if getattr(image, "decorative", False) else getattr(
                image, "contextual_alt_text", image.title)
        elif bloc["type"] == "appel_action":
            lien = bloc["valeur"]["lien"]
            href = lien.href or ""
            bloc["href"] = lien_absolu(href)
    contexte = {
        "page": page,
        "blocs": blocs,
        "url_web": page.get_full_url() or url_publique("/"),
        "url_site": url_publique("/"),
        "hote_site": hote_et_port()[0],
        **liens_personnels(),
    }
    return RenduLettre(
        sujet=page.title,
        html=render_to_string("newsletter/courriels/lettre.html", contexte),
        texte=render_to_string("newsletter/courriels/lettre.txt", contexte),
    )


def en_tetes_desabonnement(jeton):
    """RFC 2369 and RFC 8058: the mail client's "unsubscribe" button POSTs to this HTTPS address."""
    return {
        "List-Unsubscribe": f"<{jetons.url_absolue('newsletter:desabonner_direct', jeton)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def message_lettre(rendu, abonne_email, jeton, connection=None, remise_id=None):
    html, texte = rendu.pour(jeton)
    en_tetes = en_tetes_desabonnement(jeton)
    if remise_id:
        en_tetes["X-Lettre-Remise"] = str(remise_id)
    message = EmailMultiAlternatives(
        subject=ligne_d_en_tete(rendu.sujet), body=texte, from_email=settings.NEWSLETTER_FROM_EMAIL, to=[abonne_email],
        headers=en_tetes, connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


SUJETS = {
    "confirmation": "Confirmez votre abonnement à la lettre d'information",
    "renouvellement": "Souhaitez-vous continuer à recevoir la lettre d'information ?",
}


def message_abonne(abonne, nature):
    """The subscriber's transactional e-mail `nature`: « confirmation » or « renouvellement »."""
    contexte = {"abonne": abonne, "url_site": url_publique("/"), "jours": settings.NEWSLETTER_CONFIRMATION_JOURS,
                **liens_personnels(abonne.jeton)}
    if nature == "confirmation":
        contexte["url_confirmation"] = jetons.url_absolue(
            "newsletter:confirmer", jetons.jeton_confirmation(abonne))
    else:
        contexte["url_renouvellement"] = jetons.url_absolue("newsletter:renouveler", abonne.jeton)
    message = EmailMultiAlternatives(
        subject=SUJETS[nature],
        body=render_to_string(f"newsletter/courriels/{nature}.txt", contexte),
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[abonne.email],
        headers=en_tetes_desabonnement(abonne.jeton) if nature == "renouvellement" else None,
    )
    message.attach_alternative(render_to_string(f"newsletter/courriels/{nature}.html", contexte), "text/html")
    return message


def url_admin_apercu(page):
    return reverse("newsletter_envoi:apercu", args=[page.pk])
