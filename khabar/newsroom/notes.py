"""Internal notes on a story: what its reporter and its editors tell each other.

A note is never public. It is a plain row beside the article, not a part of
it: not in its revisions (so not in what publishing copies to the live row),
not in any reader page, feed, the API, the search index or an export, which
all read the article and its own relations only.

The thread of a story is its notes and the review decisions taken on it
(Wagtail keeps those, with the editor's comment, in ``TaskState``), merged
by time: one conversation, each fact stored once.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState
from wagtail.permissions import policy_registry

#: The longest note, in characters: a note, not a second story.
MAX_LENGTH = 2000


class ArticleNote(models.Model):
    """One message about a story, between its reporter and its editors."""

    article = models.ForeignKey(
        "newsroom.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("note"), max_length=MAX_LENGTH)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "created_at"], name="article_note_thread")
        ]

    def __str__(self):
        return self.text


@dataclass(frozen=True)
class Entry:
    """One line of a story's thread: a note or a review decision.

    ``kind`` is ``"note"``, ``"rejected"`` (changes requested) or
    ``"approved"``; ``text`` is the note or the reviewer's comment.
    """

    kind: str
    author: object
    text: str
    at: datetime

    @property
    def is_note(self):
        return self.kind == "note"

    @property
    def changes_requested(self):
        return self.kind == TaskState.STATUS_REJECTED


def may_read(user, article):
    """Whoever may open the article may read its notes."""
    return _policy(article).user_has_permission_for_instance(user, "view", article)


def may_write(user, article):
    """Whoever may edit the article may add a note to it."""
    return _policy(article).user_has_permission_for_instance(user, "change", article)


def add_note(article, user, text):
    """Write *text* as *user*'s note on *article*; None when it is blank.

    The caller has checked ``may_write``.
    """
    text = text.strip()[:MAX_LENGTH]
    if not text:
        return None
    return ArticleNote.objects.create(article_id=article.pk, author=user, text=text)


def thread(article):
    """*article*'s notes and review decisions, oldest first."""
    notes = ArticleNote.objects.filter(article_id=article.pk).select_related("author")
    entries = [_from_note(note) for note in notes]
    entries += [_from_decision(state) for state in decisions([article.pk])]
    return sorted(entries, key=lambda entry: entry.at)


def latest_entries(article_pks):
    """Article pk -> the latest entry of its thread, for many articles in
    two queries (the dashboard, the review queue)."""
    latest = {}
    notes = (
        ArticleNote.objects.filter(article_id__in=article_pks)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    for note in notes:
        latest[note.article_id] = _from_note(note)
    for state in decisions(article_pks).filter(comment__gt=""):
        pk = int(state.workflow_state.object_id)
        entry = _from_decision(state)
        if pk not in latest or latest[pk].at <= entry.at:
            latest[pk] = entry
    return latest


def recent_notes(article, count=5):
    """The last *count* notes on *article*, oldest first (for emails)."""
    notes = ArticleNote.objects.filter(article_id=article.pk).select_related("author")
    return list(notes.order_by("-created_at", "-pk")[:count])[::-1]


def latest_decision(article):
    """The latest approval or request for changes on *article*, or None."""
    return decisions([article.pk]).order_by("-finished_at", "-pk").first()


def decisions(article_pks):
    """The finished review decisions (approved, changes requested) on the
    articles *article_pks*, oldest first."""
    from khabar.newsroom.models import Article  # models.py imports this module

    return (
        TaskState.objects.filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(
                Article
            ),
            workflow_state__object_id__in=[str(pk) for pk in article_pks],
            status__in=[TaskState.STATUS_REJECTED, TaskState.STATUS_APPROVED],
            finished_at__isnull=False,
        )
        .select_related("finished_by", "workflow_state")
        .order_by("finished_at", "pk")
    )


def _from_note(note):
    return Entry("note", note.author, note.text, note.created_at)


def _from_decision(state):
    return Entry(state.status, state.finished_by, state.comment, state.finished_at)


def _policy(article):
    return policy_registry.get_by_type(type(article))
