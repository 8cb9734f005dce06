"""deploy/nginx.conf in front of a real `khabar serve`: hits, refresh, 304, TLS.

One module-wide set-up: a SQLite site in a temporary directory (its
database and static files copies of what `khabar migrate` and `khabar
collectstatic` made once in the test run, tests/sites.py), `khabar serve`
(granian, manifest static files) and Debian's nginx running the repo's
config. Publishing happens in a separate `khabar shell`, as an editor's
click would in another worker: its purge reaches the server through
var/page-cache-purges.log and nginx through the purge hook
(KHABAR_PURGE_METHOD=refresh). The site runs as in production
(KHABAR_ENV=production behind the TLS proxy): https with a self-signed
certificate, plain http redirected, HSTS.
"""

import gzip
import http.client
import json
import os
import secrets
import ssl
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import brotli
import pytest

from tests import nginx
from tests.services import free_port, unavailable
from tests.sites import collected_static, migrated_database
from tests.waiting import SERVER_START

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


def fetch(port, path, headers=None, method="GET", tls=False):
    if tls:
        connection = http.client.HTTPSConnection(
            "127.0.0.1", port, timeout=10, context=ssl._create_unverified_context()
        )
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def _wait_for(port, path, timeout=SERVER_START):
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
    tls_port, http_port = free_port(), free_port()
    env = {
        **os.environ,
        "KHABAR_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "KHABAR_BEHIND_TLS_PROXY": "1",
        "KHABAR_VAR_DIR": str(var),
        "KHABAR_SCHEDULER": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "KHABAR_BASE_URL": f"http://127.0.0.1:{port}",
        "KHABAR_PURGE_URLS": f"http://127.0.0.1:{port}",
        "KHABAR_PURGE_METHOD": "refresh",
    }
    for name in ("DATABASE_URL", "REDIS_URL", "KHABAR_DEBUG", "KHABAR_PAGE_CACHE"):
        env.pop(name, None)
    for name in [name for name in env if name.startswith("SECURE_")]:
        del env[name]
    khabar = [sys.executable, "-m", "khabar"]
    migrated_database(var / "khabar.sqlite3")
    collected_static(var / "static")
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
            tmp,
            port,
            f"127.0.0.1:{app_port}",
            var,
            valid="10m",
            tls_port=tls_port,
            http_port=http_port,
        )
        # nginx's own freshness is ten minutes here: a page that changes
        # at once can only have been refreshed by the purge hook.
        conf = nginx.write_main(tmp, site_conf)
        front = nginx.start(tmp, conf, port)
        yield SimpleNamespace(
            port=port,
            app_port=app_port,
            tls_port=tls_port,
            http_port=http_port,
            tmp=tmp,
            env=env,
            var=var,
            pks=pks,
            khabar=khabar,
        )
    finally:
        if front is not None:
            nginx.stop(front)
        server.terminate()
        # Cleaning up, not a measure of stopping (tests/site/test_serve.py).
        server.wait(timeout=60)


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
    # Khabar itself redirects plain http: ask it as nginx does.
    https = {"X-Forwarded-Proto": "https"}
    for port, extra in ((site.app_port, https), (site.port, {})):
        status, headers, _ = fetch(port, hashed, extra)
        assert status == 200
        control = headers["Cache-Control"]
        assert "max-age=31536000" in control, (port, control)
        assert "immutable" in control, (port, control)
    _, headers, _ = fetch(site.app_port, "/static/site/khabar.css", https)
    assert "immutable" not in headers["Cache-Control"]
    assert headers["X-Content-Type-Options"] == "nosniff"


# TLS and security headers

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
)


def test_plain_http_is_redirected_to_https(site):
    status, headers, _ = fetch(site.http_port, "/a/1?x=1", {"Host": "news.example"})
    assert status == 301
    assert headers["Location"] == "https://news.example/a/1?x=1"


def test_acme_challenge_is_served_over_plain_http(site):
    challenge = site.tmp / "acme" / ".well-known" / "acme-challenge"
    challenge.mkdir(parents=True, exist_ok=True)
    (challenge / "token-1").write_text("token-1.thumbprint")

    status, headers, body = fetch(site.http_port, "/.well-known/acme-challenge/token-1")

    assert status == 200
    assert body == b"token-1.thumbprint"


def test_pages_over_tls_keep_their_security_headers_in_nginx(site):
    path = f"/a/{site.pks['page']}"
    first = fetch(site.tls_port, path, tls=True)
    second = fetch(site.tls_port, path, tls=True)

    assert first[0] == second[0] == 200
    assert second[1]["X-Cache-Status"] == "HIT"
    for name in SECURITY_HEADERS:
        values = second[1].get_all(name) or []
        assert values == first[1].get_all(name), name
        assert len(values) == 1, (name, values)  # nginx adds no second one
    assert "max-age=31536000" in second[1]["Strict-Transport-Security"]
    assert "script-src 'self' 'sha256-" in second[1]["Content-Security-Policy"]


def test_khabar_trusts_nginx_and_redirects_only_plain_http(site):
    # Through nginx: no redirect loop. Straight to Khabar over http: https.
    assert fetch(site.port, "/")[0] == 200
    status, headers, _ = fetch(site.app_port, "/")
    assert status == 301
    assert headers["Location"].startswith("https://")


def test_uploads_are_never_run_as_documents(site):
    media = site.var / "media"
    media.mkdir(exist_ok=True)
    (media / "note.html").write_text("<script>alert(1)</script>")

    status, headers, _ = fetch(site.tls_port, "/media/note.html", tls=True)

    assert status == 200
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_production_config_passes_nginx_t(tmp_path):
    """The file as shipped (ports 80 and 443, both :80 listeners, IPv6),
    with only its files moved: `nginx -t` parses and loads it."""
    if not Path(nginx.NGINX).exists():
        unavailable("nginx is missing: apt-get install nginx")
    site_conf = nginx.swap_production_paths(
        nginx.SITE.read_text(), tmp_path, tmp_path / "var"
    )
    conf = nginx.write_main(tmp_path, site_conf)

    result = subprocess.run(
        [nginx.NGINX, "-t", "-p", str(tmp_path), "-c", str(conf)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
