"""Tags typed with autocomplete on the article form, for Khabar's Tag model.

Wagtail's tag field (the ``w-tag`` controller around tag-it, already loaded
by every admin page) is made for django-taggit's models; Khabar's ``Tag`` is
its own model behind a many-to-many field. So the widget here is Wagtail's,
pointed at Khabar's autocomplete view, and the form field turns the names
typed back into ``Tag`` rows: existing ones, and new ones when the user may
add tags.
"""

import json

from django import forms
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from taggit.utils import edit_string_for_tags, parse_tags
from wagtail.admin.widgets import AdminTagWidget

from khabar.newsroom.taxonomy import Tag

#: How many names the autocomplete offers for what was typed.
SUGGESTIONS = 10


class TagAutocomplete(AdminTagWidget):
    """Wagtail's tag field, suggesting Khabar's tags as one types.

    ``can_create`` is set by :class:`TagNamesField`: without it, only names
    of existing tags are accepted by the field.
    """

    can_create = False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-w-tag-url-value"] = reverse(
            "newsroom_tag_autocomplete"
        )
        context["widget"]["attrs"]["data-w-tag-options-value"] = json.dumps(
            {"allowSpaces": True, "tagLimit": None, "autocompleteOnly": False}
        )
        context["widget"]["help_text"] = (
            _("Type to find a tag; a new name adds a tag.")
            if self.can_create
            else _("Type to find a tag.")
        )
        return context

    def format_value(self, value):
        # The form's initial value is a list of ids (or of tags, once bound
        # to a revision); the field shows their names.
        if isinstance(value, str) or value is None:
            return value or ""
        tags = [t for t in value if isinstance(t, Tag)]
        ids = [t for t in value if not isinstance(t, Tag)]
        if ids:
            tags += list(Tag.objects.filter(pk__in=ids))
        return edit_string_for_tags(tags)


class TagNamesField(forms.Field):
    """Names typed in a :class:`TagAutocomplete`, cleaned to ``Tag`` rows."""

    widget = TagAutocomplete

    def __init__(self, *, can_create, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.can_create = can_create
        self.widget.can_create = can_create

    def prepare_value(self, value):
        return value

    def clean(self, value):
        names = parse_tags(value or "")
        if self.required and not names:
            raise forms.ValidationError(self.error_messages["required"])
        found = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
        missing = [name for name in names if name not in found]
        if missing and not self.can_create:
            raise forms.ValidationError(
                _("No tag is named %(names)s; choose one of the suggestions.")
                % {"names": "، ".join(missing)}
            )
        for name in missing:
            # Made now, while the form is checked: an unsaved tag cannot be
            # held by the article's draft. A form that then fails leaves an
            # unused tag, which the next story can use.
            found[name], _created = Tag.objects.get_or_create(name=name[:100])
        return [found[name] for name in names]

    def has_changed(self, initial, data):
        initial_names = set(parse_tags(self.widget.format_value(initial)))
        return initial_names != set(parse_tags(data or ""))


def tag_autocomplete(request):
    """The names of up to ten tags that contain what was typed (``term``),
    those that begin with it first."""
    term = request.GET.get("term", "").strip()[:100]
    if not term:
        return JsonResponse([], safe=False)
    names = list(
        Tag.objects.filter(name__istartswith=term)
        .order_by("name")
        .values_list("name", flat=True)[:SUGGESTIONS]
    )
    if len(names) < SUGGESTIONS:
        names += (
            Tag.objects.filter(name__icontains=term)
            .exclude(name__in=names)
            .order_by("name")
            .values_list("name", flat=True)[: SUGGESTIONS - len(names)]
        )
    return JsonResponse(names, safe=False)
