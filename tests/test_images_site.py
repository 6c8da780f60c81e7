"""{% picture %} from images_site: the same HTML as Wagtail's tag, with its filters parsed once per template."""

import pytest
from django.template import Context, Template
from wagtail.images import models as modeles_images
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

GABARIT = '{% load wagtailimages_tags images_site %}{% picture image format-{avif,jpeg} width-{400,800} sizes="100vw" alt="" %}'
GABARIT_WAGTAIL = GABARIT.replace(" images_site", "")


@pytest.fixture
def images(db):
    return [Image.objects.create(title=f"Vue {i}", file=get_test_image_file(size=(1200, 800))) for i in range(3)]


def test_same_html_as_wagtails_tag(images):
    for image in images:
        assert Template(GABARIT).render(Context({"image": image})) == Template(GABARIT_WAGTAIL).render(
            Context({"image": image}))
    html = Template(GABARIT).render(Context({"image": images[0]}))
    assert '<source sizes="100vw" srcset="' in html and 'type="image/avif"' in html and "width-800" in html


def test_filters_are_parsed_once_per_template(images, monkeypatch):
    gabarit = Template(GABARIT)
    gabarit.render(Context({"image": images[0]}))
    construits = []
    init = modeles_images.Filter.__init__
    monkeypatch.setattr(modeles_images.Filter, "__init__", lambda self, *a, **k: construits.append(1) or init(self, *a, **k))
    for image in images:
        gabarit.render(Context({"image": image}))
    assert construits == []
    Template(GABARIT_WAGTAIL).render(Context({"image": images[0]}))
    assert len(construits) >= 4, "Wagtail's own tag builds its filters at every render"


def test_html_is_kept_per_generation_and_recomputed_when_the_image_changes(images, monkeypatch):
    appels = []
    get_renditions = Image.get_renditions
    monkeypatch.setattr(Image, "get_renditions", lambda self, *a, **k: appels.append(self.pk) or get_renditions(
        self, *a, **k))
    gabarit = Template(GABARIT)
    premier = gabarit.render(Context({"image": images[0]}))
    assert gabarit.render(Context({"image": images[0]})) == premier
    assert appels == [images[0].pk]  # the second render read the HTML kept for this generation
    autre_alt = Template(GABARIT.replace('alt=""', 'alt="Vue du village"')).render(Context({"image": images[0]}))
    assert 'alt="Vue du village"' in autre_alt and len(appels) == 2  # other attributes, other HTML
    images[0].focal_point_x, images[0].focal_point_y, images[0].focal_point_width = 100, 100, 50
    images[0].focal_point_height = 50
    images[0].save()
    apres = gabarit.render(Context({"image": images[0]}))
    assert len(appels) == 3  # a saved image bumps the generation: the HTML is computed again
    assert apres == Template(GABARIT_WAGTAIL).render(Context({"image": images[0]}))
