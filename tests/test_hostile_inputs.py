"""An attacker's requests against a real `khabar serve`: never a 5xx.

Starts the server as production runs it (no debug, collected static files,
the page cache on) on a temporary site with a section, a tag, an author
and a few articles, on SQLite, or on a fresh PostgreSQL database when
DATABASE_URL names PostgreSQL (with REDIS_URL's Redis when set). Then
sends a few hundred hostile requests to every public URL of DESIGN.md:
numbers past 64 bits and past int()'s 4,300 digits, negative and unicode
digits, NUL and control characters, overlong strings, path traversal, odd
encodings, repeated parameters. Every answer must be below 500; the test
lists every one that was not (issue 13).
"""

import http.client
import json
import os
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest

from tests.services import free_port
from tests.sites import collected_static, migrated_database, postgres_database

pytestmark = pytest.mark.server

CLIENTS = 4
MAKE = """
import datetime as dt, json
from django.utils import timezone
from khabar.newsroom.models import Article, ArticleAuthor, Author, Section, Tag
from khabar.search.index import index_articles
section = Section.objects.create(name="سياسة")
tag = Tag.objects.create(name="مطار")
author = Author.objects.create(name="ليلى")
ids = []
for n in range(5):
    when = timezone.now() - dt.timedelta(hours=n + 1)
    article = Article.objects.create(
        title=f"افتتاح مطار رقم {n}", summary="<img src=x onerror=alert(1)>",
        section=section, live=True, first_published_at=when,
        last_published_at=when,
    )
    article.tags.add(tag)
    article.save()
    ArticleAuthor.objects.create(article=article, author=author, sort_order=0)
    ids.append(article.pk)
index_articles(ids)
print(json.dumps({"ids": ids, "section": section.slug, "tag": tag.slug,
                  "author": author.slug}))
"""

BIG = "9" * 26  # past 64 bits
HUGE = "9" * 5000  # past int()'s 4,300 digits
#: Values for a number: page, limit, id.
NUMBERS = [
    "0", "-1", "+1", "1.5", "1e9", "0x10", "NaN", BIG, HUGE, str(2**63),
    "%C2%B2", "%C2%B9%E2%81%B0", "%D9%A3", "%EF%BC%91", "%00", "1%00", "%0A",
    "%C0%AE", "%FF", "%25", "abc", "", "%201", "01",
]  # fmt: skip
#: Values for a slug, a name or text.
TEXTS = [
    "%00", "a%00b", "%1B", "%7F", "%C2%85", "%C0%AE%C0%AE", "%E2%80%AE",
    "..%2F..%2Fetc%2Fpasswd", "%2E%2E", "..%5C..%5Cwin.ini", "x" * 300,
    "%D8%A8" * 200, "%EF%BF%BF", "%ED%A0%80", "%F0%9F%98%80", "%27%20OR%201%3D1--",
    "%3Cscript%3E", "%25", "%FF%FE",
]  # fmt: skip
#: Values for a date.
DATES = [
    "9999-12-31", "0001-01-01", "0000-00-00", "2025-02-30", "-1", "%00",
    "2025-05-28%00", "99999-01-01", "%D9%A2%D9%A0%D9%A2%D9%A5-05-28", HUGE,
    "2025-05-28T25:00",
]  # fmt: skip


