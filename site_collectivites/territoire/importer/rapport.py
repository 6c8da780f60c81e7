"""What an import tells the user: the French error that stops it, and the report of a run.

Kept apart from reading and writing because every step of the import (reading, parsing, writing) records its
outcomes and warnings here, and the management command and the tests read them back: one vocabulary for the
outcomes of a row (créé / mis à jour / inchangé) and one place where the French summary is worded.
"""

from dataclasses import dataclass, field

CREE, MIS_A_JOUR, INCHANGE = "cree", "mis_a_jour", "inchange"
_RANG_STATUT = {INCHANGE: 0, MIS_A_JOUR: 1, CREE: 2}


class ErreurImport(Exception):
    """A file cannot be used (missing, unreadable, unknown format). The message is in French, for the user."""


@dataclass(frozen=True)
class Compteurs:
    crees: int = 0
    mis_a_jour: int = 0
    inchanges: int = 0

    @property
    def total(self):
        return self.crees + self.mis_a_jour + self.inchanges


@dataclass
class RapportImport:
    """What an import did: per model, how many rows were created / updated / left unchanged, and warnings."""

    dry_run: bool = False
    fichiers: list = field(default_factory=list)
    avertissements: list = field(default_factory=list)
    _statuts: dict = field(default_factory=lambda: {"canton": {}, "epci": {}, "commune": {}})

    def noter(self, modele, cle, statut):
        """Record the outcome for one row; a row touched by several files keeps its strongest status."""
        statuts = self._statuts[modele]
        ancien = statuts.get(cle)
        if ancien is None or _RANG_STATUT[statut] > _RANG_STATUT[ancien]:
            statuts[cle] = statut

    def avertir(self, message):
        if message not in self.avertissements:
            self.avertissements.append(message)

    def compteurs(self, modele):
        valeurs = list(self._statuts[modele].values())
        return Compteurs(valeurs.count(CREE), valeurs.count(MIS_A_JOUR), valeurs.count(INCHANGE))

    @property
    def cantons(self):
        return self.compteurs("canton")

    @property
    def epci(self):
        return self.compteurs("epci")

    @property
    def communes(self):
        return self.compteurs("commune")

    @property
    def modifications(self):
        """Number of rows created or updated, all models together."""
        return sum(c.crees + c.mis_a_jour for c in (self.cantons, self.epci, self.communes))

    def lignes_resume(self):
        """French summary, one line per model, e.g. "362 communes (362 créées, 0 mises à jour, 0 inchangées)"."""
        lignes = []
        for compteurs, nom, mots in (
            (self.cantons, ("canton", "cantons"), _MOTS_MASCULIN),
            (self.epci, ("EPCI", "EPCI"), _MOTS_MASCULIN),
            (self.communes, ("commune", "communes"), _MOTS_FEMININ),
        ):
            if not compteurs.total:
                continue
            cree, mis_a_jour, inchange = (
                f"{nombre} {_accord(nombre, *mots[i])}"
                for i, nombre in enumerate((compteurs.crees, compteurs.mis_a_jour, compteurs.inchanges))
            )
            lignes.append(f"{compteurs.total} {_accord(compteurs.total, *nom)} ({cree}, {mis_a_jour}, {inchange})")
        return lignes


_MOTS_MASCULIN = (("créé", "créés"), ("mis à jour", "mis à jour"), ("inchangé", "inchangés"))
_MOTS_FEMININ = (("créée", "créées"), ("mise à jour", "mises à jour"), ("inchangée", "inchangées"))


def _accord(nombre, singulier, pluriel):
    return singulier if nombre == 1 else pluriel
