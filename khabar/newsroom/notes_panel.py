"""The notes panel of the article's edit screen: the story's thread, a box
for a new note, and for its reviewer the decision beside the box."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from khabar.newsroom import notes
from khabar.newsroom.review import DECISION_FIELD, NOTE_FIELD


class NotesPanel(Panel):
    """Internal notes between the reporter and the editors; never public."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Internal notes"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "notes"

    class BoundPanel(Panel.BoundPanel):
        template_name = "newsroom/notes/panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            article, user = self.instance, self.request.user
            context.update(note_field=NOTE_FIELD, decision_field=DECISION_FIELD)
            if article is None or article.pk is None:
                context["saved"] = False
                return context
            context.update(
                saved=True,
                entries=notes.thread(article),
                may_write=notes.may_write(user, article),
                add_url=reverse("newsroom_notes:add", args=[article.pk]),
                decisions=_decisions(article, user),
                # A form sent back with errors keeps the note typed in it.
                typed=self.request.POST.get(NOTE_FIELD, ""),
            )
            return context


def _decisions(article, user):
    """The review decisions *user* may take on *article* now: a subset of
    ("reject", "approve")."""
    task = article.current_workflow_task
    if task is None:
        return ()
    names = {name for name, _label, _modal in task.get_actions(article, user)}
    return tuple(name for name in ("reject", "approve") if name in names)
