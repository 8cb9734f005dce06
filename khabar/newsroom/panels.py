"""Panels other apps add to the article's edit screen.

The newsroom never imports the apps that react to publishing
(docs/architecture.md), yet editors see some of their work beside the story:
its readership, say. Such an app adds its panel here from its
``AppConfig.ready()``; the article's edit form (``ArticleViewSet`` in
wagtail_hooks.py, built on first use, after every app is ready) shows
``Article.panels`` followed by these.
"""

_added = []


def add_article_panel(panel):
    """Show *panel* (a Wagtail ``Panel``) after the article's own panels.

    One panel of each class: ``ready()`` may run twice in tests.
    """
    if not any(type(known) is type(panel) for known in _added):
        _added.append(panel)


def article_panels(own_panels):
    """*own_panels* (``Article.panels``), then the panels apps added."""
    return [*own_panels, *_added]
