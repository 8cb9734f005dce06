"""The streaming WXR reader on real exports (khabar/importers/wordpress/wxr.py)."""

import datetime as dt
import re
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from khabar.importers.wordpress.wxr import (
    Author,
    Item,
    Site,
    Skipped,
    Term,
    WxrError,
    read_wxr,
)
from tests.importers.wordpress.files import (
    ARABIC,
    expected,
    posts_by_id,
    theme_unit_test_data,
)


def records(path, kind, **options):
    return [record for record in read_wxr(path, **options) if isinstance(record, kind)]


def type_and_status(items):
    return Counter((item.type, item.status) for item in items)


def counted_by_lxml(path):
    """The same counts, from a whole-tree parse that knows nothing of the
    reader: items by type and status, comments, and channel terms."""
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False))
    wp = {"wp": tree.getroot().nsmap["wp"]}
    items = Counter(
        (
            item.findtext("wp:post_type", namespaces=wp),
            item.findtext("wp:status", namespaces=wp),
        )
        for item in tree.iterfind("channel/item")
    )
    comments = len(tree.findall("channel/item/wp:comment", wp))
    categories = len(tree.findall("channel/wp:category", wp))
    tags = len(tree.findall("channel/wp:tag", wp))
    return items, comments, categories, tags


# The theme unit test data: WordPress's own English test content.


@pytest.mark.parametrize("recover", [False, True], ids=["strict", "recover"])
def test_theme_unit_test_data_counts_per_type_and_status(recover):
    path = theme_unit_test_data()
    items = records(path, Item, recover=recover)

    by_lxml, _, _, _ = counted_by_lxml(path)
    assert type_and_status(items) == by_lxml
    # The figures of issue 16 …
    kinds = Counter(item.type for item in items)
    assert (kinds["post"], kinds["page"], kinds["attachment"]) == (58, 21, 37)
    # … and, by status, what the file holds beside them.
    assert type_and_status(items) == {
        ("post", "publish"): 56,
        ("post", "future"): 1,
        ("post", "draft"): 1,
        ("page", "publish"): 21,
        ("attachment", "inherit"): 37,
        ("nav_menu_item", "publish"): 70,
    }


def test_theme_unit_test_data_terms_and_comments():
    path = theme_unit_test_data()
    terms = records(path, Term)
    comments = sum(len(item.comments) for item in records(path, Item))

    _, by_lxml, categories, tags = counted_by_lxml(path)
    assert comments == by_lxml == 33
    assert categories == 68
    assert tags == 110
    by_taxonomy = Counter(term.taxonomy for term in terms)
    # 68 <wp:category> and, again, category "6-1" as a <wp:term>.
    assert by_taxonomy == {"category": 69, "post_tag": 110, "nav_menu": 6}
    twice = [term for term in terms if term.slug == "6-1"]
    assert [term.id for term in twice] == [12, 12]


def test_theme_unit_test_data_special_posts():
    items = {item.id: item for item in records(theme_unit_test_data(), Item)}

    assert items[1168].password == "enter"
    assert items[1164].status == "draft"
    assert items[1164].post_name == ""
    assert items[1153].status == "future"
    assert items[1153].date == dt.datetime(2030, 1, 1, 19, 0, 18, tzinfo=dt.UTC)


def test_theme_unit_test_data_is_read_with_https_namespaces():
    site = records(theme_unit_test_data(), Site)

    assert site == [
        Site(
            title="Theme Unit Test Data",
            link="https://wpthemetestdata.wordpress.com",
            description=site[0].description,
            language="en",
            wxr_version="1.2",
            base_site_url="https://wordpress.com/",
            base_blog_url="https://wpthemetestdata.wordpress.com",
        )
    ]


# The Arabic export made by WordPress 6.1.9 (tests/wordpress/).


