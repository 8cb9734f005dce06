"""The paper's own pages and the files browsers ask for at the root:
about, contact, privacy, /favicon.ico and the web app manifest. Like the
reader pages, the same bytes for everyone."""

import functools
import json
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import get_language, get_language_bidi

from khabar.syndication.structured_data import tagline

STATIC = Path(__file__).resolve().parent / "static" / "site"
#: Root files change only with a release; a day is long enough to spare
#: the server and short enough for a new icon to show.
ROOT_FILE_MAX_AGE = 86400
#: The surroundings of the logo mark (static/site/*.png, khabar.css).
BRAND_RED = "#b0121b"
#: tools/brand_assets.py makes them.
ICONS = (
    ("icon-192", "192x192"),
    ("icon-512", "512x512"),
    ("icon-maskable-512", "512x512"),
)


def about(request):
    return render(request, "site/info/about.html")


def contact(request):
    return render(
        request,
        "site/info/contact.html",
        {"contact_email": settings.KHABAR_CONTACT_EMAIL},
    )


def privacy(request):
    return render(
        request,
        "site/info/privacy.html",
        {"views_per_address": settings.KHABAR_VIEWS_PER_ADDRESS},
    )


@functools.cache
def _favicon():
    return (STATIC / "favicon.ico").read_bytes()


def favicon(request):
    """``/favicon.ico``, which browsers and crawlers ask for whatever the
    page's ``<link rel="icon">`` says."""
    response = HttpResponse(_favicon(), content_type="image/x-icon")
    response["Cache-Control"] = f"public, max-age={ROOT_FILE_MAX_AGE}"
    return response


def manifest(request):
    """The web app manifest: what a phone shows when a reader adds the
    paper to the home screen."""
    body = {
        "name": settings.KHABAR_SITE_NAME,
        "short_name": settings.KHABAR_SITE_NAME,
        "description": tagline(),
        "lang": get_language(),
        "dir": "rtl" if get_language_bidi() else "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": BRAND_RED,
        "background_color": "#ffffff",
        "icons": [
            {"src": static(f"site/{name}.png"), "sizes": size, "type": "image/png"}
            | ({"purpose": "maskable"} if "maskable" in name else {})
            for name, size in ICONS
        ],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1),
        content_type="application/manifest+json; charset=utf-8",
    )
    response["Cache-Control"] = f"public, max-age={ROOT_FILE_MAX_AGE}"
    return response
