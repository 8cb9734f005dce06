"""The newsroom in Wagtail's admin: articles and what they are filed under."""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import (
    CreateView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from khabar.newsroom.article_form import article_edit_handler
from khabar.newsroom.editing import SessionEditAction
from khabar.newsroom.models import Article, Author, Section, Tag
from khabar.newsroom.tag_widget import tag_autocomplete


class ArticleCreateView(CreateView):
    def get_initial_form_instance(self):
        # The creator owns the article: that is what lets a reporter go on
        # editing it without being able to edit anyone else's.
        instance = super().get_initial_form_instance() or self.model()
        instance.owner = self.request.user
        return instance


def _articles_for(user):
    """The articles *user* may open: all for editors, their own for
    reporters (khabar/newsroom/permissions.py)."""
    policy = policy_registry.get_by_type(Article)
    return policy.instances_user_has_any_permission_for(user, ["view"])


class _PermittedArticlesMixin:
    def get_object_list(self):
        return _articles_for(self.request.user)


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
    chooser_viewset_class = ArticleChooserViewSet
    list_display = [
        "title",
        "section",
        LiveStatusTagColumn(),
        "first_published_at",
        "view_count",
    ]
    list_filter = ["section", "live", "is_breaking"]
    search_fields = ["title", "kicker", "summary"]
    ordering = ["-updated_at", "-pk"]
    list_per_page = 50

    def get_queryset(self, request):
        return _articles_for(request.user)

    def get_edit_handler(self):
        # In tabs, with the panels other apps added (article_form.py).
        return article_edit_handler(self.model)


class SectionViewSet(SnippetViewSet):
    model = Section
    icon = "folder-open-inverse"
    menu_label = _("Sections")
    list_display = ["name", "slug", "order"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]


class TagViewSet(SnippetViewSet):
    model = Tag
    icon = "tag"
    menu_label = _("Tags")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class NewsroomGroup(SnippetViewSetGroup):
    items = (ArticleViewSet, SectionViewSet, AuthorViewSet, TagViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Newsroom")
    menu_name = "newsroom"
    menu_order = 100


register_snippet(NewsroomGroup)


@hooks.register("construct_main_menu")
def _hide_page_tree(request, menu_items):
    # Articles are snippets and bodies link no documents: Wagtail's page tree
    # and document library would only confuse the desk.
    hidden = {"explorer", "documents"}
    menu_items[:] = [item for item in menu_items if item.name not in hidden]


class MyArticlesPanel(Component):
    """The newsroom's first screen: what this user is working on."""

    name = "my_articles"
    order = 50
    template_name = "newsroom/home/my_articles.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        articles = Article.objects.filter(owner=self.user).order_by("-updated_at")
        return {
            "articles": articles.only(
                "pk", "title", "live", "has_unpublished_changes", "updated_at"
            )[:8]
        }


@hooks.register("construct_homepage_panels")
def _add_my_articles(request, panels):
    if request.user.has_perm("newsroom.add_article"):
        panels.append(MyArticlesPanel(request.user))


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