@pytest.mark.parametrize("recover", [False, True], ids=["strict", "recover"])
def test_arabic_export_counts_match_wordpress(recover):
    items = records(ARABIC, Item, recover=recover)

    exported = expected()["counts"]["exported"]
    assert type_and_status(items) == {
        (kind, status): count
        for kind, statuses in exported.items()
        for status, count in statuses.items()
    }
    assert len(items) == expected()["counts"]["exported_items"]
    comments = sum(len(item.comments) for item in items)
    assert comments == expected()["counts"]["exported_comments"]


def test_arabic_export_items_match_wordpress_post_by_post():
    wordpress = posts_by_id()

    for item in records(ARABIC, Item):
        post = wordpress[item.id]
        assert (item.type, item.status) == (post["post_type"], post["status"])
        assert item.post_name == post["post_name"]
        assert item.title == post["title"]
        assert item.author == post["author"]
        assert (item.parent, item.menu_order) == (post["parent"], post["menu_order"])
        assert bool(item.password) == post["has_password"]
        if "date_gmt" in post:
            assert item.date == _gmt(post["date_gmt"]), item.id
            assert item.local_date == _naive(post["date"])
        if item.type == "post":
            assert item.sticky == post["sticky"]
            names = [term.nicename for term in item.terms_in("category")]
            assert names == post["categories"]
            assert [t.nicename for t in item.terms_in("post_tag")] == post["tags"]


def test_arabic_export_bylines_are_co_authors_plus_logins():
    wordpress = posts_by_id()
    items = records(ARABIC, Item)

    with_bylines = [item for item in items if item.bylines]
    assert with_bylines
    for item in with_bylines:
        nicenames = [term.nicename for term in item.terms_in("author")]
        assert nicenames == wordpress[item.id]["bylines"]
        assert [f"cap-{login}" for login in item.bylines] == nicenames


def test_arabic_export_authors_are_the_users_with_posts():
    authors = records(ARABIC, Author)

    in_export = [user for user in expected()["users"] if user["in_export"]]
    assert [(a.login, a.email, a.display_name, a.id) for a in authors] == [
        (user["login"], user["email"], user["display_name"], user["ID"])
        for user in in_export
    ]


def test_arabic_export_terms_per_taxonomy():
    terms = records(ARABIC, Term)

    by_taxonomy = Counter(term.taxonomy for term in terms)
    counts = expected()["counts"]["terms"]
    # WordPress's exporter leaves out the built-in post_format taxonomy:
    # only items name their format.
    assert by_taxonomy == {k: v for k, v in counts.items() if k != "post_format"}
    categories = {term.id: term for term in terms if term.taxonomy == "category"}
    slugs = {c["term_id"]: c["slug"] for c in expected()["terms"]["category"]}
    for category in expected()["terms"]["category"]:
        term = categories[category["term_id"]]
        assert (term.slug, term.name) == (category["slug"], category["name"])
        assert term.parent == slugs.get(category["parent"], "")


def test_arabic_export_comments_keep_status_and_gmt_date():
    comments = {
        comment.id: comment
        for item in records(ARABIC, Item)
        for comment in item.comments
    }

    for comment in expected()["comments"]:
        if not comment["in_export"]:
            assert comment["ID"] not in comments
            continue
        read = comments[comment["ID"]]
        assert read.approved == comment["approved"]
        assert read.type == comment["type"]
        assert read.parent == comment["parent"]
        assert read.user_id == comment["user_id"]
        assert read.author == comment["author"]
        assert read.date == _gmt(comment["date_gmt"])


def test_arabic_export_meta_values_are_kept_raw():
    items = {item.id: item for item in records(ARABIC, Item)}

    for key, holders in expected()["meta"].items():
        for holder in holders:
            assert holder["raw"] in items[holder["post_ID"]].meta[key], key


def test_drafts_without_a_gmt_date_have_none_unless_a_zone_is_given():
    riyadh = ZoneInfo(expected()["site"]["timezone_string"])
    draft = next(
        post
        for post in expected()["posts"]
        if post.get("date_gmt", "").startswith("0000")
    )

    plain = {item.id: item for item in records(ARABIC, Item)}[draft["ID"]]
    zoned = {item.id: item for item in records(ARABIC, Item, time_zone=riyadh)}
    assert plain.date is None
    assert plain.local_date == _naive(draft["date"])
    assert zoned[draft["ID"]].date == _naive(draft["date"]).replace(
        tzinfo=riyadh
    ).astimezone(dt.UTC)
    # A GMT date, where WordPress wrote one, wins over the zone.
    published = zoned[9]
    assert published.date == _gmt(posts_by_id()[9]["date_gmt"])


