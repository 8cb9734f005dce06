"""Old WordPress addresses keep working after `khabar import-wxr`.

The addresses come from outside: the Arabic export's from WordPress's own
database (expected.json: permalinks, plain links, feeds, archive links,
old slugs and dates, paginated posts), the theme unit test data's from its
own ``<link>``s, ``<guid>``s and terms. Each is asked for in the three
spellings a server meets (WordPress's lower-case escapes, a browser's
upper-case ones, raw UTF-8) and must answer exactly one 301 to a page
that answers 200.
"""

import re
import socket
import subprocess
import sys
from collections import Counter
from urllib.parse import quote, unquote, urlsplit

import pytest
from django.urls import Resolver404, resolve
from lxml import etree

from khabar.importers.legacy import candidates, link_key, path_key
from khabar.importers.models import LegacyPath
from khabar.importers.wordpress.addresses import nicename
from khabar.newsroom.models import Article
from tests.importers.wordpress.files import (
    ARABIC,
    UPLOADS,
    expected,
    import_wxr,
    theme_unit_test_data,
)
from tests.services import free_port
from tests.sites import TemporarySite, migrated_database
from tests.waiting import SERVER_START, wait_until

pytestmark = pytest.mark.django_db

_UPPER = re.compile(r"%[0-9a-f]{2}")


def import_arabic():
    return import_wxr(
        ARABIC,
        "--media-dir", str(UPLOADS), "--pages", "live",
        "--category-base", "section", "--tag-base", "topic",
    )  # fmt: skip


def spellings(path_and_query):
    """The three spellings of an address: as WordPress wrote it (lower-case
    escapes), as a browser sends it (upper-case), and raw UTF-8."""
    lower = path_and_query
    upper = _UPPER.sub(lambda m: m.group().upper(), lower)
    raw = unquote(lower)
    return [lower, upper, raw]


