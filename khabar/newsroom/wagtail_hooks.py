"""The newsroom in Wagtail's admin: articles and what they are filed under."""

from django.templatetags.static import static
from django.urls import include, path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from khabar.newsroom import create, desk, note_views
from khabar.newsroom.article_form import article_edit_handler
from khabar.newsroom.create import ArticleCreateView
from khabar.newsroom.editing import SessionEditAction
from khabar.newsroom.frontpage_admin import FrontPageViewSet
from khabar.newsroom.models import Article, Author, Section, Tag
from khabar.newsroom.names import NameSearchIndexView
from khabar.newsroom.review import NotesEditViewMixin, ReviewQueuePanel, story_states
from khabar.newsroom.search_views import NewsroomSearchArea
from khabar.newsroom.search_views import search as newsroom_search
from khabar.newsroom.tag_widget import tag_autocomplete


class ArticleEditView(NotesEditViewMixin, create.ArticleEditView):
    """One save of an article at a time (create.py), which also saves the
    note typed in the notes panel and takes the review decision taken
    beside it (review.py)."""


class _PermittedArticlesMixin:
    def get_object_list(self):
        return desk.permitted_articles(self.request.user)


class ArticleChooseView(_PermittedArticlesMixin, ChooseView):
    pass


class ArticleChooseResultsView(_PermittedArticlesMixin, ChooseResultsView):
    pass


class ArticleChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ArticleChooseView
    choose_results_view_class = ArticleChooseResultsView


class ArticleViewSet(SnippetViewSet):
    model = Article
    icon = "doc-full"
    menu_label = _("Articles")
    add_view_class = ArticleCreateView
    edit_view_class = ArticleEditView
    chooser_viewset_class = ArticleChooserViewSet
    # The story desk (desk.py): its filters, columns, status counts, and
    # search through Khabar's Arabic search (finder.py).
    index_view_class = desk.DeskIndexView
    index_results_template_name = "newsroom/desk/index_results.html"
    filterset_class = desk.DeskFilterSet
    list_display = desk.columns()
    search_fields = ["title", "kicker", "summary"]  # turns Wagtail's box on
    ordering = ["-updated_at", "-pk"]
    list_per_page = 50

    def get_queryset(self, request):
        return desk.permitted_articles(request.user)

    def get_edit_handler(self):
        # In tabs, with the panels other apps added (article_form.py).
        return article_edit_handler(self.model)


class SectionViewSet(SnippetViewSet):
    model = Section
    icon = "folder-open-inverse"
    menu_label = _("Sections")
    index_view_class = NameSearchIndexView
    list_display = ["name", "slug", "order"]
    search_fields = ["name"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    index_view_class = NameSearchIndexView
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]


class TagViewSet(SnippetViewSet):
    model = Tag
    icon = "tag"
    menu_label = _("Tags")
    index_view_class = NameSearchIndexView
    list_display = ["name", "slug"]
    search_fields = ["name"]


class NewsroomGroup(SnippetViewSetGroup):
    items = (
        ArticleViewSet,
        FrontPageViewSet,
        SectionViewSet,
        AuthorViewSet,
        TagViewSet,
    )
    menu_icon = "doc-full-inverse"
    menu_label = _("Newsroom")
    menu_name = "newsroom"
    menu_order = 100


register_snippet(NewsroomGroup)


@hooks.register("register_admin_urls")
def _newsroom_search_url():
    return [path("search/", newsroom_search, name="newsroom_search")]


@hooks.register("register_admin_search_area")
def _newsroom_search_area():
    # First in order: the sidebar's search box uses it (search_views.py).
    return NewsroomSearchArea()


@hooks.register("construct_main_menu")
def _hide_page_tree(request, menu_items):
    # Articles are snippets and bodies link no documents: Wagtail's page tree
    # and document library would only confuse the desk.
    hidden = {"explorer", "documents"}
    menu_items[:] = [item for item in menu_items if item.name not in hidden]


class MyArticlesPanel(Component):
    """The newsroom's first screen: what this user is working on, and where
    each story is in the review loop (changes requested: by whom, when and
    what)."""

    name = "my_articles"
    order = 50
    template_name = "newsroom/home/my_articles.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        articles = Article.objects.filter(owner=self.user).order_by("-updated_at")
        articles = list(
            articles.only(
                "pk", "title", "live", "has_unpublished_changes", "updated_at",
                "last_published_at",
            )[:8]
        )  # fmt: skip
        states = story_states(articles)
        return {"articles": [(article, states[article.pk]) for article in articles]}


@hooks.register("construct_homepage_panels")
def _add_my_articles(request, panels):
    if request.user.has_perm("newsroom.add_article"):
        panels.append(MyArticlesPanel(request.user))
    # Wagtail's review queue, with each story's latest note.
    panels[:] = [
        ReviewQueuePanel()
        if getattr(panel, "name", None) == ReviewQueuePanel.name
        else panel
        for panel in panels
    ]


@hooks.register("register_admin_urls")
def _note_urls():
    return [path("newsroom/notes/", include(note_views, namespace="newsroom_notes"))]


@hooks.register("insert_editor_js")
def _notes_script():
    return format_html('<script src="{}" defer></script>', static("newsroom/notes.js"))


@hooks.register("insert_global_admin_css")
def _notes_style():
    href = static("newsroom/notes.css")
    return format_html('<link rel="stylesheet" href="{}">', href)


@hooks.register("register_admin_urls")
def _tag_autocomplete_url():
    # Checked by the admin guard (VIEW_PERMISSIONS): those who write.
    return [
        path(
            "newsroom/tags/autocomplete/",
            tag_autocomplete,
            name="newsroom_tag_autocomplete",
        )
    ]


@hooks.register("register_actions")
def _edit_articles_by_session(registry):
    # One history entry per editing session, not per autosave (editing.py).
    registry.register(Article, SessionEditAction)


@hooks.register("insert_global_admin_css")
def _editor_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("newsroom/editor.css")
    )
