"""The admin's search for articles: a hook that the search app fills.

Editors look a story up the way readers do, and expect the same answers:
احمد finds أحمد, الملوخيه finds الملوخية. That takes Khabar's Arabic
analyzer and its index, which live in the search app, a layer above the
newsroom that the newsroom never imports (docs/architecture.md). So the
search app registers its article finder here, from its
``AppConfig.ready()``; the story desk and the newsroom search call
:func:`find_articles`.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_finder: Callable | None = None


def register_article_finder(finder):
    """Search articles with ``finder(queryset, text)``, which returns the
    articles of *queryset* that match *text* (a queryset, in the order it
    was given). The last registration wins."""
    global _finder
    _finder = finder


def find_articles(queryset, text):
    """The articles of *queryset* whose words match *text*.

    *queryset* is what the user may open: the finder only narrows it, so a
    search never reveals a story its list would not show.
    """
    if _finder is None:
        raise ImproperlyConfigured(
            "No article search is registered: add 'khabar.search' to "
            "INSTALLED_APPS (it registers its finder when it is ready), or "
            "call khabar.newsroom.finder.register_article_finder()."
        )
    return _finder(queryset, text)
