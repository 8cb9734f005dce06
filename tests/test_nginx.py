"""deploy/nginx.conf in front of a real `khabar serve`: hits, refresh, 304.

One module-wide set-up (about 20 s, most of it collectstatic): a SQLite
site in a temporary directory, `khabar serve` (granian, manifest static
files) and Debian's nginx running the repo's config. Publishing happens in
a separate `khabar shell`, as an editor's click would in another worker:
its purge reaches the server through var/page-cache-purges.log and nginx
through the purge hook (KHABAR_PURGE_METHOD=refresh).
"""

import gzip
import http.client
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import brotli
import pytest

from tests import nginx
from tests.services import free_port, unavailable

pytestmark = pytest.mark.server

MAKE = """
import json
from khabar.newsroom.models import Article, Section
section = Section.objects.create(name="سياسة", slug="siyasa")
made = {}
for name in ("page", "edited"):
    article = Article(title=f"خبر أول {name}", section=section)
    article.save()
    article.save_revision().publish()
    made[name] = article.pk
print(json.dumps(made))
"""
EDIT = """
from khabar.newsroom.models import Article
article = Article.objects.get(pk={pk})
article.title = {title!r}
article.save_revision().publish()
"""


def fetch(port, path, headers=None, method="GET"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def _wait_for(port, path, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            fetch(port, path)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing answered on {port} in {timeout} s")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not Path(nginx.NGINX).exists():
        unavailable("nginx is missing: apt-get install nginx")
    tmp = tmp_path_factory.mktemp("nginx")
    var = tmp / "var"
    app_port, port = free_port(), free_port()
    env = {
        **os.environ,
        "KHABAR_VAR_DIR": str(var),
        "KHABAR_SCHEDULER": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "KHABAR_BASE_URL": f"http://127.0.0.1:{port}",
        "KHABAR_PURGE_URLS": f"http://127.0.0.1:{port}",
        "KHABAR_PURGE_METHOD": "refresh",
    }
    for name in ("DATABASE_URL", "REDIS_URL", "KHABAR_DEBUG", "KHABAR_PAGE_CACHE"):
        env.pop(name, None)
    khabar = [sys.executable, "-m", "khabar"]
    subprocess.run([*khabar, "migrate", "-v0"], env=env, check=True)
    subprocess.run([*khabar, "collectstatic", "--no-input", "-v0"], env=env, check=True)
    made = subprocess.run(
        [*khabar, "shell", "-c", MAKE],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    pks = json.loads(made.stdout.strip().splitlines()[-1])
    server = subprocess.Popen(
        [*khabar, "serve", "--port", str(app_port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    front = None
    try:
        _wait_for(app_port, "/")
        site_conf = nginx.render_site(
            tmp, port, f"127.0.0.1:{app_port}", var, valid="10m"
        )
        # nginx's own freshness is ten minutes here: a page that changes
        # at once can only have been refreshed by the purge hook.
        conf = nginx.write_main(tmp, site_conf)
        front = nginx.start(tmp, conf, port)
        yield SimpleNamespace(
            port=port, app_port=app_port, env=env, var=var, pks=pks, khabar=khabar
        )
    finally:
        if front is not None:
            nginx.stop(front)
        server.terminate()
        server.wait(timeout=10)


def test_nginx_keeps_the_page_and_serves_it_itself(site):
    path = f"/a/{site.pks['page']}"
    first = fetch(site.port, path)
    second = fetch(site.port, path)
    assert first[0] == second[0] == 200
    assert first[1]["X-Cache-Status"] in {"MISS", "EXPIRED"}
    assert second[1]["X-Cache-Status"] == "HIT"
    assert second[2] == first[2]
    assert "خبر أول page" in second[2].decode()
    assert "Set-Cookie" not in second[1]


def test_nginx_keeps_one_copy_per_encoding(site):
    path = f"/a/{site.pks['page']}"
    plain = fetch(site.port, path)[2]
    for accept, decode in (
        ("gzip, deflate, br", brotli.decompress),
        ("gzip", gzip.decompress),
    ):
        fetch(site.port, path, {"Accept-Encoding": accept})
        status, headers, body = fetch(site.port, path, {"Accept-Encoding": accept})
        assert headers["X-Cache-Status"] == "HIT"
        assert decode(body) == plain
        assert headers["Vary"] == "Accept-Encoding"


def test_nginx_answers_a_conditional_get_with_304(site):
    path = f"/a/{site.pks['page']}"
    etag = fetch(site.port, path)[1]["ETag"]
    status, headers, body = fetch(site.port, path, {"If-None-Match": etag})
    assert status == 304
    assert body == b""


def test_editors_go_past_nginx(site):
    _, headers, _ = fetch(site.port, "/", {"Cookie": "sessionid=editor"})
    assert headers["X-Cache-Status"] == "BYPASS"
    assert headers["X-Khabar-Cache"] == "bypass"


def test_publishing_refreshes_the_pages_in_nginx_at_once(site):
    pk = site.pks["edited"]
    pages = [f"/a/{pk}", "/", "/latest/", "/s/siyasa/"]
    encodings = ({}, {"Accept-Encoding": "gzip"}, {"Accept-Encoding": "br"})
    for path in pages:
        for headers in encodings:
            fetch(site.port, path, headers)
            assert fetch(site.port, path, headers)[1]["X-Cache-Status"] == "HIT"

    title = "عنوان محدث بعد النشر"
    subprocess.run(
        [*site.khabar, "shell", "-c", EDIT.format(pk=pk, title=title)],
        env=site.env,
        check=True,
    )  # the purge hook has sent its refreshes when the process ends

    decode = {None: bytes, "gzip": gzip.decompress, "br": brotli.decompress}
    for path in pages:
        for headers in encodings:
            status, got, body = fetch(site.port, path, headers)
            assert got["X-Cache-Status"] == "HIT", (path, headers)
            text = decode[got.get("Content-Encoding")](body).decode()
            assert title in text, (path, headers)


def test_static_files_have_hashed_names_kept_a_year(site):
    manifest = json.loads((site.var / "static" / "staticfiles.json").read_text())
    hashed = "/static/" + manifest["paths"]["site/khabar.css"]
    for port in (site.app_port, site.port):
        status, headers, _ = fetch(port, hashed)
        assert status == 200
        control = headers["Cache-Control"]
        assert "max-age=31536000" in control, (port, control)
        assert "immutable" in control, (port, control)
    _, headers, _ = fetch(site.app_port, "/static/site/khabar.css")
    assert "immutable" not in headers["Cache-Control"]
