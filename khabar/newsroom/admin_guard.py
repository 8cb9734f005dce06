"""Check the object in every admin URL against the user's permissions.

Wagtail's generic views check model permissions ("may this user change
articles?") and leave the object to each view; some views check nothing
more (history, revisions, compare, usage), and the copy view builds its
form on the original row, so a POST to it overwrote the original. This
middleware is the one place that answers "may this user do that to *this*
object?" for every admin view Khabar exposes, before the view runs:

- each URL name of a guarded view family maps to the action it needs on
  the object named in the URL, checked with the model's permission policy;
- a URL name the table does not know is refused (except to superusers), so
  a view added by a Wagtail upgrade stays closed until it is listed here;
- copy views answer GET only: their form is posted to the add view, and a
  POST to a copy URL is never legitimate.
"""

from dataclasses import dataclass, replace
from functools import cache

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.permissions import policy_registry

from khabar.inputs import whole_number
from khabar.newsroom.users import grantable_groups

#: What the views of Wagtail's model viewsets (snippets, users, groups,
#: sites) do to the object in their URL. ``None``: the view names no object
#: and Wagtail's model-permission check is the whole check.
MODEL_VIEWSET_ACTIONS = {
    "list": None,
    "list_results": None,
    "index": None,
    "index_results": None,
    "add": None,
    "preview_on_add": None,
    "edit": "change",
    "delete": "delete",
    "copy": "view",
    "inspect": "view",
    "usage": "view",
    "history": "view",
    "history_results": "view",
    "reorder": "change",
    "preview_on_edit": "change",
    "revisions_view": "view",
    "revisions_compare": "view",
    "revisions_revert": "change",
    "revisions_unschedule": "publish",
    "unpublish": "publish",
    # Wagtail then applies its own lock rules (lock permission, or being
    # the one who locked); the guard only keeps out users with no claim.
    "lock": "change",
    "unlock": "change",
    "workflow_action": "change",
    "collect_workflow_action_data": "change",
    "confirm_workflow_cancellation": "change",
    "workflow_history": "view",
    "workflow_history_detail": "view",
    "workflow_preview": "view",
}

#: Choosers list objects to pick from; the one that names an object (the
#: "chosen" response) reveals it, so it needs "view" like the rest.
CHOOSER_ACTIONS = {
    "choose": None,
    "choose_results": None,
    "chosen_multiple": None,
    "create": None,
    "chosen": "view",
}

IMAGE_ACTIONS = {
    "index": None,
    "index_results": None,
    "add": None,
    "add_multiple": None,
    "create_multiple_from_uploaded_image": None,
    "delete_upload_multiple": None,
    "edit": "change",
    "edit_multiple": "change",
    "delete": "delete",
    "delete_multiple": "delete",
    "url_generator": "change",
    "url_generator_output": "change",
    "preview": "change",
    "image_usage": "change",
}

DOCUMENT_ACTIONS = {
    "index": None,
    "index_results": None,
    "add": None,
    "add_multiple": None,
    "create_multiple_from_uploaded_document": None,
    "delete_upload_multiple": None,
    "edit": "change",
    "edit_multiple": "change",
    "delete": "delete",
    "delete_multiple": "delete",
    "document_usage": "change",
}

#: The internal notes of an article (khabar/newsroom/note_views.py): whoever
#: may edit the article may write one.
NOTE_ACTIONS = {"add": "change"}

MEDIA_CHOOSER_ACTIONS = {
    **CHOOSER_ACTIONS,
    "chosen": "choose",
    "select_format": "choose",
}


#: Admin views about many objects that Wagtail opens to anyone with admin
#: access, and the permissions (any one of them) that open them here. The
#: site history lists every article's log entries, titles of drafts
#: included: it is for editors and the chief editor, not reporters.
_EDITORS_AND_ACCOUNT_MANAGERS = ("newsroom.change_article", "auth.view_user")
#: The newsroom search (search_views.py) lists only what each user may
#: open; the page-search paths it takes over only redirect to it, or hand
#: the explorer to Wagtail's own checks.
_NEWSROOM = ("newsroom.view_article", "newsroom.add_article")
VIEW_PERMISSIONS = {
    "wagtailadmin_reports:site_history": _EDITORS_AND_ACCOUNT_MANAGERS,
    "wagtailadmin_reports:site_history_results": _EDITORS_AND_ACCOUNT_MANAGERS,
    "newsroom_search": _NEWSROOM,
    "newsroom_page_search": _NEWSROOM,
    "newsroom_explore_root": _NEWSROOM,
    # Names of tags, for the article form's tag field: those who write.
    "newsroom_tag_autocomplete": ("newsroom.add_article", "newsroom.change_article"),
}


#: Views that name no object but need a model permission the guard checks
#: itself, so that a refusal is a 403 (Wagtail's list and add views answer
#: one with a redirect to the dashboard): the front page's, which reporters
#: may not even list.
FRONT_PAGE_MODEL_ACTIONS = {
    "list": "view",
    "list_results": "view",
    "index": "view",
    "index_results": "view",
    "add": "add",
    "preview_on_add": "add",
    "choose": "view",
    "choose_results": "view",
    "chosen_multiple": "view",
    "create": "add",
}


@dataclass(frozen=True)
class Family:
    """A group of admin views about one model, found by URL namespace."""

    model: object
    actions: dict
    kwargs: tuple = ("pk",)
    #: url name -> model permission (action) of a view that names no object
    model_actions: tuple = ()