def requests(site):
    """``(method, path)`` of each hostile request."""
    found = [("GET", path) for path in PAGES]
    real = {
        prefix: quote(site[kind])
        for prefix, kind in (("s", "section"), ("t", "tag"), ("authors", "author"))
    }
    word = quote("مطار")
    for value in NUMBERS:
        found += [
            ("GET", f"/a/{value}"),
            ("GET", f"/v/{value}.gif"),
            ("POST", f"/v/{value}"),
            ("GET", f"/documents/{value}/x.pdf"),
            ("GET", f"/latest/?page={value}"),
            ("GET", f"/s/{real['s']}/?page={value}"),
            ("GET", f"/t/{real['t']}/?page={value}"),
            ("GET", f"/authors/{real['authors']}/?page={value}"),
            ("GET", f"/search/?q={word}&page={value}"),
            ("GET", f"/api/v1/search?q={word}&page={value}"),
            ("GET", f"/api/v1/search?q={word}&limit={value}"),
            ("GET", f"/api/v1/most-read?limit={value}"),
            ("GET", f"/sitemap-articles.xml?page={value}"),
            ("GET", f"/rss/?full={value}"),
            ("GET", f"/api/v1/articles/{value}"),
            ("GET", f"/api/v1/articles?limit={value}"),
            ("GET", f"/api/v1/articles?q={word}&page={value}"),
            ("GET", f"/api/v1/tags?limit={value}"),
            ("HEAD", f"/api/v1/authors?limit={value}"),
        ]
    for value in TEXTS:
        found += [
            ("GET", f"/{prefix}/{value}/{feed}")
            for prefix in ("s", "t", "authors")
            for feed in ("", "rss/", "atom/")
        ]
        found += [
            ("GET", f"/search/?q={value}"),
            ("GET", f"/api/v1/search?q={value}"),
            ("GET", f"/search/?q={word}&section={value}"),
            ("GET", f"/search/?q={word}&tag={value}"),
            ("GET", f"/api/v1/search?q={word}&author={value}"),
            ("GET", f"/search/?q={word}&sort={value}"),
            ("GET", f"/api/v1/most-read?window={value}"),
            ("GET", f"/api/v1/articles?q={value}"),
            ("GET", f"/api/v1/articles?cursor={value}"),
            ("GET", f"/api/v1/tags?cursor={value}"),
            ("GET", f"/api/v1/{value}"),
            ("GET", f"/media/{value}"),
            ("GET", f"/media/images/{value}"),
            ("GET", f"/static/{value}"),
            ("GET", f"/sitemap-{value}.xml"),
            ("GET", f"/{value}"),
            ("GET", f"/documents/1/{value}"),
        ]
    for value in DATES:
        for name in ("from", "to"):
            found += [
                ("GET", f"/search/?q={word}&{name}={value}"),
                ("GET", f"/api/v1/search?q={word}&{name}={value}"),
            ]
    for value in TEXTS:
        for name in ("section", "tag", "author"):
            found.append(("GET", f"/api/v1/articles?{name}={value}"))
        for kind in ("sections", "tags", "authors"):
            found.append(("GET", f"/api/v1/{kind}/{value}"))
    for value in DATES:
        for name in ("since", "until", "updated_since"):
            found.append(("GET", f"/api/v1/articles?{name}={value}"))
    found += [
        ("POST", "/api/v1/articles"),
        ("DELETE", f"/api/v1/articles/{site['ids'][0]}"),
    ]
    found += [("GET", path) for path in ODD]
    found += [("GET", f"/media/images/{'a' * 256}.jpg")]
    found += [("GET", f"/media/{'a/' * 600}x")]
    return found


#: Every public URL of DESIGN.md, as a reader asks for it.
PAGES = [
    "/", "/latest/", "/latest/?page=2", "/search/", f"/search/?q={quote('مطار')}",
    "/rss/", "/atom/", "/rss/?full=1", "/atom/?full=1", "/sitemap.xml",
    "/news-sitemap.xml", "/robots.txt", "/opensearch.xml",
    "/sitemap-articles.xml", "/sitemap-sections.xml", "/sitemap-tags.xml",
    "/sitemap-authors.xml", "/api/v1/most-read", "/api/v1/most-read?window=7d",
    f"/api/v1/search?q={quote('مطار')}", "/api/v1/articles", "/api/v1/sections",
    "/api/v1/tags", "/api/v1/authors", "/api/v1/openapi.json", "/api/v1/docs",
    f"/api/v1/articles?q={quote('مطار')}",
]  # fmt: skip
#: Repeated and malformed parameters, odd paths.
ODD = [
    "/latest/?page=1&page=2", "/latest/?page=2&page=abc", "/latest/?page[]=1",
    "/latest/?%00=1", "/latest/?page", "/latest/?=", "/latest/?&&&",
    f"/search/?q=a&q=b&q={'x' * 4000}", "/search/?q=%00", "/search/?q=%22",
    "/search/?q=%22%22%22", "/search/?q=-", "/search/?q=-%D9%85%D8%B7%D8%A7%D8%B1",
    "/search/?q=*", "/search/?q=%28%29%3A%5E~", f"/search/?q={'%D8%A8' * 600}",
    "/api/v1/search?q=a&limit=1&limit=99", "/api/v1/most-read?window=24h&window=x",
    "/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fkhabar.sqlite3",
    "/media/..%2f..%2fkhabar.sqlite3", "/media/%2e%2e/secret_key",
    "/a/1/", "/a//1", "//a/1", "/a/1?x=%00", "/v/1", "/s/", "/t//rss/",
    "/rss/?full=1&full=0", "/atom/?page=-1", "/sitemap-articles.xml?page=0",
    "/sitemap-.xml", "/documents/", "/documents/1/",
    f"/documents/{'9' * 155}/x.pdf", f"/documents/{HUGE}/x.pdf",
    "/documents/authenticate_with_password/99999999999999999999999/",
]  # fmt: skip


