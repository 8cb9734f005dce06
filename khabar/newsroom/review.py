"""The review loop as the newsroom sees it: each story's state, and review
decisions taken from the notes panel of the edit screen.

Wagtail's own "Request changes" sits in a menu of the editor's footer and
then a dialog; the notes panel puts the comment box and the decision side
by side, and this module's edit-view mixin carries them through Wagtail's
own workflow action (the form is saved first, as Wagtail's buttons do).
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Revision, WorkflowState

from khabar.newsroom import notes

#: The fields the notes panel adds to the article's edit form.
NOTE_FIELD = "khabar-note"
DECISION_FIELD = "khabar-review"
DECISIONS = ("reject", "approve")

#: A story's state on the reporter's dashboard, most pressing first.
LABELS = {
    "changes_requested": _("Changes requested"),
    "in_review": _("In review"),
    "scheduled": _("Scheduled"),
    "live_draft": _("Published, with a draft"),
    "live": _("Published"),
    "draft": _("Draft"),
}


@dataclass(frozen=True)
class StoryState:
    """Where a story is in the loop, and for changes requested, who asked
    for what, when."""

    code: str
    when: datetime | None = None
    by: object = None
    comment: str = ""

    @property
    def label(self):
        return LABELS[self.code]


def story_states(articles):
    """Article pk -> StoryState, for a few articles in three queries."""
    articles = list(articles)
    if not articles:
        return {}
    content_type = ContentType.objects.get_for_model(type(articles[0]))
    ids = [str(article.pk) for article in articles]
    open_reviews = {
        int(state.object_id): state
        for state in WorkflowState.objects.filter(
            base_content_type=content_type,
            object_id__in=ids,
            status__in=[
                WorkflowState.STATUS_IN_PROGRESS,
                WorkflowState.STATUS_NEEDS_CHANGES,
            ],
        ).select_related("current_task_state__finished_by")
    }
    scheduled = dict(
        Revision.objects.filter(
            base_content_type=content_type,
            object_id__in=ids,
            approved_go_live_at__isnull=False,
        ).values_list("object_id", "approved_go_live_at")
    )
    return {
        article.pk: _state(
            article, open_reviews.get(article.pk), scheduled.get(str(article.pk))
        )
        for article in articles
    }


def _state(article, review, go_live_at):
    if review is not None and review.status == WorkflowState.STATUS_NEEDS_CHANGES:
        decision = review.current_task_state
        return StoryState(
            "changes_requested",
            when=decision.finished_at if decision else None,
            by=decision.finished_by if decision else None,
            comment=decision.comment if decision else "",
        )
    if review is not None:
        return StoryState("in_review", when=review.created_at)
    if go_live_at is not None:
        return StoryState("scheduled", when=go_live_at)
    if article.live:
        code = "live_draft" if article.has_unpublished_changes else "live"
        return StoryState(code, when=article.last_published_at)
    return StoryState("draft", when=article.updated_at)


class NotesEditViewMixin:
    """For the article's edit view: saves the note typed in the notes panel
    with the form, and takes the panel's review decision with that note as
    the reviewer's comment (so it reaches the reporter's dashboard and the
    notification email)."""

    def _note(self):
        return self.request.POST.get(NOTE_FIELD, "").strip()

    def _decision(self):
        decision = self.request.POST.get(DECISION_FIELD)
        return decision if decision in DECISIONS else None

    def workflow_action_is_valid(self):
        decision = self._decision()
        if decision is None:
            return super().workflow_action_is_valid()
        if not self.current_workflow_task:
            return False  # the review ended after the page was loaded
        self.workflow_action = decision
        allowed = self.current_workflow_task.get_actions(self.object, self.request.user)
        return decision in {name for name, _label, _modal in allowed}

    def get_action(self, request):
        if self._decision() and "workflow-action" in self.get_available_actions():
            return "workflow-action"
        return super().get_action(request)

    def save_instance(self):
        instance = super().save_instance()
        taking_decision = self.action == "workflow-action" and self._decision()
        if not taking_decision and notes.may_write(self.request.user, instance):
            # Before the action: a "Resubmit" sends the editors an email
            # that should carry the note written with it.
            notes.add_note(instance, self.request.user, self._note())
        return instance

    def workflow_action_action(self):
        if not self._decision():
            return super().workflow_action_action()
        comment = self._note()[: notes.MAX_LENGTH]
        if self.workflow_action == "reject" and not comment:
            messages.error(
                self.request,
                gettext("Say what needs changing: write it in the note box."),
            )
            return None
        self.object.current_workflow_task.on_action(
            self.object.current_workflow_task_state,
            self.request.user,
            self.workflow_action,
            comment=comment,
        )
        return None


class ReviewQueuePanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "Awaiting your review" dashboard panel, with each story's
    latest note or review comment under its title."""

    template_name = "newsroom/home/awaiting_review.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        states = context["states"]
        pks = [state["obj"].pk for state in states if _is_article(state["obj"])]
        latest = notes.latest_entries(pks)
        for state in states:
            found = _is_article(state["obj"]) and latest.get(state["obj"].pk)
            state["latest_note"] = found or None
        return context


def _is_article(obj):
    return obj._meta.label == "newsroom.Article"
