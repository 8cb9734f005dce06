"""Saving articles from the editor so that no request can race another.

Wagtail's editor sends a new article's form more than once: its autosave
POSTs the form to the add URL half a second after the first keystroke, and
a click on "Publish" or "Submit for review" POSTs it again, to the add URL
too while the autosave's answer has not come back. Each POST made an
article, so a story written and published at machine speed became two: a
draft and (sometimes) the published copy. And an autosave that reached the
server while a publish was being saved could write back the article as it
had read it, unpublished.

Two rules, kept by the server whatever the browser sends:

- **One create form, one article.** The add form carries a random token.
  The first request that brings it claims it (a unique row, so two that
  arrive at once are told apart by the database) and creates the article;
  any later request with the same token is handled as an edit of that
  article: a publish publishes it, a submission submits it. An autosave
  that arrives after the article was published or submitted is refused as
  out of date, as Wagtail refuses any autosave older than the latest
  revision.
- **An article's saves take turns.** Every POST that saves an article
  (create replays, edit, revert) runs in one transaction that first locks
  the article's row, so Wagtail's check "is this autosave older than the
  latest revision?" and the save that follows it see the same article, and
  a publish is never followed by an older autosave's draft.
"""

import json
import uuid
from datetime import timedelta
from functools import update_wrapper

from django.conf import settings
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.http import HttpResponseBadRequest, JsonResponse
from django.templatetags.static import static
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.utils import set_query_params
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import CreateView, EditView

from khabar.inputs import whole_number
from khabar.newsroom.models import Article

#: The name of the create form's token in its POST data.
TOKEN_FIELD = "create_token"
#: How long a claimed token is kept. A replay comes within seconds of the
#: first request (they were sent before its answer came back); a day is
#: room enough for a browser that retries a POST after losing the network.
TOKEN_LIFETIME = timedelta(days=1)


class CreateToken(models.Model):
    """The token of one create form, claimed by the first request with it."""

    token = models.UUIDField(unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # Null only inside the claiming transaction, before the article exists.
    article = models.ForeignKey(
        Article, null=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return str(self.token)


def _lock_article(pk):
    """Hold *pk*'s row until the transaction ends (PostgreSQL). On SQLite
    the transaction itself is the lock: Khabar opens them IMMEDIATE, one
    writer at a time (settings.py)."""
    list(Article.objects.select_for_update().filter(pk=pk).values_list("pk"))


def one_save_at_a_time(view):
    """*view*, with each POST run in one transaction that holds the lock on
    the article its URL names, from before the view reads the article to
    after it has saved (and published) it."""

    def serialised(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        pk = whole_number(unquote(str(kwargs.get("pk", ""))), low=1)
        with transaction.atomic():
            if pk is not None:
                _lock_article(pk)
            return view(request, *args, **kwargs)

    return update_wrapper(serialised, view)


class ArticleEditView(EditView):
    """Wagtail's edit view, one save of an article at a time."""

    @classmethod
    def as_view(cls, **initkwargs):
        return one_save_at_a_time(super().as_view(**initkwargs))


class ArticleCreateView(CreateView):
    """Wagtail's create view, one article per create form (module docstring)."""

    def get_initial_form_instance(self):
        # The creator owns the article: that is what lets a reporter go on
        # editing it without being able to edit anyone else's.
        instance = super().get_initial_form_instance() or self.model()
        instance.owner = self.request.user
        return instance

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A form shown again after errors keeps its token: nothing was
        # created, and the next try belongs to the same form.
        context["create_token"] = self.posted_token() or uuid.uuid4()
        return context

    def posted_token(self):
        """The form's token as a UUID; None when the POST has none (a client
        other than the editor: each of its POSTs is a create of its own)."""
        text = self.request.POST.get(TOKEN_FIELD, "")
        if not text:
            return None
        try:
            return uuid.UUID(text)
        except ValueError:
            return None

    def post(self, request, *args, **kwargs):
        if request.POST.get(TOKEN_FIELD) and self.posted_token() is None:
            return HttpResponseBadRequest("The create form's token is malformed.")
        token = self.posted_token()
        if token is None:
            return super().post(request, *args, **kwargs)
        with transaction.atomic():
            claim = _claim(token, request.user)
            if claim is None:
                return self.replay(token)
            response = super().post(request, *args, **kwargs)
            if self.object is not None and self.object.pk is not None:
                claim.article = self.object
                claim.save(update_fields=["article"])
            else:
                # The form had errors: nothing was made, the token stays free.
                transaction.set_rollback(True)
            return response

    def replay(self, token):
        """Handle a request whose token an earlier one claimed: as an edit
        of the article that one made."""
        claim = CreateToken.objects.filter(token=token).first()
        if claim is None:
            # Its article was deleted meanwhile (the claim went with it).
            return super().post(self.request, *self.args, **self.kwargs)
        if claim.user_id != self.request.user.pk:
            raise PermissionDenied("This create form belongs to another user.")
        _lock_article(claim.article_id)
        article = Article.objects.get(pk=claim.article_id)
        policy = policy_registry.get_by_type(Article)
        if not policy.user_has_permission_for_instance(
            self.request.user, "change", article
        ):
            raise PermissionDenied
        if self.expects_json_response and (
            article.live or article.workflow_in_progress
        ):
            # An autosave sent before the publish (or submission) that made
            # the article what it is now: its draft is older than that.
            return self.json_error_response(
                "invalid_revision", _("Saving will overwrite a newer version.")
            )
        edit_url = reverse(self.edit_url_name, args=[quote(article.pk)])
        match = resolve(edit_url)
        self.request.resolver_match = match
        response = match.func(self.request, *match.args, **match.kwargs)
        if self.expects_json_response and response.status_code == 200:
            # Answer as the create view does, so that the editor turns the
            # page into the article's edit page.
            data = json.loads(response.content)
            data.pop("html", None)
            data["url"] = edit_url
            data["hydrate_url"] = set_query_params(
                edit_url, {"_w_hydrate_create_view": "1"}
            )
            return JsonResponse(data)
        return response


def _claim(token, user):
    """Claim *token* for *user*: the new row, or None when it was claimed
    already (by a request that committed, or that the unique index made
    this one wait for)."""
    # Old tokens go after the commit, outside the transaction, so that two
    # creates never wait on each other's deletions.
    transaction.on_commit(_forget_old_tokens)
    try:
        with transaction.atomic():
            return CreateToken.objects.create(token=token, user=user)
    except IntegrityError:
        return None


def _forget_old_tokens():
    CreateToken.objects.filter(created_at__lt=timezone.now() - TOKEN_LIFETIME).delete()


@hooks.register("insert_editor_js")
def _editor_sends_what_it_shows():
    # The rich-text editor copies its text into the form a quarter of a
    # second after a keystroke; this script copies it when the form is
    # sent, so a publish right after typing publishes the last words too.
    return format_html(
        '<script src="{}" defer></script>', static("newsroom/editor_submit.js")
    )
