"""Where the real WordPress exports are, and small helpers to read them."""

import json
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
ARABIC = ROOT / "tests" / "wordpress" / "arabic" / "export.xml"
ARABIC_EXPECTED = ROOT / "tests" / "wordpress" / "arabic" / "expected.json"
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
