"""Pictures generated locally with Pillow (nothing downloaded): simple Drôme-like landscapes, a road, archives.

Their source is said in the image's title (the media library's « credit »), never in a page's text: the alt text
describes what the picture shows."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

PALETTES = {
    "vercors": [(120, 170, 205), (235, 225, 200), (96, 110, 120), (70, 110, 70)],
    "lavande": [(150, 190, 225), (250, 235, 205), (125, 105, 170), (95, 130, 70)],
    "riviere": [(165, 205, 230), (240, 240, 225), (70, 120, 90), (45, 110, 160)],
    "village": [(175, 200, 225), (245, 230, 210), (190, 150, 110), (150, 90, 70)],
    "vignes": [(140, 185, 220), (250, 230, 190), (120, 140, 70), (110, 70, 60)],
    "route": [(150, 195, 230), (245, 235, 215), (105, 130, 95), (120, 160, 80)],
    "archives": [(235, 225, 205), (250, 245, 235), (150, 110, 75), (120, 85, 60)],
}
SOURCE = "illustration générée pour la démonstration"
# What each style shows: the alternative text of its pictures.
DESCRIPTIONS = {
    "vercors": "Falaises du Vercors dominant des prairies",
    "lavande": "Champ de lavande en Drôme provençale",
    "riviere": "Rivière serpentant au fond d'une vallée verdoyante",
    "village": "Maisons d'un village drômois aux toits de tuiles",
    "vignes": "Rangs de vignes au pied des collines drômoises",
    "route": "Route départementale bordée d'accotements fleuris",
    "archives": "Rayonnages de boîtes d'archives dans une salle de lecture",
}


def paysage(style, width=1600, height=900, seed=0):
    """A sky gradient, two mountain ridges and a foreground band; deterministic for a seed."""
    sky, light, ridge, ground = PALETTES[style]
    rng = random.Random(f"{style}-{seed}")
    img = PILImage.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(img)
    if style == "archives":
        return _rayonnages(img, draw, rng, PALETTES[style])
    for y in range(height // 2):
        t = y / (height / 2)
        draw.line([(0, y), (width, y)], fill=tuple(int(sky[i] * (1 - t) + light[i] * t) for i in range(3)))
    for layer, colour in enumerate([ridge, ground]):
        base = height * (0.45 + 0.2 * layer)
        points = [(0, height)]
        x = 0
        while x <= width:
            points.append((x, base - rng.randint(0, int(height * (0.25 - 0.1 * layer)))))
            x += rng.randint(width // 14, width // 7)
        points += [(width, base), (width, height)]
        draw.polygon(points, fill=colour)
    if style == "lavande":
        for row in range(8):
            y = int(height * 0.72) + row * 28
            draw.line([(0, y), (width, y - 60)], fill=(150, 120, 195), width=12)
    if style == "riviere":
        draw.polygon([(width * 0.35, height), (width * 0.55, height * 0.7), (width * 0.6, height * 0.7),
                      (width * 0.7, height)], fill=(60, 130, 185))
    if style == "route":
        draw.polygon([(width * 0.42, height * 0.62), (width * 0.5, height * 0.62), (width * 0.85, height),
                      (width * 0.1, height)], fill=(85, 85, 90))
        for i in range(6):  # the centre line, closer dashes further away
            y = height * (0.65 + 0.06 * i)
            draw.line([(width * 0.465, y), (width * 0.468, y + 12 + 4 * i)], fill=(240, 240, 240), width=6)
        for _ in range(160):  # flowers on the verges, not on the road
            x, y = rng.randint(0, width), rng.randint(int(height * 0.7), height)
            t = (y - height * 0.62) / (height * 0.38)
            if width * (0.42 - 0.32 * t) - 10 < x < width * (0.5 + 0.35 * t) + 10:
                continue
            draw.ellipse([x, y, x + 10, y + 10], fill=rng.choice([(240, 220, 80), (250, 250, 250), (200, 80, 160)]))
    if style == "village":
        for i in range(7):
            x = int(width * (0.2 + i * 0.08))
            h = rng.randint(80, 160)
            draw.rectangle([x, height * 0.75 - h, x + 90, height * 0.75], fill=(225, 195, 160))
            draw.polygon([(x - 10, height * 0.75 - h), (x + 45, height * 0.75 - h - 50), (x + 100, height * 0.75 - h)],
                         fill=(170, 80, 55))
    return img


def _rayonnages(img, draw, rng, palette):
    """Shelves of archive boxes, seen from the front."""
    width, height = img.size
    _mur, _clair, bois, carton = palette
    for etagere in range(4):
        y = int(height * (0.12 + etagere * 0.22))
        draw.rectangle([0, y + 150, width, y + 165], fill=bois)
        x = 20
        while x < width - 60:
            w = rng.randint(55, 90)
            teinte = tuple(min(255, c + rng.randint(-15, 25)) for c in carton)
            draw.rectangle([x, y + rng.randint(10, 30), x + w, y + 150], fill=teinte, outline=(90, 60, 40))
            draw.rectangle([x + w // 4, y + 60, x + 3 * w // 4, y + 80], fill=(245, 240, 225))
            x += w + rng.randint(3, 10)
    return img


def get_or_create_image(title, style, alt, seed=0, collection=None):
    """The Wagtail image of `title`, generated on first call; later calls reuse it. Its title names its source."""
    title = f"{title} ({SOURCE})"
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    paysage(style, seed=seed).save(buffer, format="JPEG", quality=85)
    filename = f"demo-{style}-{seed}.jpg"
    image = Image(title=title, description=alt)
    image.file = ImageFile(buffer, name=filename)
    image.file_size = buffer.getbuffer().nbytes
    if collection:
        image.collection = collection
    image.save()
    return image


def logo(sigle, couleur="#00566b"):
    """A plain square logo with the partner's acronym (a stand-in until partners send their own)."""
    title = f"Logo {sigle} ({SOURCE})"
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    img = PILImage.new("RGB", (400, 400), couleur)
    draw = ImageDraw.Draw(img)
    draw.rectangle([20, 20, 380, 380], outline=(255, 255, 255), width=8)
    draw.text((200, 200), sigle[:10], fill=(255, 255, 255), anchor="mm", font_size=60)
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    image = Image(title=title, description=f"Logo de {sigle}")
    image.file = ImageFile(buffer, name=f"logo-{sigle.lower().replace(' ', '-')}.png")
    image.file_size = buffer.getbuffer().nbytes
    image.save()
    return image
