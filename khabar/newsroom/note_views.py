"""The admin view that adds an internal note to a story.

Reached from the notes panel of the edit screen: by a script that posts
the note alone and swaps in the new thread, or without script by the
panel's button, which posts the edit form here. The admin guard
(admin_guard.py) has already refused users who may not edit the article;
the view checks again, so it is safe wherever it is mounted.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from khabar import inputs  # noqa: F401  (the <id:…> converter)
from khabar.newsroom import notes
from khabar.newsroom.models import Article
from khabar.newsroom.review import NOTE_FIELD

app_name = "newsroom_notes"


@require_POST
def add(request, article_id):
    article = get_object_or_404(Article, pk=article_id)
    if not notes.may_write(request.user, article):
        raise PermissionDenied
    note = notes.add_note(article, request.user, request.POST.get(NOTE_FIELD, ""))
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        html = render_to_string(
            "newsroom/notes/thread.html",
            {"entries": notes.thread(article)},
            request=request,
        )
        return HttpResponse(html, status=201 if note else 400)
    if note is None:
        messages.error(request, gettext("The note was empty."))
    else:
        messages.success(request, gettext("Note added."))
    edit = reverse("wagtailsnippets_newsroom_article:edit", args=[article.pk])
    return redirect(f"{edit}#notes")


urlpatterns = [path("<id:article_id>/add/", add, name="add")]