# Variants made from the real files.


def test_wxr_1_0_with_http_namespaces(tmp_path):
    text = theme_unit_test_data().read_text(encoding="utf-8")
    old = re.sub(
        r"https://wordpress\.org/export/1\.2/", "http://wordpress.org/export/1.0/", text
    )
    old = old.replace("<wp:wxr_version>1.2<", "<wp:wxr_version>1.0<")
    path = tmp_path / "old.xml"
    path.write_text(old, encoding="utf-8")

    new = records(theme_unit_test_data(), Item)
    read = records(path, Item)
    assert "https://wordpress.org/export" not in old
    assert records(path, Site)[0].wxr_version == "1.0"
    assert [(i.id, i.type, i.status, i.post_name, i.meta) for i in read] == [
        (i.id, i.type, i.status, i.post_name, i.meta) for i in new
    ]


def test_wxr_1_0_bare_categories_are_left_to_their_twins(tmp_path):
    path = _one_item(
        tmp_path,
        "<category><![CDATA[News]]></category>"
        '<category domain="category" nicename="news"><![CDATA[News]]></category>'
        '<category domain="tag" nicename="old"><![CDATA[old]]></category>',
    )

    item = records(path, Item)[0]
    assert [(t.domain, t.nicename) for t in item.terms] == [
        ("category", "news"),
        ("post_tag", "old"),
    ]


def test_cdata_split_to_carry_its_own_end_marker(tmp_path):
    path = _one_item(
        tmp_path,
        "<content:encoded><![CDATA[قبل ]]]]><![CDATA[> بعد]]></content:encoded>",
    )

    assert records(path, Item)[0].content == "قبل ]]> بعد"


def test_truncated_file_names_the_line(tmp_path):
    data = ARABIC.read_bytes()
    cut = data.index(b"<wp:post_id>34</wp:post_id>")
    path = tmp_path / "cut.xml"
    path.write_bytes(data[:cut])

    with pytest.raises(WxrError, match="cut short") as caught:
        list(read_wxr(path))
    assert caught.value.line == data[:cut].count(b"\n") + 1
    assert str(path) in str(caught.value)


def test_truncated_file_in_recover_mode_reports_the_last_item(tmp_path):
    data = ARABIC.read_bytes()
    cut = data.index(b"<wp:post_id>34</wp:post_id>")
    path = tmp_path / "cut.xml"
    path.write_bytes(data[:cut])

    read = list(read_wxr(path, recover=True))
    skipped = [record for record in read if isinstance(record, Skipped)]
    items = [record for record in read if isinstance(record, Item)]
    assert len(skipped) == 1
    assert "ends inside" in skipped[0].reason
    assert skipped[0].line == data[: data[:cut].rindex(b"<item>")].count(b"\n") + 1
    assert [item.id for item in items] == _ids_before(data, cut)


def test_html_entity_names_line_column_and_fix(tmp_path):
    data = ARABIC.read_bytes().replace(
        b"<wp:post_name><![CDATA[national-team-final]]>",
        b"<wp:post_name>national&nbsp;team</wp:post_name><x><![CDATA[]]>",
    )
    path = tmp_path / "entity.xml"
    path.write_bytes(data)
    line = data[: data.index(b"&nbsp;")].count(b"\n") + 1

    with pytest.raises(WxrError, match="&nbsp; is an HTML entity") as caught:
        list(read_wxr(path))
    assert caught.value.line == line
    assert caught.value.column
    skipped = records(path, Skipped, recover=True)
    assert [(s.line, s.reason[:31]) for s in skipped] == [
        (line, "&nbsp; is an HTML entity, which")
    ]


