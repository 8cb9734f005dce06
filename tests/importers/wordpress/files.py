"""Where the real WordPress exports are, and small helpers to read and
import them."""

import io
import json
from functools import cache
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]
ARABIC = ROOT / "tests" / "wordpress" / "arabic" / "export.xml"
ARABIC_EXPECTED = ROOT / "tests" / "wordpress" / "arabic" / "expected.json"
#: The uploads folder WordPress made for the Arabic export.
UPLOADS = ARABIC.parent / "uploads"
#: The start of a small WXR 1.2 file, up to its first item.
WXR_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
    'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
    "<wp:wxr_version>1.2</wp:wxr_version>\n"
)
_THEME_DATA = Path("shared", "fixtures", "wordpress", "themeunittestdata.wordpress.xml")


def theme_unit_test_data():
    """WordPress's theme unit test data, at ``../shared/fixtures`` beside
    the repository."""
    path = ROOT.parent / _THEME_DATA
    if not path.exists():
        pytest.fail(f"../{_THEME_DATA} is missing next to the repository ({ROOT})")
    return path


@cache
def expected():
    """What WordPress itself said about the Arabic export."""
    return json.loads(ARABIC_EXPECTED.read_text(encoding="utf-8"))


def posts_by_id():
    return {post["ID"]: post for post in expected()["posts"]}


def import_wxr(*args, **options):
    """``khabar import-wxr`` in this process; what it printed."""
    out = io.StringIO()
    call_command(
        "import-wxr", *map(str, args), stdout=out, stderr=io.StringIO(), **options
    )
    return out.getvalue()
