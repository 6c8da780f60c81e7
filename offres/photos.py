"""The picture of a réalisation's cards: the first photo of its gallery, read for a whole page of cards at once.

A gallery is a StreamField: turning it into images (StreamValue) costs one query per réalisation. The cards read
the galleries' stored data instead, then every photo they name in one query and their renditions in another,
whatever the number of cards (listing query budgets, tests/test_budgets_requetes.py).
"""

import copy

from wagtail.images import get_image_model


def premier_bloc(donnees):
    """(image id, alternative text or None, decorative) of the first photo of a gallery's stored data, or None.
    A block is {"image": id, "alt_text": …, "decorative": …}, or a bare id if it was saved before the gallery
    used ImageBlock."""
    for bloc in donnees:
        valeur = bloc.get("value") if bloc.get("type") == "image" else None
        if isinstance(valeur, int):
            return valeur, None, False
        if isinstance(valeur, dict) and valeur.get("image"):
            return valeur["image"], valeur.get("alt_text"), bool(valeur.get("decorative"))
    return None


def avec_photos(realisations):
    """`realisations` (pages whose gallery is loaded), each with its card's picture set (`image_carte`): the
    photo with its alternative text in context, empty when the editor marked it decorative."""
    realisations = list(realisations)
    blocs = {r.pk: premier_bloc(r.galerie.raw_data) for r in realisations}
    ids = {bloc[0] for bloc in blocs.values() if bloc}
    images = get_image_model().objects.prefetch_renditions().in_bulk(ids) if ids else {}
    for realisation in realisations:
        bloc = blocs[realisation.pk]
        image = images.get(bloc[0]) if bloc else None
        if image is not None:
            image = _dans_son_contexte(image, alt=bloc[1], decorative=bloc[2])
        realisation.definir_image_carte(image)
    return realisations


def _dans_son_contexte(image, alt, decorative):
    """A copy of `image` with the alternative text of its place: two réalisations may show one photo with two
    texts. Its renditions are copied too, as a rendition writes the alt of the image it points to."""
    image = copy.copy(image)  # a model's copy has its own cache of related objects (Model.__getstate__)
    image.decorative = decorative
    image.contextual_alt_text = "" if decorative else alt
    renditions = [copy.copy(rendition) for rendition in image.prefetched_renditions]
    for rendition in renditions:
        rendition.image = image
    image.prefetched_renditions = renditions
    return image
