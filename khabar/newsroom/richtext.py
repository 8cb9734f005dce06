"""The newsroom's rich-text widget: Draftail, refusing what it never sends.

Draftail posts its content as JSON (contentstate). A request crafted by
hand can post anything else, and Wagtail's widget then raises an exception
out of form validation, and again while showing the form: a 500 instead
of a form error. This widget turns such a value into a marker that the
paragraph block refuses with a message, and that shows as an empty
paragraph when the form comes back.
"""

from wagtail.admin.rich_text import DraftailRichTextArea

from khabar.newsroom.blocks import NOT_FROM_EDITOR


class RichTextArea(DraftailRichTextArea):
    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError):
            return NOT_FROM_EDITOR
