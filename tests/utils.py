"""Test helpers shared by every app's tests."""

from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def max_queries(limit):
    """Fail if the block runs more than `limit` SQL queries; shows them when it does."""
    with CaptureQueriesContext(connection) as ctx:
        yield ctx
    count = len(ctx.captured_queries)
    if count > limit:
        listing = "\n".join(f"{i}. {q['sql'][:300]}" for i, q in enumerate(ctx.captured_queries, 1))
        raise AssertionError(f"{count} requêtes SQL, maximum attendu {limit} :\n{listing}")


def count_queries(func):
    with CaptureQueriesContext(connection) as ctx:
        func()
    return len(ctx.captured_queries)


def titres_de_la_section(html, cle):
    """The titles of the cards of the home page's section `cle` (actualites, agenda, realisations), in order."""
    import re

    section = re.search(rf'<section[^>]*aria-labelledby="titre-{cle}">(.*?)</section>', html, re.S)
    if section is None:
        return []
    return re.findall(r'<h3 class="carte__titre"><a href="[^"]*">([^<]*)</a></h3>', section.group(1))


def lire_csv(reponse):
    """The rows of a CSV download as a French spreadsheet reads it: the file must start with the UTF-8 byte order
    mark and be separated by semicolons (site_collectivites/exploitation/exports.py)."""
    import codecs
    import csv
    import io

    assert reponse["Content-Type"] == "text/csv; charset=utf-8", reponse["Content-Type"]
    contenu = b"".join(reponse.streaming_content) if reponse.streaming else reponse.content
    assert contenu.startswith(codecs.BOM_UTF8), contenu[:40]
    texte = contenu[len(codecs.BOM_UTF8):].decode("utf-8")
    entete = texte.split("\r\n", 1)[0]
    assert len(next(csv.reader([entete], delimiter=";"))) > 1 and "," not in entete, entete
    lignes = list(csv.reader(io.StringIO(texte), delimiter=";"))
    assert len({len(ligne) for ligne in lignes}) == 1, "toutes les lignes ont le même nombre de colonnes"
    return lignes


def en_tetes_recus(message):
    """The headers of a Django e-mail as the recipient's mail client reads them: built and serialised by Django
    (which refuses a header with a line break), then parsed, encoded words decoded and folded lines unfolded."""
    import email
    import email.policy

    recu = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    return {nom: str(valeur).strip() for nom, valeur in recu.items()}


def donnees_formulaire_page(client, page):
    """The admin's edit form of `page` as the browser sends it. The StreamFields' inputs are written by Wagtail's
    JavaScript, which the test client does not run: sent empty (tests that use this do not test their content)."""
    from wagtail.fields import StreamField
    from wagtail.test.utils.form_data import querydict_from_html

    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    donnees = querydict_from_html(html, form_id="page-edit-form")
    for champ in type(page)._meta.get_fields():
        if isinstance(champ, StreamField) and f"{champ.name}-count" not in donnees:
            donnees[f"{champ.name}-count"] = "0"
    return donnees
