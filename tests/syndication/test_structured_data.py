"""Meta tags, Open Graph, Twitter cards and JSON-LD on the reader's pages."""

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from PIL import Image as PILImage

from khabar.newsroom.models import ArticleCorrection
from khabar.syndication.structured_data import json_ld_script
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"
DAMASCUS = dt.timezone(dt.timedelta(hours=3))


class Head(HTMLParser):
    """The <meta> properties and the JSON-LD scripts of a page."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.json_ld, self._in_ld = [], [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta.append(
                (attrs.get("property") or attrs.get("name"), attrs.get("content"))
            )
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in_ld = False

    def one(self, name):
        values = [content for key, content in self.meta if key == name]
        assert len(values) == 1, (name, values)
        return values[0]

    def all(self, name):
        return [content for key, content in self.meta if key == name]

    def of_type(self, kind):
        found = [data for data in self.json_ld if data["@type"] == kind]
        assert len(found) == 1, (kind, self.json_ld)
        return found[0]


@pytest.fixture
def article(photo):
    return ArticleFactory(
        title="البرلمان يقر قانون الموازنة",
        summary="صوت النواب بالأغلبية على مشروع القانون.",
        section=SectionFactory(name="سياسة"),
        first_published_at=dt.datetime(2019, 5, 28, 11, 46, tzinfo=DAMASCUS),
        last_published_at=dt.datetime(2019, 5, 28, 14, 5, tzinfo=DAMASCUS),
        lead_image=photo,
        lead_image_caption="قاعة المجلس",
        authors=[AuthorFactory(name="سلمى الخطيب"), AuthorFactory(name="رامي حداد")],
        tags=[TagFactory(name="البرلمان"), TagFactory(name="الموازنة")],
    )


@pytest.fixture
def head(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return Head(response.text)


def test_news_article_json_ld_matches_the_article(head, article):
    data = head.of_type("NewsArticle")
    url = f"{BASE}/a/{article.pk}"
    authors = [link.author for link in article.article_authors.all()]

    assert data["@context"] == "https://schema.org"
    assert data["headline"] == article.title
    assert data["description"] == article.summary
    assert data["url"] == url
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["datePublished"] == "2019-05-28T11:46:00+03:00"
    assert data["dateModified"] == "2019-05-28T14:05:00+03:00"
    assert data["author"] == [
        {"@type": "Person", "name": a.name, "url": f"{BASE}{a.get_absolute_url()}"}
        for a in authors
    ]
    assert data["articleSection"] == "سياسة"
    assert data["inLanguage"] == "ar"
    assert data["keywords"] == ["البرلمان", "الموازنة"]
    [image] = data["image"]
    assert image.startswith(f"{BASE}/media/images/")
    assert image.endswith(".jpg")
    assert "correction" not in data


def test_publisher_is_the_paper_with_its_logo(head):
    publisher = head.of_type("NewsArticle")["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "خبر"
    assert publisher["url"] == f"{BASE}/"
    logo = publisher["logo"]
    assert logo["@type"] == "ImageObject"
    assert logo["url"] == f"{BASE}/static/syndication/logo.png"
    path = finders.find("syndication/logo.png")
    assert path, "the logo ships in static"
    with PILImage.open(path) as png:
        assert png.format == "PNG"
        assert png.size == (logo["width"], logo["height"])


def test_breadcrumbs_home_section_article(head, article):
    crumbs = head.of_type("BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "خبر", f"{BASE}/"),
        (2, "سياسة", f"{BASE}{article.section.get_absolute_url()}"),
        (3, article.title, f"{BASE}/a/{article.pk}"),
    ]


def test_open_graph_and_twitter_card(head, article):
    url = f"{BASE}/a/{article.pk}"
    assert head.one("og:type") == "article"
    assert head.one("og:title") == article.title
    assert head.one("og:description") == article.summary
    assert head.one("og:url") == url
    assert head.one("og:site_name") == "خبر"
    assert head.one("og:locale") == "ar_AR"
    assert head.one("og:image") == head.of_type("NewsArticle")["image"][0]
    assert head.one("og:image:width") == "1200"
    assert head.one("og:image:alt") == "قاعة المجلس"
    assert head.one("article:published_time") == "2019-05-28T11:46:00+03:00"
    assert head.one("article:modified_time") == "2019-05-28T14:05:00+03:00"
    assert head.one("article:section") == "سياسة"
    assert head.all("article:tag") == ["البرلمان", "الموازنة"]
    assert head.one("twitter:card") == "summary_large_image"
    assert head.one("twitter:title") == article.title
    assert head.one("twitter:description") == article.summary
    assert head.one("twitter:image") == head.one("og:image")
    assert head.one("description") == article.summary


def test_canonical_link_is_the_short_permalink(client, article):
    html = client.get(article.get_absolute_url()).text
    assert f'<link rel="canonical" href="{BASE}/a/{article.pk}">' in html


def test_without_image_or_authors(client):
    article = ArticleFactory(summary="")
    head = Head(client.get(article.get_absolute_url()).text)
    data = head.of_type("NewsArticle")
    assert "image" not in data
    assert "description" not in data
    assert data["author"] == [data["publisher"]]
    # Social cards show the paper's own picture rather than none.
    assert head.one("twitter:card") == "summary_large_image"
    assert head.one("og:image").endswith("/share.png")
    assert head.one("og:image:width") == "1200"


def test_dates_follow_the_site_time_zone(client, article, settings):
    settings.TIME_ZONE = "Africa/Cairo"  # UTC+2 in 2019
    data = Head(client.get(article.get_absolute_url()).text).of_type("NewsArticle")
    assert data["datePublished"] == "2019-05-28T10:46:00+02:00"


def test_a_title_cannot_break_out_of_the_script(client):
    title = 'نهاية</script><script>alert("x")</script> & <!--'
    article = ArticleFactory(title=title)
    html = client.get(article.get_absolute_url()).text
    scripts = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    assert len(scripts) == 2
    assert all("<" not in s and ">" not in s and "&" not in s for s in scripts)
    assert json.loads(scripts[0])["headline"] == title
    assert 'alert("x")</script>' not in html


def test_json_ld_script_escapes_like_json_script():
    html = json_ld_script({"a": "</script>&\u2028"})
    assert html == (
        '<script type="application/ld+json">'
        '{"a":"\\u003C/script\\u003E\\u0026\\u2028"}</script>'
    )


def test_corrections_are_in_the_json_ld_and_move_date_modified(client, article):
    ArticleCorrection.objects.create(
        article=article,
        note="صُحّح اسم الوزير.",
        published_at=dt.datetime(2019, 5, 29, 9, 0, tzinfo=DAMASCUS),
    )
    ArticleCorrection.objects.create(article=article, note="لم تنشر بعد")
    data = Head(client.get(article.get_absolute_url()).text).of_type("NewsArticle")
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "صُحّح اسم الوزير.",
            "datePublished": "2019-05-29T09:00:00+03:00",
        }
    ]
    assert data["dateModified"] == "2019-05-29T09:00:00+03:00"


def test_home_page_has_website_with_search_action(client):
    ArticleFactory()
    data = Head(client.get("/").text).of_type("WebSite")
    assert data["name"] == "خبر"
    assert data["url"] == f"{BASE}/"
    assert data["inLanguage"] == "ar"
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == f"{BASE}/search/?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"


def test_preview_of_an_unsaved_article_renders_without_structured_data(rf):
    from khabar.newsroom.models import Article

    article = Article(title="مسودة", section=SectionFactory())
    request = rf.get("/")
    html = article.make_preview_request(request, "").render().content.decode()
    assert "مسودة" in html
    assert "application/ld+json" not in html