def local(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def arabic_addresses():
    """Every address the Arabic site had that a reader could open, from
    WordPress's database: ``{address: what it is}``."""
    data = expected()
    site = data["site"]
    found = {local(url): f"feed {name}" for name, url in data["feeds"].items()}
    public = {
        post["ID"]: post
        for post in data["posts"]
        if post["post_type"] in ("post", "page")
        and post["status"] == "publish"
        and not post["has_password"]
    }
    authors = {
        post["author"] for post in public.values() if post["post_type"] == "post"
    }
    for post in public.values():
        what = f"{post['post_type']} {post['ID']}"
        permalink = local(post["permalink"])
        found[permalink] = what
        found[local(post["plain_link"])] = what
        found[local(post["comments_feed"])] = f"{what} comments feed"
        found[permalink + "comment-page-1/"] = f"{what} comment page"
        found[f"/?p={post['ID']}"] = what
        for page in post["page_links"]:
            found[local(page)] = f"{what} page"
        head, _, tail = permalink.rstrip("/").rpartition("/")
        for old in post["old_slugs"]:
            found[f"{head}/{old}/"] = f"{what} old slug"
        for day in post["old_dates"]:
            found[
                re.sub(r"^/\d{4}/\d{2}/\d{2}/", f"/{day.replace('-', '/')}/", permalink)
            ] = f"{what} old date"
        if post["post_type"] == "post":
            found[f"/archives/{post['ID']}"] = f"{what} numeric"
    for post in data["posts"]:
        if post["post_type"] == "attachment":
            what = f"attachment {post['ID']}"
            found[local(post["permalink"])] = what
            found[local(post["plain_link"])] = what
    upload_base = urlsplit(site["upload_url"]).path
    for file in UPLOADS.rglob("*.jpg"):
        relative = file.relative_to(UPLOADS).as_posix()
        found[f"{upload_base}/{quote(relative).lower()}"] = "uploaded file"
    for taxonomy in ("category", "post_tag"):
        for term in data["terms"][taxonomy]:
            if term["count"]:
                found[local(term["link"])] = f"{taxonomy} {term['slug_decoded']}"
                found[local(term["feed"])] = f"{taxonomy} feed"
                found[local(term["link"]) + "page/2/"] = f"{taxonomy} page 2"
                key = "cat" if taxonomy == "category" else "tag"
                value = term["term_id"] if key == "cat" else term["slug"]
                found[f"/?{key}={value}"] = f"{taxonomy} plain link"
    for user in data["users"]:
        if user["login"] in authors:
            found[local(user["posts_url"])] = f"author {user['login']}"
            found[local(user["feed"])] = "author feed"
            found[f"/?author={user['ID']}"] = "author plain link"
    found["/?feed=rss2"] = "plain feed"
    found["/?s=%d8%a7%d9%84%d9%86%d9%81%d8%b7"] = "search"
    found["/page/2/"] = "home page 2"
    return found


def _own_page(path):
    try:
        resolve(unquote(path))
    except Resolver404:
        return False
    return True


def follow_once(client, address, method="get"):
    """The status of *address*, and of where its redirect points; an old
    address that is one of Khabar's own pages (``/about/``) is that page."""
    response = getattr(client, method)(address)
    if response.status_code == 200 and _own_page(urlsplit(address).path):
        return 301, address, 200
    if response.status_code != 301:
        return response.status_code, None, None
    target = response["Location"]
    final = client.get(target)
    return 301, target, final.status_code


def test_the_redirects_go_where_the_old_page_went(client):
    import_arabic()
    posts = {post["ID"]: post for post in expected()["posts"]}
    article = Article.objects.get(external_id="18")
    paged = posts[18]["page_links"][2]
    for address in (posts[18]["permalink"], paged, posts[18]["plain_link"]):
        response = client.get(local(address))
        assert response["Location"] == f"/a/{article.pk}"
    tag = expected()["terms"]["post_tag"][0]
    assert client.get(local(tag["link"]))["Location"].startswith("/t/")
    assert client.get(local(tag["feed"]))["Location"].endswith("/rss/")
    category = next(
        t for t in expected()["terms"]["category"] if t["slug_decoded"] == "شؤون-محلية"
    )
    assert client.get(local(category["link"]))["Location"] == quote("/s/شؤون-محلية/")
    assert client.get("/feed/atom/")["Location"] == "/atom/"
    image = client.get("/wp-content/uploads/2024/05/camel-race-2-300x200.jpg")
    assert image["Location"].startswith("/media/original_images/camel-race-2")
    search = client.get("/?s=" + quote("النفط"))
    assert search["Location"] == "/search/?q=" + quote("النفط")


def test_an_address_of_what_is_not_public_stays_a_404(client):
    import_arabic()
    posts = {post["ID"]: post for post in expected()["posts"]}
    for post_id in (27, 32, 33):  # scheduled for 2030, private, password
        assert client.get(local(posts[post_id]["plain_link"])).status_code == 404
        assert client.get(local(posts[post_id]["permalink"])).status_code == 404
    assert client.get("/?p=37").status_code == 404  # in the trash: not imported
    assert client.get("/?p=999999").status_code == 404
    assert client.get("/2024/03/03/no-such-post/").status_code == 404


@pytest.mark.parametrize(
    "address",
    ["/2024/a%00b/", "/s/a%00b/", "/?tag=a%00b", "/?p=1&tag=%01", "/?cat=" + "9" * 30],
)
def test_an_address_no_key_can_have_is_a_404_on_every_database(client, address):
    LegacyPath.objects.create(path="/2024/ab", kind="site")
    assert client.get(address).status_code == 404


def test_an_article_unpublished_later_stops_being_redirected_to(client):
    import_arabic()
    article = Article.objects.get(external_id="11")
    assert client.get("/?p=11").status_code == 301
    article.unpublish()
    assert client.get("/?p=11").status_code == 404


def test_a_redirect_is_cacheable_and_answers_head(client):
    import_arabic()
    response = client.head("/archives/11")
    assert response.status_code == 301
    assert "public" in response["Cache-Control"]
    assert "max-age=3600" in response["Cache-Control"]
    assert client.post("/archives/11").status_code != 301


def test_a_reimport_updates_the_addresses_instead_of_adding_them():
    import_arabic()
    first = LegacyPath.objects.count()
    import_arabic()
    assert LegacyPath.objects.count() == first


def test_the_home_page_with_an_old_plain_link_is_not_the_cached_home_page(
    client, page_cache
):
    import_arabic()
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200  # now in the cache
    assert client.get("/?p=11").status_code == 301
    assert client.get("/?utm_source=x").status_code == 200


# The theme unit test data: addresses from the export itself.


def theme_addresses():
    """``{address: what}`` of the theme data's public posts, pages and
    archives, read from the file (its site lived at the root)."""
    tree = etree.parse(str(theme_unit_test_data()))
    WP = f"{{{tree.getroot().nsmap['wp']}}}"
    found, categories = {}, {}
    for term in tree.iter(f"{WP}category"):
        slug = term.findtext(f"{WP}category_nicename")
        categories[slug] = term.findtext(f"{WP}category_parent") or ""
    used = Counter()
    for item in tree.iter("item"):
        kind = item.findtext(f"{WP}post_type")
        public = item.findtext(f"{WP}status") == "publish" and not item.findtext(
            f"{WP}post_password"
        )
        if kind not in ("post", "page") or not public:
            continue
        post_id = item.findtext(f"{WP}post_id")
        found[local(item.findtext("link"))] = f"{kind} {post_id}"
        found[f"/?p={post_id}"] = f"{kind} {post_id}"
        if kind == "post":
            found[f"/archives/{post_id}"] = f"post {post_id}"
        for term in item.iter("category"):
            used[term.get("domain"), term.get("nicename")] += 1
    for (domain, slug), _ in used.items():
        if domain == "category":
            chain, parent = [slug], categories.get(slug)
            while parent:
                chain.insert(0, parent)
                parent = categories.get(parent)
            found[f"/category/{'/'.join(chain)}/"] = f"category {slug}"
            found[f"/category/{'/'.join(chain)}/feed/"] = f"category feed {slug}"
        elif domain == "post_tag":
            found[f"/tag/{slug}/"] = f"tag {slug}"
    for author in tree.iter(f"{WP}author"):
        login = author.findtext(f"{WP}author_login")
        found[f"/author/{nicename(login)}/"] = f"author {login}"
    return found


# The keys, and a real server reading raw bytes off the socket.


def test_spellings_of_one_path_meet_in_one_key():
    lower = "/2024/03/%d8%ae%d8%a8%d8%b1/"
    assert link_key(lower) == link_key(lower.upper()) == path_key("/2024/03/خبر")
    assert link_key("/index.php/2024/x/") == "/2024/x"
    # A slug WordPress cut inside a letter keeps its broken byte escaped,
    # as Django hands such a path to the view.
    assert link_key("/%d8%ae%d8") == path_key("/خ%D8")


def test_what_a_request_is_looked_up_by():
    keys = [key for key, _ in candidates("/2024/03/خبر/feed/atom/")]
    assert keys == ["/2024/03/خبر/feed/atom", "/2024/03/خبر", "slug:خبر"]
    assert candidates("/section/x/page/3/")[1] == ("/section/x", "")
    assert candidates("/wp-content/uploads/2024/a-300x200.jpg")[-1] == (
        "/wp-content/uploads/2024/a.jpg",
        "",
    )


def raw_get(port, path_bytes):
    """GET *path_bytes* as given, byte for byte; ``(status, Location)``."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"GET " + path_bytes + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Connection: close\r\n\r\n")  # fmt: skip
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in head[1:])
    return int(head[0].split()[1]), headers.get("location")


EXPORTS = {
    "arabic": lambda: (
        ARABIC,
        ["--media-dir", str(UPLOADS), "--category-base", "section"]
        + ["--tag-base", "topic"],
        arabic_addresses(),
    ),
    "theme unit test data": lambda: (theme_unit_test_data(), [], theme_addresses()),
}


@pytest.mark.server
@pytest.mark.parametrize("export", EXPORTS)
def test_every_public_address_answers_one_301_to_a_page_that_answers(export, tmp_path):
    """Through `khabar serve`, byte for byte as clients send them: the three
    spellings reach the server as different bytes. An old address that is
    one of Khabar's own pages (``/about/``) shows that page."""
    path, options, addresses = EXPORTS[export]()
    assert len(addresses) > 150
    site = TemporarySite(tmp_path, KHABAR_MEDIA_ROOT=str(tmp_path / "media"))
    migrated_database(site.database)
    out = site.khabar("import-wxr", str(path), "--pages", "live", *options)
    assert "Old addresses kept:" in out
    port = free_port()
    with (tmp_path / "serve.log").open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "khabar", "serve", "--port", str(port)]
            + ["--workers", "1"],
            env=site.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until(lambda: _answers(port), timeout=SERVER_START)
        results, failures, finals = Counter(), [], {}
        for address, what in sorted(addresses.items()):
            for spelling in spellings(address):
                status, location = raw_get(port, spelling.encode("utf-8"))
                if status == 200 and _own_page(urlsplit(address).path):
                    status, location = 301, address
                if status == 301 and location not in finals:
                    finals[location] = raw_get(port, location.encode("utf-8"))[0]
                final = finals.get(location)
                results[status, final] += 1
                if (status, final) != (301, 200):
                    failures.append((what, spelling, status, location, final))
    finally:
        server.terminate()
        server.wait(timeout=60)  # cleaning up, not a measure of stopping
    assert failures == [], "\n".join(map(str, failures))
    assert results == {(301, 200): 3 * len(addresses)}


def _answers(port):
    try:
        return raw_get(port, b"/robots.txt")[0] == 200
    except OSError:
        return False


def test_a_site_that_lived_in_a_folder_keeps_its_addresses_there(client, tmp_path):
    """WordPress installed at /news/: every address starts there."""
    moved = tmp_path / "export.xml"
    moved.write_text(
        ARABIC.read_text(encoding="utf-8").replace(
            "http://example.test", "http://example.test/news"
        ),
        encoding="utf-8",
    )
    import_wxr(moved, "--media-dir", str(UPLOADS), "--category-base", "section")
    article = Article.objects.get(external_id="11")
    post = {p["ID"]: p for p in expected()["posts"]}[11]
    permalink = local(post["permalink"]).replace("/", "/news/", 1)
    for address in (permalink, "/news/?p=11", "/news/archives/11"):
        assert client.get(address)["Location"] == f"/a/{article.pk}", address
    assert client.get("/news/feed/")["Location"] == "/rss/"
    assert client.get("/news/section/sports/")["Location"].startswith("/s/")
    image = client.get("/news/wp-content/uploads/2024/03/rain-1-300x200.jpg")
    assert image.status_code == 301
    assert client.get("/?p=11").status_code == 404  # not this site's address
