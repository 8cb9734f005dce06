"""The page an editor previews: the reader's page, registered by the site.

An article's preview is the page readers will see, and that page belongs to
the site, a layer above the newsroom that the newsroom never imports
(docs/architecture.md). So the site registers its article page here, from
its ``AppConfig.ready()``, and ``Article.get_preview_template()`` and
``get_preview_context()`` ask for it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

#: The preview mode that shows the story as a shared link (a card), and its
#: template: the newsroom's own, since no reader page looks like it.
SHARE_CARD = "share"
SHARE_CARD_TEMPLATE = "newsroom/preview/share_card.html"


@dataclass(frozen=True)
class ArticlePreview:
    """A template and the function that gives its context for an article."""

    template_name: str
    get_context: Callable[[Any], dict]


_registered: ArticlePreview | None = None


def register_article_preview(template_name, get_context):
    """Preview articles with *template_name*, its context from
    ``get_context(article)``. The last registration wins."""
    global _registered
    _registered = ArticlePreview(template_name, get_context)


def article_preview() -> ArticlePreview:
    """What registered itself to render an article's preview."""
    if _registered is None:
        raise ImproperlyConfigured(
            "No page is registered to preview articles: add 'khabar.site' to "
            "INSTALLED_APPS (it registers its article page when it is ready), "
            "or call khabar.newsroom.preview.register_article_preview()."
        )
    return _registered


def share_host():
    """The host a shared link shows under its title: the site's."""
    return urlsplit(settings.KHABAR_BASE_URL).hostname or ""


def preview_template(mode):
    """The template of an article's preview in *mode* (a preview mode)."""
    if mode == SHARE_CARD:
        return SHARE_CARD_TEMPLATE
    return article_preview().template_name


def preview_context(article, mode):
    """The context of *article*'s preview in *mode*: the share card's, or
    the reader's page's, registered by the site."""
    if mode == SHARE_CARD:
        return {"article": article, "host": share_host()}
    return article_preview().get_context(article)
