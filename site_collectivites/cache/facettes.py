"""The index of a faceted listing: which page has which value of each facet, as bit sets, kept per generation.

A filtered listing (offers, aids, réalisations) asks the same questions for every visitor: which pages match
the ticked values (OR within a facet, AND across facets), and for each value, how many pages the listing
would show with it (the other facets applied, its own ignored). Asked of PostgreSQL, that is one query per
facet plus the count and the page of results, every time the page cache misses, and it grows with the
content (30 ms on the large dataset for the catalogue). The answers change only when something is published,
so the listing's pages and their values are read once per generation of the page cache (par_generation.py)
into this index:

- `pks`: the listing's page ids, in display order;
- `masques[param][slug]`: a Python integer whose bit i is set when page `pks[i]` has that value;
- `options[param]`: the values offered, in display order, with their labels.

Filtering is then an AND of ORs of integers, and a count is the number of bits set in an AND: microseconds
for thousands of pages, and the same whatever the filters. Only the cards of the requested page of results
are read from the database.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OptionIndex:
    slug: str
    nom: str
    nom_court: str = ""  # in the list of values, where the model has a shorter label


@dataclass
class IndexFacettes:
    pks: list = field(default_factory=list)
    masques: dict = field(default_factory=dict)  # param -> {slug: bits}
    options: dict = field(default_factory=dict)  # param -> [OptionIndex], in display order

    @classmethod
    def construire(cls, pks, valeurs, options):
        """`pks` in display order; `valeurs` {param: iterable of (pk, slug)}; `options` {param: [OptionIndex]}."""
        rang = {pk: i for i, pk in enumerate(pks)}
        masques = {}
        for param, paires in valeurs.items():
            bits = dict.fromkeys((o.slug for o in options[param]), 0)
            for pk, slug in paires:
                if pk in rang and slug in bits:
                    bits[slug] |= 1 << rang[pk]
            masques[param] = bits
        return cls(pks=list(pks), masques=masques, options=options)

    @property
    def tous(self):
        return (1 << len(self.pks)) - 1

    def masque_des_pages(self, pks):
        """The bits of the pages among `pks` (e.g. those a word search found)."""
        rang = {pk: i for i, pk in enumerate(self.pks)}
        bits = 0
        for pk in pks:
            if pk in rang:
                bits |= 1 << rang[pk]
        return bits

    def selection(self, valeurs, sauf=None, depart=None):
        """Bits of the pages matching every facet of `valeurs` {param: [slugs]} but `sauf`, within `depart`."""
        bits = self.tous if depart is None else depart
        for param, slugs in valeurs.items():
            if param == sauf or not slugs or param not in self.masques:
                continue
            de_la_facette = 0
            for slug in slugs:
                de_la_facette |= self.masques[param].get(slug, 0)
            bits &= de_la_facette
        return bits

    def nombres(self, valeurs, param, depart=None):
        """{slug: pages the listing would show with that value of `param`}, the other facets applied."""
        autres = self.selection(valeurs, sauf=param, depart=depart)
        return {slug: (autres & bits).bit_count() for slug, bits in self.masques[param].items()}

    def pages(self, bits):
        """The ids of the pages whose bit is set, in display order."""
        if bits == self.tous:
            return list(self.pks)  # the unfiltered listing, the most viewed
        chiffres = bin(bits)[2:][::-1]  # bit i at position i
        resultat = []
        i = chiffres.find("1")
        while i != -1:
            resultat.append(self.pks[i])
            i = chiffres.find("1", i + 1)
        return resultat


def options_de(valeurs):
    """The OptionIndex of `valeurs` (snippets with a slug and a name: thématiques, partners…), in their order;
    the short label where the model has one."""
    return [OptionIndex(v.slug, v.nom, getattr(v, "nom_court", "") or v.nom) for v in valeurs]


def paires_par_page(pages, champ):
    """(page id, value slug) for every value of `pages` through the relation `champ` (one query)."""
    return pages.order_by().filter(**{f"{champ}__isnull": False}).values_list("pk", f"{champ}__slug")
