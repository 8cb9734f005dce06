"""Editor-supplied HTML is sanitised on the server, whatever the client sent."""

from wagtail.rich_text import RichText

from khabar.newsroom.blocks import ArticleBodyBlock, sanitise_paragraph


def test_paragraph_block_strips_scripts_handlers_and_bad_links():
    block = ArticleBodyBlock().child_blocks["paragraph"]
    dirty = RichText(
        '<p onclick="steal()">نص <script>alert(1)</script>'
        '<a href="javascript:alert(1)">رابط</a> <b style="x">غامق</b></p>'
        '<iframe src="https://evil.example"></iframe>'
    )
    clean = block.clean(dirty).source
    assert "script" not in clean
    assert "onclick" not in clean
    assert "javascript:" not in clean
    assert "iframe" not in clean
    assert "style" not in clean
    assert "<b>غامق</b>" in clean


def test_internal_and_external_links_survive():
    html = (
        '<p><a linktype="page" id="3">داخلي</a> <a href="https://x.test/">خارجي</a></p>'
    )
    assert sanitise_paragraph(html) == html


def test_imported_paragraphs_obey_the_editors_allow_list(monkeypatch):
    """One list decides what a paragraph holds, typed or imported: narrow
    the newsroom's list and the importer's paragraphs narrow with it."""
    from khabar.importers import sanitise
    from khabar.newsroom import blocks

    source = '<p>نص <b>غامق</b> و<a href="https://x.test/">رابط</a></p>'
    assert sanitise.blocks_from_html(source) == [
        ("paragraph", '<p>نص <b>غامق</b> و<a href="https://x.test/">رابط</a></p>')
    ]
    monkeypatch.setattr(blocks, "PARAGRAPH_TAGS", {"p", "b"})
    assert sanitise.blocks_from_html(source) == [
        ("paragraph", "<p>نص <b>غامق</b> ورابط</p>")
    ]
