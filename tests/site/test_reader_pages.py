"""What every reader page carries for search engines, sharing and phones,
and the front page's rule that no story shows twice (#17)."""

import datetime as dt
import json
import re
from collections import Counter

import pytest
from django.utils import timezone

from khabar.search.index import index_articles
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

ARTICLE_LINK = re.compile(r'<a href="(/a/\d+)"')


def _ago(**kwargs):
    return timezone.now() - dt.timedelta(**kwargs)


@pytest.fixture
def paper():
    """Three sections of stories, enough to fill every part of the front
    page, with a breaking story that is also the newest."""
    sections = [SectionFactory(name=name) for name in ("سياسة", "اقتصاد", "رياضة")]
    for n in range(36):
        ArticleFactory(
            title=f"خبر رقم {n}",
            section=sections[n % 3],
            first_published_at=_ago(hours=n + 1),
        )
    tag, author = TagFactory(name="النفط"), AuthorFactory(name="سلمى الخطيب")
    top = ArticleFactory(
        title="الخبر الأول", is_breaking=True, section=sections[0], tags=[tag]
    )
    top.article_authors.create(author=author, sort_order=0)
    return {"top": top, "section": sections[1], "tag": tag, "author": author}


def _main(html):
    return html[html.index('<main id="main"') : html.index("</main>")]


def test_no_story_shows_twice_on_the_front_page(client, paper):
    html = client.get("/").text
    main = _main(html)
    # Most read ranks stories by readers; every other part is an editorial
    # placement, and each placement leaves out what an earlier one shows.
    if 'class="most-read"' in main:
        start = main.index('class="most-read"')
        main = main[:start] + main[main.index("</section>", start) :]
    links = Counter(ARTICLE_LINK.findall(main))
    # A card links its picture and its headline to the same story.
    repeated = {url: n for url, n in links.items() if n > 2}
    assert not repeated, repeated
    assert paper["top"].get_absolute_url() in links
    assert 'class="breaking"' not in main, "the top story repeated in the strip"
    assert main.count('class="section-block"') == 3


@pytest.mark.parametrize(
    "path",
    ["/", "/latest/", "/s/{section}/", "/t/{tag}/", "/authors/{author}/", "/a/{top}"],
)
def test_every_page_has_a_description_a_canonical_link_and_one_h1(
    client, paper, path, settings
):
    url = path.format(
        section=paper["section"].slug,
        tag=paper["tag"].slug,
        author=paper["author"].slug,
        top=paper["top"].pk,
    )
    html = client.get(url).text

    description = re.search(r'<meta name="description" content="([^"]+)">', html)
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)
    assert description, url
    assert len(description.group(1)) > 20, url
    assert canonical
    assert canonical.group(1) == settings.KHABAR_BASE_URL + url
    headings = re.findall(r"<h([1-6])\b", _main(html))
    assert headings[0] == "1", (url, headings)
    assert headings.count("1") == 1, (url, headings)
    assert not re.search(r'datetime="[^"]*\.\d+', html), "microseconds in a time"


def test_a_later_page_names_its_number_in_title_and_canonical(client, paper, settings):
    html = client.get("/latest/?page=2").text

    title = re.search(r"<title>([^<]+)</title>", html).group(1)
    assert "الصفحة 2" in title
    assert f'href="{settings.KHABAR_BASE_URL}/latest/?page=2"' in html
    assert 'rel="prev"' not in html
    assert 'rel="next"' not in html
    # Back to page 1 is the list's own URL, not ?page=1 (a duplicate).
    assert 'href="/latest/">' in html
    for bad in ("999", "abc", "0", "-1"):
        assert client.get(f"/latest/?page={bad}").status_code == 404, bad


def test_the_front_page_has_cards_for_sharing(client, paper):
    html = client.get("/").text

    for name in ("og:type", "og:title", "og:url", "og:image", "og:description"):
        assert f'<meta property="{name}"' in html, name
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image.endswith(".png")
    assert "/static/" in image


def test_an_article_without_a_picture_shares_the_papers_card(client, paper):
    html = client.get(paper["top"].get_absolute_url()).text

    assert re.search(r'<meta property="og:image" content="[^"]+share[^"]*\.png">', html)


def test_article_comes_before_its_sidebar(client, paper):
    html = client.get(paper["top"].get_absolute_url()).text

    assert html.index('<article class="article"') < html.index('<aside class="sidebar"')


def test_favicon_manifest_and_icons(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon["Content-Type"] == "image/x-icon"
    assert icon.content[:4] == b"\x00\x00\x01\x00"  # an ICO header
    assert "max-age" in icon["Cache-Control"]

    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"].startswith("application/manifest+json")
    body = json.loads(manifest.content)
    assert body["name"]
    assert body["start_url"] == "/"
    assert body["dir"] == "rtl"
    sizes = {icon["sizes"] for icon in body["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in body["icons"])


def test_home_links_its_icons_and_manifest(client, paper):
    html = client.get("/").text

    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'rel="apple-touch-icon"' in html
    assert '<link rel="icon" href="/favicon.ico"' in html


@pytest.mark.parametrize("path", ["/about/", "/contact/", "/privacy/"])
def test_the_footer_pages_exist_and_the_footer_links_them(client, paper, path):
    page = client.get(path)
    assert page.status_code == 200
    assert f'href="{path}"' in client.get("/").text


def test_privacy_page_states_the_view_budget_in_force(client, settings):
    settings.KHABAR_VIEWS_PER_ADDRESS = 7
    assert "7" in client.get("/privacy/").text


def test_contact_page_shows_the_configured_address(client, settings):
    settings.KHABAR_CONTACT_EMAIL = "desk@example.org"
    assert 'href="mailto:desk@example.org"' in client.get("/contact/").text


def test_search_page_is_compressed_cacheable_and_has_one_search_box(client, paper):
    response = client.get("/search/", {"q": "خبر"}, HTTP_ACCEPT_ENCODING="gzip, br")

    assert response["Content-Encoding"] == "br"
    assert response["Cache-Control"].startswith("public, max-age=")
    assert "Accept-Encoding" in response["Vary"]
    plain = client.get("/search/", {"q": "خبر"}).text
    assert plain.count('name="q"') == 1
    assert 'class="search-box"' not in plain


def test_search_results_may_be_indexed_but_empty_searches_may_not(client, paper):
    # Lighthouse counts a noindex as a failed SEO audit; every query still
    # names /search/ as its canonical page, so engines fold the variants.
    index_articles([paper["top"].pk])
    found = client.get("/search/", {"q": "الأول"}).text
    nothing = client.get("/search/", {"q": "زرافة"}).text

    assert "الخبر الأول" in found
    assert 'name="robots"' not in found
    assert '<meta name="robots" content="noindex">' in nothing
