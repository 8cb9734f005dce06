"""Khabar's layers hold, and the hooks that replace upward imports work.

The layers are import-linter contracts in pyproject.toml
(docs/architecture.md). Run here as well as in `make check`, so that
`make test` alone refuses an import that points up.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from khabar.newsroom import blocks, preview, roles
from khabar.newsroom.models import Article
from khabar.newsroom.panels import article_panels
from khabar.readership.panels import ReadershipPanel
from tests.factories import ArticleFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent
# The venv's own, beside the python running the tests.
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_imports_keep_to_the_layers():
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 broken." in result.stdout


def test_the_site_lends_the_newsroom_its_article_page_for_previews():
    registered = preview.article_preview()
    assert registered.template_name == "site/article.html"


def test_a_preview_without_a_registered_page_says_how_to_fix_it(monkeypatch):
    monkeypatch.setattr(preview, "_registered", None)
    with pytest.raises(ImproperlyConfigured, match="khabar.site"):
        preview.article_preview()


@pytest.mark.parametrize(
    ("block", "template_name"),
    [
        (blocks.QuotationBlock(), "site/blocks/quotation.html"),
        (blocks.ImageBlock(), "site/blocks/image.html"),
        (blocks.EmbedBlock(), "site/blocks/embed.html"),
    ],
)
def test_body_blocks_render_with_the_templates_the_site_registered(
    block, template_name
):
    assert block.get_template() == template_name


def test_readership_adds_its_panel_after_the_articles_own():
    panels = article_panels(Article.panels)
    assert panels[: len(Article.panels)] == Article.panels
    assert isinstance(panels[-1], ReadershipPanel)
    assert not any(isinstance(panel, ReadershipPanel) for panel in Article.panels)


@pytest.mark.django_db
@pytest.mark.usefixtures("wagtail_admin")
def test_the_article_edit_form_shows_the_readership_panel(client):
    client.force_login(UserFactory(username="editor-l", role=roles.EDITOR))
    article = ArticleFactory()
    url = reverse("wagtailsnippets_newsroom_article:edit", args=[article.pk])
    html = client.get(url).content.decode()
    assert 'class="readership-panel"' in html