def _khabar(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "khabar", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def fetch(port, method, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        connection.putheader("User-Agent", "Mozilla/5.0 (hostile test)")
        connection.putheader("Content-Length", "0")
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _wait_for(port, server, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"khabar serve exited with {server.returncode}")
        try:
            fetch(port, "GET", "/robots.txt")
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"khabar serve did not answer on {port} in {timeout} s")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    var = tmp_path_factory.mktemp("hostile")
    env = {
        **os.environ,
        "KHABAR_VAR_DIR": str(var),
        "KHABAR_SCHEDULER": "0",
        "KHABAR_CACHE_PREFIX": f"test-hostile-{uuid.uuid4().hex}",
    }
    for name in ("KHABAR_DEBUG", "KHABAR_PAGE_CACHE", "KHABAR_VIEWS_REDIS_URL"):
        env.pop(name, None)
    database, drop = postgres_database("khabar_hostile")
    if database:
        env["DATABASE_URL"] = database
    else:
        env.pop("DATABASE_URL", None)
    server = None
    try:
        collected_static(var / "static")
        if not database:
            migrated_database(var / "khabar.sqlite3")
        made = json.loads(_khabar(env, "shell", "-c", MAKE).strip().splitlines()[-1])
        (var / "media" / "images").mkdir(parents=True, exist_ok=True)
        port = free_port()
        log = var / "serve.log"
        with log.open("w") as output:
            server = subprocess.Popen(
                [sys.executable, "-m", "khabar", "serve", "--port", str(port)],
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        _wait_for(port, server)
        yield {"port": port, "log": log, **made}
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=60)  # cleaning up, not a measure of stopping
        drop()


def test_no_hostile_request_gets_a_5xx(site):
    sent = requests(site)
    assert len(sent) > 300

    def send(request):
        method, path = request
        try:
            return method, path, fetch(site["port"], method, path)
        except (OSError, http.client.HTTPException) as error:
            return method, path, f"no answer: {error!r}"

    with ThreadPoolExecutor(CLIENTS) as pool:
        answers = list(pool.map(send, sent))

    failed = [
        f"{status} {method} {path[:160]}"
        for method, path, status in answers
        if not isinstance(status, int) or status >= 500
    ]
    assert not failed, (
        f"{len(failed)} of {len(sent)} requests failed:\n"
        + "\n".join(failed)
        + "\n\nErrors in the server's log:\n"
        + "\n".join(_errors(site["log"]))
    )


def _errors(log):
    """The distinct exception lines of the server's log, shortened."""
    lines = log.read_text(errors="replace").splitlines()
    found = {line[:200] for line in lines if "Error:" in line or "Exception:" in line}
    return sorted(found)


def test_the_server_still_answers_readers(site):
    for path in ("/", "/latest/", f"/a/{site['ids'][0]}", "/rss/"):
        assert fetch(site["port"], "GET", path) == 200, path
