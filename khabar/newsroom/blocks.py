"""The blocks an article body is made of."""

import nh3
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText, expand_db_html

# What the newsroom's rich-text widget (richtext.py) answers for a value
# that did not come from the editor; the paragraph block refuses it.
NOT_FROM_EDITOR = '<p data-khabar="not-from-editor"></p>'
NOT_FROM_EDITOR_MESSAGE = _(
    "This text did not come from the editor: type or paste it into the editor again."
)

# What a reporter may format inside a paragraph.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# The same features as stored HTML. Wagtail keeps internal links as
# <a linktype="…" id="…">, so those attributes stay too.
PARAGRAPH_TAGS = {"p", "b", "i", "a", "ol", "ul", "li", "br"}
PARAGRAPH_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
#: The link schemes readers may follow from anything Khabar publishes.
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Templates that render blocks for readers, by block class. The markup is
# the site's, a layer above that the newsroom never imports: the site
# registers its templates here when it is ready (docs/architecture.md).
_templates = {}


def register_template(block_class, template_name):
    """Render *block_class* (and its subclasses) with *template_name*."""
    _templates[block_class] = template_name


class RegisteredTemplateMixin:
    """A block rendered by the template registered for its class, or, when
    none is, by ``render_basic()``."""

    def get_template(self, value=None, context=None):
        for cls in type(self).__mro__:
            if cls in _templates:
                return _templates[cls]
        return super().get_template(value, context=context)


def sanitise_paragraph(source: str) -> str:
    """Reduce *source* to what a paragraph may hold (nh3, an allow-list).

    The editor's converter already drops unknown markup; this is the server's
    own guarantee, whatever a client posts. Imported paragraphs pass through
    it too (khabar/importers/sanitise.py): one list decides what a paragraph
    may hold.
    """
    return nh3.clean(
        source,
        tags=PARAGRAPH_TAGS,
        attributes=PARAGRAPH_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


class ParagraphBlock(blocks.RichTextBlock):
    def clean(self, value):
        if value is not None and getattr(value, "source", value) == NOT_FROM_EDITOR:
            raise ValidationError(NOT_FROM_EDITOR_MESSAGE)
        value = super().clean(value)
        return RichText(sanitise_paragraph(value.source))

    def render_basic(self, value, context=None):
        # Stored paragraphs are sanitised (clean() and the importer); only
        # Wagtail's internal links need expanding. Without a template: two
        # template renders per paragraph were a tenth of an article page.
        return mark_safe(expand_db_html(value.source))


class SubheadingBlock(blocks.CharBlock):
    def render_basic(self, value, context=None):
        return format_html("<h2>{}</h2>", value)


class QuotationBlock(RegisteredTemplateMixin, blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quotation")


class ImageBlock(RegisteredTemplateMixin, blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)
    credit = blocks.CharBlock(label=_("credit"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")


class EmbedBlock(RegisteredTemplateMixin, blocks.StructBlock):
    """A link to outside media, shown as a card: readers' browsers never
    contact a third-party host unless the reader follows the link."""

    url = blocks.URLBlock(label=_("address"))
    title = blocks.CharBlock(label=_("title"), required=False)

    class Meta:
        icon = "media"
        label = _("Embed")


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock(features=PARAGRAPH_FEATURES, label=_("Paragraph"))
    subheading = SubheadingBlock(label=_("Subheading"), icon="title")
    quotation = QuotationBlock()
    image = ImageBlock()
    embed = EmbedBlock()
