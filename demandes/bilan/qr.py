"""QR codes of pages for print material (the activity report points readers to the canton pages and to the
replays this way). segno writes SVG and PNG in pure Python; error correction "M" survives a smudged print."""

import io

import segno

FORMATS = {"svg": "image/svg+xml", "png": "image/png"}


def code_qr(url, format_fichier):
    """The QR code of `url` as bytes, in `format_fichier` ("svg" or "png")."""
    qr = segno.make(url, error="m", micro=False)
    sortie = io.BytesIO()
    if format_fichier == "svg":
        qr.save(sortie, kind="svg", scale=10, border=4, xmldecl=True, svgclass=None, lineclass=None,
                title=f"QR code : {url}")
    else:
        qr.save(sortie, kind="png", scale=12, border=4)
    return sortie.getvalue()
