"""An unmodified WordPress REST client (wpapi, from npm) reads Khabar.

A real ``khabar serve`` with live articles (some published at the same
instant, so that the tie-breaker matters) and articles a reader may not
see; ``node`` runs tests/api/wpapi_list.js, which pages through
/wp-json/wp/v2/posts as a WordPress app does. It must list every live
article, with the ids and the order of /api/v1/articles walked by its
``next`` links. Without node or wpapi (``make install`` runs ``npm ci``)
the test skips, or fails under KHABAR_REQUIRE_SERVICES=1.
"""

import json
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from tests import services
from tests.services import free_port
from tests.sites import TemporarySite, migrated_database
from tests.waiting import wait_until

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "api" / "wpapi_list.js"
LIVE = 37
#: Articles: live ones in two sections, every fourth at one shared
#: instant; a draft, a scheduled one, an expired one, one past its expiry.
MAKE = f"""
import datetime as dt
from django.utils import timezone
from khabar.newsroom.models import Article, Section
now = timezone.now()
sections = [Section.objects.create(name=n) for n in ("سياسة", "رياضة")]
shared = now - dt.timedelta(hours=100)
for n in range({LIVE}):
    t = shared if n % 4 == 0 else now - dt.timedelta(hours=n + 1)
    Article.objects.create(title=f"خبر {{n}}", section=sections[n % 2], live=True,
                           first_published_at=t, last_published_at=t)
Article.objects.create(title="مسودة", section=sections[0], live=False)
Article.objects.create(title="لاحقاً", section=sections[0], live=True,
                       first_published_at=now + dt.timedelta(hours=3))
Article.objects.create(title="منتهٍ", section=sections[0], live=True, expired=True,
                       first_published_at=now - dt.timedelta(hours=2))
Article.objects.create(title="انتهى", section=sections[1], live=True,
                       first_published_at=now - dt.timedelta(hours=2),
                       expire_at=now - dt.timedelta(minutes=5))
print(sections[0].pk, sections[0].slug)
"""


def _node():
    node = shutil.which("node")
    if node is None:
        services.unavailable("node is not installed (apt-get install nodejs npm)")
    if not (ROOT / "node_modules" / "wpapi").is_dir():
        services.unavailable("wpapi is not installed: run `make install` (npm ci)")
    return node


def _get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def _walk(url):
    """The ids of /api/v1/articles, following ``next`` to the end."""
    ids = []
    while url:
        page = _get(url)
        ids += [item["id"] for item in page["items"]]
        url = page["next"]
    return ids


def _answers(url):
    try:
        return urllib.request.urlopen(url, timeout=2).status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    node = _node()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    site = TemporarySite(tmp_path_factory.mktemp("wpapi"), KHABAR_BASE_URL=base)
    migrated_database(site.database)
    section, slug = site.khabar("shell", "-c", MAKE).strip().splitlines()[-1].split()
    process = subprocess.Popen(
        [sys.executable, "-m", "khabar", "serve", "--port", str(port)],
        env=site.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        started = wait_until(lambda: _answers(f"{base}/wp-json/"), 60, 0.2)
        assert started, "khabar serve did not answer /wp-json/ in 60 s"
        yield node, base, int(section), slug
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wpapi(node, base, *args):
    done = subprocess.run(
        [node, str(SCRIPT), base, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("per_page", [10, 7, 100])
def test_wpapi_lists_every_live_article_in_the_read_api_s_order(server, per_page):
    node, base, _, _ = server

    listed = _wpapi(node, base, "all", per_page)

    expected = _walk(f"{base}/api/v1/articles?limit=20")
    assert len(expected) == LIVE
    assert listed == expected


def test_wpapi_filters_by_category(server):
    node, base, section, slug = server

    listed = _wpapi(node, base, "category", section, 5)

    expected = _walk(f"{base}/api/v1/articles?section={quote(slug)}")
    assert len(expected) == (LIVE + 1) // 2
    assert listed == expected


def test_wpapi_reads_one_post(server):
    node, base, _, _ = server
    newest = _walk(f"{base}/api/v1/articles?limit=1")[0]

    assert _wpapi(node, base, "post", newest) == [newest]