def test_recover_skips_the_broken_item_and_reads_the_rest(tmp_path):
    data = ARABIC.read_bytes()
    # An unclosed tag in item 12: lxml's own recovery would swallow the
    # items after it into this one.
    broken = data.replace(
        b"<wp:post_name><![CDATA[national-team-final]]></wp:post_name>",
        b"<wp:post_name><![CDATA[national-team-final]]>",
    )
    path = tmp_path / "broken.xml"
    path.write_bytes(broken)

    with pytest.raises(WxrError, match="opened on line"):
        list(read_wxr(path))
    read = list(read_wxr(path, recover=True))
    skipped = [record for record in read if isinstance(record, Skipped)]
    items = [record for record in read if isinstance(record, Item)]
    all_ids = [item.id for item in records(ARABIC, Item)]
    assert [item.id for item in items] == [i for i in all_ids if i != 12]
    assert len(skipped) == 1
    assert skipped[0].position == all_ids.index(12) + 1
    item_line = broken[: broken.index(b"<wp:post_id>12<")].rindex(b"<item>")
    assert skipped[0].line > broken[:item_line].count(b"\n")
    # The reason names the file's line of the tag left open, not the
    # item's own count.
    opened = broken[: broken.index(b"<wp:post_name><![CDATA[national")].count(b"\n")
    assert f"opened on line {opened + 1} " in skipped[0].reason
    assert "post_name" in skipped[0].reason


def test_recover_skips_an_item_without_an_id(tmp_path):
    data = ARABIC.read_bytes().replace(b"<wp:post_id>12</wp:post_id>", b"")
    path = tmp_path / "no-id.xml"
    path.write_bytes(data)

    with pytest.raises(WxrError, match="no <wp:post_id>"):
        list(read_wxr(path))
    skipped = records(path, Skipped, recover=True)
    assert [s.reason for s in skipped] == [
        "no <wp:post_id>; every WordPress item has one"
    ]


def test_a_plain_rss_feed_is_not_taken_for_an_export(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>خبر</title>'
        "<item><title>عنوان</title><link>http://example.test/1</link></item>"
        "</channel></rss>",
        encoding="utf-8",
    )

    for recover in (False, True):
        with pytest.raises(WxrError, match="not a WordPress export"):
            list(read_wxr(path, recover=recover))


def test_an_other_xml_document_is_refused(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>')

    with pytest.raises(WxrError, match="not a WordPress export"):
        list(read_wxr(path))


def test_declared_entities_are_refused_not_expanded(tmp_path):
    data = ARABIC.read_bytes()
    data = data.replace(
        b"<rss ", b'<!DOCTYPE rss [<!ENTITY boom "boom">]>\n<rss ', 1
    ).replace(b"<title>", b"<title>&boom;", 1)
    path = tmp_path / "entities.xml"
    path.write_bytes(data)

    for recover in (False, True):
        with pytest.raises(WxrError, match="declares its own DTD") as caught:
            list(read_wxr(path, recover=recover))
        assert caught.value.line == 20


def test_progress_is_reported_in_bytes():
    sizes = []

    list(read_wxr(ARABIC, on_bytes=sizes.append))

    assert sum(sizes) == ARABIC.stat().st_size


def _one_item(tmp_path, inside):
    path = tmp_path / "one.xml"
    path.write_text(
        '<rss xmlns:wp="http://wordpress.org/export/1.0/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<wp:wxr_version>1.0</wp:wxr_version><item><wp:post_id>1</wp:post_id>"
        f"{inside}</item></channel></rss>",
        encoding="utf-8",
    )
    return path


def _ids_before(data, cut):
    """The post ids of the items complete before byte *cut*."""
    complete = data[: data[:cut].rindex(b"<item>")]
    return [int(n) for n in re.findall(rb"<wp:post_id>(\d+)</wp:post_id>", complete)]


def _gmt(text):
    if text.startswith("0000"):
        return None
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def _naive(text):
    return dt.datetime.fromisoformat(text)
