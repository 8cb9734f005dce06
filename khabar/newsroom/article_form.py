"""The article's edit form: its panels, in three tabs.

A reporter writes in the first tab (content), files the story in the second
(metadata: byline, tags, how search engines and shared links show it) and an
editor schedules and corrects it in the third (publishing). Panels other apps
add (panels.py) close the last tab.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
    TabbedInterface,
)

from khabar.newsroom.panels import article_panels
from khabar.newsroom.tag_widget import TagNamesField

CONTENT = [
    FieldPanel("kicker"),
    FieldPanel("title"),
    FieldPanel("summary"),
    # Section and the breaking flags stay on the first tab: a breaking flash
    # is written, filed and flagged without leaving it.
    FieldRowPanel(
        [
            FieldPanel("section"),
            FieldPanel("is_breaking"),
            FieldPanel("breaking_hours"),
        ]
    ),
    MultiFieldPanel(
        [
            FieldPanel("lead_image"),
            FieldRowPanel(
                [FieldPanel("lead_image_caption"), FieldPanel("lead_image_credit")]
            ),
        ],
        heading=_("Lead image"),
    ),
    FieldPanel("body"),
]

METADATA = [
    InlinePanel("article_authors", label=_("Authors"), min_num=0),
    FieldPanel("tags"),
    MultiFieldPanel(
        [FieldPanel("seo_title"), FieldPanel("search_description")],
        heading=_("Search and sharing"),
        help_text=_(
            "See how the story looks when shared: Preview, then choose "
            "“Social preview”."
        ),
    ),
]

PUBLISHING = [
    InlinePanel(
        "corrections",
        label=_("Corrections and updates"),
        help_text=_(
            "When you change a published story, say what changed in a short "
            "public note. It is shown under the story with its time."
        ),
    ),
    PublishingPanel(),
]


class ArticleForm(WagtailAdminModelForm):
    """The article's form, with tags typed rather than picked from a list."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "tags" in self.fields:
            user = self.for_user
            old = self.fields["tags"]
            self.fields["tags"] = TagNamesField(
                label=old.label,
                help_text=old.help_text,
                can_create=bool(user and user.has_perm("newsroom.add_tag")),
            )


#: ``Article.panels``: every panel of the form, in the order of the tabs.
PANELS = [*CONTENT, *METADATA, *PUBLISHING]


def article_edit_handler(model):
    """The tabbed form of *model* (Article): the story's notes under what
    the reporter writes, and the panels other apps added
    (``panels.add_article_panel()``) at the end of the last tab."""
    # Here, not at import: models.py imports this module for PANELS.
    from khabar.newsroom.notes_panel import NotesPanel

    added = article_panels([])
    return TabbedInterface(
        [
            # An editor's note asks for a change in the text: it is read
            # beside the text, not two tabs away.
            ObjectList([*CONTENT, NotesPanel()], heading=_("Content")),
            ObjectList(METADATA, heading=_("Metadata")),
            ObjectList([*PUBLISHING, *added], heading=_("Publishing")),
        ],
        base_form_class=ArticleForm,
    ).bind_to_model(model)
