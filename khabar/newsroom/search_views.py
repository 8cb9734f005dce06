"""The newsroom's search box: stories, authors, tags and sections at once.

Wagtail's sidebar search and the dashboard's search box lead to its page
search, which needs page permissions that no newsroom role has (articles
are snippets, and Khabar has no pages): they answered «ليس لديك صلاحية»
to everyone. This view answers them instead, for every role:

- the sidebar's box goes to the first search area a user may see, and
  ``NewsroomSearchArea`` comes first (wagtail_hooks.py);
- the dashboard's box and any link to the page search land on the same
  paths Wagtail's page views answer, which ``khabar/urls.py`` routes here
  first (:func:`from_page_search`): the page tree is hidden from the menu,
  and a query typed there is always about stories.

Articles are found through Khabar's Arabic search (finder.py) among those
the user may open; authors, tags and sections by their folded names
(names.py).
"""

from functools import cache

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.search import SearchForm
from wagtail.admin.search import SearchArea
from wagtail.permissions import policy_registry

from khabar.newsroom import desk
from khabar.newsroom.finder import find_articles
from khabar.newsroom.names import matching
from khabar.newsroom.taxonomy import Author, Section, Tag

#: Stories shown here; the rest are a click away, in the story desk.
ARTICLES_SHOWN = 20
#: Authors, tags and sections shown, each.
NAMES_SHOWN = 20
DESK = "wagtailsnippets_newsroom_article:list"


def search(request):
    """Stories the user may open, then authors, tags and sections, that
    match ``?q=``, whatever its spelling."""
    form = SearchForm(request.GET or None, placeholder=_("Search articles, names…"))
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context = {"search_form": form, "query": query, "groups": []}
    if query:
        context["articles"] = _articles(request.user, query)
        context["groups"] = [
            _named(request.user, model, query, filter_name)
            for model, filter_name in (
                (Author, "author"),
                (Tag, "tag"),
                (Section, "section"),
            )
            if request.user.has_perm(f"newsroom.view_{model._meta.model_name}")
        ]
    return render(request, "newsroom/search.html", context)


def _articles(user, query):
    permitted = desk.with_desk_columns(desk.permitted_articles(user))
    found = find_articles(permitted, query).order_by("-updated_at", "-pk")
    rows = [
        {"article": article, "status": desk.status_label(article)}
        for article in found[:ARTICLES_SHOWN]
    ]
    return {
        "rows": rows,
        "count": found.count(),
        "desk_url": f"{reverse(DESK)}?{urlencode({'q': query})}",
    }


def _named(user, model, query, filter_name):
    """One group of results: rows of *model* whose name matches."""
    found = matching(model.objects.all(), query)
    opts = model._meta
    may_edit = user.has_perm(f"newsroom.change_{opts.model_name}")
    rows = [
        {
            "name": item.name,
            "desk_url": f"{reverse(DESK)}?{urlencode({filter_name: item.pk})}",
            "edit_url": reverse(
                f"wagtailsnippets_newsroom_{opts.model_name}:edit", args=[item.pk]
            )
            if may_edit
            else "",
        }
        for item in found[:NAMES_SHOWN]
    ]
    return {"label": opts.verbose_name_plural, "rows": rows, "count": found.count()}


def from_page_search(request, **kwargs):
    """Wagtail's page search, and the page explorer's root when it is sent
    a query (the dashboard's search box): the newsroom search. The
    explorer's root without a query is Wagtail's own view."""
    if request.resolver_match.url_name == "newsroom_explore_root" and (
        "q" not in request.GET
    ):
        return _wagtail_explore_root()(request, **kwargs)
    query = request.GET.get("q", "")
    target = reverse("newsroom_search")
    return redirect(f"{target}?{urlencode({'q': query})}" if query else target)


@cache
def _wagtail_explore_root():
    from wagtail.admin import urls

    return next(
        pattern.callback
        for pattern in urls.urlpatterns
        if getattr(pattern, "name", None) == "wagtailadmin_explore_root"
    )


class NewsroomSearchArea(SearchArea):
    """The sidebar's search: the first area shown is the one it uses."""

    def __init__(self):
        super().__init__(
            _("Newsroom"),
            reverse("newsroom_search"),
            name="newsroom",
            icon_name="doc-full",
            order=0,
        )

    def is_shown(self, request):
        policy = policy_registry.get_by_type(desk.Article)
        return policy.user_has_any_permission(request.user, ["view", "add"])