def _families():
    """URL namespace -> Family, built when first needed (models loaded)."""
    families = {
        "wagtailusers_users": Family(get_user_model(), MODEL_VIEWSET_ACTIONS),
        "wagtailusers_groups": Family(Group, MODEL_VIEWSET_ACTIONS),
        "wagtailsites": Family(Site, MODEL_VIEWSET_ACTIONS),
        "wagtailimages": Family(get_image_model(), IMAGE_ACTIONS, ("image_id",)),
        "wagtailimages_chooser": Family(
            get_image_model(), MEDIA_CHOOSER_ACTIONS, ("pk", "image_id")
        ),
        "wagtaildocs": Family(
            get_document_model(), DOCUMENT_ACTIONS, ("document_id", "doc_id")
        ),
        "wagtaildocs_chooser": Family(get_document_model(), MEDIA_CHOOSER_ACTIONS),
        "newsroom_notes": Family(
            apps.get_model("newsroom", "Article"), NOTE_ACTIONS, ("article_id",)
        ),
    }
    for model in apps.get_app_config("newsroom").get_models():
        if getattr(model, "snippet_viewset", None) is None:
            continue
        label = f"{model._meta.app_label}_{model._meta.model_name}"
        families[f"wagtailsnippets_{label}"] = Family(model, MODEL_VIEWSET_ACTIONS)
        families[f"wagtailsnippetchoosers_{label}"] = Family(model, CHOOSER_ACTIONS)
    for namespace in ("wagtailsnippets", "wagtailsnippetchoosers"):
        name = f"{namespace}_newsroom_frontpage"
        families[name] = replace(
            families[name], model_actions=tuple(FRONT_PAGE_MODEL_ACTIONS.items())
        )
    return families


@cache
def families():
    """URL namespace -> Family: ``_families()``, built once."""
    return _families()


@cache
def guarded_models():
    return frozenset(family.model for family in families().values())


def required_action(namespace, url_name):
    """The action a view needs on its object; None when it names none.

    Raises KeyError for a view the guard does not know.
    """
    return families()[namespace].actions[url_name]


class AdminObjectGuardMiddleware:
    """Refuse an admin view before it runs unless the user may act on the
    object its URL names (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not _guarded(match):
            # Before touching request.user: reading the session on a public
            # URL would add "Vary: Cookie" to pages that are the same bytes
            # for every reader.
            return None
        user = request.user
        if not user.is_authenticated:
            return None  # Wagtail's own views send anonymous users to log in
        if match.view_name in VIEW_PERMISSIONS:
            if not any(user.has_perm(p) for p in VIEW_PERMISSIONS[match.view_name]):
                raise PermissionDenied
        elif match.view_name == "wagtail_bulk_action":
            if not user.is_superuser:
                _check_bulk_action(request, view_kwargs)
        elif match.namespace in families():
            family = families()[match.namespace]
            if match.url_name == "copy" and request.method not in ("GET", "HEAD"):
                return HttpResponseNotAllowed(["GET", "HEAD"])
            if not user.is_superuser:
                _check_object_view(request, family, match, view_kwargs)
        return None


def _guarded(match):
    return (
        match.view_name in VIEW_PERMISSIONS
        or match.view_name == "wagtail_bulk_action"
        or match.namespace in families()
    )


def _check_object_view(request, family, match, view_kwargs):
    try:
        action = family.actions[match.url_name]
    except KeyError:
        raise PermissionDenied(
            f"The admin view {match.view_name} is not in Khabar's permission "
            "table (khabar/newsroom/admin_guard.py); add it there."
        ) from None
    if action is not None:
        _require(request.user, action, _instance(family, view_kwargs))
        return
    needed = dict(family.model_actions).get(match.url_name)
    policy = policy_registry.get_by_type(family.model)
    if needed is not None and not policy.user_has_permission(request.user, needed):
        raise PermissionDenied


def _check_bulk_action(request, view_kwargs):
    """Bulk actions name their objects in ``?id=``; each must pass the same
    check as its single-object view. Wagtail checks some (deleting
    articles) per object, others (users' "assign role", "set active") only
    against the model: the chief editor could deactivate the superuser or
    give anyone any group."""
    try:
        model = apps.get_model(view_kwargs["app_label"], view_kwargs["model_name"])
    except LookupError:
        raise Http404("No such model.") from None
    if model not in guarded_models():
        return
    action = "delete" if view_kwargs["action"] == "delete" else "change"
    ids = request.GET.getlist("id")
    if "all" in ids:
        if model is get_user_model():
            raise PermissionDenied("Choose the accounts one by one.")
        return  # the per-object checks of Wagtail's own bulk actions apply
    pks = [_pk(text) for text in ids]
    found = model.objects.in_bulk(pks)
    for pk in pks:
        if pk not in found:
            raise Http404("No such object.")
        _require(request.user, action, found[pk])
    if view_kwargs["action"] == "assign_role" and request.method == "POST":
        role = request.POST.get("role", "")
        if not grantable_groups(request.user).filter(pk=_pk(role)).exists():
            raise PermissionDenied


def _require(user, action, instance):
    policy = policy_registry.get_by_type(type(instance))
    if not policy.user_has_permission_for_instance(user, action, instance):
        raise PermissionDenied


def _instance(family, view_kwargs):
    for name in family.kwargs:
        if name in view_kwargs:
            return _get(family.model, unquote(str(view_kwargs[name])))
    raise PermissionDenied("This admin view names no object to check.")


def _pk(text):
    """Every guarded model has an integer key; anything else, or a number
    past 64 bits, names no row."""
    pk = whole_number(text, low=1)
    if pk is None:
        raise Http404("No such object.")
    return pk


def _get(model, text):
    return get_object_or_404(model, pk=_pk(text))
