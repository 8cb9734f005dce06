"""Find sections, authors and tags by name, whatever the spelling.

احمد finds أحمد الشامي, الشامى finds him too, and اسعار the tag الأسعار:
each word typed must be in the name once both are folded by
:func:`khabar.arabic.normalise.normalise` (hamza and alef forms, ى/ي,
ة/ه, harakat, tatweel). These tables are small (a paper has dozens of
sections and authors, a few thousand tags), so names are compared here
rather than indexed.
"""

import re

from wagtail.snippets.views.snippets import IndexView

from khabar.arabic.normalise import normalise

_WORD = re.compile(r"[^\W_]+")


def words(text):
    """The folded words of *text*."""
    return _WORD.findall(normalise(text))


def matching(queryset, text, field="name"):
    """The rows of *queryset* whose *field* holds every word of *text*
    (as a word or the start, end or middle of one: شامي finds الشامي)."""
    wanted = words(text)
    if not wanted:
        return queryset.none()
    ids = [
        pk
        for pk, name in queryset.values_list("pk", field)
        if all(word in normalise(name) for word in wanted)
    ]
    return queryset.filter(pk__in=ids)


class NameSearchIndexView(IndexView):
    """A snippet list whose search box folds spelling (authors, tags,
    sections)."""

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return matching(queryset, self.search_query)
