"""Old addresses in the admin: what an import kept, to look up and mend.

Under Settings, for those allowed to change them (administrators): an
address that pointed somewhere wrong can be corrected or deleted, and a
new one added by hand (an old campaign page, a print edition's short
link).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from khabar.importers.legacy import SLUG, link_key, target
from khabar.importers.models import LegacyPath


class OldAddressForm(WagtailAdminModelForm):
    def clean_path(self):
        """The key of what was typed: a path as a browser shows it (any
        spelling), a plain link's query, or ``slug:`` and a slug."""
        text = self.cleaned_data["path"].strip()
        if text.startswith(SLUG):
            return SLUG + text.removeprefix(SLUG).strip("/").lower()
        if not text.startswith(("/", "?")):
            raise forms.ValidationError(
                _("Give the old path from its first slash, e.g. /2019/05/old-story/.")
            )
        path, mark, query = text.partition("?")
        return link_key(path) + mark + query.lower()

    def clean(self):
        cleaned = super().clean()
        kind, object_id = cleaned.get("kind"), cleaned.get("object_id")
        if kind and kind != LegacyPath.Kind.SITE and target(kind, object_id) is None:
            self.add_error(
                "object_id",
                _("No public %(kind)s has this id.")
                % {"kind": LegacyPath.Kind(kind).label},
            )
        return cleaned


class OldAddressViewSet(SnippetViewSet):
    model = LegacyPath
    icon = "redirect"
    menu_label = _("Old addresses")
    add_to_settings_menu = True
    list_display = ["path", "kind", "object_id", "source"]
    list_filter = ["kind"]
    search_fields = ["path"]
    search_backend_name = None  # the database's own LIKE: no search index
    ordering = ["path"]
    edit_handler = ObjectList(
        [FieldPanel("path"), FieldPanel("kind"), FieldPanel("object_id")],
        base_form_class=OldAddressForm,
    )


register_snippet(OldAddressViewSet)
