"""What every app's skeleton (`<app>/squelette.py`) builds with: pages created once, menus written once.

`initialiser_site` runs again after every upgrade: what it finds is kept as editors left it (a text completed,
a page renamed or moved, a menu entry removed); only what is missing is created.
"""

import json

from site_collectivites.models import Navigation


def stream(*blocks):
    """Raw StreamField JSON from (type, value) pairs: stable whatever the block classes become."""
    return json.dumps([{"type": block_type, "value": value} for block_type, value in blocks])


def page_presente(parent, model, slug, par_slug=False, **champs):
    """The page of `model` under `parent` (a section is one of its kind there, whatever slug an editor gave it;
    with `par_slug`, the one with this slug: standard pages), or the site's only one for a one-of-a-kind model
    (an editor may have moved it); created and published with `champs` when there is none."""
    enfants = model.objects.child_of(parent)
    page = enfants.filter(slug=slug).first() if par_slug else enfants.first()
    if page is None and model.max_count == 1:
        page = model.objects.first()
    if page is not None:
        return page.specific
    page = model(slug=slug, **champs)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def completer(instance, **valeurs):
    """Fill the empty fields of `instance` with `valeurs` (a value an editor typed is never replaced); save if
    anything changed. Returns the names of the fields filled."""
    remplis = [nom for nom, valeur in valeurs.items() if not _rempli(getattr(instance, nom)) and valeur]
    for nom in remplis:
        setattr(instance, nom, valeurs[nom])
    if remplis:
        instance.save()
    return remplis


def _rempli(valeur):
    if hasattr(valeur, "raw_data"):  # a StreamValue
        return len(valeur.raw_data) > 0
    return bool(valeur)


class Chantier:
    """One run of `initialiser_site`: the default site, its home page, and the menus to write.

    The main menu and the footer are written only when they are empty at the start of the run (a new site):
    afterwards they belong to the editors, and a run after an upgrade must not bring back an entry they removed.
    """

    def __init__(self, site, home, sortie):
        self.site, self.home, self.sortie = site, home, sortie
        self.navigation = Navigation.for_site(site)
        self._menu_neuf = not self.navigation.menu_principal.raw_data
        self._pied_neuf = not self.navigation.liens_pied_de_page.raw_data
        self._menu, self._pied = [], []

    def au_menu(self, page, rang, libelle=""):
        """Put `page` in the main menu of a new site, in the order of `rang` (sections: 10, 20…), under a short
        `libelle` (the page's title otherwise): the menu holds on one line from 1024 px."""
        self._menu.append((rang, page.pk, libelle))

    def au_pied(self, page, libelle, rang):
        """Put `page` in the footer of a new site under `libelle`, in the order of `rang`."""
        self._pied.append((rang, page.pk, libelle))

    def ecrire_les_menus(self):
        if self._menu_neuf and self._menu:
            self.navigation.menu_principal = _liens(self._menu)
        if self._pied_neuf and self._pied:
            self.navigation.liens_pied_de_page = _liens(self._pied)
        if (self._menu_neuf and self._menu) or (self._pied_neuf and self._pied):
            self.navigation.save()

    def dire(self, message):
        self.sortie.write(message)


def _liens(entrees):
    return stream(*[("lien", {"page": page, "url": "", "libelle": libelle})
                    for _rang, page, libelle in sorted(entrees, key=lambda entree: entree[0])])
