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
